"""Reading statements: the filters of GET /xapi/statements, keyset paging, a learner's record."""

from __future__ import annotations

import base64
import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from praxis.lrs.models import Activity, Statement, StatementRelation
from praxis.lrs.services import actor_key

MAX_LIMIT = 500


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
    stored, identifier = json.loads(raw)
    return datetime.fromisoformat(stored), uuid.UUID(identifier)


def _target_match(where: StatementFilter) -> Q | None:
    """The filters a statement itself must meet (as opposed to stored-time bounds)."""
    parts = []
    if where.agent_key:
        match = Q(actor_key=where.agent_key) | Q(object_agent_key=where.agent_key)
        if where.related_agents:
            match |= Q(id__in=_related(StatementRelation.Kind.AGENT, where.agent_key))
        parts.append(match)
    if where.verb_id:
        parts.append(Q(verb_id=where.verb_id))
    if where.activity_id:
        match = Q(activity_id=where.activity_id)
        if where.related_activities:
            match |= Q(id__in=_related(StatementRelation.Kind.ACTIVITY, where.activity_id))
        parts.append(match)
    if where.registration:
        parts.append(Q(registration=where.registration))
    if not parts:
        return None
    combined = parts[0]
    for part in parts[1:]:
        combined &= part
    return combined


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
        bounds &= Q(id__in=_related(StatementRelation.Kind.AGENT, where.authority_key))
    if cursor:
        stored, identifier = cursor
        if where.ascending:
            bounds &= Q(stored__gt=stored) | Q(stored=stored, id__gt=identifier)
        else:
            bounds &= Q(stored__lt=stored) | Q(stored=stored, id__lt=identifier)
    order = ("stored", "id") if where.ascending else ("-stored", "-id")
    limit = min(where.limit or MAX_LIMIT, MAX_LIMIT)
    match = _target_match(where)
    rows = Statement.objects.filter(bounds)
    page = list((rows.filter(match) if match is not None else rows).order_by(*order)[: limit + 1])
    if match is not None:
        targets = Statement.objects.filter(match).values("id")
        referring = list(rows.filter(object_statement_id__in=targets).order_by(*order)[: limit + 1])
        if referring:
            merged = {row.id: row for row in page + referring}
            page = sorted(
                merged.values(), key=lambda row: (row.stored, row.id), reverse=not where.ascending
            )[: limit + 1]
    if len(page) > limit:
        return page[:limit], page[limit - 1]
    return page, None


def _related(kind: str, key: str) -> QuerySet[StatementRelation, Any]:
    return StatementRelation.objects.filter(kind=kind, key=key).values("statement_id")


def statement_by_id(statement_id: uuid.UUID, *, voided: bool) -> Statement | None:
    """A stored statement by id; `voided` selects between statementId and voidedStatementId."""
    return Statement.objects.filter(id=statement_id, voided=voided).first()


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
    """Statements stored before this moment are all visible to queries."""
    return timezone.now().isoformat().replace("+00:00", "Z")
