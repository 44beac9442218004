"""Writing statements. Domain services call `record` inside their own transaction."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone

from praxis.lrs.models import Statement
from praxis.lrs.vocabulary import VERB_DISPLAY


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
    if account := actor.get("account"):
        return f"account|{account['homePage']}|{account['name']}"
    for ifi in ("mbox", "mbox_sha1sum", "openid"):
        if value := actor.get(ifi):
            return f"{ifi}|{value}"
    raise ValueError("an agent needs an inverse functional identifier")


def activity(
    activity_id: str, activity_type: str, name: dict[str, str] | None = None
) -> dict[str, Any]:
    definition: dict[str, Any] = {"type": activity_type}
    if name:
        definition["name"] = name
    return {"objectType": "Activity", "id": activity_id, "definition": definition}


def record(
    actor: dict[str, Any],
    verb_id: str,
    obj: dict[str, Any],
    *,
    result: dict[str, Any] | None = None,
    context: dict[str, Any] | None = None,
    timestamp: datetime | None = None,
) -> Statement:
    """Store one statement from the platform; call it in the transaction of the change."""
    now = timezone.now()
    statement_id = uuid.uuid4()
    data: dict[str, Any] = {
        "id": str(statement_id),
        "actor": actor,
        "verb": {"id": verb_id, "display": {"en-US": VERB_DISPLAY.get(verb_id, verb_id)}},
        "object": obj,
        "timestamp": (timestamp or now).isoformat(),
        "stored": now.isoformat(),
        "authority": platform_authority(),
        "version": "1.0.3",
    }
    if result:
        data["result"] = result
    if context:
        data["context"] = context
    registration = (context or {}).get("registration")
    return Statement.objects.create(
        id=statement_id,
        actor_key=actor_key(actor),
        verb_id=verb_id,
        activity_id=obj.get("id", "") if obj.get("objectType", "Activity") == "Activity" else "",
        registration=uuid.UUID(registration) if registration else None,
        timestamp=timestamp or now,
        stored=now,
        data=data,
    )
