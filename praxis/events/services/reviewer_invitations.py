"""Invitations to review a track's abstracts, sent by the event's organisers to an e-mail
address and accepted by the person who signs in with it.

Adding a reviewer by address always goes this way, whether or not the address has an account
here: no account is looked up, so the organisers' page and the API answer alike for every
address, and only the mailbox that receives the link can become a reviewer."""

from __future__ import annotations

import datetime
from functools import partial
from uuid import UUID

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praxis.core.errors import (
    Conflict,
    ErrorCode,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from praxis.core.mail import email_from_templates
from praxis.core.people import Person, signed_in
from praxis.core.permissions import require
from praxis.core.rows import the_row
from praxis.core.signed_links import SignedLink
from praxis.events.models import Event, ReviewerInvitation, Track
from praxis.events.permissions import manage_event

INVITATION_SALT = "praxis.events.reviewer-invitation"
INVITATION_LIFETIME = datetime.timedelta(days=14)
ADDRESS_LONGEST = 254  # the column's width; validate_email allows up to 320

ADDRESS_MESSAGE = _("Give an e-mail address, such as name@example.org, or an @handle.")
LINK_MESSAGE = _("This invitation link is not valid, or it has been used already.")
EXPIRED_MESSAGE = _("This invitation has expired. Ask the organisers to invite you again.")
OTHER_ADDRESS_MESSAGE = _(
    "This invitation was sent to another e-mail address. Log in with the address that "
    "received it, or ask the organisers to invite the address you use here."
)
UNVERIFIED_MESSAGE = _(
    "Confirm your e-mail address first: follow the link we e-mailed you, then open the "
    "invitation again."
)
INVITATION_LINK = SignedLink(
    INVITATION_SALT, key_type=UUID, invalid=partial(NotFound, ErrorCode.INVALID_TOKEN, LINK_MESSAGE)
)


def is_address(text: str) -> bool:
    """Whether `text` is an e-mail address the invitation can be sent to."""
    try:
        validate_email(text)
    except DjangoValidationError:
        return False
    return len(text) <= ADDRESS_LONGEST


def invitation_url(invitation: ReviewerInvitation) -> str:
    """The link the invitation e-mail holds: it names the invitation, signed."""
    token = INVITATION_LINK.token(invitation.uuid)
    path = reverse("events:reviewer_invitation", args=[invitation.track.event.slug, token])
    return f"{settings.SITE_URL}{path}"


def _send(invitation: ReviewerInvitation, by_name: str) -> None:
    track = invitation.track
    context = {
        "by": by_name,
        "event": track.event.title,
        "track": track.name,
        "link": invitation_url(invitation),
        "site_name": settings.SITE_NAME,
        "days": INVITATION_LIFETIME.days,
    }
    email_from_templates(invitation.email, "events/email/reviewer_invitation", context).send()


def invite_reviewer(track: Track, email: str, *, by: Person) -> ReviewerInvitation:
    """E-mail `email` a link to become a reviewer of `track`, working once for 14 days; it
    replaces the invitation to that address not yet accepted. Called by `add_reviewer`, in its
    transaction, once the organiser's right and allowance are checked."""
    email = email.strip().lower()
    if not is_address(email):
        raise ValidationFailed(fields={"who": [ADDRESS_MESSAGE]})
    # Invited again, only the newest link works.
    ReviewerInvitation.objects.filter(track=track, email__iexact=email).delete()
    invitation = ReviewerInvitation.objects.create(
        track=track,
        email=email,
        invited_by=by,
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    by_name = by.full_name
    transaction.on_commit(lambda: _send(invitation, by_name))
    return invitation


def pending_invitations(event: Event) -> dict[int, list[ReviewerInvitation]]:
    """The invitations of the event's tracks not yet accepted nor expired, by track (one
    query)."""
    pending: dict[int, list[ReviewerInvitation]] = {}
    for invitation in ReviewerInvitation.objects.filter(
        track__event=event, expires_at__gt=timezone.now()
    ):
        pending.setdefault(invitation.track_id, []).append(invitation)
    return pending


@transaction.atomic
def withdraw_reviewer_invitation(invitation: ReviewerInvitation, *, by: Person) -> None:
    """Withdraw an invitation (the event's managers): its link no longer works."""
    require(manage_event, by, invitation.track.event)
    invitation.delete()


def read_reviewer_invitation(token: str) -> ReviewerInvitation:
    """The invitation a link names; NotFound if the link is forged or was used, Conflict if it
    expired."""
    key = INVITATION_LINK.key(token)
    invitation = the_row(ReviewerInvitation.objects.select_related("track__event").filter(uuid=key))
    if invitation is None:
        raise INVITATION_LINK.invalid()
    if invitation.expires_at <= timezone.now():
        raise Conflict(ErrorCode.INVITATION_EXPIRED, EXPIRED_MESSAGE)
    return invitation


def check_reviewer_invitee(invitation: ReviewerInvitation, user: Person) -> None:
    """Raise unless `user` may accept `invitation`: it was sent to their verified address. The
    link alone proves nothing (it can be forwarded); the invited mailbox does."""
    if not signed_in(user):
        raise NotAuthenticated()
    if user.email.casefold() != invitation.email.casefold():
        raise PermissionDenied(ErrorCode.INVITATION_FOR_ANOTHER_ADDRESS, OTHER_ADDRESS_MESSAGE)
    if not user.email_verified:
        raise PermissionDenied(ErrorCode.EMAIL_NOT_VERIFIED, UNVERIFIED_MESSAGE)


@transaction.atomic
def accept_reviewer_invitation(token: str, user: Person) -> Track:
    """Make the signed-in `user` a reviewer of the track the invitation names; the link then
    works no more. Returns the track."""
    invitation = read_reviewer_invitation(token)
    check_reviewer_invitee(invitation, user)
    # Two clicks at once: the second finds the invitation gone.
    locked = ReviewerInvitation.objects.select_for_update().filter(pk=invitation.pk).first()
    if locked is None:
        raise INVITATION_LINK.invalid()
    track = invitation.track
    track.reviewers.add(user)
    locked.delete()
    return track
