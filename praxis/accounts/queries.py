"""Reading people's accounts."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.sessions.models import Session
from django.db.models import Exists, F, OuterRef, QuerySet
from django.utils import timezone

from praxis.accounts import links
from praxis.accounts.models import ApiToken, PersonSession, SecurityEvent, User
from praxis.accounts.permissions import own_api_token
from praxis.reference.models import Occupation, WhoRegion
from praxis.reference.queries import who_region


def who_region_of(user: User, on: datetime.date | None = None) -> str | None:
    """The WHO region of the person's country on a date (today by default), or None."""
    return who_region(str(user.country), on=on) if user.country else None


def who_region_name(code: str | None) -> str:
    """The translated name of a WHO region code ("" for none)."""
    return str(WhoRegion(code).label) if code else ""


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    """The person's tokens, live ones first, newest first."""
    return own_api_token.filter(user, ApiToken.objects.all()).order_by(
        F("revoked_at").asc(nulls_first=True), "-created_at"
    )


def occupations_by_group() -> list[tuple[Any, list[Occupation]]]:
    """Reference occupations grouped by WHO health-worker group, in the classification's order."""
    members: dict[str, list[Occupation]] = {group: [] for group in Occupation.Group.values}
    for occupation in Occupation.objects.order_by("isco08"):
        members.setdefault(occupation.group, []).append(occupation)
    return [(Occupation.Group(group).label, items) for group, items in members.items() if items]


def reset_link_is_valid(token: str) -> bool:
    """Whether a password-reset link can still be used (to say so before the form is filled)."""
    try:
        links.read_reset_token(token)
    except links.BadToken:
        return False
    return True


def live_sessions_of(user: User) -> QuerySet[PersonSession]:
    """The person's recorded sessions that have not ended or expired, newest first."""
    live = Session.objects.filter(
        session_key=OuterRef("session_key"), expire_date__gt=timezone.now()
    )
    return PersonSession.objects.filter(person=user).filter(Exists(live)).order_by("-created_at")


def security_events_of(user: User, limit: int = 100) -> list[SecurityEvent]:
    """The person's latest security events, newest first."""
    return list(SecurityEvent.objects.filter(person=user).select_related("by")[:limit])
