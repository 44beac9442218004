"""Who may see events, register, manage them, check people in and review abstracts."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from praxis.core.permissions import Rule, is_staff
from praxis.events.models import Abstract, Event


def _visible_events(user: Any) -> Q:
    return Q() if is_staff(user) else Q(status=Event.Status.PUBLISHED)


view_event = Rule(
    "events.view",
    check=lambda user, event: event.status == Event.Status.PUBLISHED or is_staff(user),
    scope=_visible_events,
)

# Academy staff are the event managers; partner co-organisers gain rights with the partners work.
manage_event = Rule("events.manage", check=is_staff, login_required=True)

register_for_event = Rule(
    "events.register",
    check=lambda user, event: user.is_active and event.status == Event.Status.PUBLISHED,
    login_required=True,
)

submit_abstract = Rule(
    "events.submit_abstract",
    check=lambda user, event: user.is_active and event.status == Event.Status.PUBLISHED,
    login_required=True,
)


def _reviews_track(user: Any, abstract: Abstract) -> bool:
    return abstract.track.reviewers.filter(pk=user.pk).exists()


review_abstract = Rule("events.review_abstract", check=_reviews_track, login_required=True)
