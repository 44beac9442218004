"""The community search index: an FTS5 table on SQLite, a tsvector table with a GIN index on
PostgreSQL (as for courses, see catalog migration 0002). praxis.community.search reads and writes
it; rows are keyed by item id and kind, with no foreign key, so that flush still works."""

import sqlite3

from django.db import migrations

TOKENIZER = "trigram" if sqlite3.sqlite_version_info >= (3, 34, 0) else "unicode61"
SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE community_search_fts USING fts5(title, body,"
    f" community_id UNINDEXED, language UNINDEXED, tokenize = '{TOKENIZER}')"
)
SQLITE_DROP = "DROP TABLE IF EXISTS community_search_fts"
POSTGRES_CREATE = [
    "CREATE TABLE community_search ("
    " key bigint PRIMARY KEY,"
    " community_id bigint NOT NULL,"
    " language varchar(10) NOT NULL,"
    " title text NOT NULL,"
    " content text NOT NULL,"
    " document tsvector NOT NULL)",
    "CREATE INDEX community_search_document ON community_search USING GIN (document)",
]
POSTGRES_DROP = ["DROP TABLE IF EXISTS community_search"]


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
    dependencies = [("community", "0001_communities_threads_posts")]

    operations = [migrations.RunPython(create_index, drop_index)]
