"""Excel import of programmes and organisations: check everything first, then write it all.

``reading`` checks and reads the file and converts each cell; ``program_rows`` and
``organisation_rows`` turn the rows into a preview and write it in one transaction, or nothing.
The import's background job and its states are ``programs.jobs``.
"""
