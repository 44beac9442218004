"""The course search index: an FTS5 table on SQLite, a tsvector table with a GIN index on
PostgreSQL, nothing elsewhere (search then falls back to substring matching).

The tables live beside the models, not in them: praxis.catalog.search reads and writes them.
Neither has a foreign key to the course table, so that Django can still empty the database
table by table (flush); search only ever returns course ids that exist.
"""

import sqlite3

from django.db import migrations

# The trigram tokenizer (SQLite 3.34+) matches any three characters in any script; older
# libraries get word matching, which still serves languages that separate words with spaces.
TOKENIZER = "trigram" if sqlite3.sqlite_version_info >= (3, 34, 0) else "unicode61"
SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE catalog_course_fts"
    f" USING fts5(title, summary, objectives, topics, tokenize = '{TOKENIZER}')"
)
SQLITE_DROP = "DROP TABLE IF EXISTS catalog_course_fts"

POSTGRES_CREATE = [
    "CREATE TABLE catalog_course_search ("
    " course_id bigint PRIMARY KEY,"
    " title text NOT NULL,"
    " content text NOT NULL,"
    " document tsvector NOT NULL)",
    "CREATE INDEX catalog_course_search_document ON catalog_course_search USING GIN (document)",
]
POSTGRES_DROP = ["DROP TABLE IF EXISTS catalog_course_search"]


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)
    elif vendor == "postgresql":
        for statement in POSTGRES_CREATE:
            schema_editor.execute(statement)


def drop_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)
    elif vendor == "postgresql":
        for statement in POSTGRES_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
