"""Excel import of programmes and organisations: check everything first, then write it all.

``moc_portal.core.sheet_import`` checks and reads the file and its header,
``moc_portal.core.sheet_cells`` converts each cell (both shared with the other imports);
``program_rows`` (with ``program_candidates``, one row as a programme) and
``organisation_rows`` turn the rows into a preview and write it in one transaction, or nothing.
``error_report`` writes the rows with errors back, each with its reasons. The import's
background job and its states are ``programs.jobs``.
"""
