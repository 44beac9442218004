"""Who may see events, register, manage them, check people in and review abstracts."""

from __future__ import annotations

from django.db.models import Q

from praxis.core.people import Person, Visitor
from praxis.core.permissions import OpenRule, Rule, is_staff
from praxis.events.models import Abstract, Event


def _visible_events(user: Visitor) -> Q:
    return Q() if is_staff(user) else Q(status=Event.Status.PUBLISHED)


view_event: OpenRule[Event] = OpenRule(
    "events.view",
    check=lambda user, event: event.status == Event.Status.PUBLISHED or is_staff(user),
    scope=_visible_events,
)

# Academy staff are the event managers; partner co-organisers gain rights with the partners work.
manage_event = Rule("events.manage", check=is_staff)

register_for_event: Rule[Event] = Rule(
    "events.register",
    check=lambda user, event: user.is_active and event.status == Event.Status.PUBLISHED,
)

submit_abstract: Rule[Event] = Rule(
    "events.submit_abstract",
    check=lambda user, event: user.is_active and event.status == Event.Status.PUBLISHED,
)


def _reviews_track(user: Person, abstract: Abstract) -> bool:
    return abstract.track.reviewers.filter(pk=user.pk).exists()


review_abstract = Rule("events.review_abstract", check=_reviews_track)
