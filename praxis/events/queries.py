"""Read side of events: the listing, an event's page, its timetable, a person's events, the
abstracts a reviewer may review, the exhibition floor."""

from __future__ import annotations

import uuid
import zoneinfo
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone

from praxis.core.errors import NotFound
from praxis.core.languages import language_q
from praxis.core.pagination import Page, paginate
from praxis.core.people import Person, Visitor, signed_in
from praxis.core.rows import the_row
from praxis.core.text_index import fields_match
from praxis.core.timezones import UTC, is_zone, profile_zone, zone_named
from praxis.events.models import (
    Abstract,
    Attendance,
    CalendarFeed,
    Event,
    Exhibitor,
    RegistrantMessage,
    Registration,
    Session,
    Track,
)
from praxis.events.own_state import own_state
from praxis.events.permissions import SEEN_AT_ITS_ADDRESS, manage_event, view_event
from praxis.events.programme_cache import cached_event_facts, kept_places_taken, visitors_event

WHEN_UPCOMING = "upcoming"
WHEN_PAST = "past"
WHEN_ANY = "any"
MAX_QUERY = 200


def visible_event(user: Visitor, slug: str, *, fresh: bool = False) -> Event:
    """The event with `slug` if `user` may see it; NotFound otherwise. A published or cancelled
    event, which everybody may see, is found without a query while no event changes; a draft is
    read for those who manage it. `fresh`: read the event's row itself (to edit it)."""
    if not fresh:
        event = visitors_event(
            slug,
            lambda: the_row(
                Event.objects.select_related("organiser").filter(
                    slug=slug, status__in=SEEN_AT_ITS_ADDRESS
                )
            ),
        )
        if event is not None:
            return event
        if not signed_in(user):
            raise NotFound()
    event = the_row(Event.objects.select_related("organiser").filter(slug=slug))
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
    """Published events matching the filters: upcoming soonest first (unless `when` asks for
    past ones, latest first, or for any, soonest first)."""
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
        queryset = queryset.filter(language_q("language", [language]))
    if topic:
        queryset = queryset.filter(topics__slug=topic)
    if online:
        queryset = queryset.exclude(format=Event.Format.IN_PERSON)
    if when == WHEN_PAST:
        queryset = queryset.filter(ends_at__lt=now).order_by("-starts_at", "-id")
    elif when == WHEN_ANY:
        queryset = queryset.order_by("starts_at", "id")
    else:  # upcoming, unless asked otherwise: what a person looking for an event means
        queryset = queryset.filter(ends_at__gte=now).order_by("starts_at", "id")
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
    # Whether the reader reviews the abstracts of one of the event's tracks (the people
    # `review_abstracts_of_event` allows), read with the page's other facts.
    reviews_abstracts: bool
    # Whether the reader manages the event (`permissions.manage_event`).
    manages: bool = False


def places_taken(event: Event) -> tuple[int, int]:
    """(places held, people waiting) for the event as shown, counted at most once per version
    of its registrations."""
    return kept_places_taken(event, lambda: _count_places_taken(event))


def _count_places_taken(event: Event) -> tuple[int, int]:
    counts = {
        row["status"]: row["n"]
        for row in event.registrations.values("status").annotate(n=Count("id"))
    }
    held = sum(counts.get(status, 0) for status in Registration.HOLDING)
    return held, counts.get(Registration.Status.WAITLISTED, 0)


def event_page(user: Visitor, event: Event, taken: tuple[int, int] | None = None) -> EventPage:
    """What the event's page shows, in a fixed number of queries; `taken` is what
    `places_taken` gave, when already asked. The reader's own registration and whether they
    manage the event are read in one statement (`own_state`)."""
    own = own_state(user, event)
    held, waiting = taken or places_taken(event)
    co_organisers, topics, tracks, exhibitors, reviewers = cached_event_facts(
        event, lambda: _event_facts(event)
    )
    return EventPage(
        event=event,
        registration=own.registration,
        held=held,
        waiting=waiting,
        co_organisers=co_organisers,
        topics=topics,
        tracks=tracks,
        exhibitors=exhibitors,
        reviews_abstracts=signed_in(user) and user.pk in reviewers,
        manages=own.manages,
    )


def _event_facts(
    event: Event,
) -> tuple[list[Any], list[Any], list[Any], int, frozenset[int]]:
    tracks = list(event.tracks.all())
    reviewers = Track.reviewers.through.objects.filter(track__event=event)
    return (
        list(event.co_organisers.all()),
        list(event.topics.all()),
        tracks,
        event.exhibitors.count(),
        frozenset(reviewers.values_list("user_id", flat=True)) if tracks else frozenset(),
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
    # The speakers' names one by one, and "HH:MM–HH:MM" in the viewer's zone.
    speaker_names: list[str] = field(default_factory=list)
    times: str = ""


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
        .defer("description")
        .prefetch_related("materials")
        .order_by("starts_at", "room__position", "id")
    )
    # The speakers' names in one query of plain rows, in the speakers' own order (by name).
    names: dict[int, list[str]] = {}
    for session_id, name in (
        Session.speakers.through.objects.filter(session__event=event)
        .order_by("speaker__name", "speaker_id")
        .values_list("session_id", "speaker__name")
    ):
        names.setdefault(session_id, []).append(name)
    calendar_base = reverse("events:session_ics", args=[event.slug, uuid.UUID(int=0)])
    calendar_base = calendar_base.rsplit("/", 1)[0]
    kinds = {value: str(label) for value, label in Session.Kind.choices}
    days: dict[date, Day] = {}
    for session in sessions:
        starts, ends = session.starts_at.astimezone(zone), session.ends_at.astimezone(zone)
        day = days.setdefault(starts.date(), Day(day=starts.date()))
        speakers = names.get(session.pk, [])
        day.slots.append(
            Slot(
                session=session,
                starts=starts,
                ends=ends,
                kind="" if session.kind == Session.Kind.TALK else kinds[session.kind],
                room=session.room.name if session.room else "",
                track=session.track.name if session.track else "",
                speakers=", ".join(speakers),
                calendar_url=f"{calendar_base}/{session.uuid}.ics",
                speaker_names=speakers,
                times=f"{starts:%H:%M}–{ends:%H:%M}",
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


def all_abstracts(event: Event) -> list[Abstract]:
    """Every abstract of `event`, for its organisers: those under review first, each with its
    track (and the track's reviewers), its submitter and every review with its reviewer."""
    under_review_first = Case(
        When(status=Abstract.Status.SUBMITTED, then=Value(0)), default=Value(1)
    )
    return list(
        Abstract.objects.filter(event=event)
        .select_related("track", "submitter")
        .prefetch_related("track__reviewers", "reviews__reviewer")
        .order_by(under_review_first, "created_at", "id")
    )


def exhibitors(event: Event) -> list[Exhibitor]:
    """The exhibition floor: exhibitors by booth."""
    return list(event.exhibitors.select_related("organisation").order_by("booth", "id"))


def viewer_zone(
    session_zone: str | None, event: Event | None = None, person: Visitor | None = None
) -> zoneinfo.ZoneInfo:
    """The zone to show times in: the viewer's choice on the page, else the zone on their
    profile, else the event's own zone, else UTC."""
    chosen = zone_named(session_zone) if is_zone(session_zone) else None
    if chosen is None:
        chosen = profile_zone(person)
    if chosen is not None:
        return chosen
    return event.zone if event is not None else UTC


def local(moment: datetime, zone: zoneinfo.ZoneInfo) -> datetime:
    return moment.astimezone(zone)


def upcoming(user: Visitor, limit: int = 3) -> list[Event]:
    """The next events `user` may see that have not ended, soonest first: one query."""
    queryset = view_event.filter(user, Event.objects.select_related("organiser"))
    return list(queryset.filter(ends_at__gte=timezone.now()).order_by("starts_at", "id")[:limit])


def next_registrations(person: Person, limit: int = 3) -> list[Registration]:
    """A person's live registrations for events that have not ended, soonest first."""
    return list(
        Registration.objects.filter(person=person, event__ends_at__gte=timezone.now())
        .exclude(status__in=[Registration.Status.CANCELLED, Registration.Status.DECLINED])
        .select_related("event")
        .order_by("event__starts_at")[:limit]
    )


def events_to_run(user: Visitor, limit: int = 3) -> list[Event]:
    """For those who manage events: the published events not yet ended, soonest first, whose
    check-in they may run; none for anyone else."""
    managed = manage_event.filter(user, Event.objects.all()).values("pk")
    return list(
        Event.objects.filter(
            pk__in=managed, status=Event.Status.PUBLISHED, ends_at__gte=timezone.now()
        ).order_by("starts_at", "id")[:limit]
    )


def events_matching(user: Visitor, groups: list[list[str]], limit: int = 10) -> list[Event]:
    """Events `user` may see matching every group of a read query (praxis.core.text_search),
    title matches first, then the soonest."""
    if not groups:
        return []
    visible = view_event.filter(user, Event.objects.all())
    in_title = Case(
        When(fields_match(groups, ("title",)), then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return list(
        visible.filter(fields_match(groups, ("title", "summary", "venue")))
        .annotate(in_title=in_title)
        .order_by("in_title", "-starts_at", "id")[:limit]
    )


def sessions_matching(user: Visitor, groups: list[list[str]], limit: int = 10) -> list[Session]:
    """Sessions of events `user` may see matching every group of a read query."""
    if not groups:
        return []
    visible = view_event.filter(user, Event.objects.all())
    return list(
        Session.objects.filter(event__in=visible)
        .filter(fields_match(groups, ("title", "description")))
        .select_related("event")
        .order_by("-event__starts_at", "starts_at", "id")[:limit]
    )


def sees_more_than_visitors(user: Visitor) -> bool:
    """Whether `user` may see events beyond the published ones every visitor sees: staff and the
    people who manage a partner's events see their drafts too."""
    return manage_event.allows(user)


def vocabulary_texts() -> list[str]:
    """The titles of published events and their sessions: words a search may correct towards."""
    visible = view_event.filter(AnonymousUser(), Event.objects.all())
    return [
        *visible.values_list("title", flat=True),
        *Session.objects.filter(event__in=visible).values_list("title", flat=True),
    ]


# Organisers' side: registrants, live counts, the printed badges.

REGISTRANT_FILTER_ATTENDED = "yes"
REGISTRANT_FILTER_ABSENT = "no"


def registrants(
    event: Event, *, q: str = "", status: str = "", attended: str = ""
) -> QuerySet[Registration]:
    """The registrations of `event` matching a search by name or e-mail, a status, and whether
    the person attended, by name: one query with the person and attendance joined."""
    queryset = (
        Registration.objects.filter(event=event)
        .select_related("person", "attendance")
        .order_by("person__full_name", "id")
    )
    if q := q.strip()[:MAX_QUERY]:
        queryset = queryset.filter(
            Q(person__full_name__icontains=q) | Q(person__email__icontains=q)
        )
    if status:
        queryset = queryset.filter(status=status)
    if attended == REGISTRANT_FILTER_ATTENDED:
        queryset = queryset.filter(attendance__isnull=False)
    elif attended == REGISTRANT_FILTER_ABSENT:
        queryset = queryset.filter(attendance__isnull=True)
    return queryset


@dataclass(frozen=True)
class AttendanceCounts:
    confirmed: int
    checked_in: int
    online: int
    pending: int
    waitlisted: int

    @property
    def present(self) -> int:
        return self.checked_in + self.online


def attendance_counts(event: Event) -> AttendanceCounts:
    """How many are confirmed, checked in at the desk, joined online, awaiting approval and
    waiting: one query, read afresh on every call (the check-in page polls it)."""
    totals = Registration.objects.filter(event=event).aggregate(
        confirmed=Count("id", filter=Q(status=Registration.Status.CONFIRMED)),
        pending=Count("id", filter=Q(status=Registration.Status.PENDING)),
        waitlisted=Count("id", filter=Q(status=Registration.Status.WAITLISTED)),
        checked_in=Count("id", filter=Q(attendance__method=Attendance.Method.TICKET)),
        online=Count("id", filter=Q(attendance__method=Attendance.Method.ONLINE)),
    )
    return AttendanceCounts(**totals)


def messages_sent(event: Event) -> list[RegistrantMessage]:
    return list(event.messages.select_related("sent_by")[:20])


# The calendar of events, by month or week, in the viewer's zone.


@dataclass
class CalendarDay:
    day: date
    in_month: bool
    events: list[Event] = field(default_factory=list)


@dataclass
class CalendarView:
    first: date
    last: date
    weeks: list[list[CalendarDay]]
    previous: date
    next: date

    @property
    def has_events(self) -> bool:
        return any(day.events for week in self.weeks for day in week)


CALENDAR_FIRST_DAY, CALENDAR_LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)


def calendar_view(
    user: Visitor, zone: zoneinfo.ZoneInfo, *, around: date, span: str, first_weekday: int = 0
) -> CalendarView:
    """The events `user` may see during the month (`span` "month") or week ("week") holding
    `around`, each on every day (in `zone`) it runs, in one query. A day before 1900 or after
    2999 shows that year's nearest month or week (the calendar's edges stay within dates)."""
    around = min(max(around, CALENDAR_FIRST_DAY), CALENDAR_LAST_DAY)
    if span == "week":
        start = around - timedelta(days=(around.weekday() - first_weekday) % 7)
        end = start + timedelta(days=6)
        first, last = start, end
        previous, following = start - timedelta(days=7), start + timedelta(days=7)
    else:
        first = around.replace(day=1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        start = first - timedelta(days=(first.weekday() - first_weekday) % 7)
        end = last + timedelta(days=(first_weekday - last.weekday() - 1) % 7)
        previous = (first - timedelta(days=1)).replace(day=1)
        following = last + timedelta(days=1)
    opens = datetime.combine(start, time.min, zone)
    closes = datetime.combine(end + timedelta(days=1), time.min, zone)
    found = list(
        view_event.filter(user, Event.objects.all())
        .filter(starts_at__lt=closes, ends_at__gt=opens)
        .exclude(status=Event.Status.CANCELLED)
        .order_by("starts_at", "id")
    )
    days: dict[date, CalendarDay] = {}
    day = start
    while day <= end:
        days[day] = CalendarDay(day=day, in_month=first <= day <= last)
        day += timedelta(days=1)
    for event in found:
        day = max(event.starts_at.astimezone(zone).date(), start)
        final = min((event.ends_at - timedelta(microseconds=1)).astimezone(zone).date(), end)
        while day <= final:
            days[day].events.append(event)
            day += timedelta(days=1)
    ordered = list(days.values())
    weeks = [ordered[i : i + 7] for i in range(0, len(ordered), 7)]
    return CalendarView(first=first, last=last, weeks=weeks, previous=previous, next=following)


# The programme as a grid: rooms across, times down.


@dataclass
class GridCell:
    room: str
    slots: list[Slot] = field(default_factory=list)


@dataclass
class GridRow:
    starts: datetime
    cells: list[GridCell]


@dataclass
class GridDay:
    day: date
    rooms: list[str]
    rows: list[GridRow]


def programme_grid(days: list[Day]) -> list[GridDay]:
    """The timetable's days as room × time grids: one column per room used that day (sessions
    without a room in a last column), one row per starting time."""
    grid = []
    for day in days:
        # Rooms in the order the timetable met them (by position); sessions without one last.
        rooms = sorted(dict.fromkeys(slot.room for slot in day.slots), key=lambda name: name == "")
        rows: dict[datetime, GridRow] = {}
        for slot in day.slots:
            row = rows.setdefault(
                slot.starts, GridRow(starts=slot.starts, cells=[GridCell(room) for room in rooms])
            )
            row.cells[rooms.index(slot.room)].slots.append(slot)
        grid.append(GridDay(day=day.day, rooms=rooms, rows=list(rows.values())))
    return grid
