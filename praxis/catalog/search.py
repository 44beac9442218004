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

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection
from django.db.models import FloatField, Q, QuerySet, Value
from django.db.models.expressions import RawSQL

from praxis.catalog.lesson_search import index_course_lessons
from praxis.catalog.models import Course, Enrolment, Lesson
from praxis.core.languages import language_sql
from praxis.core.text_index import index_first, postgres_condition, sqlite_condition
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

__all__ = ["CJK", "best_matches", "fold", "forget_course", "reindex_course", "search", "terms"]

SQLITE_TABLE = "catalog_course_fts"
POSTGRES_TABLE = "catalog_course_search"


def terms(query: str) -> list[str]:
    """The distinct words of a query, folded; punctuation alone gives none."""
    return words(query)


def _document(course: Course) -> dict[str, str]:
    """The course's text by index column, as written (folded where it is stored)."""
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
        "title": course.title,
        "summary": course.summary,
        "objectives": "\n".join([*objectives, *transcripts]),
        "topics": "\n".join(topic_names),
    }


def unweighted_words(texts: Iterable[str], language: str) -> str:
    """What a course's `document` holds beyond its weighted text (weight D), given its texts as
    written and its language: every folded word, the stems of every written word (see
    text_search.stems) and every Chinese term. Also used by the migration that restems the
    index."""
    written = "\n".join(texts)
    everything = fold(written)
    return "\n".join([everything, document_stems(written, language), chinese_terms(everything)])


def reindex_course(course: Course) -> None:
    """Bring the search index up to date with `course` (every status: the queries filter)."""
    written = _document(course)
    document = {column: fold(text) for column, text in written.items()}
    index_changed()
    index_course_lessons(course.pk)
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
            # `ranking` is the weighted text alone (A, B, C): small enough to stay in the row,
            # it scores the matches that `document` (with D: stems, other scripts, Chinese
            # terms) finds without each score reading and decompressing a whole document.
            cursor.execute(
                f"INSERT INTO {POSTGRES_TABLE} (course_id, title, content, document, ranking)"  # noqa: S608  # table names are constants; values are bound
                " SELECT %s, %s, %s, weighted.ranking || setweight(to_tsvector('simple', %s), 'D'),"
                " weighted.ranking FROM (SELECT"
                " setweight(to_tsvector(%s::regconfig, %s), 'A')"
                " || setweight(to_tsvector(%s::regconfig, %s), 'B')"
                " || setweight(to_tsvector(%s::regconfig, %s), 'C') AS ranking) AS weighted"
                " ON CONFLICT (course_id) DO UPDATE SET title = EXCLUDED.title,"
                " content = EXCLUDED.content, document = EXCLUDED.document,"
                " ranking = EXCLUDED.ranking",
                [
                    course.pk,
                    document["title"],
                    everything,
                    unweighted_words(written.values(), course.language),
                    config,
                    document["title"],
                    config,
                    document["summary"],
                    config,
                    document["objectives"] + "\n" + document["topics"],
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
        condition = postgres_condition(
            groups,
            chinese_indexed=True,
            rank_column="ranking",
            table=POSTGRES_TABLE,
            key="course_id",
        )
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


def best_matches(
    queryset: QuerySet[Course],
    query: str,
    vocabulary: Vocabulary | None,
    languages: Sequence[str],
    limit: int,
) -> list[int]:
    """The ids of the first `limit` courses of `queryset` that `search` would list, in the
    order the combined search shows them: in the reader's `languages` first (in their order),
    then by relevance (a translation group ranks as its best-matching member), then the course
    more people enrolled on, the newest, by title. One statement: the index is matched once,
    each match scored once and grouped by translation group, and popularity is counted only for
    the candidates still tied for a place once language and relevance have ordered them."""
    groups = read(query, vocabulary, languages).groups
    if not groups or limit <= 0:
        return []
    if connection.vendor == "sqlite":
        condition = sqlite_condition(SQLITE_TABLE, SQLITE_COLUMNS, SQLITE_WEIGHTS, groups)
        rank = condition.rank.replace("{members}", f"{SQLITE_TABLE}.rowid")
        table, key = SQLITE_TABLE, "rowid"
    elif connection.vendor == "postgresql":
        condition = postgres_condition(
            groups,
            chinese_indexed=True,
            rank_column="ranking",
            table=POSTGRES_TABLE,
            key="course_id",
        )
        rank, table, key = condition.rank, POSTGRES_TABLE, "course_id"
    else:
        ordered = search(queryset, query, vocabulary, languages).order_by("title", "id")
        return list(ordered.values_list("id", flat=True)[:limit])
    wanted = list(languages)
    whens: list[str] = []
    language_params: list[Any] = []
    for position, tag in enumerate(wanted):
        clause, values = language_sql("c.language", [tag])
        whens.append(f"WHEN {clause} THEN {position}")
        language_params.extend(values)
    in_language = f"CASE {' '.join(whens)} ELSE {len(wanted)} END" if whens else "0"
    allowed_sql, allowed_params = queryset.order_by().values("id").query.sql_with_params()
    courses, enrolments = Course._meta.db_table, Enrolment._meta.db_table
    sql = (
        f"WITH hit AS (SELECT {key} AS course_id, {rank} AS score"  # noqa: S608  # built from constants; values are bound
        f" FROM {table} WHERE {condition.sql}),"
        " grp AS (SELECT COALESCE(m.translation_group_id, -m.id) AS g, MAX(hit.score) AS score"
        f" FROM hit JOIN {courses} m ON m.id = hit.course_id"
        " GROUP BY COALESCE(m.translation_group_id, -m.id)),"
        # A group's members through the index on their group, a course alone by its id.
        " member AS (SELECT c.id, grp.score FROM grp"
        f" JOIN {courses} c ON c.translation_group_id = grp.g WHERE grp.g > 0"
        f" UNION ALL SELECT c.id, grp.score FROM grp JOIN {courses} c ON c.id = -grp.g"
        " WHERE grp.g < 0),"
        " candidate AS (SELECT c.id, c.published_at, c.title, member.score,"
        f" {in_language} AS in_language"
        f" FROM member JOIN {courses} c ON c.id = member.id"
        f" WHERE EXISTS (SELECT 1 FROM ({allowed_sql}) allowed WHERE allowed.id = c.id)),"
        " tiered AS (SELECT candidate.*, DENSE_RANK() OVER"
        " (ORDER BY in_language, score DESC) AS tier FROM candidate)"
        " SELECT id FROM tiered WHERE tier <= %s ORDER BY in_language, score DESC,"
        f" (SELECT COUNT(*) FROM {enrolments} e WHERE e.course_id = tiered.id) DESC,"
        " published_at DESC NULLS LAST, title, id LIMIT %s"
    )
    params = [
        *condition.rank_params,
        *condition.params,
        *language_params,
        *allowed_params,
        limit,
        limit,
    ]
    with index_first(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [int(row[0]) for row in cursor.fetchall()]


def _portable_search(queryset: QuerySet[Course], groups: list[list[str]]) -> QuerySet[Course]:
    # Any other database: substring matching on the course's own text, unranked.
    for group in groups:
        match = Q()
        for alternative in group:
            match |= Q(title__icontains=alternative) | Q(summary__icontains=alternative)
        queryset = queryset.filter(match)
    return queryset.annotate(search_rank=Value(0.0, output_field=FloatField()))
