"""On PostgreSQL, the community search rows that hold Chinese gain its terms as words of their
`document` (every run of one to four Chinese characters: praxis.core.text_search.chinese_terms),
as the course and lesson indexes hold them, so that a Chinese term of a query is looked up in
the GIN index instead of in the text of every row holding Chinese. Rows are read and written in
batches; nothing on other databases, whose index matches substrings; nothing to undo (the terms
only add matches the text already holds)."""

from typing import Any

from django.db import migrations

from praxis.core.text_index import has_cjk_sql
from praxis.core.text_search import chinese_terms

BATCH = 500


def add_chinese_terms(apps: Any, schema_editor: Any) -> None:
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    last = -1
    while True:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT key, content FROM community_search"  # noqa: S608  # a constant predicate
                f" WHERE {has_cjk_sql('content')} AND key > %s ORDER BY key LIMIT %s",
                [last, BATCH],
            )
            rows = cursor.fetchall()
            if not rows:
                return
            cursor.executemany(
                "UPDATE community_search SET document = document"
                " || setweight(to_tsvector('simple', %s), 'D') WHERE key = %s",
                [(chinese_terms(content), key) for key, content in rows],
            )
        last = rows[-1][0]


class Migration(migrations.Migration):
    dependencies = [("community", "0011_search_stems_as_written")]

    operations = [migrations.RunPython(add_chinese_terms, migrations.RunPython.noop)]
