"""Full-text search over communities, threads (title and visible posts) and published resources.

The same approach as the course search (praxis.catalog.search, whose text folding and query
terms this reuses): an FTS5 table with the trigram tokenizer on SQLite, a tsvector table with a
GIN index on PostgreSQL, both created by migration 0002 and kept current by the services. Each
row names the kind of item, its id, its community and its language, so that results can be
limited to the communities the reader may see and the languages they read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection

from praxis.community.models import Community, Post, Resource, Thread
from praxis.core.languages import language_sql
from praxis.core.text_index import (
    index_first,
    postgres_condition,
    sqlite_condition,
    sqlite_scores,
)
from praxis.core.text_search import (
    Vocabulary,
    chinese_terms,
    document_stems,
    fold,
    index_changed,
    postgres_config,
    read,
    searched_changed,
)

SQLITE_TABLE = "community_search_fts"
POSTGRES_TABLE = "community_search"
KINDS = {"community": 0, "thread": 1, "resource": 2}
MAX_DOCUMENT_CHARS = 50_000
MAX_RESULTS = 50
# The matches a search scores at most, the most recent (see `find`).
SCORED_CANDIDATES = 1000
SQLITE_WEIGHTS = (10.0, 1.0)  # bm25's weights of the title and the body
# PostgreSQL scores a match by its title and the opening of its text (`ranking`): a thread of many
# posts is found by any of them, but scoring every match over all of its text would read and
# decompress each whole document (TOAST) on every search.
RANKED_BODY_CHARS = 1000


def _key(kind: str, item_id: int) -> int:
    return item_id * 4 + KINDS[kind]


def _row(
    kind: str, item_id: int, community_id: int, language: str, title: str, body: str
) -> list[Any]:
    """The parameters of one index row, for the database in use (see `_write_rows`)."""
    key = _key(kind, item_id)
    # Stemmed as written (see text_search.stems), stored folded.
    written = f"{title} {body[:MAX_DOCUMENT_CHARS]}"
    title, body = fold(title), fold(body)[:MAX_DOCUMENT_CHARS]
    if connection.vendor != "postgresql":
        return [key, title, body, community_id, language]
    config = postgres_config(language)
    return [
        *(key, community_id, language, title, f"{title}\n{body}"),
        *(config, title, config, body),
        unweighted(title, body, written, language),
        *(config, title, config, body[:RANKED_BODY_CHARS]),
    ]


def unweighted(title: str, body: str, written: str, language: str) -> str:
    """PostgreSQL: what a row's `document` holds beyond its weighted text (weight D), given its
    folded title and body and its text as written: every folded word, the stems of every word
    (text_search.stems) and every Chinese term (text_search.chinese_terms), so that a Chinese
    term of a query is looked up as a word of the index rather than in every row's text."""
    return "\n".join(
        [title, body, document_stems(written, language), chinese_terms(f"{title}\n{body}")]
    )


def _write_rows(rows: list[list[Any]], words_changed: bool = True) -> None:
    """Write index rows made by `_row`, replacing those of the same items: one statement for
    many rows, so that a whole data set is indexed quickly. `words_changed`: False when no
    title a search corrects towards changed (a reply), so the vocabulary stays kept."""
    if not rows:
        return
    if words_changed:
        index_changed("community")
    else:
        searched_changed("community")
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.executemany(
                f"DELETE FROM {SQLITE_TABLE} WHERE rowid = %s",  # noqa: S608  # table names are constants; values are bound
                [row[:1] for row in rows],
            )
            cursor.executemany(
                f"INSERT INTO {SQLITE_TABLE} (rowid, title, body, community_id, language)"  # noqa: S608  # table names are constants; values are bound
                " VALUES (%s, %s, %s, %s, %s)",
                rows,
            )
        elif connection.vendor == "postgresql":
            cursor.executemany(
                f"INSERT INTO {POSTGRES_TABLE} (key, community_id, language, title, content,"  # noqa: S608  # table names are constants; values are bound
                " document, ranking) VALUES (%s, %s, %s, %s, %s,"
                " setweight(to_tsvector(%s::regconfig, %s), 'A')"
                " || setweight(to_tsvector(%s::regconfig, %s), 'B')"
                " || setweight(to_tsvector('simple', %s), 'D'),"
                " setweight(to_tsvector(%s::regconfig, %s), 'A')"
                " || setweight(to_tsvector(%s::regconfig, %s), 'B'))"
                " ON CONFLICT (key) DO UPDATE SET community_id = EXCLUDED.community_id,"
                " language = EXCLUDED.language, title = EXCLUDED.title,"
                " content = EXCLUDED.content, document = EXCLUDED.document,"
                " ranking = EXCLUDED.ranking",
                rows,
            )


def write_items(items: Iterable[tuple[str, int, int, str, str, str]]) -> None:
    """Index items given as (kind, id, community id, language, title, body), as written,
    replacing their rows (also used by the migration that restems the index)."""
    _write_rows([_row(*item) for item in items])


def _write(
    kind: str, item_id: int, community_id: int, language: str, title: str, body: str
) -> None:
    _write_rows([_row(kind, item_id, community_id, language, title, body)])


def forget(kind: str, item_id: int) -> None:
    """Remove an item from the index (a hidden thread, a removed resource)."""
    key = _key(kind, item_id)
    index_changed("community")
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"DELETE FROM {SQLITE_TABLE} WHERE rowid = %s", [key])  # noqa: S608  # table names are constants; values are bound
        elif connection.vendor == "postgresql":
            cursor.execute(f"DELETE FROM {POSTGRES_TABLE} WHERE key = %s", [key])  # noqa: S608  # table names are constants; values are bound


def index_community(community: Community) -> None:
    language = community.languages[0] if community.languages else "en"
    _write("community", community.pk, community.pk, language, community.name, community.description)


def index_thread(thread: Thread) -> None:
    """Index a visible thread's title and visible posts; forget a thread nobody may see."""
    if not thread.is_visible:
        forget("thread", thread.pk)
        return
    bodies = Post.objects.filter(thread=thread, status=Post.Status.VISIBLE).values_list(
        "body", flat=True
    )
    row = _row(
        "thread", thread.pk, thread.community_id, thread.language, thread.title, "\n".join(bodies)
    )
    # A reply changes the thread's text, not its title or community: the words a search
    # corrects towards (community.queries.vocabulary_texts) stay as they were.
    before = _indexed_title(_key("thread", thread.pk))
    _write_rows([row], words_changed=before != (fold(thread.title), thread.community_id))


def _indexed_title(key: int) -> tuple[str, int] | None:
    """The folded title and community of the item indexed under `key`, or None."""
    if connection.vendor == "sqlite":
        sql = f"SELECT title, community_id FROM {SQLITE_TABLE} WHERE rowid = %s"  # noqa: S608  # table names are constants; values are bound
    else:
        sql = f"SELECT title, community_id FROM {POSTGRES_TABLE} WHERE key = %s"  # noqa: S608  # table names are constants; values are bound
    with connection.cursor() as cursor:
        cursor.execute(sql, [key])
        found = cursor.fetchone()
    return None if found is None else (found[0], int(found[1]))


def index_threads(threads: Iterable[Thread]) -> None:
    """Index many threads as `index_thread` does each, with one query for their posts and one
    statement for their rows (for loading data in bulk)."""
    threads = list(threads)
    bodies: dict[int, list[str]] = defaultdict(list)
    for thread_id, body in (
        Post.objects.filter(thread__in=[t.pk for t in threads if t.is_visible])
        .filter(status=Post.Status.VISIBLE)
        .order_by("thread_id", "position")
        .values_list("thread_id", "body")
    ):
        bodies[thread_id].append(body)
    for thread in threads:
        if not thread.is_visible:
            forget("thread", thread.pk)
    _write_rows(
        [
            _row(
                "thread",
                *(thread.pk, thread.community_id, thread.language, thread.title),
                "\n".join(bodies[thread.pk]),
            )
            for thread in threads
            if thread.is_visible
        ]
    )


def index_resource(resource: Resource) -> None:
    if resource.status != Resource.Status.PUBLISHED:
        forget("resource", resource.pk)
        return
    text = resource.description + "\n" + " ".join(str(topic) for topic in resource.topics)
    _write("resource", resource.pk, resource.community_id, resource.language, resource.title, text)


@dataclass(frozen=True)
class Hit:
    kind: str
    item_id: int
    rank: float


def _in(column: str, values: list[int]) -> tuple[str, list[Any]]:
    if connection.vendor == "postgresql":
        # One array however many communities are read (a visitor reads every open one): a
        # placeholder each made the statement one the driver parsed again on every search.
        return f"{column} = ANY(%s::bigint[])", [list(values)]
    return f"{column} IN ({', '.join(['%s'] * len(values))})", list(values)


def find(
    query: str,
    community_ids: list[int],
    languages: list[str] | None,
    vocabulary: Vocabulary | None = None,
    readers: Sequence[str] = (),
) -> list[Hit]:
    """The best matches for `query` among `community_ids`, in `languages` (None: any). The
    query's words are stemmed in the `readers`' languages too (BCP 47 tags), as each item's
    text is in its own: a Portuguese reader's "vacinações" finds a thread on "vacinação"."""
    groups = read(query, vocabulary, readers).groups
    if not groups or not community_ids:
        return []
    where: list[str] = []
    params: list[Any] = []
    clause, values = _in("community_id", community_ids)
    where.append(clause)
    params.extend(values)
    if languages:
        clause, values = language_sql("language", languages)
        where.append(clause)
        params.extend(values)
    if connection.vendor == "sqlite":
        condition = sqlite_condition(SQLITE_TABLE, ("title", "body"), SQLITE_WEIGHTS, groups)
        # Scored by `sqlite_scores` below when the query has words to score; else "0.0".
        rank = condition.rank
        table, key = SQLITE_TABLE, "rowid"
    elif connection.vendor == "postgresql":
        condition = postgres_condition(
            groups,
            chinese_indexed=True,
            rank_column="ranking",
            table=POSTGRES_TABLE,
            key="key",
            where=(" AND ".join(where), params),
        )
        rank, table, key = condition.rank, POSTGRES_TABLE, "key"
    else:
        return []
    # The most recent SCORED_CANDIDATES matches (the key grows with the item's id) are scored:
    # a common term matches thousands of threads, and each score reads the row's ranking text.
    if condition.keys:
        # Every match found through the index first (MATERIALIZED), then the most recent kept:
        # otherwise, for a common word, the planner reads the rows backwards by key and checks
        # each one's whole document until it has enough (15,847 rows read and decompressed
        # for "salud" at 20,000 threads: 180 ms, against 8 ms).
        matched = (
            f"WITH found AS MATERIALIZED ({condition.keys})"  # noqa: S608  # built from constants; values are bound
            f" SELECT {key} FROM found ORDER BY {key} DESC LIMIT %s"
        )
        params = condition.keys_params
    else:
        where.append(condition.sql)
        params.extend(condition.params)
        matched = (
            f"SELECT {key} FROM {table} WHERE {' AND '.join(where)}"  # noqa: S608  # table names are constants; values are bound
            f" ORDER BY {key} DESC LIMIT %s"
        )
    if connection.vendor == "sqlite" and condition.rank_params:
        sql = sqlite_scores(table, SQLITE_WEIGHTS, matched)
        params = [*params, SCORED_CANDIDATES, *condition.rank_params]
    else:
        sql = f"SELECT {key}, {rank} FROM {table} WHERE {key} IN ({matched})"  # noqa: S608  # table names are constants; values are bound
        params = [*condition.rank_params, *params, SCORED_CANDIDATES]
    with index_first(), connection.cursor() as cursor:
        cursor.execute(f"{sql} ORDER BY 2 DESC LIMIT {MAX_RESULTS}", params)
        rows = cursor.fetchall()
    names = {code: kind for kind, code in KINDS.items()}
    return [Hit(names[int(key) % 4], int(key) // 4, float(rank)) for key, rank in rows]
