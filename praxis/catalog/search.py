"""Full-text search over courses: title, summary, objectives and topic names.

The index is a side table that migration 0002 creates for the database in use, and that
`reindex_course` keeps current; the services call it whenever they change a course.

- SQLite: an FTS5 table with the trigram tokenizer, so that any run of three characters
  matches in any script (Arabic, Cyrillic and Chinese included, none of which the default
  tokenizer splits well). Shorter terms, common in Chinese, fall back to LIKE on the same table.
- PostgreSQL: a tsvector per course, built with the text-search configuration of the course's
  language ('simple' for Arabic and Chinese) plus a 'simple' copy with every word's stems and
  every run of up to four Chinese characters (Chinese has no spaces to split words on), and a GIN
  index: a Chinese term is looked up as such a word, then kept when the text holds it.

Text is folded and queries are read (word forms, health terms in six languages, corrections)
by praxis.core.text_search, the same for every index; a match on any course of a translation
group brings in the whole group, so that the searcher's language can come first.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection
from django.db.models import FloatField, Q, QuerySet, Value
from django.db.models.expressions import RawSQL

from praxis.catalog.models import Course, Lesson
from praxis.core.text_index import postgres_condition, sqlite_condition
from praxis.core.text_search import (
    CJK,
    Vocabulary,
    chinese_terms,
    document_stems,
    fold,
    index_changed,
    postgres_config,
    read,
    words,
)

__all__ = ["CJK", "fold", "forget_course", "reindex_course", "search", "terms"]

SQLITE_TABLE = "catalog_course_fts"
POSTGRES_TABLE = "catalog_course_search"


def terms(query: str) -> list[str]:
    """The distinct words of a query, folded; punctuation alone gives none."""
    return words(query)


def _document(course: Course) -> dict[str, str]:
    topic_names = (name for topic in course.topics.all() for name in topic.names.values())
    # The lessons' caption transcripts are searched with the objectives (the third weight):
    # what is said in a course's videos finds it, below its title and summary.
    transcripts = (
        str(track.get("text", ""))
        for captions in Lesson.objects.filter(module__course=course, archived=False).values_list(
            "captions", flat=True
        )
        for track in captions
    )
    objectives = [str(item) for item in course.objectives or []]
    return {
        "title": fold(course.title),
        "summary": fold(course.summary),
        "objectives": fold("\n".join([*objectives, *transcripts])),
        "topics": fold("\n".join(topic_names)),
    }


def reindex_course(course: Course) -> None:
    """Bring the search index up to date with `course` (every status: the queries filter)."""
    document = _document(course)
    index_changed()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"DELETE FROM {SQLITE_TABLE} WHERE rowid = %s", [course.pk])  # noqa: S608  # table names are constants; values are bound
            cursor.execute(
                f"INSERT INTO {SQLITE_TABLE} (rowid, title, summary, objectives, topics)"  # noqa: S608  # table names are constants; values are bound
                " VALUES (%s, %s, %s, %s, %s)",
                [course.pk, *document.values()],
            )
        elif connection.vendor == "postgresql":
            config = postgres_config(course.language)
            everything = "\n".join(document.values())
            cursor.execute(
                f"INSERT INTO {POSTGRES_TABLE} (course_id, title, content, document)"  # noqa: S608  # table names are constants; values are bound
                " VALUES (%s, %s, %s,"
                " setweight(to_tsvector(%s::regconfig, %s), 'A')"
                " || setweight(to_tsvector(%s::regconfig, %s), 'B')"
                " || setweight(to_tsvector(%s::regconfig, %s), 'C')"
                " || setweight(to_tsvector('simple', %s), 'D'))"
                " ON CONFLICT (course_id) DO UPDATE SET title = EXCLUDED.title,"
                " content = EXCLUDED.content, document = EXCLUDED.document",
                [
                    course.pk,
                    document["title"],
                    everything,
                    config,
                    document["title"],
                    config,
                    document["summary"],
                    config,
                    document["objectives"] + "\n" + document["topics"],
                    "\n".join(
                        [
                            everything,
                            document_stems(everything, course.language),
                            chinese_terms(everything),
                        ]
                    ),
                ],
            )


def forget_course(course_id: int) -> None:
    """Remove a deleted course from the search index."""
    index_changed()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"DELETE FROM {SQLITE_TABLE} WHERE rowid = %s", [course_id])  # noqa: S608  # table names are constants; values are bound
        elif connection.vendor == "postgresql":
            cursor.execute(f"DELETE FROM {POSTGRES_TABLE} WHERE course_id = %s", [course_id])  # noqa: S608  # table names are constants; values are bound


SQLITE_COLUMNS = ("title", "summary", "objectives", "topics")
SQLITE_WEIGHTS = (10.0, 4.0, 2.0, 2.0)


def search(
    queryset: QuerySet[Course],
    query: str,
    vocabulary: Vocabulary | None = None,
    languages: str | Sequence[str] = (),
) -> QuerySet[Course]:
    """`queryset` narrowed to the courses matching `query`, or sharing a translation group with
    one that does, annotated with `search_rank` (higher is better; a group's members share its
    best). A query without words (empty, punctuation only) leaves the queryset whole. Words are
    stemmed in the reader's `languages` too (see `text_search.read`)."""
    groups = read(query, vocabulary, languages).groups
    if not groups:
        return queryset.annotate(search_rank=Value(0.0, output_field=FloatField()))
    if connection.vendor == "sqlite":
        condition = sqlite_condition(SQLITE_TABLE, SQLITE_COLUMNS, SQLITE_WEIGHTS, groups)
        table, key = SQLITE_TABLE, "rowid"
    elif connection.vendor == "postgresql":
        condition = postgres_condition(groups, chinese_indexed=True)
        table, key = POSTGRES_TABLE, "course_id"
    else:
        return _portable_search(queryset, groups)
    matching = f"SELECT {key} FROM {table} WHERE {condition.sql}"  # noqa: S608  # table names are constants; values are bound
    # The row itself and the courses of its translation group: a group ranks as its best match.
    members = (
        'SELECT member.id FROM catalog_course member WHERE member.id = "catalog_course"."id"'
        ' OR member.translation_group_id = "catalog_course"."translation_group_id"'
    )
    if connection.vendor == "sqlite":
        rank_sql = condition.rank.replace("{members}", members)
    else:
        rank_sql = f"SELECT MAX({condition.rank}) FROM {table} WHERE {key} IN ({members})"  # noqa: S608  # table names are constants; values are bound
    in_matched_group = RawSQL(  # noqa: S611  # built from constants; values are bound
        "SELECT matched.translation_group_id FROM catalog_course matched"  # noqa: S608  # built from constants; values are bound
        f" WHERE matched.id IN ({matching}) AND matched.translation_group_id IS NOT NULL",
        condition.params,
    )
    return queryset.filter(
        Q(id__in=RawSQL(matching, condition.params))  # noqa: S611  # built from constants; values are bound
        | Q(translation_group_id__in=in_matched_group)
    ).annotate(
        search_rank=RawSQL(rank_sql, condition.rank_params, output_field=FloatField())  # noqa: S611  # built from constants; values are bound
    )


def _portable_search(queryset: QuerySet[Course], groups: list[list[str]]) -> QuerySet[Course]:
    # Any other database: substring matching on the course's own text, unranked.
    for group in groups:
        match = Q()
        for alternative in group:
            match |= Q(title__icontains=alternative) | Q(summary__icontains=alternative)
        queryset = queryset.filter(match)
    return queryset.annotate(search_rank=Value(0.0, output_field=FloatField()))
