"""On PostgreSQL, indexes for the search of lesson titles and Chinese text: a folding function
that an index may use (unaccent, lower case, Arabic letter variants made one, as
praxis.core.text_search.fold folds; declared IMMUTABLE, which unaccent with its dictionary named
is in practice), a trigram index over the folded titles, so that a substring of a title is found
without reading every lesson, and a partial index of the lessons whose title holds Chinese
characters, among which a Chinese term is looked for as a substring (praxis.core.text_index).
Nothing on other databases."""

from django.db import migrations

from praxis.core.migration_sql import per_database
from praxis.core.text_index import FOLD_FUNCTION_SQL, has_cjk_sql

INDEXES = (
    "catalog_lesson_title_folded",
    "catalog_lesson_title_chinese",
)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0011_external_tools")]

    operations = [
        # Extensions created as plain statements: Django's extension operations query
        # PostgreSQL's catalogue even on SQLite when a migration is reversed. Reversing keeps
        # them, and the folding function, which later migrations may use.
        per_database(
            {
                "postgresql": [
                    "CREATE EXTENSION IF NOT EXISTS unaccent",
                    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
                    FOLD_FUNCTION_SQL,
                    f"CREATE INDEX {INDEXES[0]} ON catalog_lesson"
                    " USING gin (praxis_fold(title) gin_trgm_ops)",
                    f"CREATE INDEX {INDEXES[1]} ON catalog_lesson (id)"
                    f" WHERE {has_cjk_sql('title::text')}",
                ]
            },
            {"postgresql": [f"DROP INDEX IF EXISTS {index}" for index in INDEXES]},
        ),
    ]
