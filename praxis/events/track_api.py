"""The tracks of an event through the API, for the event's organisers: list them, add one,
rename or move one, and remove one no abstract was submitted to."""

from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from praxis.accounts.auth import SignedInRequest, api_auth
from praxis.core.errors import NotFound
from praxis.core.permissions import require
from praxis.core.schemas import errors
from praxis.events import queries, services
from praxis.events.models import Event, Track
from praxis.events.permissions import manage_event
from praxis.events.services.tracks import NAME_LONGEST, POSITION_HIGHEST

router = Router(tags=["events"])


class TrackIn(Schema):
    name: str = Field(max_length=NAME_LONGEST, description="unique within the event")
    position: int | None = Field(
        None,
        ge=0,
        le=POSITION_HIGHEST,
        description="tracks are listed from the lowest; left out, the track goes last",
    )


class TrackPatchIn(Schema):
    name: str | None = Field(None, max_length=NAME_LONGEST)
    position: int | None = Field(None, ge=0, le=POSITION_HIGHEST)


class TrackOut(Schema):
    id: int
    name: str
    position: int
    abstracts: int = Field(description="how many abstracts were submitted to it")

    @staticmethod
    def of(track: Track) -> TrackOut:
        return TrackOut(
            id=track.pk,
            name=track.name,
            position=track.position,
            abstracts=getattr(track, "abstract_count", 0),
        )


def _managed(request: HttpRequest, slug: str) -> Event:
    event = queries.visible_event(request.user, slug, fresh=True)
    require(manage_event, request.user, event)
    return event


def _track(request: HttpRequest, slug: str, track_id: int) -> Track:
    event = _managed(request, slug)
    track = (
        Track.objects.filter(event=event, pk=track_id)
        .annotate(abstract_count=Count("abstracts"))
        .first()
    )
    if track is None:
        raise NotFound()
    track.event = event
    return track


@router.get(
    "/events/{slug}/tracks",
    response={200: list[TrackOut], **errors(401, 403, 404)},
    auth=api_auth,
)
def list_tracks(request: SignedInRequest, slug: str) -> list[TrackOut]:
    """The event's tracks in their order (its organisers only)."""
    return [TrackOut.of(track) for track in services.event_tracks(_managed(request, slug))]


@router.post(
    "/events/{slug}/tracks",
    response={201: TrackOut, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def add_track(request: SignedInRequest, slug: str, body: TrackIn) -> Status[TrackOut]:
    """Add a track; a name another of the event's tracks has is refused (409, on `name`)."""
    event = _managed(request, slug)
    track = services.add_track(
        event, services.TrackSettings(name=body.name, position=body.position), by=request.user
    )
    return Status(201, TrackOut.of(track))


@router.patch(
    "/events/{slug}/tracks/{track_id}",
    response={200: TrackOut, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def update_track(
    request: SignedInRequest, slug: str, track_id: int, body: TrackPatchIn
) -> TrackOut:
    """Rename a track or move it in the list: only the fields given change."""
    track = _track(request, slug, track_id)
    settings = services.TrackSettings(
        name=track.name if body.name is None else body.name, position=body.position
    )
    return TrackOut.of(services.update_track(track, settings, by=request.user))


@router.delete(
    "/events/{slug}/tracks/{track_id}",
    response={204: None, **errors(401, 403, 404, 409)},
    auth=api_auth,
)
def remove_track(request: SignedInRequest, slug: str, track_id: int) -> Status[None]:
    """Remove a track; one abstracts were submitted to is refused (409) and stays."""
    track = _track(request, slug, track_id)
    services.remove_track(track, by=request.user)
    return Status(204, None)
