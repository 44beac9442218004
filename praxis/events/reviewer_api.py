"""The reviewers of an event's tracks through the API, for the event's organisers: list them,
add one by the e-mail address of their account or their @handle, remove one by handle."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from praxis.accounts.auth import SignedInRequest, api_auth
from praxis.accounts.models import User
from praxis.core.errors import NotFound
from praxis.core.permissions import require
from praxis.core.schemas import errors
from praxis.events import queries, services
from praxis.events.models import Track
from praxis.events.permissions import manage_event

router = Router(tags=["events"])


class ReviewerIn(Schema):
    who: str = Field(
        max_length=254, description="the e-mail address of the person's account, or their @handle"
    )


class ReviewerOut(Schema):
    name: str
    handle: str | None = Field(description="without the @; null for someone who has none yet")

    @staticmethod
    def of(person: User) -> ReviewerOut:
        return ReviewerOut(name=person.full_name, handle=services.handle_of(person))


def _track(request: HttpRequest, slug: str, track_id: int) -> Track:
    event = queries.visible_event(request.user, slug, fresh=True)
    require(manage_event, request.user, event)
    track = Track.objects.filter(event=event, pk=track_id).first()
    if track is None:
        raise NotFound()
    track.event = event
    return track


@router.get(
    "/events/{slug}/tracks/{track_id}/reviewers",
    response={200: list[ReviewerOut], **errors(401, 403, 404)},
    auth=api_auth,
)
def list_reviewers(request: SignedInRequest, slug: str, track_id: int) -> list[ReviewerOut]:
    """The reviewers of one of the event's tracks (its organisers only)."""
    track = _track(request, slug, track_id)
    return [ReviewerOut.of(person) for person in services.track_reviewers(track)]


@router.post(
    "/events/{slug}/tracks/{track_id}/reviewers",
    response={201: ReviewerOut, **errors(400, 401, 403, 404)},
    auth=api_auth,
)
def add_reviewer(
    request: SignedInRequest, slug: str, track_id: int, body: ReviewerIn
) -> Status[ReviewerOut]:
    """Add a reviewer, who is told by a notice; an unknown person or one already reviewing the
    track is refused (400, on `who`)."""
    track = _track(request, slug, track_id)
    person = services.add_reviewer(track, body.who, by=request.user)
    return Status(
        201, ReviewerOut.of(User.objects.select_related("community_profile").get(pk=person.pk))
    )


@router.delete(
    "/events/{slug}/tracks/{track_id}/reviewers/{handle}",
    response={204: None, **errors(401, 403, 404)},
    auth=api_auth,
)
def remove_reviewer(
    request: SignedInRequest, slug: str, track_id: int, handle: str
) -> Status[None]:
    """Take a reviewer, named by handle, off the track; their reviews stay."""
    track = _track(request, slug, track_id)
    person = next(
        (
            p
            for p in services.track_reviewers(track)
            if services.handle_of(p) == handle.lstrip("@").lower()
        ),
        None,
    )
    if person is None:
        raise NotFound()
    services.remove_reviewer(track, person, by=request.user)
    return Status(204, None)
