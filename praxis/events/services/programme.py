"""The programme: sessions inside the event's dates, no room or speaker in two places at once.

A room of a venue is shared by every event held there: a session booking it locks the room's
row (PostgreSQL) or the whole database (SQLite, whose transactions start IMMEDIATE) before
looking for a clash, so two organisers saving at the same moment cannot both book it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from urllib.parse import urlsplit

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from praxis.core.errors import Conflict, ErrorCode, ValidationFailed
from praxis.core.people import Person
from praxis.core.permissions import require
from praxis.events import notices
from praxis.events.models import Event, Registration, Room, Session, Speaker, Track
from praxis.events.permissions import manage_event
from praxis.notifications.services import notify_all


def check_session(
    event: Event,
    starts_at: datetime,
    ends_at: datetime,
    *,
    room: Room | None = None,
    speakers: Iterable[Speaker] = (),
    session: Session | None = None,
) -> None:
    """Raise unless the times fall inside the event and neither the room nor a speaker is
    already somewhere else then."""
    if ends_at <= starts_at:
        raise ValidationFailed(
            ErrorCode.INVALID_INPUT,
            _("A session must end after it starts."),
            fields={"ends_at": [_("Choose a later end.")]},
        )
    if starts_at < event.starts_at or ends_at > event.ends_at:
        raise ValidationFailed(
            ErrorCode.SESSION_OUTSIDE_EVENT,
            _("A session must take place within the event's dates."),
            fields={"starts_at": [_("Outside the event's dates.")]},
        )
    overlapping = Session.objects.filter(starts_at__lt=ends_at, ends_at__gt=starts_at)
    if session is not None and session.pk:
        overlapping = overlapping.exclude(pk=session.pk)
    if room is not None:
        clash = overlapping.filter(room=room).first()
        if clash is not None:
            # Another organiser's programme is not told: only that the room is taken.
            message = (
                _("%(room)s is already booked then for “%(session)s”.")
                % {"room": room.name, "session": clash.title}
                if clash.event_id == event.pk
                else _("%(room)s is booked then by another event at this venue.")
                % {"room": room.name}
            )
            raise Conflict(
                ErrorCode.ROOM_DOUBLE_BOOKED,
                message,
                fields={"room": [_("This room is taken at that time.")]},
            )
    speakers = list(speakers)
    if speakers:
        people = [speaker.person_id for speaker in speakers if speaker.person_id]
        same = Q(speakers__in=speakers)
        if people:
            same |= Q(speakers__person_id__in=people)  # one person speaking at two events
        clash = overlapping.filter(same).first()
        if clash is not None:
            raise Conflict(
                ErrorCode.SPEAKER_DOUBLE_BOOKED,
                _("A speaker is already in “%(session)s” at that time.") % {"session": clash.title},
                fields={"speakers": [_("A speaker is somewhere else at that time.")]},
            )


def rooms_for(event: Event) -> Q:
    """The rooms `event` may book: its own, and those of the venue it booked."""
    own = Q(event=event)
    return own | Q(venue_id=event.place_id) if event.place_id else own


def room_usable(event: Event, room: Room) -> bool:
    return room.event_id == event.pk or (
        room.venue_id is not None and room.venue_id == event.place_id
    )


def clean_conference_url(url: str) -> str:
    """A video-conference link of any provider, over https; empty for none."""
    url = (url or "").strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if len(url) > 500 or parts.scheme != "https" or not parts.hostname or " " in url:
        raise ValidationFailed(
            ErrorCode.INSECURE_LINK,
            _("A video-conference link must be a full https:// address."),
            fields={"conference_url": [_("Give an https:// link of up to 500 characters.")]},
        )
    return url


@transaction.atomic
def save_session(
    event: Event,
    *,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    by: Person | None = None,
    session: Session | None = None,
    room: Room | None = None,
    track: Track | None = None,
    speakers: Iterable[Speaker] = (),
    kind: str = Session.Kind.TALK,
    description: str = "",
    conference_url: str | None = None,
) -> Session:
    """Add a session to the programme, or change one, after checking for clashes; when a
    session moves (time or room), its confirmed registrants get a notice."""
    if by is not None:
        require(manage_event, by, event)
    title = title.strip()
    if not title or len(title) > 250:
        raise ValidationFailed(
            fields={"title": [_("Give the session a title of up to 250 characters.")]}
        )
    if (track is not None and track.event_id != event.pk) or (
        room is not None and not room_usable(event, room)
    ):
        raise ValidationFailed(
            message=_("The room or track belongs to another event or another venue.")
        )
    if conference_url is not None:
        conference_url = clean_conference_url(conference_url)
    speakers = list(speakers)
    if any(speaker.event_id != event.pk for speaker in speakers):
        raise ValidationFailed(message=_("A speaker belongs to another event."))
    Event.objects.select_for_update().filter(pk=event.pk).first()  # one editor at a time
    if room is not None:
        # A venue's room is shared: whoever books it first holds it until they commit.
        Room.objects.select_for_update().filter(pk=room.pk).first()
    check_session(event, starts_at, ends_at, room=room, speakers=speakers, session=session)
    moved = session is not None and (
        (session.starts_at, session.ends_at, session.room_id)
        != (starts_at, ends_at, room.pk if room else None)
    )
    session = session or Session(event=event)
    session.title, session.description, session.kind = title, description, kind
    if conference_url is not None:
        session.conference_url = conference_url
    session.starts_at, session.ends_at, session.room, session.track = (
        starts_at,
        ends_at,
        room,
        track,
    )
    session.save()
    session.speakers.set(speakers)
    if moved:
        notify_all(
            [
                registration.person
                for registration in event.registrations.filter(
                    status=Registration.Status.CONFIRMED
                ).select_related("person")
            ],
            notices.event_changed,
            reverse("events:detail", args=[event.slug]),
            event=event.title,
            session=session.title,
            starts_at=starts_at.isoformat(),
            zone=event.time_zone,
        )
    return session
