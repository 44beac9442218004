"""Pydantic shapes of the events API."""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal
from uuid import UUID

from django.urls import reverse
from ninja import Field, Schema
from pydantic import WithJsonSchema, field_validator

from praxis.core.pagination import MAX_PAGE_SIZE, Page
from praxis.core.schemas import LanguageTag, LanguageTagFilter, choices_of
from praxis.events.models import (
    Abstract,
    Attendance,
    Event,
    Material,
    Question,
    Registration,
    Session,
)

EventType = Annotated[Event.Type, choices_of(Event.Type)]
Region = Literal["AFR", "AMR", "SEAR", "EUR", "EMR", "WPR"]
When = Literal["upcoming", "past", "any"]
RegistrationStatus = Annotated[Registration.Status, choices_of(Registration.Status)]
SessionKind = Annotated[Session.Kind, choices_of(Session.Kind)]


class EventFilters(Schema):
    q: str = Field("", description="Words to search for in titles, summaries and venues")
    type: EventType | None = None
    region: Region | None = None
    language: LanguageTagFilter | None = None
    topic: str = Field("", description="A topic slug")
    when: When | None = Field(None, description="upcoming (when not given), past or any")
    online: bool = Field(False, description="Only online and hybrid events")
    page: int = Field(1, ge=1)
    size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


class EventOut(Schema):
    slug: str
    title: str
    summary: str
    type: EventType
    format: Annotated[Event.Format, choices_of(Event.Format)]
    language: LanguageTag
    region: str
    time_zone: str = Field(description="The event's IANA time zone")
    starts_at: datetime
    ends_at: datetime
    venue: str
    capacity: int | None
    url: str
    calendar_url: str

    # Built field by field: the page and calendar addresses are reversed.
    @staticmethod
    def of(event: Event) -> EventOut:
        return EventOut(
            slug=event.slug,
            title=event.title,
            summary=event.summary,
            type=Event.Type(event.type),
            format=Event.Format(event.format),
            language=event.language,
            region=event.region,
            time_zone=event.time_zone,
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            venue=event.venue,
            capacity=event.capacity,
            url=reverse("events:detail", args=[event.slug]),
            calendar_url=reverse("events:event_ics", args=[event.slug]),
        )


class EventPageOut(Schema):
    items: list[EventOut]
    page: int
    pages: int
    total: int

    # Built from a Page, whose number is called page here.
    @staticmethod
    def of(page: Page[Event]) -> EventPageOut:
        return EventPageOut(
            items=[EventOut.of(event) for event in page.items],
            page=page.number,
            pages=page.pages,
            total=page.total,
        )


class QuestionOut(Schema):
    id: int
    label: str
    kind: Annotated[Question.Kind, choices_of(Question.Kind)]
    choices: list[str]
    required: bool


class EventDetailOut(EventOut):
    places_left: int | None
    registration_open: bool = Field(
        description="Whether registrations are taken now (published, open, before the deadline)"
    )
    questions: list[QuestionOut]


class MaterialOut(Schema):
    uuid: UUID
    kind: Annotated[Material.Kind, choices_of(Material.Kind)]
    title: str
    url: str = Field(description="The link, or the address of the uploaded file on this site")
    content_type: str = Field(description="The type the uploaded file's content showed; empty")

    # Built field by field: an uploaded file's address is reversed, a link's kept.
    @staticmethod
    def of(material: Material, event_slug: str) -> MaterialOut:
        return MaterialOut(
            uuid=material.uuid,
            kind=Material.Kind(material.kind),
            title=material.title,
            url=reverse("events:material_file", args=[event_slug, material.uuid])
            if material.file
            else material.url,
            content_type=material.content_type,
        )


class MaterialIn(Schema):
    kind: Annotated[Material.Kind, choices_of(Material.Kind)]
    title: str = Field(max_length=200)
    url: str = Field(max_length=500, description="An https:// link to the slides or recording")


class MaterialUploadIn(Schema):
    kind: Annotated[Material.Kind, choices_of(Material.Kind)]
    title: str = Field(min_length=1, max_length=200)


class ConferenceLinkIn(Schema):
    url: str = Field(max_length=500, description="https:// link of any provider; empty removes it")


class ConferenceLinkOut(Schema):
    url: str


class SessionOut(Schema):
    uuid: UUID
    title: str
    kind: SessionKind
    starts_at: datetime
    ends_at: datetime
    room: str | None
    track: str | None
    speakers: list[str]
    materials: list[MaterialOut]

    # Built field by field: room and track become names, and the caller may give the speakers.
    @staticmethod
    def of(session: Session, speakers: list[str] | None = None) -> SessionOut:
        """The session, with its speakers' names when the caller read them already."""
        return SessionOut(
            uuid=session.uuid,
            title=session.title,
            kind=Session.Kind(session.kind),
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            room=session.room.name if session.room else None,
            track=session.track.name if session.track else None,
            speakers=(
                speakers
                if speakers is not None
                else [speaker.name for speaker in session.speakers.all()]
            ),
            materials=[MaterialOut.of(m, session.event.slug) for m in session.materials.all()],
        )


class SessionIn(Schema):
    title: str = Field(max_length=250)
    starts_at: datetime
    ends_at: datetime
    kind: SessionKind = Session.Kind.TALK
    description: str = Field("", max_length=4000)
    room_id: int | None = None
    track_id: int | None = None
    speaker_ids: list[int] = Field(default_factory=list, max_length=50)
    conference_url: str = Field(
        "", max_length=500, description="https:// video-conference link, for registrants only"
    )


class RegistrationIn(Schema):
    answers: dict[str, Any] = Field(
        default_factory=dict, description="Question id → answer (text, or true/false)"
    )


class RegistrationOut(Schema):
    uuid: UUID
    event: str
    status: RegistrationStatus
    answers: dict[str, Any]

    # Built field by field: the event is given by its slug.
    @staticmethod
    def of(registration: Registration) -> RegistrationOut:
        return RegistrationOut(
            uuid=registration.uuid,
            event=registration.event.slug,
            status=Registration.Status(registration.status),
            answers=registration.answers,
        )


class AuthorIn(Schema):
    name: str = Field(max_length=150)
    organisation: str = Field("", max_length=200)


class AbstractIn(Schema):
    track_id: int
    title: str = Field(max_length=250)
    body: str = Field(max_length=5000)
    authors: list[AuthorIn] = Field(min_length=1, max_length=30)


class AbstractOut(Schema):
    uuid: UUID
    title: str
    status: Annotated[Abstract.Status, choices_of(Abstract.Status)]


class CheckInIn(Schema):
    code: str = Field(max_length=100)


class AttendanceOut(Schema):
    person: str
    method: Annotated[Attendance.Method, choices_of(Attendance.Method)]
    recorded_at: datetime

    # Built field by field: the person is the registrant's name, read through two relations.
    @staticmethod
    def of(attendance: Attendance) -> AttendanceOut:
        return AttendanceOut(
            person=attendance.registration.person.full_name,
            method=Attendance.Method(attendance.method),
            recorded_at=attendance.recorded_at,
        )


class CheckInByNameIn(Schema):
    registration: UUID = Field(description="The registration found by name at the desk")


class RegistrantFilters(Schema):
    q: str = Field("", max_length=200, description="Words of the name or e-mail")
    status: RegistrationStatus | None = None
    attended: Literal["yes", "no"] | None = None
    page: int = Field(1, ge=1)
    size: int = Field(50, ge=1, le=MAX_PAGE_SIZE)


class RegistrantExportFilters(Schema):
    q: str = Field("", max_length=200, description="Words of the name or e-mail")
    status: RegistrationStatus | None = None
    attended: Literal["yes", "no"] | None = None


class BadgeFilters(Schema):
    layout: Literal["a4", "labels"] = Field(
        "a4", description="a4: one badge a page; labels: eight an A4 page"
    )
    q: str = Field("", max_length=200, description="Words of the name or e-mail")
    attended: Literal["yes", "no"] | None = None


class RegistrantOut(Schema):
    uuid: UUID
    name: str
    email: str
    organisation: str
    status: RegistrationStatus
    registered_at: datetime
    attended_at: datetime | None

    # Built field by field: the person is read through the relation, attendance when there is one.
    @staticmethod
    def of(registration: Registration) -> RegistrantOut:
        attendance = getattr(registration, "attendance", None)
        return RegistrantOut(
            uuid=registration.uuid,
            name=registration.person.full_name,
            email=registration.person.email,
            organisation=registration.person.organisation_name,
            status=Registration.Status(registration.status),
            registered_at=registration.created_at,
            attended_at=attendance.recorded_at if attendance else None,
        )


class RegistrantPageOut(Schema):
    items: list[RegistrantOut]
    page: int
    pages: int
    total: int


class AttendanceCountsOut(Schema):
    confirmed: int
    pending: int
    waitlisted: int
    checked_in: int
    online: int
    present: int


MessageStatus = Literal["confirmed", "pending", "waitlisted"]


class MessageIn(Schema):
    subject: str = Field(max_length=150)
    body: str = Field(max_length=2000)
    statuses: list[MessageStatus] = Field(
        default_factory=lambda: list[MessageStatus](["confirmed"]), max_length=3
    )


class MessageOut(Schema):
    id: int
    subject: str
    statuses: list[str]
    created_at: datetime
    sent_at: datetime | None
    recipients: int


class CalendarFilters(Schema):
    span: Literal["month", "week"] = "month"
    around: date | None = Field(None, description="A day in the month or week; today if left out")

    @field_validator("around", mode="before")
    @classmethod
    def _iso_day(cls, value: Any) -> Any:
        # Only a day written YYYY-MM-DD: not a number of seconds since 1970.
        if value is not None and not (isinstance(value, str) and len(value) == 10):
            raise ValueError("a day is written YYYY-MM-DD")
        return value

    time_zone: str = Field(
        "",
        description="A zone of the tz database; else the profile's, else UTC",
        json_schema_extra={"enum": ["", *sorted(zoneinfo.available_timezones())]},
    )


class CalendarDayOut(Schema):
    day: date
    events: list[str] = Field(description="Slugs of the events running that day")


class CalendarOut(Schema):
    first: date
    last: date
    time_zone: str
    days: list[CalendarDayOut]
    events: list[EventOut]


EventFormat = Annotated[Event.Format, choices_of(Event.Format)]
EventStatus = Annotated[Event.Status, choices_of(Event.Status)]
WALL_CLOCK = "A date and time; without an offset, on the event's clock (its time_zone)"


# A number of CPD credits, to the hundredth: declared a JSON number in the OpenAPI document
# (pydantic would also declare a string, which any text would match).
CpdCredits = Annotated[
    Decimal,
    Field(ge=0, le=Decimal("999.99"), decimal_places=2),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": 999.99, "multipleOf": 0.01}),
]


class EventIn(Schema):
    """What organisers set of an event; the service judges lengths, times and links."""

    title: str
    type: EventType
    summary: str
    language: str = Field(description="A BCP 47 language tag, such as en, fr or pt-BR")
    region: Region | Literal[""] = ""
    time_zone: str = Field("UTC", description="A zone of the tz database, such as Africa/Nairobi")
    starts_at: datetime = Field(description=WALL_CLOCK)
    ends_at: datetime = Field(description=WALL_CLOCK)
    format: EventFormat = Event.Format.IN_PERSON
    venue: str = ""
    online_url: str = Field("", description="https:// link to join an online or hybrid event")
    capacity: int | None = Field(None, description="Places; null for no limit")
    waitlist: bool = True
    registration_deadline: datetime | None = Field(None, description=WALL_CLOCK)
    cpd_credits: CpdCredits = Decimal("0")
    organiser: str | None = Field(None, description="The organising organisation's slug")
    co_organisers: list[str] = Field(
        default_factory=list, max_length=50, description="Slugs of co-organising organisations"
    )
    topics: list[str] = Field(default_factory=list, max_length=50, description="Topic slugs")


class EventPatchIn(Schema):
    """Only the fields given change; `status` publishes a draft or cancels a published event."""

    title: str | None = None
    type: EventType | None = None
    summary: str | None = None
    language: str | None = None
    region: Region | Literal[""] | None = None
    time_zone: str | None = None
    starts_at: datetime | None = Field(None, description=WALL_CLOCK)
    ends_at: datetime | None = Field(None, description=WALL_CLOCK)
    format: EventFormat | None = None
    venue: str | None = None
    online_url: str | None = None
    capacity: int | None = Field(None, description="Places; null for no limit")
    waitlist: bool | None = None
    registration_deadline: datetime | None = Field(None, description=WALL_CLOCK)
    cpd_credits: CpdCredits | None = None
    organiser: str | None = None
    co_organisers: list[str] | None = Field(None, max_length=50)
    topics: list[str] | None = Field(None, max_length=50)
    status: Literal["published", "cancelled"] | None = Field(
        None, description="published: publish the draft; cancelled: cancel, telling registrants"
    )


class EventSettingsOut(EventOut):
    status: EventStatus
    online_url: str
    waitlist: bool
    registration_deadline: datetime | None
    cpd_credits: Decimal
    organiser: str | None = Field(description="The organising organisation's slug")
    co_organisers: list[str]
    topics: list[str]

    # Built field by field: organisations and topics are given by their slugs.
    @staticmethod
    def of(event: Event) -> EventSettingsOut:
        return EventSettingsOut(
            **EventOut.of(event).dict(),
            status=Event.Status(event.status),
            online_url=event.online_url,
            waitlist=event.waitlist,
            registration_deadline=event.registration_deadline,
            cpd_credits=event.cpd_credits,
            organiser=event.organiser.slug if event.organiser else None,
            co_organisers=[organisation.slug for organisation in event.co_organisers.all()],
            topics=[topic.slug for topic in event.topics.all()],
        )
