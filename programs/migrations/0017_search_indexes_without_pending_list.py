from django.db import migrations

from moc_portal.core.migrations_ops import PostgresOnlySQL

SEARCH_INDEXES = ["programs_published_search_vector_gin", "programs_published_search_title_trgm"]


class Migration(migrations.Migration):
    """The catalogue's search indexes without GIN's pending list (fastupdate). With it, new and
    changed rows wait in an unsorted list, up to 4 MB, until a vacuum merges them, and every
    search reads that whole list: after a bulk publication a search that finds nothing read
    450 pages instead of 50 (8 ms instead of 0.5 ms on 50,000 programmes). The catalogue is
    written by moderation a few times a day and searched all the time."""

    dependencies = [("programs", "0016_spreadsheet_job_kinds")]

    operations = [
        PostgresOnlySQL(
            f"ALTER INDEX {name} SET (fastupdate = off); SELECT gin_clean_pending_list('{name}')",
            f"ALTER INDEX {name} RESET (fastupdate)",
        )
        for name in SEARCH_INDEXES
    ]
