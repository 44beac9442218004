"""Writing statement rows and their index rows, one command per table for a whole batch.

On PostgreSQL the rows go through COPY. Django's bulk insert there sends each column as one
array literal (`INSERT … SELECT * FROM UNNEST(…)`), and quoting a batch's JSON documents into
an array literal, quote by quote, took about two thirds of the CPU of storing a batch of 100
statements; COPY sends the same values as plain rows. Other databases use `bulk_create`.

COPY runs through Django's cursor: database errors (a concurrent request storing the same id
first) arrive as Django's `IntegrityError`, and the command is logged where query counts are
read, like any other query.

The checks before a write (which ids are stored, which activities are described) look rows up
by a batch of values with `rows_where_in`: on PostgreSQL one array parameter (`= ANY(%s)`)
rather than Django's placeholder per value, which psycopg converts again on every call once a
query has more than 50 parameters.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.db import connection, models

from praxis.lrs.models import Statement, StatementRelation
from praxis.lrs.validation import agent_key

STATEMENT_FIELDS = (
    "id",
    "actor_key",
    "verb_id",
    "activity_id",
    "object_agent_key",
    "object_statement_id",
    "registration",
    "authority_key",
    "timestamp",
    "stored",
    "voided",
    "data",
    "fingerprint",
)
RELATION_FIELDS = ("statement_id", "kind", "key", "stored")


def rows_where_in(
    model: type[models.Model], name: str, values: Sequence[Any], fields: Sequence[str]
) -> list[tuple[Any, ...]]:
    """The `fields` of the rows of `model` whose field `name` is one of `values`, as
    `values_list` gives them."""
    if connection.vendor != "postgresql":
        return list(model._default_manager.filter(**{f"{name}__in": values}).values_list(*fields))
    if not values:
        return []
    key = _field(model, name)
    chosen = [_field(model, field) for field in fields]
    quote = connection.ops.quote_name
    sql = (
        f"SELECT {', '.join(quote(_column(field)) for field in chosen)} "  # noqa: S608 - model names only
        f"FROM {quote(model._meta.db_table)} WHERE {quote(_column(key))} = ANY(%s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [[key.get_prep_value(value) for value in values]])
        found: list[tuple[Any, ...]] = cursor.fetchall()
    converters = [
        (index, field) for index, field in enumerate(chosen) if hasattr(field, "from_db_value")
    ]
    if not converters:
        return found
    rows = []
    for row in found:
        converted = list(row)
        for index, field in converters:
            converted[index] = field.from_db_value(converted[index], None, connection)
        rows.append(tuple(converted))
    return rows


def _field(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)
    return field


def _column(field: models.Field[Any, Any]) -> str:
    assert field.column is not None
    return field.column


def insert_statements(rows: Sequence[Statement], documents: Sequence[str] = ()) -> None:
    """Insert `rows` and the index rows of the agents and activities they mention.
    `documents`, when given, is each row's `data` as JSON text already."""
    if not rows:
        return
    relations = relation_values(rows)
    if connection.vendor != "postgresql":
        Statement.objects.bulk_create(rows)
        StatementRelation.objects.bulk_create(
            [
                StatementRelation(statement_id=statement_id, kind=kind, key=key, stored=stored)
                for statement_id, kind, key, stored in relations
            ]
        )
        return
    texts = documents or [json.dumps(row.data, separators=(",", ":")) for row in rows]
    _copy(
        Statement._meta.db_table,
        STATEMENT_FIELDS,
        (
            (
                row.id,
                row.actor_key,
                row.verb_id,
                row.activity_id,
                row.object_agent_key,
                row.object_statement_id,
                row.registration,
                row.authority_key,
                row.timestamp,
                row.stored,
                row.voided,
                text,
                row.fingerprint,
            )
            for row, text in zip(rows, texts, strict=True)
        ),
    )
    if relations:
        _copy(StatementRelation._meta.db_table, RELATION_FIELDS, relations)


def relation_values(rows: Iterable[Statement]) -> list[tuple[Any, str, str, Any]]:
    """(statement id, kind, key, stored) of each agent and activity a statement mentions
    beyond its actor, object and authority, once per statement. Most statements mention
    nothing more and have no index rows: the authority, which every statement has, is the
    LRS's own single agent and is found through the statement's `authority_key`."""
    values = []
    for row in rows:
        seen: set[tuple[str, str]] = (
            {(StatementRelation.Kind.AGENT, row.actor_key)} if row.actor_key else set()
        )
        for kind, key in mentions(row.data):
            if key and (kind, key) not in seen:
                seen.add((kind, key))
                values.append((row.id, kind, key, row.stored))
    return values


def _agents_in(actor: Any) -> Iterator[str]:
    if not isinstance(actor, dict):
        return
    if key := agent_key(actor):
        yield key
    for member in actor.get("member", []) or []:
        if key := agent_key(member):
            yield key


def mentions(statement: dict[str, Any], *, nested: bool = False) -> Iterator[tuple[str, str]]:
    """Agents and activities a statement mentions beyond its own actor, object and authority."""
    agent, act = StatementRelation.Kind.AGENT, StatementRelation.Kind.ACTIVITY
    target = statement.get("object", {})
    kind = target.get("objectType", "Activity")
    if nested:
        for key in _agents_in(statement.get("actor")):
            yield agent, key
        if kind == "Activity":
            yield act, target["id"]
        elif kind in {"Agent", "Group"}:
            for key in _agents_in(target):
                yield agent, key
    else:
        actor = statement.get("actor", {})
        for member in actor.get("member", []) or []:
            yield agent, agent_key(member)
        if kind == "Group":
            for member in target.get("member", []) or []:
                yield agent, agent_key(member)
    context = statement.get("context") or {}
    for role in ("instructor", "team"):
        for key in _agents_in(context.get(role)):
            yield agent, key
    for entry in context.get("contextAgents", []):
        for key in _agents_in(entry.get("agent")):
            yield agent, key
    for entry in context.get("contextGroups", []):
        for key in _agents_in(entry.get("group")):
            yield agent, key
    for entries in (context.get("contextActivities") or {}).values():
        for item in entries if isinstance(entries, list) else [entries]:
            yield act, item["id"]
    if kind == "SubStatement" and not nested:
        yield from mentions(target, nested=True)


def _copy(table: str, columns: Sequence[str], values: Iterable[Sequence[Any]]) -> None:
    quote = connection.ops.quote_name
    sql = f"COPY {quote(table)} ({', '.join(map(quote, columns))}) FROM STDIN"
    started = time.monotonic()
    with (
        connection.cursor() as cursor,
        connection.wrap_database_errors,
        cursor.cursor.copy(sql) as copy,
    ):
        for row in values:
            copy.write_row(row)
    if connection.queries_logged:
        connection.queries_log.append({"sql": sql, "time": f"{time.monotonic() - started:.3f}"})
