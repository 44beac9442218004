"""Reading statements: the filters of GET /xapi/statements, keyset paging, a learner's record."""

from __future__ import annotations

import base64
import json
import uuid
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import chain
from typing import Any

from django.conf import settings
from django.db import connections, router
from django.db.models import Q, QuerySet
from django.utils import timezone

from praxis.lrs.models import (
    Activity,
    Attachment,
    AttachmentSender,
    LrsClient,
    Purpose,
    Statement,
    StatementRelation,
)
from praxis.lrs.services import actor_key, platform_authority, write_window
from praxis.lrs.validation import agent_key

MAX_LIMIT = 500


def trusted_statements(purpose: Purpose) -> QuerySet[Statement]:
    """The unvoided statements a reader may count for `purpose` (a Purpose): those the platform
    wrote and those of clients trusted for that purpose, never ones any other client wrote."""
    trusted = [agent_key(platform_authority())]
    for key, purposes in LrsClient.objects.values_list("key", "trusted_for"):
        if isinstance(purposes, list) and purpose in purposes:
            trusted.append(agent_key(client_authority(key)))
    return Statement.objects.filter(voided=False, authority_key__in=trusted)


def client_authority(key: str, name: str = "") -> dict[str, Any]:
    """The authority the LRS names on statements a client with this key sends."""
    authority: dict[str, Any] = {
        "objectType": "Agent",
        "account": {"homePage": settings.SITE_URL, "name": key},
    }
    if name:
        authority["name"] = name
    return authority


def statements_of(actor: dict[str, Any]) -> QuerySet[Statement]:
    """Every statement whose actor is `actor`, newest first."""
    return Statement.objects.filter(actor_key=actor_key(actor))


@dataclass
class StatementFilter:
    agent_key: str = ""
    verb_id: str = ""
    activity_id: str = ""
    registration: uuid.UUID | None = None
    related_agents: bool = False
    related_activities: bool = False
    since: datetime | None = None
    until: datetime | None = None
    ascending: bool = False
    limit: int = 0
    # Only the client's own statements (the statements/read/mine scope).
    authority_key: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def encode_cursor(row: Statement) -> str:
    raw = json.dumps([row.stored.isoformat(), str(row.id)]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(text: str) -> tuple[datetime, uuid.UUID]:
    """Raises ValueError for anything but a cursor this LRS made."""
    raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    try:
        stored, identifier = json.loads(raw)
        moment = datetime.fromisoformat(stored)
        if moment.tzinfo is None:
            raise ValueError("a cursor's time has a zone")
        moment.astimezone(UTC)
    except (RecursionError, OverflowError) as error:
        raise ValueError("not a cursor") from error
    return moment, uuid.UUID(identifier)


def _branches(where: StatementFilter) -> list[Q]:
    """The filters a statement itself must meet, as alternatives that each follow one index.

    An agent matches as actor or as object (or, with related_agents, anywhere: as authority
    through the statement's own column, elsewhere through its index rows); an activity as
    object (or anywhere). Each alternative is read in stored order through its own composite
    index and the pages are merged, which stays fast where one OR over several indexes would
    have to fetch and sort every matching row first.
    """
    common = Q()
    if where.verb_id:
        common &= Q(verb_id=where.verb_id)
    if where.registration:
        common &= Q(registration=where.registration)
    agents: list[Q] = [Q()]
    if where.agent_key:
        agents = [
            Q(actor_key=where.agent_key),
            Q(object_agent_key=where.agent_key) & Q(object_agent_key__gt=""),
        ]
        if where.related_agents:
            agents.append(Q(authority_key=where.agent_key))
            agents.append(Q(id__in=_related(StatementRelation.Kind.AGENT, where.agent_key)))
    activities: list[Q] = [Q()]
    if where.activity_id:
        activities = [Q(activity_id=where.activity_id)]
        if where.related_activities:
            activities.append(
                Q(id__in=_related(StatementRelation.Kind.ACTIVITY, where.activity_id))
            )
    return [common & agent & act for agent in agents for act in activities]


def find_statements(
    where: StatementFilter, cursor: tuple[datetime, uuid.UUID] | None = None
) -> tuple[list[Statement], Statement | None]:
    """One page of unvoided statements and, when more follow, the last row as the next cursor.

    As the specification asks, a filtered query also returns the statements that refer (by a
    StatementRef object) to a statement the filter matches, voided or not.
    """
    bounds = Q(voided=False)
    if where.since:
        bounds &= Q(stored__gt=where.since)
    if where.until:
        bounds &= Q(stored__lte=where.until)
    if where.authority_key:
        bounds &= Q(authority_key=where.authority_key)
    if cursor:
        # Past (stored, id) of the last row seen. The plain bound on stored is what an index
        # scan starts from; without it a page deep in the store is found by reading every
        # row before it.
        stored, identifier = cursor
        if where.ascending:
            bounds &= Q(stored__gte=stored) & (Q(stored__gt=stored) | Q(id__gt=identifier))
        else:
            bounds &= Q(stored__lte=stored) & (Q(stored__lt=stored) | Q(id__lt=identifier))
    order = ("stored", "id") if where.ascending else ("-stored", "-id")
    limit = min(where.limit or MAX_LIMIT, MAX_LIMIT)
    rows = Statement.objects.filter(bounds)
    branches = _branches(where)
    pages = [rows.filter(branch).order_by(*order)[: limit + 1] for branch in branches]
    if where.agent_key or where.verb_id or where.activity_id or where.registration:
        target_match = branches[0]
        for branch in branches[1:]:
            target_match |= branch
        targets = Statement.objects.filter(target_match).values("id")
        referring = rows.filter(object_statement_id__isnull=False, object_statement_id__in=targets)
        pages.append(referring.order_by(*order)[: limit + 1])
    # A statement found by two alternatives is kept once.
    found = {row.id: row for row in _read_all(pages)}
    page = sorted(found.values(), key=lambda row: (row.stored, row.id), reverse=not where.ascending)
    page = page[: limit + 1]
    if len(page) > limit:
        return page[:limit], page[limit - 1]
    return page, None


def _read_all(pages: list[QuerySet[Statement]]) -> Iterable[Statement]:
    """The rows of every page: in one query (UNION ALL) where the database lets each part keep
    its own order and limit (PostgreSQL), a round trip instead of one per page; else a query
    each."""
    first, *others = pages
    if others and connections[first.db].features.supports_slicing_ordering_in_compound:
        return first.union(*others, all=True)
    return chain.from_iterable(pages)


def _related(kind: str, key: str) -> QuerySet[StatementRelation, Any]:
    return StatementRelation.objects.filter(kind=kind, key=key).values("statement_id")


def statement_by_id(statement_id: uuid.UUID, *, voided: bool) -> Statement | None:
    """A stored statement by id; `voided` selects between statementId and voidedStatementId."""
    return Statement.objects.filter(id=statement_id, voided=voided).first()


def actors_of_statements(statement_ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    """{statement id: its actor's key} for the ids already stored, voided or not: a device that
    re-sends what it recorded offline learns which statements are already here, and whose."""
    return dict(Statement.objects.filter(id__in=statement_ids).values_list("id", "actor_key"))


def attachments_of(rows: list[Statement]) -> list[Attachment]:
    """The attachment contents of `rows` that each statement's own authority sent."""
    wanted = {
        (attachment["sha2"], row.authority_key)
        for row in rows
        for attachment in row.data.get("attachments", [])
    }
    if not wanted:
        return []
    hashes = {sha2 for sha2, _authority in wanted}
    sent = AttachmentSender.objects.filter(
        attachment_id__in=hashes, authority_key__in={authority for _sha2, authority in wanted}
    ).values_list("attachment_id", "authority_key")
    allowed = {sha2 for sha2, authority in sent if (sha2, authority) in wanted}
    return list(Attachment.objects.filter(sha2__in=allowed))


def activity_object(activity_id: str) -> dict[str, Any]:
    """The activity with everything statements have said of its definition."""
    found: dict[str, Any] = {"objectType": "Activity", "id": activity_id}
    definition = (
        Activity.objects.filter(activity_id=activity_id)
        .values_list("definition", flat=True)
        .first()
    )
    if definition:
        found["definition"] = definition
    return found


def consistent_through() -> str:
    """The stored time up to which every statement is visible to reads: now, less the window in
    which a write may still be committing, less the lag of the database reads go to when it is a
    PostgreSQL standby (the epoch while a standby has replayed nothing)."""
    through = timezone.now() - write_window()
    connection = connections[router.db_for_read(Statement)]
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        if connection.connection not in _ON_PRIMARY:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_is_in_recovery(), "
                    "clock_timestamp() - pg_last_xact_replay_timestamp()"
                )
                standby, lag = cursor.fetchone()
            if not standby:
                _ON_PRIMARY.add(connection.connection)
            elif lag is None:
                through = datetime(1970, 1, 1, tzinfo=UTC)
            else:
                through -= lag
    return through.isoformat().replace("+00:00", "Z")


# Database connections known to lead to a primary, whose reads lag nothing. A primary becomes a
# standby only through a restart, which ends its connections, so each is asked once.
_ON_PRIMARY: weakref.WeakSet[Any] = weakref.WeakSet()
