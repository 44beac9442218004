"""PostgreSQL: the GIN index of the community search table writes each new row into the index
itself (fastupdate off) instead of into a pending list, and the rows waiting there are moved into
the index now: every search read the whole pending list and checked each of its rows against the
query until a VACUUM emptied it (see catalog 0015)."""

from django.db import migrations

from praxis.core.migration_sql import per_database

INDEX = "community_search_document"


class Migration(migrations.Migration):
    dependencies = [("community", "0012_search_chinese_terms")]

    operations = [
        per_database(
            {
                "postgresql": [
                    f"ALTER INDEX {INDEX} SET (fastupdate = off)",
                    f"SELECT gin_clean_pending_list('{INDEX}'::regclass)",
                ]
            },
            {"postgresql": [f"ALTER INDEX {INDEX} RESET (fastupdate)"]},
        )
    ]
