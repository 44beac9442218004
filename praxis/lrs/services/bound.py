"""What a bound client (a launch credential) may say: only about its learner, in its
registration, about its activity when it has one, and never voiding anything."""

from __future__ import annotations

from typing import Any

from praxis.lrs.models import LrsClient
from praxis.lrs.validation import VOIDED, agent_key


class OutsideBinding(Exception):
    """A bound client asked for something beyond its learner, registration or activity."""


def within_activity(bound: str, activity_id: str) -> bool:
    """Whether `activity_id` is the bound activity or one inside it (its IRI continued by a
    path, query or fragment), as content names its slides and questions."""
    if not bound or activity_id == bound:
        return True
    return activity_id.startswith(bound) and activity_id[len(bound)] in "/?#"


def _mentions(statement: dict[str, Any], bound: str) -> bool:
    target = statement.get("object") or {}
    if target.get("objectType", "Activity") == "Activity" and within_activity(
        bound, str(target.get("id", ""))
    ):
        return True
    context = statement.get("context") or {}
    for entries in (context.get("contextActivities") or {}).values():
        for entry in entries if isinstance(entries, list) else [entries]:
            if isinstance(entry, dict) and within_activity(bound, str(entry.get("id", ""))):
                return True
    return False


def check_statements(client: LrsClient, statements: list[dict[str, Any]]) -> None:
    """Raise OutsideBinding unless every statement is the bound client's to make."""
    for statement in statements:
        if agent_key(statement.get("actor") or {}) != client.agent_key:
            raise OutsideBinding("this credential may speak only for the learner it was made for")
        if (statement.get("verb") or {}).get("id") == VOIDED:
            raise OutsideBinding("this credential may not void statements")
        registration = (statement.get("context") or {}).get("registration")
        if (
            client.registration is not None
            and registration
            and str(registration).lower() != str(client.registration)
        ):
            raise OutsideBinding("this credential is for another registration")
        if client.activity_id and not _mentions(statement, client.activity_id):
            raise OutsideBinding("this credential is for another activity")


def check_document(
    client: LrsClient, *, kind: str, agent: str, activity_id: str, registration: str
) -> None:
    """Raise OutsideBinding unless the bound client may reach this document."""
    if kind != "activity_profile" and agent != client.agent_key:
        raise OutsideBinding("this credential may reach only its learner's documents")
    if (
        client.registration is not None
        and registration
        and registration != str(client.registration)
    ):
        raise OutsideBinding("this credential is for another registration")
    if kind != "agent_profile" and not within_activity(client.activity_id, activity_id):
        raise OutsideBinding("this credential is for another activity")
