"""SQL for matching a read query (praxis.core.text_search.Query) against a side-table index:
an FTS5 table with the trigram tokenizer on SQLite, a tsvector column on PostgreSQL.

Every group must match; any alternative of a group will do. On SQLite an alternative of three
characters or more is a quoted FTS5 string (with trigrams, a substring match in any script);
shorter ones, common in Chinese, fall back to LIKE. On PostgreSQL an alternative is parsed with
the text-search configurations of its script, the stems of a typed word also match as the start
of an indexed word, and Chinese alternatives match as substrings.
The SQL is built from constants; every value from a query is a bound parameter.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import BooleanField, F, Func, JSONField, Q

from praxis.core.text_search import (
    ARABIC,
    ARABIC_LETTERS,
    CJK,
    CJK_RUN,
    CYRILLIC,
    CYRILLIC_ENDINGS,
    MAX_CJK_RUN,
    fold,
)

TRIGRAM = 3
FOLD_FUNCTION = "praxis_fold"  # PostgreSQL: created in SQL (SQLite folds in FOLD_MATCH_FUNCTION)
FOLD_MATCH_FUNCTION = "praxis_fold_match"  # SQLite only: registered on each connection
# PostgreSQL: a row holding Chinese (or Japanese) characters. Chinese alternatives are matched
# as substrings; each index table has a partial index on this predicate, so that they are looked
# for among those rows only instead of in every row. The SQL must stay as the indexes spell it.
CJK_CLASS = "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"


def has_cjk_sql(column: str) -> str:
    """PostgreSQL: `column` holds a Chinese character (the partial indexes' predicate)."""
    return f"{column} ~ '{CJK_CLASS}'"


ARABIC_FROM = "".join(chr(key) for key in ARABIC_LETTERS)
ARABIC_TO = "".join(str(value) for value in ARABIC_LETTERS.values())
# PostgreSQL: `fold` in SQL, declared IMMUTABLE so that an index may be built on it (unaccent
# is STABLE only because its dictionary could change; naming it fixes it). Created by the
# migration of the first index that uses it (catalog 0011).
FOLD_FUNCTION_SQL = (
    "CREATE OR REPLACE FUNCTION praxis_fold(text) RETURNS text"
    " LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS"
    " $$ SELECT translate(lower(public.unaccent('public.unaccent'::regdictionary, $1)),"
    f" '{ARABIC_FROM}', '{ARABIC_TO}') $$"
)


@dataclass(frozen=True)
class Condition:
    """A WHERE clause (`sql`, `params`) and a score for the rows it keeps (`rank`,
    `rank_params`; "0.0" when none). On PostgreSQL, given the table and its key, also a
    statement selecting the keys of the matching rows alone (`keys`, `keys_params`; see
    `postgres_condition`)."""

    sql: str
    params: list[Any]
    rank: str
    rank_params: list[Any]
    keys: str = ""
    keys_params: list[Any] = field(default_factory=list)


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _fts_string(alternatives: list[str]) -> str:
    return " OR ".join(_fts_alternative(a) for a in alternatives)


def _fts_alternative(alternative: str) -> str:
    """An alternative for FTS5's trigram index: a word as a substring; a term of several words
    as each of its words, anywhere in the text, as PostgreSQL's plainto_tsquery reads it, so
    that the term is found in another order or form ("гигиены рук" for "гигиена рук": a Russian
    or Ukrainian word is looked for without its final vowels). Words under three letters ("de")
    are left out: the trigram index cannot find them."""
    words = []
    for word in alternative.split():
        if CYRILLIC.search(word) and len(word.rstrip(CYRILLIC_ENDINGS)) >= TRIGRAM:
            word = word.rstrip(CYRILLIC_ENDINGS)
        if len(word) >= TRIGRAM:
            words.append(word)
    if len(words) < 2:
        return f'"{alternative}"'
    return "(" + " AND ".join(f'"{word}"' for word in words) + ")"


def sqlite_condition(
    table: str,
    columns: tuple[str, ...],
    weights: tuple[float, ...],
    groups: list[list[str]],
    phrases: list[str] | tuple[str, ...] = (),
) -> Condition:
    """The rows of FTS5 `table` (keyed by rowid) matching every group. The rank is the best
    score among `{members}`, SQL the caller puts in: the row's own key, or a group's keys.
    `phrases` (text_search.Query.phrases) score the rows holding them whole, and find none."""
    clauses: list[str] = []
    params: list[Any] = []
    every_long: list[str] = []
    for shared, run in _factored(groups):
        own = [[a for a in member if a not in shared] for member in run] if shared else []
        if any(len(a) < TRIGRAM for alternatives in own for a in alternatives):
            # A group's own word too short for the index: each group matched on its own.
            units: list[tuple[list[str], list[list[str]]]] = [(member, []) for member in run]
        else:
            units = [(shared, own)] if shared else [(run[0], [])]
        for group, own_alternatives in units:
            clauses.append(_sqlite_clause(table, columns, group, own_alternatives, params))
        # Scored by every group's alternatives, a term's as often as it has words: a text
        # holding the term whole ranks above one holding its words apart.
        every_long.extend(a for member in run for a in member if len(a) >= TRIGRAM)
    every_long.extend(phrase for phrase in phrases if len(phrase) >= TRIGRAM)
    if not every_long:
        return Condition(" AND ".join(clauses), params, "0.0", [])
    bm25 = ", ".join(str(w) for w in weights)
    rank = (
        f"COALESCE((WITH ranked AS MATERIALIZED (SELECT rowid AS id, -bm25({table}, {bm25})"  # noqa: S608  # table names are constants
        f" AS score FROM {table} WHERE {table} MATCH %s) SELECT MAX(score) FROM ranked"
        " WHERE id IN ({members})), 0.0)"
    )
    return Condition(" AND ".join(clauses), params, rank, [_fts_string(every_long)])


def _sqlite_clause(
    table: str, columns: tuple[str, ...], group: list[str], own: list[list[str]], params: list[Any]
) -> str:
    """SQLite: the condition of one group, its parameters added to `params`; given `own`, the
    alternatives of each group of a run that `group` is shared by (see `_factored`), the
    condition group OR (every group's own alternatives), in one FTS5 expression."""
    long = [a for a in group if len(a) >= TRIGRAM]
    matches = [_fts_string(long)] if long else []
    if own:
        matches.append("(" + " AND ".join(f"({_fts_string(o)})" for o in own) + ")")
    options: list[str] = []
    if matches:
        options.append(f"rowid IN (SELECT rowid FROM {table} WHERE {table} MATCH %s)")  # noqa: S608  # table names are constants
        params.append(" OR ".join(matches))
    for alternative in (a for a in group if len(a) < TRIGRAM):
        options.append(" OR ".join(f"{c} LIKE %s ESCAPE '\\'" for c in columns))
        params.extend([f"%{_escape_like(alternative)}%"] * len(columns))
    return "(" + " OR ".join(options) + ")"


def sqlite_scores(table: str, weights: tuple[float, ...], found: str) -> str:
    """SQLite: SQL of (id, score) for each rowid of `found` (SQL of one column, run once): its
    bm25 score against the rank's FTS5 string (the one parameter after `found`'s, the rank's
    `rank_params`), 0.0 for a row that does not match it. The rank's own form looks each row's
    score up among every row matching the string, a scan per row found (1,000 rows found among
    2,663 matches: 160 ms); here the matching rows are kept to those found, and the rest
    told apart through an index SQLite builds for `NOT IN`."""
    bm25 = ", ".join(str(w) for w in weights)
    return (
        f"WITH found(id) AS MATERIALIZED ({found}),"  # noqa: S608  # table names are constants
        f" scored(id, score) AS MATERIALIZED (SELECT rowid, -bm25({table}, {bm25}) FROM {table}"
        f" WHERE {table} MATCH %s AND +rowid IN (SELECT id FROM found))"
        " SELECT id, score FROM scored"
        " UNION ALL SELECT id, 0.0 FROM found WHERE id NOT IN (SELECT id FROM scored)"
    )


def _configs(alternative: str) -> tuple[str, ...]:
    if ARABIC.search(alternative):
        return ("simple",)
    if CYRILLIC.search(alternative):
        return ("russian", "simple")
    return ("english", "french", "spanish", "simple")


# PostgreSQL: what each text-search configuration makes of an alternative (plainto_tsquery's
# result as text: its lexemes, stemmed, stop words dropped), by (configuration, alternative).
# Read from the server once per process and then bound as one value: a query's alternatives,
# each parsed with up to four configurations, were sent as hundreds of plainto_tsquery calls
# (about 600 values for a search of every kind), which the client split and quoted and the
# server parsed and planned on every search, and most of which gave the same lexemes again
# ("hand" in English, French, Spanish and simple). The configurations ship with PostgreSQL and
# never change while it serves.
_LEXEMES: dict[tuple[str, str], str] = {}
MAX_LEXEMES = 20_000
_READ_LEXEMES = (
    "SELECT plainto_tsquery(config::regconfig, alternative)::text"
    " FROM unnest(%s::text[], %s::text[]) WITH ORDINALITY AS read(config, alternative, place)"
    " ORDER BY place"
)


def _lexemes(alternatives: Iterable[str]) -> dict[tuple[str, str], str]:
    """The tsquery (as text; "" for stop words alone) of each alternative in each of its
    configurations, those not yet known read from the server in one statement."""
    pairs = list(dict.fromkeys((c, a) for a in alternatives for c in _configs(a)))
    # Read with get: another thread may empty the dictionary meanwhile.
    known = {pair: text for pair in pairs if (text := _LEXEMES.get(pair)) is not None}
    missing = [pair for pair in pairs if pair not in known]
    if missing:
        with connection.cursor() as cursor:
            cursor.execute(_READ_LEXEMES, [[c for c, _a in missing], [a for _c, a in missing]])
            read = dict(zip(missing, (text for (text,) in cursor.fetchall()), strict=True))
        if len(_LEXEMES) + len(read) > MAX_LEXEMES:
            _LEXEMES.clear()
        _LEXEMES.update(read)
        known.update(read)
    return known


def _tsquery(alternatives: list[str]) -> tuple[str, list[Any]]:
    """One tsquery matching any of `alternatives` as any of its configurations reads it: their
    distinct lexemes joined by OR, bound as one value."""
    lexemes = _lexemes(alternatives)
    distinct = dict.fromkeys(lexemes[(c, a)] for a in alternatives for c in _configs(a))
    return "%s::tsquery", [" | ".join(f"( {text} )" for text in distinct if text)]


def _stem_prefixes(group: list[str]) -> tuple[str, list[Any]]:
    """The stems of a group's typed word (the alternatives that begin it), each matched as the
    start of an indexed word, or ("", []) when there are none. Snowball reads accents, so a
    word typed without them may stem short of the stem of the same word written with them
    ("vacinacoes" gives "vacinac", "Vacinação" "vacin"); as the start of a word, the stem still
    finds it, as trigrams find it on SQLite."""
    typed = group[0]
    stems = [a for a in group[1:] if a.isalpha() and typed.startswith(a) and not CJK.search(a)]
    if not stems:
        return "", []
    parts = " || ".join(["to_tsquery('simple', %s)"] * len(stems))
    return f"({parts})", [f"'{stem}':*" for stem in stems]


def _factored(groups: list[list[str]]) -> list[tuple[list[str], list[list[str]]]]:
    """The groups as (shared, groups): runs of groups with the same first alternative, with the
    alternatives they all share, when each group has others of its own, none Chinese; every
    other group alone, sharing nothing. A term of several words is read as such a run ("hand
    hygiene": (term OR hand) AND (term OR hygiene), the term with its thirty-odd translations
    in each group, text_search.read); matched as shared OR (hand AND hygiene), it finds the
    same rows, each translation looked up once, and the index intersects the words' rows
    itself instead of every row holding a common word being read for its key."""
    factored: list[tuple[list[str], list[list[str]]]] = []
    index = 0
    while index < len(groups):
        end = index + 1
        while end < len(groups) and groups[end][0] == groups[index][0]:
            end += 1
        run = groups[index:end]
        shared = [a for a in run[0] if all(a in group for group in run[1:])]
        own = [[a for a in group if a not in shared] for group in run]
        if len(run) > 1 and all(o and not any(CJK.search(a) for a in o) for o in own):
            factored.append((shared, run))
        else:
            factored.extend(([], [group]) for group in run)
        index = end
    return factored


@functools.lru_cache(maxsize=1024)
def _chinese_only(alternative: str) -> bool:
    return CJK_RUN.fullmatch(alternative) is not None


def _chinese_words(alternative: str) -> tuple[str, list[Any]]:
    # A short term is a word of the document exactly when the text holds it (chinese_terms
    # indexes every run of up to MAX_CJK_RUN characters, and PostgreSQL's parser keeps a run of
    # Chinese characters whole): the index answers alone, without reading each candidate's text
    # (a thread's is thousands of characters, kept compressed apart). A longer term is looked
    # up by all of its runs of MAX_CJK_RUN; strpos keeps the candidates holding it whole.
    if len(alternative) <= MAX_CJK_RUN:
        return "document @@ plainto_tsquery('simple', %s)", [alternative]
    runs = [alternative[i : i + MAX_CJK_RUN] for i in range(len(alternative) - MAX_CJK_RUN + 1)]
    tsquery = " && ".join(["plainto_tsquery('simple', %s)"] * len(runs))
    return f"(document @@ ({tsquery}) AND strpos(content, %s) > 0)", [*runs, alternative]


def postgres_condition(
    groups: list[list[str]],
    *,
    chinese_indexed: bool = False,
    rank_column: str = "document",
    table: str = "",
    key: str = "",
    phrases: list[str] | tuple[str, ...] = (),
    phrase_column: str = "title",
    where: tuple[str, list[Any]] = ("", []),
) -> Condition:
    """The rows of a table with `document` (tsvector) and `content` (folded text) matching
    every group; the rank is ts_rank over every alternative. Chinese alternatives match as
    substrings of `content`: looked up through `document` when it holds the Chinese terms of
    the text (`chinese_indexed`, see text_search.chinese_terms), else among the rows holding
    Chinese characters (a partial index on has_cjk_sql may list them). The rank reads
    `rank_column`, a tsvector of the same table (a smaller one that holds the weighted text).

    Given the `table` and its `key`, a group of several options matches the keys each option
    finds on its own (a union): an OR of options, one of which the index cannot answer alone,
    would have every row the index lists rechecked against all of them, reading and
    decompressing its whole document.

    `phrases` (text_search.Query.phrases: Chinese runs matched as several words) add a point to
    the rank of a row whose `phrase_column` (short, folded text) holds one whole.

    `keys` selects the keys of the matching rows that also meet `where` (SQL on the table's
    columns, and its parameters) straight from the index scans: each option of a group on its
    own, a group the UNION of its options, the groups INTERSECTed. A WHERE clause over the
    table would look every key the options find up again in the table's primary key (thousands
    for a common term) only to learn that it matches."""
    clauses: list[str] = []
    params: list[Any] = []
    every: list[str] = []
    found_keys: list[str] = []
    keys_params: list[Any] = []
    filter_sql, filter_params = where
    # Every alternative's lexemes known before the SQL is written: one statement at most.
    _lexemes(a for group in groups for a in group if not CJK.search(a))
    for shared, run in _factored(groups):
        group = shared or run[0]
        words = [a for a in group if not CJK.search(a)]
        chinese = [a for a in group if CJK.search(a)]
        options: list[tuple[str, list[Any]]] = []
        if shared:
            # shared OR (each group's own alternatives or its stems' prefixes, for every group)
            each: list[str] = []
            values = []
            for member in run:
                own = [a for a in member if a not in shared]
                tsquery, own_values = _tsquery(own)
                prefixes, prefix_values = _stem_prefixes(member)
                each.append(f"({tsquery} || {prefixes})" if prefixes else tsquery)
                values.extend([*own_values, *prefix_values])
                every.extend(own)
            together = "(" + " && ".join(each) + ")"
            if words:
                tsquery, shared_values = _tsquery(words)
                together, values = f"({tsquery} || {together})", [*shared_values, *values]
            options.append((f"document @@ {together}", values))
            every.extend(words)
        elif words:
            tsquery, values = _tsquery(words)
            options.append((f"document @@ {tsquery}", values))
            every.extend(words)
            prefixes, values = _stem_prefixes(group)
            if prefixes:
                options.append((f"document @@ {prefixes}", values))
        scanned: list[str] = []
        for alternative in chinese:
            if chinese_indexed and _chinese_only(alternative):
                options.append(_chinese_words(alternative))
            else:
                scanned.append(alternative)
        if scanned:
            # One pass over the rows holding Chinese for all of them: each row's text is read
            # (and decompressed) once, not once per alternative.
            found = " OR ".join(["strpos(content, %s) > 0"] * len(scanned))
            options.append((f"({has_cjk_sql('content')} AND ({found}))", scanned))
        for _option, values in options:
            params.extend(values)
        if table and len(options) > 1:
            union = " UNION ALL ".join(f"SELECT {key} FROM {table} WHERE {o}" for o, _v in options)  # noqa: S608  # table names are constants; values are bound
            clauses.append(f"{key} IN ({union})")
        else:
            clauses.append("(" + " OR ".join(o for o, _v in options) + ")")
        if table:
            also = f"{filter_sql} AND " if filter_sql else ""
            selects = [f"SELECT {key} FROM {table} WHERE {also}{o}" for o, _v in options]  # noqa: S608  # table names are constants; values are bound
            found_keys.append("(" + " UNION ".join(selects) + ")")
            for _option, values in options:
                keys_params.extend([*filter_params, *values])
    keys = " INTERSECT ".join(found_keys)
    bonus = "".join(
        f" + (CASE WHEN strpos({phrase_column}, %s) > 0 THEN 1.0 ELSE 0.0 END)" for _p in phrases
    )
    if not every:
        rank, rank_params = f"0.0{bonus}", list(phrases)
    else:
        tsquery, values = _tsquery(list(dict.fromkeys(every)))
        rank, rank_params = f"ts_rank({rank_column}, {tsquery}){bonus}", [*values, *phrases]
    return Condition(" AND ".join(clauses), params, rank, rank_params, keys, keys_params)


# Whether the statements run now are inside `index_first` (per thread and task, as connections
# are).
_INDEX_FIRST: ContextVar[bool] = ContextVar("index_first", default=False)
# The planner's choices index_first turns off, and puts back as they were.
# And just-in-time compilation: a statement that has to read a table whole anyway is priced at
# the planner's penalty for a plan turned off, far past the cost from which PostgreSQL compiles
# a statement before running it (about 200 ms of compiling for a statement of a millisecond).
_AVOIDING_PLANS = (
    "SELECT current_setting('enable_seqscan'), current_setting('enable_hashjoin'),"
    " current_setting('enable_mergejoin'), current_setting('jit'),"
    " set_config('enable_seqscan', 'off', true), set_config('enable_hashjoin', 'off', true),"
    " set_config('enable_mergejoin', 'off', true), set_config('jit', 'off', true)"
)
_PLANS_AS_BEFORE = (
    "SELECT set_config('enable_seqscan', %s, true), set_config('enable_hashjoin', %s, true),"
    " set_config('enable_mergejoin', %s, true), set_config('jit', %s, true)"
)


@contextmanager
def index_first() -> Iterator[None]:
    """PostgreSQL: the statements run inside read a search index through its GIN index rather
    than the whole table. The planner prices a sequential scan by the table's own pages, but
    each row's tsvector lives apart (TOAST) and must be fetched and decompressed to be matched:
    with a common word, reading every document costs a hundred times the index. And they join
    what they matched to other tables row by row, by key: the planner, which overestimates the
    matches, would otherwise hash or merge them with every published course (a common word's
    course search over 10,000 courses took 13 ms instead of 9, the catalogue's 37 instead of
    20). Scoped to a savepoint, so that the settings end with the block (or with its rollback).

    Inside another such block, nothing more is done: a search reading several indexes (the
    combined search) sets it once rather than once per index, each time a transaction, two
    statements and a commit more."""
    if connection.vendor != "postgresql" or _INDEX_FIRST.get():
        yield
        return
    token = _INDEX_FIRST.set(True)
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(_AVOIDING_PLANS)
            before = cursor.fetchone()[:4]
            yield
            cursor.execute(_PLANS_AS_BEFORE, before)
    finally:
        _INDEX_FIRST.reset(token)


class MatchesEvery(Func):
    """Every group of a read query matches one of `fields` through one of its alternatives:
    folded, as a substring, or as stored for a Chinese alternative (which folding leaves as it
    is). One expression for the whole query, built and compiled once per search rather than as
    a tree of lookups per group, field and alternative.

    PostgreSQL: per group, a field folded LIKE ANY of its patterns (which the trigram indexes
    over each folded field serve), or Chinese patterns among the texts holding Chinese
    characters. SQLite: one call per row of a function registered on the connection, which
    folds each field once whatever the number of groups and alternatives."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, groups: list[list[str]], fields: tuple[str, ...]) -> None:
        super().__init__(*(F(name) for name in fields))
        self.groups = groups
        # PostgreSQL: each group's LIKE patterns, folded words apart from Chinese terms.
        self.patterns = [
            (
                [f"%{_escape_like(a)}%" for a in group if not _chinese_only(a)],
                [f"%{_escape_like(a)}%" for a in group if _chinese_only(a)],
            )
            for group in groups
        ]

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> Any:  # type: ignore[override]  # Func's signature, spelt loosely
        columns = [compiler.compile(expression) for expression in self.source_expressions]
        if connection.vendor != "postgresql":
            # A JSON field's text on SQLite writes every other script as escapes (a partner's
            # name in Arabic is "\u0627..."): its values are read as the text they hold.
            sql = ", ".join(
                f"(SELECT group_concat(value, ' ') FROM json_each({column}))"  # noqa: S608  # a column the compiler wrote
                if isinstance(expression.output_field, JSONField)
                else column
                for expression, (column, _params) in zip(
                    self.source_expressions, columns, strict=True
                )
            )
            params = [param for _column, column_params in columns for param in column_params]
            return f"{FOLD_MATCH_FUNCTION}(%s, {sql})", [_encoded(self.groups), *params]
        every: list[str] = []
        params = []
        for words, chinese in self.patterns:
            options: list[str] = []
            for column, column_params in columns:
                text = f"({column})::text"
                if words:
                    options.append(f"{FOLD_FUNCTION}({text}) LIKE ANY(%s)")
                    params.extend([*column_params, words])
                if chinese:
                    options.append(f"({text} ~ %s AND {text} LIKE ANY(%s))")
                    params.extend([*column_params, CJK_CLASS, *column_params, chinese])
            every.append("(" + (" OR ".join(options) or "FALSE") + ")")
        return "(" + (" AND ".join(every) or "TRUE") + ")", params


# SQLite: a query's groups travel to the function as one parameter, alternatives divided by
# U+001F and groups by U+001E (characters a read query never holds: text_search keeps words).
_ALTERNATIVES, _GROUPS = "\x1f", "\x1e"


def _encoded(groups: list[list[str]]) -> str:
    return _GROUPS.join(_ALTERNATIVES.join(group) for group in groups)


@functools.lru_cache(maxsize=64)
def _decoded(encoded: str) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """Each group's folded alternatives and its Chinese ones."""
    decoded = []
    for group in encoded.split(_GROUPS):
        alternatives = group.split(_ALTERNATIVES)
        chinese = tuple(a for a in alternatives if _chinese_only(a))
        decoded.append((tuple(a for a in alternatives if a not in chinese), chinese))
    return tuple(decoded)


def register_fold(sender: Any, connection: Any, **kwargs: Any) -> None:
    """Give each new SQLite connection the fold function (connected in CoreConfig.ready)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            FOLD_MATCH_FUNCTION, -1, _fold_match, deterministic=True
        )


# SQLite asks for a row's fields once to match them and again to order them (a match in the
# title first), one row after another: the last texts folded are kept, so each is folded once.
_recently_folded = functools.lru_cache(maxsize=32)(fold)


def _fold_match(encoded: str, *texts: Any) -> bool:
    stored = [str(text) for text in texts if text is not None]
    folded = [_recently_folded(text) for text in stored]
    return all(
        any(alternative in text for text in folded for alternative in words)
        or any(alternative in text for text in stored for alternative in chinese)
        for words, chinese in _decoded(encoded)
    )


def fields_match(groups: list[list[str]], fields: tuple[str, ...]) -> Q:
    """An ORM filter: every group matches one of `fields` through one of its alternatives (see
    `MatchesEvery`)."""
    return Q(MatchesEvery(groups, fields))
