"""Creating an event and changing its settings (what, when, where, for whom, by whom),
publishing a draft and cancelling a published event.

The page, the API and the back office make these changes through here or, for the back office's
own form, through `announce_event_change`: registrants of a published event are told whenever
it moves to other times or is cancelled, whichever way the change was made."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from praxis.catalog.models import Topic
from praxis.core.errors import Conflict, ErrorCode, ValidationFailed
from praxis.core.input_guard import NUL_MESSAGE
from praxis.core.languages import LanguageTagProblem, standard_tag
from praxis.core.people import Person
from praxis.core.permissions import is_staff, require
from praxis.core.timezones import is_zone
from praxis.events.models import Event
from praxis.events.permissions import create_event as may_create_event
from praxis.events.permissions import manage_event, organise_for
from praxis.events.services.organising import announce_event_change
from praxis.organisations.models import Organisation
from praxis.reference.models import WhoRegion

MAX_PLACES = 1_000_000
MAX_CPD_CREDITS = Decimal("999.99")
# The addresses of the events app's own pages under /events/, which no event's slug may take.
RESERVED_SLUGS = frozenset({"new", "mine", "calendar", "time-zone", "feeds"})

# What each field may be; the page's form shows the same words beside its fields.
TITLE_MESSAGE = _("Give a title of up to 200 characters.")
SUMMARY_MESSAGE = _("Write a summary of up to 4,000 characters.")
TYPE_MESSAGE = _("Choose a type of event.")
FORMAT_MESSAGE = _("Choose in person, online or hybrid.")
REGION_MESSAGE = _("Choose a WHO region from the list.")
ZONE_MESSAGE = _("Choose a time zone from the list.")
STARTS_MESSAGE = _("Give the date and time the event starts.")
ENDS_MESSAGE = _("Give the date and time the event ends.")
ENDS_BEFORE_START_MESSAGE = _("The event must end after it starts.")
VENUE_MESSAGE = _("Give the venue, up to 300 characters, of an event held in person.")
VENUE_LENGTH_MESSAGE = _("Give a venue of up to 300 characters.")
LINK_MISSING_MESSAGE = _("Give the https:// link people join an online event at.")
LINK_MESSAGE = _("Give a full https:// link of up to 200 characters.")
CAPACITY_MESSAGE = _("Give a number of places from 1 to 1,000,000, or leave it empty for no limit.")
DEADLINE_MESSAGE = _("The registration deadline must be before the event ends.")
CPD_MESSAGE = _("Give CPD credits from 0 to 999.99.")
ORGANISER_MESSAGE = _("Choose one of the organisations you are an admin of.")
DATE_TIME_MESSAGE = _("Give a date and time, such as 2027-03-14 09:30.")


@dataclass(frozen=True)
class EventSettings:
    """What an organiser sets of an event. Dates and times without a zone are read on the
    event's clock (`time_zone`); with one, they are that moment."""

    title: str = ""
    type: str = ""
    summary: str = ""
    language: str = ""
    region: str = ""
    time_zone: str = "UTC"
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    format: str = Event.Format.IN_PERSON
    venue: str = ""
    online_url: str = ""
    capacity: int | None = None
    waitlist: bool = True
    registration_deadline: datetime | None = None
    cpd_credits: Decimal = Decimal("0")
    organiser: Organisation | None = None
    co_organisers: Sequence[Organisation] = field(default_factory=tuple)
    topics: Sequence[Topic] = field(default_factory=tuple)

    def but(self, **changes: Any) -> EventSettings:
        """These settings with `changes` made."""
        return replace(self, **changes)


def settings_of(event: Event) -> EventSettings:
    """The settings `event` has now, its times as moments (with their zone)."""
    return EventSettings(
        title=event.title,
        type=event.type,
        summary=event.summary,
        language=event.language,
        region=event.region,
        time_zone=event.time_zone,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        format=event.format,
        venue=event.venue,
        online_url=event.online_url,
        capacity=event.capacity,
        waitlist=event.waitlist,
        registration_deadline=event.registration_deadline,
        cpd_credits=event.cpd_credits,
        organiser=event.organiser,
        co_organisers=tuple(event.co_organisers.all()),
        topics=tuple(event.topics.all()),
    )


# The fields of the event's own row that its settings set.
ROW_FIELDS = (
    "title",
    "type",
    "summary",
    "language",
    "region",
    "time_zone",
    "starts_at",
    "ends_at",
    "format",
    "venue",
    "online_url",
    "capacity",
    "waitlist",
    "registration_deadline",
    "cpd_credits",
    "organiser",
)
# The fields given as text, which may hold what no database stores.
TEXT_FIELDS = (*ROW_FIELDS[:6], "format", "venue", "online_url")


class _Problems:
    """The problems found with some settings, each beside its field; the code of the first
    is the refusal's."""

    def __init__(self) -> None:
        self.fields: dict[str, list[str | Promise]] = {}
        self.code: ErrorCode | None = None

    def add(
        self, name: str, message: str | Promise, code: ErrorCode = ErrorCode.INVALID_INPUT
    ) -> None:
        if name not in self.fields:
            self.fields[name] = [message]
            self.code = self.code or code

    def raise_any(self) -> None:
        if self.fields:
            raise ValidationFailed(self.code, fields=self.fields)


def _on_the_clock(moment: datetime | None, zone: ZoneInfo | None) -> datetime | None:
    """`moment` as a moment: one without a zone is read on the event's clock."""
    if moment is None or timezone.is_aware(moment):
        return moment
    return moment.replace(tzinfo=zone) if zone is not None else None


def _https_link(url: str) -> bool:
    parts = urlsplit(url)
    return len(url) <= 200 and parts.scheme == "https" and bool(parts.hostname) and " " not in url


def _credits(value: Any) -> Decimal | None:
    try:
        credits = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    if not credits.is_finite() or not 0 <= credits <= MAX_CPD_CREDITS:
        return None
    if credits != credits.quantize(Decimal("0.01")):
        return None
    return credits


def clean_settings(
    settings: EventSettings, *, by: Person, event: Event | None = None
) -> dict[str, Any]:
    """The values of the event's row that `settings` give, or ValidationFailed naming every
    field refused. `event`: the event being changed (its organiser may stay as it is)."""
    problems = _Problems()
    for name in TEXT_FIELDS:
        if "\x00" in (getattr(settings, name) or ""):
            problems.add(name, NUL_MESSAGE, ErrorCode.INVALID_CHARACTER)
    problems.raise_any()

    title = (settings.title or "").strip()
    if not title or len(title) > 200:
        problems.add("title", TITLE_MESSAGE)
    summary = (settings.summary or "").strip()
    if not summary or len(summary) > 4000:
        problems.add("summary", SUMMARY_MESSAGE)
    if settings.type not in Event.Type.values:
        problems.add("type", TYPE_MESSAGE)
    if settings.format not in Event.Format.values:
        problems.add("format", FORMAT_MESSAGE)
    language = ""
    try:
        language = standard_tag(settings.language)
    except LanguageTagProblem as problem:
        problems.add("language", problem.message, problem.code)
    if settings.region and settings.region not in WhoRegion.values:
        problems.add("region", REGION_MESSAGE)

    zone = ZoneInfo(settings.time_zone) if is_zone(settings.time_zone) else None
    if zone is None:
        problems.add("time_zone", ZONE_MESSAGE, ErrorCode.UNKNOWN_TIME_ZONE)
    starts_at = _on_the_clock(settings.starts_at, zone)
    ends_at = _on_the_clock(settings.ends_at, zone)
    deadline = _on_the_clock(settings.registration_deadline, zone)
    if settings.starts_at is None:
        problems.add("starts_at", STARTS_MESSAGE)
    if settings.ends_at is None:
        problems.add("ends_at", ENDS_MESSAGE)
    if starts_at and ends_at and ends_at <= starts_at:
        problems.add("ends_at", ENDS_BEFORE_START_MESSAGE)
    if deadline and ends_at and deadline >= ends_at:
        problems.add("registration_deadline", DEADLINE_MESSAGE)

    venue = (settings.venue or "").strip()
    if len(venue) > 300:
        problems.add("venue", VENUE_LENGTH_MESSAGE)
    elif not venue and settings.format == Event.Format.IN_PERSON:
        problems.add("venue", VENUE_MESSAGE)
    online_url = (settings.online_url or "").strip()
    if online_url and not _https_link(online_url):
        problems.add("online_url", LINK_MESSAGE, ErrorCode.INSECURE_LINK)
    elif not online_url and settings.format in (Event.Format.ONLINE, Event.Format.HYBRID):
        problems.add("online_url", LINK_MISSING_MESSAGE)

    capacity = settings.capacity
    if capacity is not None and (
        not isinstance(capacity, int)
        or isinstance(capacity, bool)
        or not 1 <= capacity <= MAX_PLACES
    ):
        problems.add("capacity", CAPACITY_MESSAGE)
    credits = _credits(settings.cpd_credits)
    if credits is None:
        problems.add("cpd_credits", CPD_MESSAGE)

    organiser = settings.organiser
    kept = event is not None and organiser is not None and organiser.pk == event.organiser_id
    # Staff may leave it empty (the academy organises); anybody else names one of theirs.
    allowed = is_staff(by) if organiser is None else kept or organise_for.allows(by, organiser)
    if not allowed:
        problems.add("organiser", ORGANISER_MESSAGE)
    problems.raise_any()

    return {
        "title": title,
        "type": settings.type,
        "summary": summary,
        "language": language,
        "region": settings.region or "",
        "time_zone": settings.time_zone,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "format": settings.format,
        "venue": venue,
        "online_url": online_url,
        "capacity": capacity,
        "waitlist": bool(settings.waitlist),
        "registration_deadline": deadline,
        "cpd_credits": credits,
        "organiser": organiser,
    }


def _co_organisers(settings: EventSettings, organiser: Organisation | None) -> list[Organisation]:
    """The co-organisers, each once, without the organiser itself."""
    chosen = {o.pk: o for o in settings.co_organisers if organiser is None or o.pk != organiser.pk}
    return list(chosen.values())


def free_slug(title: str) -> str:
    """An address for an event called `title` that no event has: made of its title (or
    "event" when the title has no Latin letters or digits), with a number after it when taken."""
    base = slugify(title)[:100].strip("-") or "event"
    taken = set(Event.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    taken |= RESERVED_SLUGS
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


@transaction.atomic
def create_event(settings: EventSettings, *, by: Person) -> Event:
    """Create an event as a draft, seen by its managers only until it is published, at an
    address made of its title. Staff create events for any organisation (or none), a partner's
    admins for one of their own organisations."""
    require(may_create_event, by)
    values = clean_settings(settings, by=by)
    for attempt in range(5):
        try:
            # A savepoint: another event given the same address at the same moment makes this
            # one try the next free address, not fail the transaction.
            with transaction.atomic():
                event = Event.objects.create(
                    slug=free_slug(values["title"]), status=Event.Status.DRAFT, **values
                )
            break
        except IntegrityError:
            if attempt == 4:
                raise
    event.co_organisers.set(_co_organisers(settings, event.organiser))
    event.topics.set(settings.topics)
    return event


def _locked(event: Event) -> Event:
    """The event's row as it is now, locked until the transaction ends (PostgreSQL; SQLite
    runs one writer at a time)."""
    return Event.objects.select_for_update().get(pk=event.pk)


@transaction.atomic
def update_event(event: Event, settings: EventSettings, *, by: Person) -> int:
    """Change the settings of `event` (its managers); a cancelled event is changed no more.
    Its registrants are told when a published event moves to other times; returns how many
    were told."""
    require(manage_event, by, event)
    current = _locked(event)
    if current.status == Event.Status.CANCELLED:
        raise Conflict(
            ErrorCode.INVALID_TRANSITION, _("This event is cancelled: it can no longer be changed.")
        )
    values = clean_settings(settings, by=by, event=current)
    for name, value in values.items():
        setattr(event, name, value)
    event.status = current.status
    event.save(update_fields=[*ROW_FIELDS, "updated_at"])
    event.co_organisers.set(_co_organisers(settings, event.organiser))
    event.topics.set(settings.topics)
    return _tell_registrants(event, by, before=current)


def _tell_registrants(event: Event, by: Person, *, before: Event) -> int:
    """Tell the registrants if `event`, as saved, moved or was cancelled since `before`."""
    return announce_event_change(
        event,
        by=by,
        was_starting_at=before.starts_at,
        was_ending_at=before.ends_at,
        was_status=before.status,
    )


@transaction.atomic
def publish_event(event: Event, *, by: Person) -> Event:
    """Publish a draft: it shows in the lists and calendars and takes registrations."""
    require(manage_event, by, event)
    if _locked(event).status != Event.Status.DRAFT:
        raise Conflict(ErrorCode.INVALID_TRANSITION, _("Only a draft can be published."))
    event.status = Event.Status.PUBLISHED
    event.save(update_fields=["status", "updated_at"])
    return event


@transaction.atomic
def cancel_event(event: Event, *, by: Person) -> int:
    """Cancel a published event: it keeps its address, which says so, leaves the lists, and
    its registrants are told; returns how many were told."""
    require(manage_event, by, event)
    current = _locked(event)
    if current.status != Event.Status.PUBLISHED:
        raise Conflict(ErrorCode.INVALID_TRANSITION, _("Only a published event can be cancelled."))
    event.status = Event.Status.CANCELLED
    event.save(update_fields=["status", "updated_at"])
    return _tell_registrants(event, by, before=current)
