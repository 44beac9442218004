"""Pydantic shapes of the events API."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from django.urls import reverse
from ninja import Field, Schema

from praxis.core.pagination import MAX_PAGE_SIZE, Page
from praxis.core.schemas import choices_of
from praxis.events.models import Abstract, Attendance, Event, Question, Registration, Session

EventType = Annotated[Event.Type, choices_of(Event.Type)]
Region = Literal["AFR", "AMR", "SEAR", "EUR", "EMR", "WPR"]
LanguageCode = Literal["ar", "zh-hans", "en", "fr", "ru", "es"]
When = Literal["upcoming", "past"]
RegistrationStatus = Annotated[Registration.Status, choices_of(Registration.Status)]
SessionKind = Annotated[Session.Kind, choices_of(Session.Kind)]


class EventFilters(Schema):
    q: str = Field("", description="Words to search for in titles, summaries and venues")
    type: EventType | None = None
    region: Region | None = None
    language: LanguageCode | None = None
    topic: str = Field("", description="A topic slug")
    when: When | None = None
    online: bool = Field(False, description="Only online and hybrid events")
    page: int = Field(1, ge=1)
    size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


class EventOut(Schema):
    slug: str
    title: str
    summary: str
    type: EventType
    format: Annotated[Event.Format, choices_of(Event.Format)]
    language: str
    region: str
    time_zone: str = Field(description="The event's IANA time zone")
    starts_at: datetime
    ends_at: datetime
    venue: str
    capacity: int | None
    url: str
    calendar_url: str

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
    questions: list[QuestionOut]


class SessionOut(Schema):
    uuid: UUID
    title: str
    kind: SessionKind
    starts_at: datetime
    ends_at: datetime
    room: str | None
    track: str | None
    speakers: list[str]

    @staticmethod
    def of(session: Session) -> SessionOut:
        return SessionOut(
            uuid=session.uuid,
            title=session.title,
            kind=Session.Kind(session.kind),
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            room=session.room.name if session.room else None,
            track=session.track.name if session.track else None,
            speakers=[speaker.name for speaker in session.speakers.all()],
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


class RegistrationIn(Schema):
    answers: dict[str, Any] = Field(
        default_factory=dict, description="Question id → answer (text, or true/false)"
    )


class RegistrationOut(Schema):
    uuid: UUID
    event: str
    status: RegistrationStatus
    answers: dict[str, Any]

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

    @staticmethod
    def of(attendance: Attendance) -> AttendanceOut:
        return AttendanceOut(
            person=attendance.registration.person.full_name,
            method=Attendance.Method(attendance.method),
            recorded_at=attendance.recorded_at,
        )
