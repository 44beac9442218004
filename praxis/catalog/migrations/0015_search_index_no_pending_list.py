"""PostgreSQL: the GIN indexes of the course and lesson search tables write each new row into
the index itself (fastupdate off) instead of into a pending list, and the rows waiting there are
moved into the index now.

With a pending list, every search reads the whole list (up to gin_pending_list_limit, 4 MB) and
checks each row in it against the query, until a VACUUM empties it: measured on the large
benchmark ecosystem, 147 pending pages of lesson titles and 364 of course documents made a
search's lookup of a common term about ten times slower than the index alone. Writing into the
index directly costs a little more per saved course or lesson, which are written rarely."""

from django.db import migrations

from praxis.core.migration_sql import per_database

INDEXES = ("catalog_course_search_document", "catalog_lesson_search_document")


class Migration(migrations.Migration):
    dependencies = [("catalog", "0014_search_stems_as_written")]

    operations = [
        per_database(
            {
                "postgresql": [
                    *(f"ALTER INDEX {index} SET (fastupdate = off)" for index in INDEXES),
                    *(f"SELECT gin_clean_pending_list('{index}'::regclass)" for index in INDEXES),
                ]
            },
            {"postgresql": [f"ALTER INDEX {index} RESET (fastupdate)" for index in INDEXES]},
        )
    ]
