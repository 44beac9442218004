"""The search index of lesson titles, beside the course index (praxis.catalog.search).

A side table that migration 0013 creates for the database in use and fills, kept current as
lessons are saved or deleted (connected at start-up: lessons are written by the authoring,
package and version code paths alike) and as their course is reindexed:

- SQLite: an FTS5 table with the trigram tokenizer, keyed by the lesson's id, holding its
  folded title (a substring match in any script, as for courses).
- PostgreSQL: a tsvector per lesson, built with the configuration of its course's language plus
  a 'simple' copy with every word's stems and every run of up to four Chinese characters, with a
  GIN index: a word of a title is found without reading, or folding, every title.

Rows name lessons only; the query keeps those of published courses, so publishing, archiving
and deleting need no more than the lesson's own row.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save

from praxis.catalog.models import Lesson
from praxis.core.text_index import postgres_condition, sqlite_condition
from praxis.core.text_search import chinese_terms, document_stems, fold, postgres_config

SQLITE_TABLE = "catalog_lesson_fts"
POSTGRES_TABLE = "catalog_lesson_search"


def write_rows(cursor: Any, vendor: str, rows: Iterable[tuple[int, str, str]]) -> None:
    """Index lessons given as (id, title, language of their course) through `cursor` (also used
    by the migration that fills the index, with its own cursor)."""
    rows = list(rows)
    if not rows:
        return
    if vendor == "sqlite":
        cursor.executemany(
            f"DELETE FROM {SQLITE_TABLE} WHERE rowid = %s",  # noqa: S608  # table names are constants; values are bound
            [(lesson_id,) for lesson_id, _title, _language in rows],
        )
        cursor.executemany(
            f"INSERT INTO {SQLITE_TABLE} (rowid, title) VALUES (%s, %s)",  # noqa: S608  # table names are constants; values are bound
            [(lesson_id, fold(title)) for lesson_id, title, _language in rows],
        )
    elif vendor == "postgresql":
        values = []
        for lesson_id, title, language in rows:
            folded = fold(title)
            # Stemmed as written: see text_search.stems.
            words = f"{folded}\n{document_stems(title, language)}\n{chinese_terms(folded)}"
            values.append((lesson_id, folded, postgres_config(language), folded, words))
        cursor.executemany(
            f"INSERT INTO {POSTGRES_TABLE} (lesson_id, content, document) VALUES (%s, %s,"  # noqa: S608  # table names are constants; values are bound
            " to_tsvector(%s::regconfig, %s) || to_tsvector('simple', %s))"
            " ON CONFLICT (lesson_id) DO UPDATE SET content = EXCLUDED.content,"
            " document = EXCLUDED.document",
            values,
        )


def index_lessons(lessons: QuerySet[Lesson]) -> None:
    """Bring the index up to date with `lessons`: one query for them, one statement for their
    rows."""
    if connection.vendor not in ("sqlite", "postgresql"):
        return
    rows = lessons.values_list("id", "title", "module__course__language")
    with connection.cursor() as cursor:
        write_rows(cursor, connection.vendor, list(rows))


def index_course_lessons(course_id: int) -> None:
    """Index every lesson of a course."""
    index_lessons(Lesson.objects.filter(module__course_id=course_id))


def forget_lesson(lesson_id: int) -> None:
    table, key = (
        (SQLITE_TABLE, "rowid") if connection.vendor == "sqlite" else (POSTGRES_TABLE, "lesson_id")
    )
    if connection.vendor in ("sqlite", "postgresql"):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table} WHERE {key} = %s", [lesson_id])  # noqa: S608  # table names are constants; values are bound


def matching_sql(groups: list[list[str]], candidates: int) -> tuple[str, list[Any]] | None:
    """SQL selecting the ids of the most recent `candidates` lessons whose title matches every
    group of a read query, with its parameters; None on a database without the index. A common
    word matches tens of thousands of lesson titles: the caller orders a bounded set."""
    if connection.vendor == "sqlite":
        condition = sqlite_condition(SQLITE_TABLE, ("title",), (1.0,), groups)
        sql = f"SELECT rowid FROM {SQLITE_TABLE} WHERE {condition.sql} ORDER BY rowid DESC LIMIT %s"  # noqa: S608  # table names are constants; values are bound
        return sql, [*condition.params, candidates]
    if connection.vendor == "postgresql":
        condition = postgres_condition(
            groups, chinese_indexed=True, table=POSTGRES_TABLE, key="lesson_id"
        )
        sql = f"SELECT lesson_id FROM ({condition.keys}) found ORDER BY lesson_id DESC LIMIT %s"  # noqa: S608  # built from constants; values are bound
        return sql, [*condition.keys_params, candidates]
    return None


def _on_saved(sender: Any, instance: Lesson, **kwargs: Any) -> None:
    fields = kwargs.get("update_fields")
    if fields is None or "title" in fields or "module" in fields:
        index_lessons(Lesson.objects.filter(pk=instance.pk))


def _on_deleted(sender: Any, instance: Lesson, **kwargs: Any) -> None:
    forget_lesson(instance.pk)


def connect() -> None:
    """Keep the index current whichever code path saves or deletes a lesson (bulk inserts,
    which send no signal, are indexed with their course: `index_course_lessons`)."""
    post_save.connect(_on_saved, sender=Lesson, dispatch_uid="lesson-search-saved")
    post_delete.connect(_on_deleted, sender=Lesson, dispatch_uid="lesson-search-deleted")
