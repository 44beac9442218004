"""The tracks of an event, set by its organisers: the themes its call for abstracts takes
abstracts under and its programme groups sessions by. A track is added, renamed or moved in the
list, and removed while no abstract was submitted to it."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Max, ProtectedError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from praxis.core.errors import Conflict, ErrorCode, ValidationFailed
from praxis.core.input_guard import NUL_MESSAGE
from praxis.core.people import Person
from praxis.core.permissions import require
from praxis.events.models import Event, Track
from praxis.events.permissions import manage_event

NAME_LONGEST = 150
POSITION_HIGHEST = 999

NAME_MESSAGE = _("Give a name of up to 150 characters.")
NAME_TAKEN_MESSAGE = _("This event already has a track with this name.")
POSITION_MESSAGE = _("Give a number from 0 to 999.")
HAS_ABSTRACTS_MESSAGE = _(
    "This track cannot be removed: abstracts were submitted to it. Rename it instead."
)


@dataclass(frozen=True)
class TrackSettings:
    """What an organiser sets of a track: its name and, optionally, its place in the list
    (tracks are listed from the lowest number; None puts a new track last, keeps an old one's)."""

    name: str = ""
    position: int | None = None


def event_tracks(event: Event) -> list[Track]:
    """The event's tracks in their order, each with `abstract_count` (one query)."""
    return list(
        Track.objects.filter(event=event)
        .annotate(abstract_count=Count("abstracts"))
        .order_by("position", "id")
    )


def _clean(settings: TrackSettings, event: Event, track: Track | None) -> tuple[str, int | None]:
    """The name and position `settings` give, or ValidationFailed/Conflict naming the field."""
    name = settings.name or ""
    if "\x00" in name:
        raise ValidationFailed(ErrorCode.INVALID_CHARACTER, fields={"name": [NUL_MESSAGE]})
    name = " ".join(name.split())
    position = settings.position
    errors: dict[str, list[str | Promise]] = {}
    if not name or len(name) > NAME_LONGEST:
        errors["name"] = [NAME_MESSAGE]
    if position is not None and (
        not isinstance(position, int)
        or isinstance(position, bool)
        or not 0 <= position <= POSITION_HIGHEST
    ):
        errors["position"] = [POSITION_MESSAGE]
    if errors:
        raise ValidationFailed(fields=errors)
    others = Track.objects.filter(event=event, name__iexact=name)
    if track is not None:
        others = others.exclude(pk=track.pk)
    if others.exists():
        raise Conflict(
            ErrorCode.TRACK_NAME_TAKEN,
            NAME_TAKEN_MESSAGE,
            fields={"name": [NAME_TAKEN_MESSAGE]},
        )
    return name, position


def _lock(event: Event) -> None:
    """Wait for any other change to the event's tracks: two organisers naming a track alike at
    once cannot both succeed (PostgreSQL; SQLite runs one writer at a time)."""
    Event.objects.select_for_update().only("pk").get(pk=event.pk)


@transaction.atomic
def add_track(event: Event, settings: TrackSettings, *, by: Person) -> Track:
    """Add a track to `event` (its managers), last in the list unless a position is given; a
    name the event's other tracks have (whatever the case) is refused."""
    require(manage_event, by, event)
    _lock(event)
    name, position = _clean(settings, event, None)
    if position is None:
        highest = Track.objects.filter(event=event).aggregate(highest=Max("position"))["highest"]
        # From 1, so that 0 stays free to put a track before the first.
        position = min(POSITION_HIGHEST, (highest or 0) + 1)
    return Track.objects.create(event=event, name=name, position=position)


@transaction.atomic
def update_track(track: Track, settings: TrackSettings, *, by: Person) -> Track:
    """Rename `track` or move it in the list (the event's managers); its abstracts, sessions
    and reviewers stay with it."""
    event = track.event
    require(manage_event, by, event)
    _lock(event)
    name, position = _clean(settings, event, track)
    track.name = name
    if position is not None:
        track.position = position
    track.save(update_fields=["name", "position"])
    return track


@transaction.atomic
def remove_track(track: Track, *, by: Person) -> None:
    """Remove a track no abstract was submitted to (the event's managers); its sessions stay in
    the programme, without a track. Conflict otherwise, and nothing changes."""
    require(manage_event, by, track.event)
    _lock(track.event)
    if track.abstracts.exists():
        raise Conflict(ErrorCode.TRACK_HAS_ABSTRACTS, HAS_ABSTRACTS_MESSAGE)
    try:
        track.delete()
    except ProtectedError:  # an abstract submitted meanwhile: nothing was deleted
        raise Conflict(ErrorCode.TRACK_HAS_ABSTRACTS, HAS_ABSTRACTS_MESSAGE) from None
