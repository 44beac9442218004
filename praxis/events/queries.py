"""Read side of events: the listing, an event's page, its timetable, a person's events, the
abstracts a reviewer may review, the exhibition floor."""

from __future__ import annotations

import uuid
import zoneinfo
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from praxis.core.errors import NotFound
from praxis.core.pagination import Page, paginate
from praxis.core.people import Person, Visitor, signed_in
from praxis.core.timezones import UTC, zone_named
from praxis.events.models import (
    Abstract,
    CalendarFeed,
    Event,
    Exhibitor,
    Registration,
    Session,
    Speaker,
)
from praxis.events.permissions import manage_event, view_event

WHEN_UPCOMING = "upcoming"
WHEN_PAST = "past"
MAX_QUERY = 200


def visible_event(user: Visitor, slug: str) -> Event:
    """The event with `slug` if `user` may see it; NotFound otherwise."""
    event = Event.objects.select_related("organiser").filter(slug=slug).first()
    if event is None or not view_event.allows(user, event):
        raise NotFound()
    return event


def events(
    user: Visitor,
    *,
    q: str = "",
    type: str = "",
    region: str = "",
    language: str = "",
    topic: str = "",
    when: str = "",
    online: bool = False,
    page: Any = 1,
    size: Any = 20,
) -> Page[Event]:
    """Published events matching the filters: upcoming soonest first, past latest first."""
    queryset: QuerySet[Event] = view_event.filter(user, Event.objects.all()).select_related(
        "organiser"
    )
    now = timezone.now()
    if q := q.strip()[:MAX_QUERY]:
        queryset = queryset.filter(
            Q(title__icontains=q) | Q(summary__icontains=q) | Q(venue__icontains=q)
        )
    if type:
        queryset = queryset.filter(type=type)
    if region:
        queryset = queryset.filter(region=region)
    if language:
        queryset = queryset.filter(language=language)
    if topic:
        queryset = queryset.filter(topics__slug=topic)
    if online:
        queryset = queryset.exclude(format=Event.Format.IN_PERSON)
    if when == WHEN_PAST:
        queryset = queryset.filter(ends_at__lt=now).order_by("-starts_at", "-id")
    elif when == WHEN_UPCOMING:
        queryset = queryset.filter(ends_at__gte=now).order_by("starts_at", "id")
    else:
        queryset = queryset.order_by("starts_at", "id")
    return paginate(queryset.distinct(), page, size)


@dataclass
class EventPage:
    event: Event
    registration: Registration | None
    held: int
    waiting: int
    co_organisers: list[Any]
    topics: list[Any]
    tracks: list[Any]
    exhibitors: int


def event_page(user: Visitor, event: Event) -> EventPage:
    """What the event's page shows, in a fixed number of queries."""
    registration = None
    if signed_in(user):
        registration = (
            Registration.objects.filter(event=event, person=user)
            .exclude(status__in=[Registration.Status.CANCELLED, Registration.Status.DECLINED])
            .select_related("attendance")
            .first()
        )
    counts = {
        row["status"]: row["n"]
        for row in event.registrations.values("status").annotate(n=Count("id"))
    }
    return EventPage(
        event=event,
        registration=registration,
        held=sum(counts.get(status, 0) for status in Registration.HOLDING),
        waiting=counts.get(Registration.Status.WAITLISTED, 0),
        co_organisers=list(event.co_organisers.all()),
        topics=list(event.topics.all()),
        tracks=list(event.tracks.all()),
        exhibitors=event.exhibitors.count(),
    )


@dataclass(frozen=True)
class Slot:
    """One session as the timetable shows it, with its times already in the viewer's zone."""

    session: Session
    starts: datetime
    ends: datetime
    kind: str
    room: str
    track: str
    speakers: str
    calendar_url: str


@dataclass
class Day:
    day: date
    slots: list[Slot] = field(default_factory=list)


def timetable(event: Event, zone: zoneinfo.ZoneInfo) -> list[Day]:
    """The programme by day (in `zone`), each day's sessions in order of time and room.

    Everything a row shows is worked out here once, so that a 200-session programme renders
    quickly."""
    sessions = (
        Session.objects.filter(event=event)
        .select_related("room", "track")
        .prefetch_related(Prefetch("speakers", queryset=Speaker.objects.only("id", "name")))
        .order_by("starts_at", "room__position", "id")
    )
    calendar_base = reverse("events:session_ics", args=[event.slug, uuid.UUID(int=0)])
    calendar_base = calendar_base.rsplit("/", 1)[0]
    kinds = {value: str(label) for value, label in Session.Kind.choices}
    days: dict[date, Day] = {}
    for session in sessions:
        starts, ends = session.starts_at.astimezone(zone), session.ends_at.astimezone(zone)
        day = days.setdefault(starts.date(), Day(day=starts.date()))
        day.slots.append(
            Slot(
                session=session,
                starts=starts,
                ends=ends,
                kind="" if session.kind == Session.Kind.TALK else kinds[session.kind],
                room=session.room.name if session.room else "",
                track=session.track.name if session.track else "",
                speakers=", ".join(s.name for s in session.speakers.all()),
                calendar_url=f"{calendar_base}/{session.uuid}.ics",
            )
        )
    return [days[day] for day in sorted(days)]


def my_events(person: Person) -> list[Registration]:
    """A person's live registrations, soonest first."""
    return list(
        Registration.objects.filter(person=person)
        .exclude(status__in=[Registration.Status.CANCELLED, Registration.Status.DECLINED])
        .select_related("event")
        .order_by("event__starts_at")
    )


def feed_events(token: str) -> tuple[Any, list[Event]] | None:
    """The owner and events of a personal calendar feed, or None for an unknown token."""
    feed = CalendarFeed.objects.select_related("person").filter(token=token).first()
    if feed is None:
        return None
    registrations = Registration.objects.filter(
        person=feed.person_id,
        status__in=[
            Registration.Status.CONFIRMED,
            Registration.Status.PENDING,
            Registration.Status.WAITLISTED,
        ],
    ).select_related("event")
    return feed.person, [registration.event for registration in registrations]


def abstracts_to_review(reviewer: Person, event: Event) -> list[Abstract]:
    """Abstracts in the tracks `reviewer` reviews, under review, with the reviewer's own review."""
    return list(
        Abstract.objects.filter(
            event=event, track__reviewers=reviewer, status=Abstract.Status.SUBMITTED
        )
        .select_related("track", "submitter")
        .prefetch_related("reviews")
        .order_by("created_at")
    )


def exhibitors(event: Event) -> list[Exhibitor]:
    """The exhibition floor: exhibitors by booth."""
    return list(event.exhibitors.select_related("organisation").order_by("booth", "id"))


def viewer_zone(session_zone: str | None, event: Event | None = None) -> zoneinfo.ZoneInfo:
    """The zone to show times in: the viewer's choice, else the event's own zone, else UTC."""
    chosen = zone_named(session_zone)
    if chosen is not None:
        return chosen
    return event.zone if event is not None else UTC


def local(moment: datetime, zone: zoneinfo.ZoneInfo) -> datetime:
    return moment.astimezone(zone)


def upcoming(user: Any, limit: int = 3) -> list[Event]:
    """The next events `user` may see that have not ended, soonest first: one query."""
    queryset = view_event.filter(user, Event.objects.select_related("organiser"))
    return list(queryset.filter(ends_at__gte=timezone.now()).order_by("starts_at", "id")[:limit])


def next_registrations(person: Any, limit: int = 3) -> list[Registration]:
    """A person's live registrations for events that have not ended, soonest first."""
    return list(
        Registration.objects.filter(person=person, event__ends_at__gte=timezone.now())
        .exclude(status__in=[Registration.Status.CANCELLED, Registration.Status.DECLINED])
        .select_related("event")
        .order_by("event__starts_at")[:limit]
    )


def events_to_run(user: Any, limit: int = 3) -> list[Event]:
    """For those who manage events: the published events not yet ended, soonest first, whose
    check-in they may run; none for anyone else."""
    if not manage_event.allows(user):
        return []
    return list(
        Event.objects.filter(status=Event.Status.PUBLISHED, ends_at__gte=timezone.now()).order_by(
            "starts_at", "id"
        )[:limit]
    )
