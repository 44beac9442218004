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
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import RawSQL

from praxis.catalog import lesson_search
from praxis.catalog.lesson_search import index_course_lessons
from praxis.catalog.models import Course, Enrolment, Lesson, Module
from praxis.core.languages import language_sql
from praxis.core.text_index import (
    Condition,
    fields_match,
    index_first,
    postgres_condition,
    sqlite_condition,
)
from praxis.core.text_search import (
    CJK,
    Query,
    Vocabulary,
    chinese_terms,
    document_stems,
    fold,
    index_changed,
    postgres_config,
    read,
    words,
)

__all__ = [
    "CJK",
    "Ranked",
    "fold",
    "forget_course",
    "ranked",
    "reindex_course",
    "search",
    "terms",
]

SQLITE_TABLE = "catalog_course_fts"
# The matches the combined search scores at most (see `ranked`).
SCORED_CANDIDATES = 500
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
    index_changed("catalog")
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
    index_changed("catalog")
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"DELETE FROM {SQLITE_TABLE} WHERE rowid = %s", [course_id])  # noqa: S608  # table names are constants; values are bound
        elif connection.vendor == "postgresql":
            cursor.execute(f"DELETE FROM {POSTGRES_TABLE} WHERE course_id = %s", [course_id])  # noqa: S608  # table names are constants; values are bound


SQLITE_COLUMNS = ("title", "summary", "objectives", "topics")
SQLITE_WEIGHTS = (10.0, 4.0, 2.0, 2.0)


def _condition(query: Query) -> tuple[Condition, str, str] | None:
    """The index's condition for a read `query`, its table and key column; None on a database
    without the index."""
    groups = query.groups
    if connection.vendor == "sqlite":
        condition = sqlite_condition(
            SQLITE_TABLE, SQLITE_COLUMNS, SQLITE_WEIGHTS, groups, query.phrases
        )
        return condition, SQLITE_TABLE, "rowid"
    if connection.vendor == "postgresql":
        condition = postgres_condition(
            groups,
            chinese_indexed=True,
            rank_column="ranking",
            table=POSTGRES_TABLE,
            key="course_id",
            phrases=query.phrases,
        )
        return condition, POSTGRES_TABLE, "course_id"
    return None


def search(
    queryset: QuerySet[Course],
    query: str,
    vocabulary: Vocabulary | None = None,
    languages: str | Sequence[str] = (),
) -> QuerySet[Course]:
    """`queryset` narrowed to the courses matching `query`, or sharing a translation group with
    one that does, unordered (`ranked` orders them). A query without words (empty, punctuation
    only) leaves the queryset whole. Words are stemmed in the reader's `languages` too (see
    `text_search.read`)."""
    read_query = read(query, vocabulary, languages)
    groups = read_query.groups
    if not groups:
        return queryset
    found = _condition(read_query)
    if found is None:
        return _portable_search(queryset, groups)
    condition, table, key = found
    matching = f"SELECT {key} FROM {table} WHERE {condition.sql}"  # noqa: S608  # table names are constants; values are bound
    in_matched_group = RawSQL(  # noqa: S611  # built from constants; values are bound
        "SELECT matched.translation_group_id FROM catalog_course matched"  # noqa: S608  # built from constants; values are bound
        f" WHERE matched.id IN ({matching}) AND matched.translation_group_id IS NOT NULL",
        condition.params,
    )
    return queryset.filter(
        Q(id__in=RawSQL(matching, condition.params))  # noqa: S611  # built from constants; values are bound
        | Q(translation_group_id__in=in_matched_group)
    )


@dataclass(frozen=True)
class Ranked:
    """One page of ranked course ids, and how many courses match in all."""

    ids: list[int]
    total: int


def ranked(
    queryset: QuerySet[Course],
    query: str,
    vocabulary: Vocabulary | None,
    languages: str | Sequence[str],
    limit: int,
    offset: int = 0,
    candidates: int | None = None,
) -> Ranked:
    """The ids of the courses of `queryset` that `search` would list, from the `offset`th, at
    most `limit` of them, in the order every course search shows them (the catalogue's and the
    combined search): one member of each translation group (the first in the reader's
    `languages`, else the first published, as `listing.one_per_course` chooses), those in the
    reader's languages first (in their order), then by relevance (a translation group ranks as
    its best-matching member), then the course more people enrolled on, the newest, by title;
    and how many match in all. One statement: the index is matched once, each match scored
    once and grouped by translation group, and popularity is counted only for the candidates
    still tied for a place once language and relevance have ordered them.

    Given `candidates`, only that many matches are scored, the most recently added (a common
    term matches thousands of courses, and each score reads the course's weighted text): the
    combined search shows a few courses, and bounds its work so. Without it (the catalogue,
    which counts and pages every match) every match is scored."""
    wanted = [languages] if isinstance(languages, str) else list(languages)
    read_query = read(query, vocabulary, wanted)
    if read_query.empty or limit <= 0:
        return Ranked([], 0)
    found = _condition(read_query)
    if found is None:
        ordered = search(queryset, query, vocabulary, wanted).order_by("title", "id")
        return Ranked(
            list(ordered.values_list("id", flat=True)[offset : offset + limit]), ordered.count()
        )
    condition, table, key = found
    rank = (
        condition.rank.replace("{members}", f"{SQLITE_TABLE}.rowid")
        if connection.vendor == "sqlite"
        else condition.rank
    )
    in_language, language_params = _in_language("c.language", wanted)
    allowed_sql, allowed_params = queryset.order_by().values("id").query.sql_with_params()
    courses, enrolments = Course._meta.db_table, Enrolment._meta.db_table
    matched, matched_params = condition.sql, condition.params
    if candidates is not None and condition.keys:
        matched = (
            f"{key} IN (SELECT {key} FROM ({condition.keys}) found"  # noqa: S608  # built from constants; values are bound
            f" ORDER BY {key} DESC LIMIT %s)"
        )
        matched_params = [*condition.keys_params, candidates]
    elif candidates is not None:
        matched = (
            f"{key} IN (SELECT {key} FROM {table} WHERE {matched} ORDER BY {key} DESC LIMIT %s)"  # noqa: S608  # built from constants; values are bound
        )
        matched_params = [*condition.params, candidates]
    sql = (
        f"WITH hit AS (SELECT {key} AS course_id, {rank} AS score"  # noqa: S608  # built from constants; values are bound
        f" FROM {table} WHERE {matched}),"
        " grp AS (SELECT COALESCE(m.translation_group_id, -m.id) AS g, MAX(hit.score) AS score"
        f" FROM hit JOIN {courses} m ON m.id = hit.course_id"
        " GROUP BY COALESCE(m.translation_group_id, -m.id)),"
        # A group's members through the index on their group, a course alone by its id.
        " member AS (SELECT c.id, grp.g, grp.score FROM grp"
        f" JOIN {courses} c ON c.translation_group_id = grp.g WHERE grp.g > 0"
        f" UNION ALL SELECT c.id, grp.g, grp.score FROM grp JOIN {courses} c ON c.id = -grp.g"
        " WHERE grp.g < 0),"
        " candidate AS (SELECT c.id, c.published_at, c.title, member.score,"
        f" {in_language} AS in_language,"
        # One member of each group is shown (`listing.one_per_course`): the first in the
        # reader's languages, else the first published.
        " ROW_NUMBER() OVER (PARTITION BY member.g ORDER BY"
        f" {in_language}, c.published_at NULLS LAST, c.id) AS nth"
        f" FROM member JOIN {courses} c ON c.id = member.id"
        f" WHERE EXISTS (SELECT 1 FROM ({allowed_sql}) allowed WHERE allowed.id = c.id)),"
        # Each tier (one language, one score) holds a course at least: the first
        # offset + limit places lie within as many tiers.
        " tiered AS (SELECT candidate.*, DENSE_RANK() OVER"
        " (ORDER BY in_language, score DESC) AS tier, COUNT(*) OVER () AS total"
        " FROM candidate WHERE nth = 1)"
        " SELECT id, total FROM tiered WHERE tier <= %s ORDER BY in_language, score DESC,"
        f" (SELECT COUNT(*) FROM {enrolments} e WHERE e.course_id = tiered.id) DESC,"
        " published_at DESC NULLS LAST, title, id LIMIT %s OFFSET %s"
    )
    params = [
        *condition.rank_params,
        *matched_params,
        *language_params,
        *language_params,
        *allowed_params,
        offset + limit,
        limit,
        offset,
    ]
    with index_first(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows and offset:
        # A page past the end: how many there are, from the first.
        return Ranked([], ranked(queryset, query, vocabulary, wanted, 1).total)
    return Ranked([int(row[0]) for row in rows], int(rows[0][1]) if rows else 0)


def _in_language(column: str, wanted: Sequence[str]) -> tuple[str, list[Any]]:
    """SQL of the place of the language in `column` among the reader's `wanted` languages (0
    for the first, len(wanted) for none), and its parameters."""
    whens: list[str] = []
    params: list[Any] = []
    for position, tag in enumerate(wanted):
        clause, values = language_sql(column, [tag])
        whens.append(f"WHEN {clause} THEN {position}")
        params.extend(values)
    return (f"CASE {' '.join(whens)} ELSE {len(wanted)} END" if whens else "0"), params


def _portable_search(queryset: QuerySet[Course], groups: list[list[str]]) -> QuerySet[Course]:
    # Any other database: substring matching on the course's own text, unranked.
    for group in groups:
        match = Q()
        for alternative in group:
            match |= Q(title__icontains=alternative) | Q(summary__icontains=alternative)
        queryset = queryset.filter(match)
    return queryset


# The combined search's order of lessons: the newest course's first, then as the course lists them.
LESSON_ORDER = (
    F("module__course__published_at").desc(nulls_last=True),
    "module__position",
    "position",
    "id",
)


def lessons_matching(
    groups: list[list[str]], limit: int = 10, languages: Sequence[str] = ()
) -> list[Lesson]:
    """Lessons of published courses whose title matches every group of a read query
    (praxis.core.text_search), those of courses in the reader's `languages` first, then the
    newest course first. Of a course in several languages, only the lessons of the one the
    reader is shown (`listing.one_per_course`) are listed. Titles only: lesson texts are long
    and not indexed, and their course is found by its own index. Among more matches than
    SCORED_CANDIDATES, the most recently added lessons are ordered."""
    if not groups:
        return []
    matching = lesson_search.matching_sql(groups, SCORED_CANDIDATES)
    if matching is None:
        ids = list(
            Lesson.objects.filter(module__course__status=Course.Status.PUBLISHED)
            .filter(fields_match(groups, ("title",)))
            .order_by(*LESSON_ORDER)
            .values_list("id", flat=True)[:limit]
        )
    else:
        ids = _first_lessons(*matching, limit, list(languages))
    found = Lesson.objects.select_related("module__course").in_bulk(ids)
    return [found[i] for i in ids if i in found]


def _first_lessons(matching: str, params: list[Any], limit: int, languages: list[str]) -> list[int]:
    """The first `limit` ids of the lessons of published courses among those `matching`
    selects, in the reader's `languages` first, then in LESSON_ORDER, each course in several
    languages standing for itself only in the member the reader is shown. The matches are read
    first (a materialised step) and only they are ordered: a database told to walk the courses
    newest first would read every title when a word is rare."""
    lessons, modules, courses = (
        Lesson._meta.db_table,
        Module._meta.db_table,
        Course._meta.db_table,
    )
    hit_language, hit_params = _in_language("course.language", languages)
    rival_language, rival_params = _in_language("c.language", languages)
    sql = (
        f"WITH found (id) AS MATERIALIZED ({matching}),"  # noqa: S608  # built from constants; values are bound
        " hit AS (SELECT lesson.id, course.id AS course_id, course.translation_group_id AS g,"
        f" course.published_at, module.position AS module_position, lesson.position,"
        f" {hit_language} AS in_language"
        f" FROM found JOIN {lessons} lesson ON lesson.id = found.id"
        f" JOIN {modules} module ON module.id = lesson.module_id"
        f" JOIN {courses} course ON course.id = module.course_id WHERE course.status = %s),"
        # The published members of the hits' groups, through the index on their group (a
        # course in no group by its id), rather than every published course read to find them.
        " grp AS (SELECT DISTINCT COALESCE(g, -course_id) AS g FROM hit),"
        " member AS (SELECT c.id, c.translation_group_id, c.language, c.published_at"
        f" FROM grp JOIN {courses} c ON c.translation_group_id = grp.g"
        " WHERE grp.g > 0 AND c.status = %s"
        " UNION ALL SELECT c.id, c.translation_group_id, c.language, c.published_at"
        f" FROM grp JOIN {courses} c ON c.id = -grp.g WHERE grp.g < 0 AND c.status = %s),"
        # The member of each group the reader is shown, as `ranked` chooses it.
        " shown AS (SELECT id FROM (SELECT c.id, ROW_NUMBER() OVER (PARTITION BY"
        f" COALESCE(c.translation_group_id, -c.id) ORDER BY {rival_language},"
        " c.published_at NULLS LAST, c.id) AS nth FROM member c) ranked_member WHERE nth = 1)"
        " SELECT hit.id FROM hit WHERE hit.course_id IN (SELECT id FROM shown)"
        " ORDER BY in_language, published_at DESC NULLS LAST, module_position, position,"
        " hit.id LIMIT %s"
    )
    values = [
        *params,
        *hit_params,
        Course.Status.PUBLISHED,
        Course.Status.PUBLISHED,
        Course.Status.PUBLISHED,
        *rival_params,
        limit,
    ]
    with index_first(), connection.cursor() as cursor:
        cursor.execute(sql, values)
        return [int(row[0]) for row in cursor.fetchall()]
