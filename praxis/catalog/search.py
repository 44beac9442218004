"""Full-text search over courses: title, summary, objectives and topic names.

The index is a side table that migration 0002 creates for the database in use, and that
`reindex_course` keeps current; the services call it whenever they change a course.

- SQLite: an FTS5 table with the trigram tokenizer, so that any run of three characters
  matches in any script (Arabic, Cyrillic and Chinese included, none of which the default
  tokenizer splits well). Shorter terms, common in Chinese, fall back to LIKE on the same table.
- PostgreSQL: a tsvector per course, built with the text-search configuration of the course's
  language ('simple' for Arabic and Chinese) plus a 'simple' copy, and a GIN index. Queries are
  parsed with every configuration at once, so the one tsquery is constant and can use the index.
  Chinese has no spaces to split words on, so terms with Chinese characters match as substrings.

Text is folded the same way on both sides (accents and Arabic vowel marks removed, case folded;
Cyrillic letters kept whole so that Russian stemming still works).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import FloatField, Q, QuerySet, Value
from django.db.models.expressions import RawSQL

from praxis.catalog.models import Course
from praxis.core.patterns import client_pattern

MAX_QUERY_CHARS = 500
MAX_TERMS = 12
MAX_TERM_CHARS = 60
TRIGRAM = 3
SQLITE_TABLE = "catalog_course_fts"
POSTGRES_TABLE = "catalog_course_search"
POSTGRES_CONFIGS = {
    "en": "english",
    "fr": "french",
    "ru": "russian",
    "es": "spanish",
    "ar": "simple",
    "zh-hans": "simple",
}
QUERY_CONFIGS = ("english", "french", "russian", "spanish", "simple")
CJK = client_pattern(r"[\x{3040}-\x{30ff}\x{3400}-\x{4dbf}\x{4e00}-\x{9fff}\x{f900}-\x{faff}]")
# A run of letters, digits or "_", as Python's \w matches in any script.
WORD = client_pattern(r"[\pL\pN_]+")
TATWEEL = "\u0640"


def fold(text: str) -> str:
    """Text for matching: no accents or Arabic vowel marks, case folded, Cyrillic kept whole."""
    kept: list[str] = []
    base_is_cyrillic = False
    for char in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(char):
            if base_is_cyrillic:
                kept.append(char)
            continue
        base_is_cyrillic = "\u0400" <= char <= "\u04ff"
        if char != TATWEEL:
            kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept)).casefold()


def terms(query: str) -> list[str]:
    """The distinct words of a query, folded; punctuation alone gives none."""
    words = WORD.findall(fold(query[:MAX_QUERY_CHARS]))
    return list(dict.fromkeys(word[:MAX_TERM_CHARS] for word in words))[:MAX_TERMS]


def _document(course: Course) -> dict[str, str]:
    topic_names = (name for topic in course.topics.all() for name in topic.names.values())
    return {
        "title": fold(course.title),
        "summary": fold(course.summary),
        "objectives": fold("\n".join(str(item) for item in course.objectives or [])),
        "topics": fold("\n".join(topic_names)),
    }


def reindex_course(course: Course) -> None:
    """Bring the search index up to date with `course` (every status: the queries filter)."""
    document = _document(course)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"DELETE FROM {SQLITE_TABLE} WHERE rowid = %s", [course.pk])  # noqa: S608  # table names are constants; values are bound
            cursor.execute(
                f"INSERT INTO {SQLITE_TABLE} (rowid, title, summary, objectives, topics)"  # noqa: S608  # table names are constants; values are bound
                " VALUES (%s, %s, %s, %s, %s)",
                [course.pk, *document.values()],
            )
        elif connection.vendor == "postgresql":
            config = POSTGRES_CONFIGS.get(course.language, "simple")
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
                    everything,
                ],
            )


def forget_course(course_id: int) -> None:
    """Remove a deleted course from the search index."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"DELETE FROM {SQLITE_TABLE} WHERE rowid = %s", [course_id])  # noqa: S608  # table names are constants; values are bound
        elif connection.vendor == "postgresql":
            cursor.execute(f"DELETE FROM {POSTGRES_TABLE} WHERE course_id = %s", [course_id])  # noqa: S608  # table names are constants; values are bound


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True)
class _Plan:
    """The SQL that finds matching courses in an index table, and the SQL that ranks one."""

    table: str
    key: str
    where: str
    where_params: list[Any]
    rank: str
    rank_params: list[Any]


def _sqlite_plan(words: list[str]) -> _Plan:
    long_words = [w for w in words if len(w) >= TRIGRAM]
    conditions: list[str] = []
    params: list[Any] = []
    if long_words:
        # Each word is a quoted phrase: with the trigram tokenizer, a substring match.
        conditions.append(f"{SQLITE_TABLE} MATCH %s")
        params.append(" ".join(f'"{w}"' for w in long_words))
    columns = ("title", "summary", "objectives", "topics")
    for word in (w for w in words if len(w) < TRIGRAM):
        conditions.append("(" + " OR ".join(f"{c} LIKE %s ESCAPE '\\'" for c in columns) + ")")
        params.extend([f"%{_escape_like(word)}%"] * len(columns))
    rank = f"-bm25({SQLITE_TABLE}, 10.0, 4.0, 2.0, 2.0)" if long_words else "0.0"
    return _Plan(SQLITE_TABLE, "rowid", " AND ".join(conditions), params, rank, [])


# Raw SQL kept over django.contrib.postgres.search: the index is a side table without a model,
# and its one tsquery across every language's configuration is what lets the GIN index serve.
def _postgres_plan(words: list[str]) -> _Plan:
    plain = " ".join(w for w in words if not CJK.search(w))
    chinese = [w for w in words if CJK.search(w)]
    conditions: list[str] = []
    params: list[Any] = []
    ranks: list[str] = []
    rank_params: list[Any] = []
    if plain:
        tsquery = " || ".join(f"plainto_tsquery('{config}', %s)" for config in QUERY_CONFIGS)
        conditions.append(f"document @@ ({tsquery})")
        params.extend([plain] * len(QUERY_CONFIGS))
        ranks.append(f"ts_rank(document, ({tsquery}))")
        rank_params.extend([plain] * len(QUERY_CONFIGS))
    for word in chinese:
        conditions.append("strpos(content, %s) > 0")
        params.append(word)
        ranks.append("(CASE WHEN strpos(title, %s) > 0 THEN 1.0 ELSE 0.1 END)")
        rank_params.append(word)
    return _Plan(
        POSTGRES_TABLE,
        "course_id",
        " AND ".join(conditions),
        params,
        " + ".join(ranks),
        rank_params,
    )


def search(queryset: QuerySet[Course], query: str) -> QuerySet[Course]:
    """`queryset` narrowed to the courses matching `query`, annotated with `search_rank` (higher
    is better). A query without words (empty, punctuation only) leaves the queryset whole."""
    words = terms(query)
    if not words:
        return queryset.annotate(search_rank=Value(0.0, output_field=FloatField()))
    if connection.vendor == "sqlite":
        plan = _sqlite_plan(words)
    elif connection.vendor == "postgresql":
        plan = _postgres_plan(words)
    else:
        return _portable_search(queryset, words)
    outer = f'"{Course._meta.db_table}"."id"'
    # The SQL is assembled from constants; every value from the query is a bound parameter.
    matching = RawSQL(  # noqa: S611  # built from constants, see above
        f"SELECT {plan.key} FROM {plan.table} WHERE {plan.where}",  # noqa: S608  # table names are constants; values are bound
        plan.where_params,
    )
    if connection.vendor == "sqlite":
        # FTS5 would run the whole MATCH again for every row that asks for its rank (seconds at
        # a thousand courses): rank every match once, in a materialised table, and look up.
        rank_sql = (
            f"WITH ranked AS MATERIALIZED (SELECT {plan.key} AS id, {plan.rank} AS score"  # noqa: S608  # table names are constants; values are bound
            f" FROM {plan.table} WHERE {plan.where}) SELECT score FROM ranked WHERE id = {outer}"
        )
    else:
        # PostgreSQL finds the row by its key and checks only that one document.
        rank_sql = (
            f"SELECT {plan.rank} FROM {plan.table}"  # noqa: S608  # table names are constants; values are bound
            f" WHERE {plan.key} = {outer} AND {plan.where}"
        )
    ranking = RawSQL(  # noqa: S611  # built from constants, see above
        rank_sql, [*plan.rank_params, *plan.where_params], output_field=FloatField()
    )
    return queryset.filter(id__in=matching).annotate(search_rank=ranking)


def _portable_search(queryset: QuerySet[Course], words: list[str]) -> QuerySet[Course]:
    # Any other database: substring matching on the course's own text, unranked.
    for word in words:
        queryset = queryset.filter(Q(title__icontains=word) | Q(summary__icontains=word))
    return queryset.annotate(search_rank=Value(0.0, output_field=FloatField()))
