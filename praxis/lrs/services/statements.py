"""Storing statements: validation already passed; ids, stored time, authority, voiding, index rows.

`store_statements` serves /xapi/ and `record` serves the platform's own services. Both write in
the caller's transaction (the views open one per request), so a batch is stored whole or not at
all, and re-posting a statement with the same id and content changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from praxis.core.languages import canonical_tag
from praxis.lrs.models import Attachment, AttachmentSender, Statement
from praxis.lrs.services.activities import remember_activities
from praxis.lrs.services.rows import insert_statements, rows_where_in
from praxis.lrs.validation import VOIDED, StatementInvalid, agent_key, parse_timestamp
from praxis.lrs.validation.primitives import hundredths
from praxis.lrs.vocabulary import VERB_DISPLAY


class StatementConflict(Exception):
    """A statement id already names a different statement."""


class WriteTooSlow(Exception):
    """A write did not finish within XAPI_WRITE_WINDOW_SECONDS of its stored time."""


def write_window() -> timedelta:
    """How long after its stored time a statement may still be committing."""
    return timedelta(seconds=settings.XAPI_WRITE_WINDOW_SECONDS)


class VoidingForbidden(Exception):
    """A voiding statement names a statement stored under another authority."""


def platform_authority() -> dict[str, Any]:
    """The agent the LRS names as authority for statements the platform itself writes."""
    return {
        "objectType": "Agent",
        "name": settings.SITE_NAME,
        "account": {"homePage": settings.SITE_URL, "name": "praxis-platform"},
    }


def account_agent(account_name: str, display_name: str = "") -> dict[str, Any]:
    """An agent identified by an account on this site's home page."""
    agent: dict[str, Any] = {
        "objectType": "Agent",
        "account": {"homePage": settings.SITE_URL, "name": account_name},
    }
    if display_name:
        agent["name"] = display_name
    return agent


def actor_key(actor: dict[str, Any]) -> str:
    """The inverse functional identifier of an agent as one indexed string."""
    key = agent_key(actor)
    if not key:
        raise ValueError("an agent needs an inverse functional identifier")
    return key


def language_tag(code: str) -> str:
    """A language code (Django's "zh-hans", or any case) as a BCP 47 tag in canonical case."""
    return canonical_tag(code)


def activity(
    activity_id: str, activity_type: str, name: dict[str, str] | None = None
) -> dict[str, Any]:
    definition: dict[str, Any] = {"type": activity_type}
    if name:
        definition["name"] = name
    return {"objectType": "Activity", "id": activity_id, "definition": definition}


# What the LRS sets on a statement: left out of what its client is taken to have said.
LRS_KEYS = frozenset({"stored", "authority", "version"})


def said_json(statement: dict[str, Any]) -> str:
    """What the client said, without what the LRS adds, as canonical JSON (keys sorted)."""
    said = {k: v for k, v in statement.items() if k not in LRS_KEYS}
    return json.dumps(said, sort_keys=True, separators=(",", ":"))


def fingerprint(statement: dict[str, Any]) -> str:
    """A digest of what the client said, without what the LRS adds, to compare re-posts."""
    return _digest(said_json(statement))


def _digest(said: str) -> str:
    return hashlib.sha256(said.encode()).hexdigest()


def truncate_duration(duration: str) -> str:
    """Seconds beyond hundredths are dropped, as xAPI 2.0 allows and compares."""
    return hundredths(duration)


def normalise(statement: dict[str, Any]) -> dict[str, Any]:
    """The statement with every context activity list as an array, as the LRS returns them."""
    out = dict(statement)
    context = out.get("context")
    if isinstance(context, dict) and isinstance(context.get("contextActivities"), dict):
        out["context"] = {
            **context,
            "contextActivities": {
                kind: items if isinstance(items, list) else [items]
                for kind, items in context["contextActivities"].items()
            },
        }
    result = out.get("result")
    if isinstance(result, dict) and isinstance(result.get("duration"), str):
        out["result"] = {**result, "duration": truncate_duration(result["duration"])}
    target = out.get("object")
    if isinstance(target, dict) and target.get("objectType") == "SubStatement":
        out["object"] = normalise(target)
    return out


def _row(
    data: dict[str, Any],
    stored: datetime,
    said: str,
    key: uuid.UUID | None = None,
    timestamp: datetime | None = None,
) -> Statement:
    """The row of `data`; `key` is its id as a UUID and `timestamp` its timestamp as a datetime,
    when the caller has them already."""
    target = data["object"]
    kind = target.get("objectType", "Activity")
    registration = (data.get("context") or {}).get("registration")
    return Statement(
        id=key or uuid.UUID(data["id"]),
        actor_key=agent_key(data["actor"]),
        verb_id=data["verb"]["id"],
        activity_id=target["id"] if kind == "Activity" else "",
        object_agent_key=agent_key(target) if kind in {"Agent", "Group"} else "",
        object_statement_id=uuid.UUID(target["id"]) if kind == "StatementRef" else None,
        registration=uuid.UUID(registration) if registration else None,
        authority_key=agent_key(data.get("authority") or {}),
        # A statement sent without a timestamp takes its stored time, already a datetime here.
        timestamp=(
            stored
            if data["timestamp"] == data.get("stored")
            else timestamp or parse_timestamp(data["timestamp"], "timestamp")
        ),
        stored=stored,
        data=data,
        fingerprint=said,
    )


def store_statements(
    statements: list[dict[str, Any]],
    *,
    authority: dict[str, Any],
    version: str = "1.0.0",
    attachments: dict[str, tuple[str, bytes]] | None = None,
    may_void_any: bool = False,
    assume_new: bool = False,
) -> list[str]:
    """Store validated statements as one unit and return their ids in order.

    Raises StatementInvalid (a repeated id in the batch, a voided voiding statement),
    StatementConflict (an id already stored with other content), VoidingForbidden (a
    statement of another authority voided without `may_void_any`) and WriteTooSlow (the write
    outlasted the window that X-Experience-API-Consistent-Through promises readers); then
    nothing is written.

    With `assume_new`, the ids are not looked up before the insert: an id already stored makes
    it fail with IntegrityError, and the caller, whose transaction is then rolled back, stores
    the batch again without `assume_new` to answer it as a re-post or a conflict. A batch that
    voids is always checked first, since voiding acts before the insert.
    """
    now = timezone.now()
    prepared: list[tuple[dict[str, Any], str, str, uuid.UUID]] = []
    ids: list[str] = []
    keys: list[uuid.UUID] = []
    for statement in statements:
        statement = normalise(statement)
        data = dict(statement)
        key = uuid.UUID(data["id"]) if "id" in data else uuid.uuid4()
        data["id"] = str(key)
        said = said_json({**statement, "id": data["id"]})
        prepared.append((data, said, _digest(said), key))
        ids.append(data["id"])
        keys.append(key)
    if len(set(keys)) != len(keys):
        raise StatementInvalid("statement ids repeat within the batch")
    # No savepoint of its own: a caller that goes on after a refusal holds one (the view's
    # retry after a concurrent insert does); without an outer transaction this is one.
    if assume_new and any(data["verb"]["id"] == VOIDED for data, *_ in prepared):
        assume_new = False
    with transaction.atomic(savepoint=False):
        existing: dict[uuid.UUID, str] = (
            {} if assume_new else dict(rows_where_in(Statement, "id", keys, ("id", "fingerprint")))
        )
        fresh = []
        documents = []
        for position, (data, said, digest, key) in enumerate(prepared):
            known = existing.get(key)
            if known is not None:
                if known != digest:
                    raise StatementConflict(data["id"])
                continue
            stored = now + timedelta(microseconds=position)
            added = {
                "stored": stored.isoformat().replace("+00:00", "Z"),
                "authority": authority,
                "version": data.get("version", version),
            }
            if "timestamp" not in data:
                added["timestamp"] = added["stored"]
            data.update(added)
            fresh.append(_row(data, stored, digest, key))
            # The stored JSON is what the client said with what the LRS adds, whose keys the
            # former lacks: serialised once for the digest and once for the small remainder.
            documents.append(f"{said[:-1]},{json.dumps(added, separators=(',', ':'))[1:]}")
        _void_targets(fresh, agent_key(authority), may_void_any=may_void_any)
        remember_activities((row.data for row in fresh), now)
        insert_statements(fresh, documents)
        if attachments:
            Attachment.objects.bulk_create(
                [
                    Attachment(sha2=sha2, content_type=content_type, content=content)
                    for sha2, (content_type, content) in attachments.items()
                ],
                ignore_conflicts=True,
            )
            AttachmentSender.objects.bulk_create(
                [
                    AttachmentSender(attachment_id=sha2, authority_key=agent_key(authority))
                    for sha2 in attachments
                ],
                ignore_conflicts=True,
            )
        if timezone.now() - now > write_window():
            raise WriteTooSlow
    return ids


def _void_targets(rows: list[Statement], authority_key: str, *, may_void_any: bool) -> None:
    targets = [
        row.object_statement_id
        for row in rows
        if row.verb_id == VOIDED and row.object_statement_id is not None
    ]
    if not targets:
        return
    batch_voiding = {row.id for row in rows if row.verb_id == VOIDED}
    if (
        batch_voiding & set(targets)
        or Statement.objects.filter(id__in=targets, verb_id=VOIDED).exists()
    ):
        raise StatementInvalid("a voiding statement cannot be voided")
    # Targets within the batch share its authority; stored ones must have it too.
    stored = Statement.objects.filter(id__in=targets)
    if not may_void_any and stored.exclude(authority_key=authority_key).exists():
        raise VoidingForbidden
    stored.update(voided=True)


def platform_statement(
    actor: dict[str, Any],
    verb_id: str,
    obj: dict[str, Any],
    *,
    result: dict[str, Any] | None = None,
    context: dict[str, Any] | None = None,
    timestamp: datetime | None = None,
    statement_id: uuid.UUID | None = None,
) -> dict[str, Any]:
    """A statement the platform says, with its id (a new one unless a device chose it when the
    learner acted offline), ready for `record_all`."""
    said: dict[str, Any] = {
        "id": str(statement_id or uuid.uuid4()),
        "actor": actor,
        "verb": {"id": verb_id},
        "object": obj,
        "timestamp": (timestamp or timezone.now()).isoformat(),
    }
    if verb_id in VERB_DISPLAY:
        said["verb"]["display"] = {"en-US": VERB_DISPLAY[verb_id]}
    if result:
        said["result"] = result
    if context:
        said["context"] = context
    return normalise(said)


def record_all(statements: list[dict[str, Any]]) -> list[Statement]:
    """Store statements from the platform (`platform_statement`) in the caller's transaction,
    stored in their order, with one query for their activities and one insert for them all."""
    now = timezone.now()
    authority = platform_authority()
    rows = []
    for position, said in enumerate(statements):
        stored = now + timedelta(microseconds=position)
        data = {
            **said,
            "stored": stored.isoformat().replace("+00:00", "Z"),
            "authority": authority,
            "version": "1.0.3",
        }
        # The platform wrote the timestamp itself (`isoformat` of an aware datetime): read back
        # as it is, without the checks an LRS client's timestamp needs.
        moment = datetime.fromisoformat(said["timestamp"])
        rows.append(_row(data, stored, fingerprint(said), timestamp=moment))
    remember_activities((row.data for row in rows), now)
    insert_statements(rows)
    return rows


def record(
    actor: dict[str, Any],
    verb_id: str,
    obj: dict[str, Any],
    *,
    result: dict[str, Any] | None = None,
    context: dict[str, Any] | None = None,
    timestamp: datetime | None = None,
    statement_id: uuid.UUID | None = None,
) -> Statement:
    """Store one statement from the platform; call it in the transaction of the change."""
    said = platform_statement(
        actor,
        verb_id,
        obj,
        result=result,
        context=context,
        timestamp=timestamp,
        statement_id=statement_id,
    )
    return record_all([said])[0]
