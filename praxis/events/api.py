"""The events API: listing, programme, registration, abstracts and check-in."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Status

from praxis.accounts.auth import SignedInRequest, api_auth
from praxis.core.errors import NotFound
from praxis.core.permissions import require
from praxis.core.schemas import errors
from praxis.events import queries, services
from praxis.events.models import Question, Room, Session, Speaker, Track
from praxis.events.permissions import manage_event
from praxis.events.schemas import (
    AbstractIn,
    AbstractOut,
    AttendanceOut,
    CheckInIn,
    EventDetailOut,
    EventFilters,
    EventOut,
    EventPageOut,
    QuestionOut,
    RegistrationIn,
    RegistrationOut,
    SessionIn,
    SessionOut,
)

router = Router(tags=["events"])


@router.get("/events", response={200: EventPageOut, **errors(400)}, auth=None)
def list_events(request: HttpRequest, filters: Query[EventFilters]) -> EventPageOut:
    """Published events: search and filters by type, region, language, topic, time, format."""
    page = queries.events(
        request.user,
        q=filters.q,
        type=filters.type or "",
        region=filters.region or "",
        language=filters.language or "",
        topic=filters.topic,
        when=filters.when or "",
        online=filters.online,
        page=filters.page,
        size=filters.size,
    )
    return EventPageOut.of(page)


@router.get("/events/{slug}", response={200: EventDetailOut, **errors(404)}, auth=None)
def get_event(request: HttpRequest, slug: str) -> EventDetailOut:
    """One event, with its registration questions and the places left."""
    event = queries.visible_event(request.user, slug)
    detail = queries.event_page(request.user, event)
    return EventDetailOut(
        **EventOut.of(event).dict(),
        places_left=None if event.capacity is None else max(0, event.capacity - detail.held),
        questions=[
            QuestionOut(
                id=q.pk,
                label=q.label,
                kind=Question.Kind(q.kind),
                choices=q.choices,
                required=q.required,
            )
            for q in event.questions.all()
        ],
    )


@router.get("/events/{slug}/sessions", response={200: list[SessionOut], **errors(404)}, auth=None)
def list_sessions(request: HttpRequest, slug: str) -> list[SessionOut]:
    """The programme in time order."""
    event = queries.visible_event(request.user, slug)
    return [
        SessionOut.of(slot.session)
        for day in queries.timetable(event, event.zone)
        for slot in day.slots
    ]


@router.post(
    "/events/{slug}/sessions",
    response={201: SessionOut, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def add_session(request: SignedInRequest, slug: str, body: SessionIn) -> Status[SessionOut]:
    """Add a session (event managers); clashes of room or speaker and dates outside the event
    are refused."""
    event = queries.visible_event(request.user, slug)
    require(manage_event, request.user, event)
    room = Room.objects.filter(event=event, pk=body.room_id).first() if body.room_id else None
    track = Track.objects.filter(event=event, pk=body.track_id).first() if body.track_id else None
    speakers = list(Speaker.objects.filter(event=event, pk__in=body.speaker_ids))
    if (
        (body.room_id and room is None)
        or (body.track_id and track is None)
        or (len(speakers) != len(set(body.speaker_ids)))
    ):
        raise NotFound()
    session = services.save_session(
        event,
        by=request.user,
        title=body.title,
        starts_at=body.starts_at,
        ends_at=body.ends_at,
        kind=body.kind,
        description=body.description,
        room=room,
        track=track,
        speakers=speakers,
    )
    session = Session.objects.select_related("room", "track").get(pk=session.pk)
    return Status(201, SessionOut.of(session))


@router.post(
    "/events/{slug}/registration",
    response={201: RegistrationOut, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def register(request: SignedInRequest, slug: str, body: RegistrationIn) -> Status[RegistrationOut]:
    """Register the signed-in person (confirmed, awaiting approval or on the waiting list)."""
    event = queries.visible_event(request.user, slug)
    return Status(201, RegistrationOut.of(services.register(request.user, event, body.answers)))


@router.patch(
    "/events/{slug}/registration",
    response={200: RegistrationOut, **errors(400, 401, 404, 409)},
    auth=api_auth,
)
def update_registration(
    request: SignedInRequest, slug: str, body: RegistrationIn
) -> RegistrationOut:
    """Change one's answers before the registration deadline."""
    event = queries.visible_event(request.user, slug)
    return RegistrationOut.of(services.update_answers(request.user, event, body.answers))


@router.delete(
    "/events/{slug}/registration",
    response={200: RegistrationOut, **errors(401, 404, 409)},
    auth=api_auth,
)
def cancel_registration(request: SignedInRequest, slug: str) -> RegistrationOut:
    """Cancel one's registration; the first person waiting gets the place."""
    event = queries.visible_event(request.user, slug)
    return RegistrationOut.of(services.cancel_registration(request.user, event))


@router.post(
    "/events/{slug}/abstracts",
    response={201: AbstractOut, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def submit_abstract(request: SignedInRequest, slug: str, body: AbstractIn) -> Status[AbstractOut]:
    """Submit an abstract to one of the event's tracks before the call closes."""
    event = queries.visible_event(request.user, slug)
    track = Track.objects.filter(event=event, pk=body.track_id).first()
    if track is None:
        raise NotFound()
    abstract = services.submit_abstract(
        request.user,
        event,
        track=track,
        title=body.title,
        body=body.body,
        authors=[author.dict() for author in body.authors],
    )
    return Status(201, AbstractOut.from_orm(abstract))


@router.post(
    "/events/{slug}/check-ins",
    response={201: AttendanceOut, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def check_in(request: SignedInRequest, slug: str, body: CheckInIn) -> Status[AttendanceOut]:
    """Check in a ticket's holder by its code (event managers); once only."""
    event = queries.visible_event(request.user, slug)
    return Status(201, AttendanceOut.of(services.check_in(body.code, event, by=request.user)))
