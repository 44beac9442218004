"""The reviewers of an event's tracks through the API, for the event's organisers: list them,
add a member by @handle or invite an e-mail address, remove one by handle, and list or withdraw
the invitations not yet accepted."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from praxis.accounts.auth import SignedInRequest, api_auth
from praxis.accounts.models import User
from praxis.core.errors import NotFound
from praxis.core.permissions import require
from praxis.core.schemas import errors
from praxis.events import queries, services
from praxis.events.models import ReviewerInvitation, Track
from praxis.events.permissions import manage_event

router = Router(tags=["events"])


class ReviewerIn(Schema):
    who: str = Field(
        max_length=254,
        description="a member's @handle, added at once, or an e-mail address, sent an invitation",
    )


class ReviewerOut(Schema):
    name: str
    handle: str | None = Field(description="without the @; null for someone who has none yet")

    @staticmethod
    def of(person: User) -> ReviewerOut:
        return ReviewerOut(name=person.full_name, handle=services.handle_of(person))


class ReviewerInvitationOut(Schema):
    id: UUID
    email: str
    expires_at: datetime

    @staticmethod
    def of(invitation: ReviewerInvitation) -> ReviewerInvitationOut:
        return ReviewerInvitationOut(
            id=invitation.uuid, email=invitation.email, expires_at=invitation.expires_at
        )


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
    response={201: ReviewerOut, 202: ReviewerInvitationOut, **errors(400, 401, 403, 404, 429)},
    auth=api_auth,
)
def add_reviewer(
    request: SignedInRequest, slug: str, track_id: int, body: ReviewerIn
) -> Status[ReviewerOut] | Status[ReviewerInvitationOut]:
    """Add a reviewer: a member named by @handle at once, who is told by a notice (201); an
    e-mail address is sent an invitation (202), the same answer for every address. An unknown
    handle or one already reviewing the track is refused (400, on `who`)."""
    track = _track(request, slug, track_id)
    added = services.add_reviewer(track, body.who, by=request.user)
    if isinstance(added, ReviewerInvitation):
        return Status(202, ReviewerInvitationOut.of(added))
    return Status(
        201, ReviewerOut.of(User.objects.select_related("community_profile").get(pk=added.pk))
    )


@router.get(
    "/events/{slug}/tracks/{track_id}/invitations",
    response={200: list[ReviewerInvitationOut], **errors(401, 403, 404)},
    auth=api_auth,
)
def list_invitations(
    request: SignedInRequest, slug: str, track_id: int
) -> list[ReviewerInvitationOut]:
    """The invitations to review the track not yet accepted nor expired."""
    track = _track(request, slug, track_id)
    pending = services.pending_invitations(track.event).get(track.pk, [])
    return [ReviewerInvitationOut.of(invitation) for invitation in pending]


@router.delete(
    "/events/{slug}/tracks/{track_id}/invitations/{invitation_id}",
    response={204: None, **errors(401, 403, 404)},
    auth=api_auth,
)
def withdraw_invitation(
    request: SignedInRequest, slug: str, track_id: int, invitation_id: UUID
) -> Status[None]:
    """Withdraw an invitation: its link no longer works."""
    track = _track(request, slug, track_id)
    invitation = ReviewerInvitation.objects.filter(track=track, uuid=invitation_id).first()
    if invitation is None:
        raise NotFound()
    invitation.track = track
    services.withdraw_reviewer_invitation(invitation, by=request.user)
    return Status(204, None)


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
