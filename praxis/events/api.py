"""The events API: listing, creating and changing events, programme, registration, abstracts
and check-in."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile

from praxis.accounts.auth import SignedInRequest, api_auth
from praxis.core.api import built, kept_answer
from praxis.core.errors import ErrorCode, NotFound, PermissionDenied, ValidationFailed
from praxis.core.pagination import paginate
from praxis.core.permissions import require
from praxis.core.schemas import errors
from praxis.core.timezones import UTC, is_zone, profile_zone, zone_named
from praxis.events import exports, queries, services
from praxis.events.models import (
    Event,
    Material,
    Question,
    Registration,
    Room,
    Session,
    Speaker,
    Track,
)
from praxis.events.permissions import create_event as create_event_rule
from praxis.events.permissions import manage_event
from praxis.events.programme_cache import LIST_SCOPE, list_moment
from praxis.events.reviewer_api import router as reviewers_router
from praxis.events.schemas import (
    AbstractIn,
    AbstractOut,
    AttendanceCountsOut,
    AttendanceOut,
    BadgeFilters,
    CalendarDayOut,
    CalendarFilters,
    CalendarOut,
    CheckInByNameIn,
    CheckInIn,
    ConferenceLinkIn,
    ConferenceLinkOut,
    EventDetailOut,
    EventFilters,
    EventIn,
    EventOut,
    EventPageOut,
    EventPatchIn,
    EventSettingsOut,
    MaterialIn,
    MaterialOut,
    MaterialUploadIn,
    MessageIn,
    MessageOut,
    QuestionOut,
    RegistrantExportFilters,
    RegistrantFilters,
    RegistrantOut,
    RegistrantPageOut,
    RegistrationIn,
    RegistrationOut,
    SessionIn,
    SessionOut,
)
from praxis.events.services.event_settings import EventSettings
from praxis.events.services.programme import rooms_for
from praxis.events.settings_input import settings_from
from praxis.events.track_api import router as tracks_router

router = Router(tags=["events"])


@router.get("/events", response={200: EventPageOut, **errors(400)}, auth=None)
def list_events(request: HttpRequest, filters: Query[EventFilters]) -> HttpResponse:
    """Published events: search and filters by type, region, language, topic, time, format."""

    def build() -> EventPageOut:
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

    if queries.sees_more_than_visitors(request.user):
        # Drafts of the events they manage among the others: an answer of their own.
        return built(request, build())
    # Everybody else is answered alike (as the events list: programme_cache.LIST_SCOPE).
    parts = (filters.model_dump_json(), list_moment(filters.when or ""))
    return kept_answer(request, LIST_SCOPE, parts, build, personal=False)


@router.get("/events/{slug}", response={200: EventDetailOut, **errors(404)}, auth=None)
def get_event(request: HttpRequest, slug: str) -> EventDetailOut:
    """One event, with its registration questions and the places left."""
    event = queries.visible_event(request.user, slug)
    detail = queries.event_page(request.user, event)
    return EventDetailOut(
        **EventOut.of(event).dict(),
        places_left=None if event.capacity is None else max(0, event.capacity - detail.held),
        registration_open=services.registration_open(event),
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


def _event_settings(event: Event) -> EventSettingsOut:
    event = Event.objects.select_related("organiser").get(pk=event.pk)
    return EventSettingsOut.of(event)


@router.post(
    "/events",
    response={201: EventSettingsOut, **errors(400, 401, 403)},
    auth=api_auth,
)
def create_event(request: SignedInRequest, body: EventIn) -> Status[EventSettingsOut]:
    """Create an event as a draft (staff, and partner admins for one of their organisations);
    its address is made of its title."""
    require(create_event_rule, request.user)
    event = services.create_event(settings_from(body, EventSettings()), by=request.user)
    return Status(201, _event_settings(event))


@router.patch(
    "/events/{slug}",
    response={200: EventSettingsOut, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def update_event(request: SignedInRequest, slug: str, body: EventPatchIn) -> EventSettingsOut:
    """Change an event's settings (its managers); `status` publishes the draft or cancels the
    published event. Registrants are told when a published event moves or is cancelled."""
    event = queries.visible_event(request.user, slug, fresh=True)
    require(manage_event, request.user, event)
    changes = body.dict(exclude_unset=True)
    if set(changes) - {"status"}:
        services.update_event(
            event, settings_from(body, services.settings_of(event)), by=request.user
        )
    if body.status == "published":
        services.publish_event(event, by=request.user)
    elif body.status == "cancelled":
        services.cancel_event(event, by=request.user)
    return _event_settings(event)


@router.get("/events/{slug}/sessions", response={200: list[SessionOut], **errors(404)}, auth=None)
def list_sessions(request: HttpRequest, slug: str) -> list[SessionOut]:
    """The programme in time order."""
    event = queries.visible_event(request.user, slug)
    return [
        SessionOut.of(slot.session, slot.speaker_names)
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
    room = Room.objects.filter(rooms_for(event), pk=body.room_id).first() if body.room_id else None
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
        conference_url=body.conference_url,
    )
    session = Session.objects.select_related("room", "track", "event").get(pk=session.pk)
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


@router.get("/events-calendar", response={200: CalendarOut, **errors(400)}, auth=None)
def calendar(request: HttpRequest, filters: Query[CalendarFilters]) -> HttpResponse:
    """The events running on each day of a month or week, days counted in the time zone asked
    for (else the signed-in person's profile zone, else UTC)."""
    if filters.time_zone and not is_zone(filters.time_zone):
        raise ValidationFailed(
            ErrorCode.UNKNOWN_TIME_ZONE,
            fields={"time_zone": [_("Choose a zone of the tz database, such as Africa/Nairobi.")]},
        )
    zone = zone_named(filters.time_zone) or profile_zone(request.user) or UTC
    around = filters.around or timezone.now().astimezone(zone).date()
    view = queries.calendar_view(request.user, zone, around=around, span=filters.span)
    days = [day for week in view.weeks for day in week if view.first <= day.day <= view.last]
    events = {event.pk: event for day in days for event in day.events}
    answer = CalendarOut(
        first=view.first,
        last=view.last,
        time_zone=str(zone),
        days=[
            CalendarDayOut(day=day.day, events=[event.slug for event in day.events]) for day in days
        ],
        events=[EventOut.of(event) for event in events.values()],
    )
    return built(request, answer)


@router.get(
    "/events/{slug}/registrants",
    response={200: RegistrantPageOut, **errors(400, 401, 403, 404)},
    auth=api_auth,
)
def list_registrants(
    request: SignedInRequest, slug: str, filters: Query[RegistrantFilters]
) -> RegistrantPageOut:
    """The event's registrants by name, searched and filtered (event managers)."""
    event = queries.visible_event(request.user, slug)
    require(manage_event, request.user, event)
    found = queries.registrants(
        event,
        q=filters.q,
        status=filters.status or "",
        attended=filters.attended or "",
    )
    page = paginate(found, filters.page, filters.size)
    return RegistrantPageOut(
        items=[RegistrantOut.of(registration) for registration in page.items],
        page=page.number,
        pages=page.pages,
        total=page.total,
    )


@router.get(
    "/events/{slug}/registrants.csv",
    response={200: None, **errors(400, 401, 403, 404)},
    auth=api_auth,
    summary="Registrants as CSV",
)
def registrants_csv(
    request: SignedInRequest, slug: str, filters: Query[RegistrantExportFilters]
) -> HttpResponse:
    """Every registrant matching the filters, one row each with the answers to the event's
    questions (event managers); UTF-8 with a byte-order mark, cells kept as text."""
    event = queries.visible_event(request.user, slug)
    require(manage_event, request.user, event)
    found = queries.registrants(
        event, q=filters.q, status=filters.status or "", attended=filters.attended or ""
    )
    response = HttpResponse(
        exports.registrants_csv(event, found), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-registrants.csv"'
    return response


@router.get(
    "/events/{slug}/badges.pdf",
    response={200: None, **errors(400, 401, 403, 404)},
    auth=api_auth,
    summary="Badges as PDF",
)
def badges_pdf(request: SignedInRequest, slug: str, filters: Query[BadgeFilters]) -> HttpResponse:
    """The badges of the confirmed registrants matching the filters, to print (event
    managers): name, organisation, the event and the ticket's QR code."""
    event = queries.visible_event(request.user, slug)
    require(manage_event, request.user, event)
    found = queries.registrants(
        event,
        q=filters.q,
        status=Registration.Status.CONFIRMED,
        attended=filters.attended or "",
    )
    response = HttpResponse(
        exports.badges_pdf(event, found, filters.layout), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{event.slug}-badges.pdf"'
    return response


@router.get(
    "/events/{slug}/attendance",
    response={200: AttendanceCountsOut, **errors(401, 403, 404)},
    auth=api_auth,
)
def attendance(request: SignedInRequest, slug: str) -> AttendanceCountsOut:
    """How many are confirmed, checked in, joined online (event managers), as of now."""
    event = queries.visible_event(request.user, slug)
    require(manage_event, request.user, event)
    counts = queries.attendance_counts(event)
    return AttendanceCountsOut(
        confirmed=counts.confirmed,
        pending=counts.pending,
        waitlisted=counts.waitlisted,
        checked_in=counts.checked_in,
        online=counts.online,
        present=counts.present,
    )


@router.post(
    "/events/{slug}/check-ins/by-name",
    response={201: AttendanceOut, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def check_in_by_name(
    request: SignedInRequest, slug: str, body: CheckInByNameIn
) -> Status[AttendanceOut]:
    """Check in a confirmed registrant found by name (event managers); once only."""
    event = queries.visible_event(request.user, slug)
    attendance = services.check_in_registration(body.registration, event, by=request.user)
    return Status(201, AttendanceOut.of(attendance))


@router.post(
    "/events/{slug}/messages",
    response={202: MessageOut, **errors(400, 401, 403, 404)},
    auth=api_auth,
)
def message_registrants(request: SignedInRequest, slug: str, body: MessageIn) -> Status[MessageOut]:
    """Write to the registrants of the given statuses (event managers); delivered through the
    notification centre by a background job."""
    event = queries.visible_event(request.user, slug)
    message = services.message_registrants(
        event,
        by=request.user,
        subject=body.subject,
        body=body.body,
        statuses=list(body.statuses),
    )
    return Status(202, MessageOut.from_orm(message))


def _session(request: SignedInRequest, slug: str, session_uuid: str) -> Session:
    event = queries.visible_event(request.user, slug)
    session = get_object_or_404(Session, event=event, uuid=session_uuid)
    session.event = event
    return session


@router.post(
    "/events/{slug}/sessions/{session_uuid}/materials",
    response={201: MaterialOut, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def add_material_link(
    request: SignedInRequest, slug: str, session_uuid: UUID, body: MaterialIn
) -> Status[MaterialOut]:
    """Link slides or a recording to a session once it has started (event managers)."""
    session = _session(request, slug, str(session_uuid))
    material = services.add_material(
        session, by=request.user, kind=body.kind, title=body.title, url=body.url
    )
    return Status(201, MaterialOut.of(material, slug))


@router.post(
    "/events/{slug}/sessions/{session_uuid}/materials/upload",
    response={201: MaterialOut, **errors(400, 401, 403, 404, 409, 413)},
    auth=api_auth,
)
def upload_material(
    request: SignedInRequest,
    slug: str,
    session_uuid: UUID,
    details: Form[MaterialUploadIn],
    file: File[UploadedFile],
) -> Status[MaterialOut]:
    """Upload slides (PDF, ODP, PPTX) or a recording (MP4, WebM, MP3), told by content."""
    session = _session(request, slug, str(session_uuid))
    material = services.add_material(
        session,
        by=request.user,
        kind=details.kind,
        title=details.title,
        file=file,
        file_name=file.name or "",
    )
    return Status(201, MaterialOut.of(material, slug))


def _material(request: SignedInRequest, slug: str, session_uuid: UUID, material: UUID) -> Material:
    session = _session(request, slug, str(session_uuid))
    found = get_object_or_404(Material, session=session, uuid=material)
    found.session = session
    return found


@router.put(
    "/events/{slug}/sessions/{session_uuid}/materials/{material}",
    response={200: MaterialOut, **errors(400, 401, 403, 404)},
    auth=api_auth,
)
def replace_material_by_link(
    request: SignedInRequest, slug: str, session_uuid: UUID, material: UUID, body: MaterialIn
) -> MaterialOut:
    """Put a link (and kind and title) in place of a session's material (event managers)."""
    found = _material(request, slug, session_uuid, material)
    services.replace_material(
        found, by=request.user, kind=body.kind, title=body.title, url=body.url
    )
    return MaterialOut.of(found, slug)


@router.post(
    "/events/{slug}/sessions/{session_uuid}/materials/{material}/upload",
    response={200: MaterialOut, **errors(400, 401, 403, 404, 413)},
    auth=api_auth,
)
def replace_material_by_upload(
    request: SignedInRequest,
    slug: str,
    session_uuid: UUID,
    material: UUID,
    details: Form[MaterialUploadIn],
    file: File[UploadedFile],
) -> MaterialOut:
    """Put an uploaded file in place of a session's material, its type told by its content."""
    found = _material(request, slug, session_uuid, material)
    services.replace_material(
        found,
        by=request.user,
        kind=details.kind,
        title=details.title,
        file=file,
        file_name=file.name or "",
    )
    return MaterialOut.of(found, slug)


@router.delete(
    "/events/{slug}/sessions/{session_uuid}/materials/{material}",
    response={204: None, **errors(401, 403, 404)},
    auth=api_auth,
)
def remove_material(
    request: SignedInRequest, slug: str, session_uuid: UUID, material: UUID
) -> Status[None]:
    """Take a material off its session, file and all (event managers)."""
    services.remove_material(_material(request, slug, session_uuid, material), by=request.user)
    return Status(204, None)


@router.put(
    "/events/{slug}/sessions/{session_uuid}/conference-link",
    response={200: ConferenceLinkOut, **errors(400, 401, 403, 404)},
    auth=api_auth,
)
def set_conference_link(
    request: SignedInRequest, slug: str, session_uuid: UUID, body: ConferenceLinkIn
) -> ConferenceLinkOut:
    """Set or (empty) remove a session's video-conference link (event managers)."""
    session = _session(request, slug, str(session_uuid))
    services.set_conference_link(session, body.url, by=request.user)
    return ConferenceLinkOut(url=session.conference_url)


@router.get(
    "/events/{slug}/sessions/{session_uuid}/conference-link",
    response={200: ConferenceLinkOut, **errors(401, 403, 404)},
    auth=api_auth,
)
def get_conference_link(
    request: SignedInRequest, slug: str, session_uuid: UUID
) -> ConferenceLinkOut:
    """A session's video-conference link, for its confirmed registrants and managers only."""
    session = _session(request, slug, str(session_uuid))
    registration = services.current_registration(request.user, session.event)
    confirmed = registration is not None and registration.status == Registration.Status.CONFIRMED
    if not (confirmed or manage_event.allows(request.user, session.event)):
        raise PermissionDenied()
    return ConferenceLinkOut(url=session.conference_url)


# The tracks and their reviewers, in their own modules; mounted here, under the same paths and
# tags.
router.add_router("", tracks_router)
router.add_router("", reviewers_router)
