"""Search at scale.

- The search index of lesson titles (praxis.catalog.lesson_search): an FTS5 table on SQLite, a
  tsvector table with a GIN index on PostgreSQL, filled with the lessons there are. It replaces
  the trigram index over folded titles of 0012, which had every candidate title folded again on
  each search. Like the course index, the table has no foreign key, so that Django can still
  empty the database table by table; the search only keeps lesson ids that exist.
- PostgreSQL: the course index gains `ranking`, the weighted part of `document` (title A,
  summary B, the rest C) that scores matches without reading the whole document."""

import sqlite3
from typing import Any

from django.db import migrations

from praxis.catalog.lesson_search import write_rows

TOKENIZER = "trigram" if sqlite3.sqlite_version_info >= (3, 34, 0) else "unicode61"
BATCH = 2000

CREATE = {
    "sqlite": [
        f"CREATE VIRTUAL TABLE catalog_lesson_fts USING fts5(title, tokenize = '{TOKENIZER}')"
    ],
    "postgresql": [
        "CREATE TABLE catalog_lesson_search (lesson_id bigint PRIMARY KEY,"
        " content text NOT NULL, document tsvector NOT NULL)",
        "CREATE INDEX catalog_lesson_search_document ON catalog_lesson_search"
        " USING GIN (document)",
        "DROP INDEX IF EXISTS catalog_lesson_title_folded",
        "ALTER TABLE catalog_course_search ADD COLUMN ranking tsvector NOT NULL DEFAULT ''",
        "UPDATE catalog_course_search SET ranking = ts_filter(document, '{a,b,c}')",
    ],
}
DROP = {
    "sqlite": ["DROP TABLE IF EXISTS catalog_lesson_fts"],
    "postgresql": [
        "DROP TABLE IF EXISTS catalog_lesson_search",
        "ALTER TABLE catalog_course_search DROP COLUMN IF EXISTS ranking",
        "CREATE INDEX IF NOT EXISTS catalog_lesson_title_folded ON catalog_lesson"
        " USING gin (praxis_fold(title) gin_trgm_ops)",
    ],
}


def create(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    for statement in CREATE.get(vendor, ()):
        schema_editor.execute(statement)
    if vendor not in CREATE:
        return
    Lesson = apps.get_model("catalog", "Lesson")
    rows = Lesson.objects.order_by("id").values_list("id", "title", "module__course__language")
    batch: list[tuple[int, str, str]] = []
    with schema_editor.connection.cursor() as cursor:
        for row in rows.iterator(chunk_size=BATCH):
            batch.append(row)
            if len(batch) >= BATCH:
                write_rows(cursor, vendor, batch)
                batch = []
        write_rows(cursor, vendor, batch)


def drop(apps: Any, schema_editor: Any) -> None:
    for statement in DROP.get(schema_editor.connection.vendor, ()):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0012_search_indexes")]

    operations = [migrations.RunPython(create, drop)]
