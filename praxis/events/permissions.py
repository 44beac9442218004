"""Who may see events, register, manage them, check people in and review abstracts.

Academy staff manage every event. A partner organisation's admins manage the events their
organisation organises or co-organises: the programme, registrants, check-in, badges, messages
and materials, as staff do; another organisation's people manage none of them."""

from __future__ import annotations

from django.db.models import Q

from praxis.core.people import Person, Visitor, signed_in
from praxis.core.permissions import OpenRule, Rule, is_staff
from praxis.events.models import Abstract, Event, Track
from praxis.organisations.models import Membership, Organisation, Role
from praxis.organisations.permissions import organisation_ids_with_role

# The membership roles through which a partner's people manage the events it (co-)organises.
EVENT_MANAGER_ROLES = frozenset({Role.ADMIN})


def _managing_organisations(user: Visitor) -> set[int]:
    return organisation_ids_with_role(user, EVENT_MANAGER_ROLES)


def _organises(user: Person, event: Event | None) -> bool:
    if is_staff(user):
        return True
    if event is None:
        return bool(_managing_organisations(user))
    mine = _managing_organisations(user)
    if not mine:
        return False
    if event.organiser_id in mine:
        return True
    return event.co_organisers.filter(pk__in=mine).exists()


def _managed_events(user: Visitor) -> Q:
    """The events `user` manages, as subqueries: a list filtered by it costs no extra query."""
    if is_staff(user):
        return Q()
    if not signed_in(user):
        return Q(pk__in=[])
    mine = Membership.objects.filter(
        user=user, status=Membership.Status.ACTIVE, role__in=EVENT_MANAGER_ROLES
    ).values("organisation_id")
    co_organised = Event.co_organisers.through.objects.filter(organisation_id__in=mine)
    return Q(organiser__in=mine) | Q(pk__in=co_organised.values("event_id"))


# `allows(user)` without an event: whether the person manages any event at all.
manage_event: Rule[Event | None] = Rule("events.manage", check=_organises, scope=_managed_events)


def _visible_events(user: Visitor) -> Q:
    if is_staff(user):
        return Q()
    published = Q(status=Event.Status.PUBLISHED)
    if not signed_in(user):
        return published
    return published | Q(pk__in=Event.objects.filter(_managed_events(user)).values("pk"))


# A cancelled event keeps its address, which says so to those who registered or kept the link;
# lists show published events only.
SEEN_AT_ITS_ADDRESS = (Event.Status.PUBLISHED, Event.Status.CANCELLED)

view_event: OpenRule[Event] = OpenRule(
    "events.view",
    check=lambda user, event: (
        event.status in SEEN_AT_ITS_ADDRESS
        or (signed_in(user) and manage_event.allows(user, event))
    ),
    scope=_visible_events,
)

# Whether the person may ask to register at all: a cancelled event is then refused as closed
# (registration_closed), as one past its deadline is, not as forbidden.
register_for_event: Rule[Event] = Rule(
    "events.register",
    check=lambda user, event: user.is_active and event.status in SEEN_AT_ITS_ADDRESS,
)

submit_abstract: Rule[Event] = Rule(
    "events.submit_abstract",
    check=lambda user, event: user.is_active and event.status == Event.Status.PUBLISHED,
)


def _reviews_track(user: Person, abstract: Abstract) -> bool:
    return abstract.track.reviewers.filter(pk=user.pk).exists()


review_abstract = Rule("events.review_abstract", check=_reviews_track)


def _reviews_for_event(user: Person, event: Event) -> bool:
    return Track.objects.filter(event=event, reviewers=user).exists()


# Whether the person reviews the abstracts of any of the event's tracks.
review_abstracts_of_event: Rule[Event] = Rule(
    "events.review_abstracts_of_event", check=_reviews_for_event
)

# Who opens the event's abstracts page: its managers, who see every abstract with every review
# and decide, and the reviewers of its tracks, who see the abstracts of the tracks they review.
see_abstracts_of_event: Rule[Event] = Rule(
    "events.see_abstracts_of_event",
    check=lambda user, event: _organises(user, event) or _reviews_for_event(user, event),
)


# Who may create an event: academy staff, and the admins of any partner organisation, who
# create it for one of their own organisations.
create_event: Rule[None] = Rule(
    "events.create", check=lambda user, _nothing: _organises(user, None)
)


def _organises_for(user: Person, organisation: Organisation) -> bool:
    return is_staff(user) or organisation.pk in _managing_organisations(user)


# Whether the person may name `organisation` as an event's organiser.
organise_for: Rule[Organisation] = Rule("events.organise_for", check=_organises_for)
