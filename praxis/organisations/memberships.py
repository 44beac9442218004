"""Membership of an organisation: invitations by e-mail, requests to join, roles, being
listed, and leaving; an organisation always keeps an admin.

Each service runs in one transaction and checks permissions with the rules in permissions.py;
e-mails leave only after the transaction commits.
"""

from __future__ import annotations

import datetime
from functools import partial
from typing import Any
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
from praxis.organisations.models import Invitation, Membership, Organisation, Role
from praxis.organisations.permissions import manage_organisation, request_membership

INVITATION_SALT = "praxis.organisations.invitation"
INVITATION_LIFETIME = datetime.timedelta(days=14)
INVITATION_LINK = SignedLink(
    INVITATION_SALT,
    key_type=UUID,
    invalid=partial(NotFound, ErrorCode.INVALID_TOKEN, _("This invitation link is not valid.")),
)


def _active_membership(user: Person, organisation: Organisation) -> Membership | None:
    return Membership.objects.filter(
        user=user,
        organisation=organisation,
        status__in=[Membership.Status.ACTIVE, Membership.Status.REQUESTED],
    ).first()


def _keep_an_admin(membership: Membership) -> None:
    """Refuse to take away the admin role of the organisation's last current admin, whoever
    asks (staff too): an organisation without an admin has nobody to manage it. The admins'
    rows are locked so that two admins demoting each other at once cannot both succeed."""
    admins = set(
        Membership.objects.select_for_update()
        .filter(
            organisation_id=membership.organisation_id,
            role=Role.ADMIN,
            status=Membership.Status.ACTIVE,
        )
        .values_list("pk", flat=True)
    )
    if admins == {membership.pk}:
        raise Conflict(
            ErrorCode.LAST_ADMIN,
            _("An organisation needs at least one admin: make someone else an admin first."),
        )


def invitation_token(invitation: Invitation) -> str:
    return INVITATION_LINK.token(invitation.uuid)


def invitation_url(invitation: Invitation) -> str:
    path = reverse("organisations:accept_invitation", args=[invitation_token(invitation)])
    return f"{settings.SITE_URL}{path}"


def _send_invitation(invitation: Invitation) -> None:
    context = {
        "invitation": invitation,
        "organisation": invitation.organisation,
        "link": invitation_url(invitation),
        "site_name": settings.SITE_NAME,
        "days": INVITATION_LIFETIME.days,
    }
    email_from_templates(invitation.email, "organisations/email/invitation", context).send()


def _is_address(text: str) -> bool:
    try:
        validate_email(text)
    except DjangoValidationError:
        return False
    return len(text) <= 254  # the column's width; validate_email allows up to 320


@transaction.atomic
def invite(organisation: Organisation, email: str, role: str, by: Person) -> Invitation:
    """E-mail `email` a link to join the organisation with `role`; it expires in 14 days and
    replaces any invitation to that address not yet accepted. Conflict(ALREADY_MEMBER) when the
    address is a member's who has that role already."""
    require(manage_organisation, by, organisation)
    email = email.strip().lower()
    errors: dict[str, list[Any]] = {}
    if not _is_address(email):
        errors["email"] = [_("Enter a valid e-mail address.")]
    if role not in Role.values:
        errors["role"] = [_("Choose a role.")]
    if errors:
        raise ValidationFailed(fields=errors)
    # A member invited to another role is asked to accept the change; to the role they have,
    # the invitation would change nothing.
    if Membership.objects.filter(
        organisation=organisation,
        status=Membership.Status.ACTIVE,
        role=role,
        user__email__iexact=email,
    ).exists():
        message = _("This person is already a member.")
        raise Conflict(ErrorCode.ALREADY_MEMBER, message, fields={"email": [message]})
    # Inviting an address again replaces the invitation not yet accepted: only the newest link
    # works, with the role just chosen.
    Invitation.objects.filter(
        organisation=organisation, email__iexact=email, accepted_at__isnull=True
    ).delete()
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        invited_by=by,
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    transaction.on_commit(lambda: _send_invitation(invitation))
    return invitation


@transaction.atomic
def withdraw_invitation(invitation: Invitation, by: Person) -> None:
    """Withdraw an invitation not yet accepted (the organisation's admins and staff): its link
    no longer works. Conflict(INVITATION_USED) once it has been accepted."""
    require(manage_organisation, by, invitation.organisation)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise Conflict(ErrorCode.INVITATION_USED, _("This invitation has already been used."))
    invitation.delete()


def read_invitation(token: str) -> Invitation:
    """The invitation a link names; raises if the link is forged, expired or used."""
    key = INVITATION_LINK.key(token)
    invitation = the_row(Invitation.objects.select_related("organisation").filter(uuid=key))
    if invitation is None:
        raise INVITATION_LINK.invalid()
    if invitation.accepted_at is not None:
        raise Conflict(ErrorCode.INVITATION_USED, _("This invitation has already been used."))
    if invitation.expires_at <= timezone.now():
        raise Conflict(
            ErrorCode.INVITATION_EXPIRED,
            _("This invitation has expired. Ask the organisation to invite you again."),
        )
    return invitation


def check_invitee(invitation: Invitation, user: Person) -> None:
    """Raise unless `user` may accept `invitation`: it was sent to their verified address.

    The link alone proves nothing (it can be forwarded or leaked); the invited mailbox does.
    """
    if not signed_in(user):
        raise NotAuthenticated()
    if user.email.casefold() != invitation.email.casefold():
        raise PermissionDenied(
            ErrorCode.INVITATION_FOR_ANOTHER_ADDRESS,
            _(
                "This invitation was sent to another e-mail address. Log in with the address "
                "that received it, or ask the organisation to invite the address you use here."
            ),
        )
    if not user.email_verified:
        raise PermissionDenied(
            ErrorCode.EMAIL_NOT_VERIFIED,
            _(
                "Confirm your e-mail address first: follow the link we e-mailed you, then open "
                "the invitation again."
            ),
        )


def invitation_role_change(invitation: Invitation, user: Person) -> tuple[str, str] | None:
    """(current role, invited role) when accepting would change a current member's role."""
    membership = _active_membership(user, invitation.organisation)
    if (
        membership is None
        or membership.status != Membership.Status.ACTIVE
        or membership.role == invitation.role
    ):
        return None
    return membership.role, invitation.role


@transaction.atomic
def accept_invitation(token: str, user: Person, *, role_change: str = "") -> Membership:
    """Join the organisation the invitation names, with its role, as the signed-in `user`.

    Only the person whose verified address was invited may accept (PermissionDenied with
    INVITATION_FOR_ANOTHER_ADDRESS or EMAIL_NOT_VERIFIED otherwise). A current member whose
    role the invitation would change must choose: `role_change="take"` the invited role,
    `"keep"` their own; without a choice, Conflict(INVITATION_CHANGES_ROLE) and nothing changes.
    """
    invitation = read_invitation(token)
    check_invitee(invitation, user)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise Conflict(ErrorCode.INVITATION_USED, _("This invitation has already been used."))
    change = invitation_role_change(invitation, user)
    if change is not None and role_change not in {"take", "keep"}:
        current, invited = (Role(role).label for role in change)
        raise Conflict(
            ErrorCode.INVITATION_CHANGES_ROLE,
            _(
                "You are %(current)s of this organisation; the invitation would make you "
                "%(invited)s. Choose which role to have."
            )
            % {"current": current, "invited": invited},
        )
    now = timezone.now()
    membership = _active_membership(user, invitation.organisation)
    if membership is None:
        membership = Membership(user=user, organisation=invitation.organisation)
    if change is None or role_change == "take":
        if membership.pk is not None and invitation.role != Role.ADMIN:
            _keep_an_admin(membership)
        membership.role = invitation.role
    membership.status = Membership.Status.ACTIVE
    membership.decided_by, membership.decided_at = invitation.invited_by, now
    membership.save()
    invitation.accepted_at, invitation.accepted_by = now, user
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    return membership


@transaction.atomic
def request_to_join(organisation: Organisation, user: Person) -> Membership:
    """Ask to join the organisation as a member; an organisation admin decides."""
    require(request_membership, user, organisation)
    if _active_membership(user, organisation) is not None:
        raise Conflict(
            ErrorCode.ALREADY_MEMBER,
            _("You already belong to, or asked to join, this organisation."),
        )
    return Membership.objects.create(
        user=user, organisation=organisation, status=Membership.Status.REQUESTED
    )


@transaction.atomic
def decide_request(membership: Membership, approve: bool, by: Person) -> Membership:
    """Approve or decline a request to join (the organisation's admins and staff)."""
    require(manage_organisation, by, membership.organisation)
    if membership.status != Membership.Status.REQUESTED:
        raise Conflict(ErrorCode.INVALID_TRANSITION, _("This request has already been decided."))
    membership.status = Membership.Status.ACTIVE if approve else Membership.Status.DECLINED
    membership.decided_by, membership.decided_at = by, timezone.now()
    membership.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    return membership


@transaction.atomic
def change_role(membership: Membership, role: str, by: Person) -> Membership:
    """Give a member another role (the organisation's admins and staff); the last admin keeps
    theirs (Conflict LAST_ADMIN)."""
    require(manage_organisation, by, membership.organisation)
    if role not in Role.values:
        raise ValidationFailed(fields={"role": [_("Choose a role.")]})
    if membership.status != Membership.Status.ACTIVE:
        raise Conflict(ErrorCode.INVALID_TRANSITION, _("Only current members have a role."))
    if role != Role.ADMIN:
        _keep_an_admin(membership)
    membership.role = role
    membership.save(update_fields=["role", "updated_at"])
    return membership


@transaction.atomic
def set_listed(membership: Membership, listed: bool, by: Person) -> Membership:
    """Show or hide oneself on the organisation's public page (the member alone decides)."""
    if not signed_in(by):
        raise NotAuthenticated()
    if by.pk != membership.user_id:
        raise PermissionDenied()
    membership.listed = listed
    membership.save(update_fields=["listed", "updated_at"])
    return membership


@transaction.atomic
def end_membership(membership: Membership, by: Person) -> Membership:
    """End a membership: the member leaving, or an admin removing them. The last admin can do
    neither (Conflict LAST_ADMIN) until someone else is an admin."""
    if not signed_in(by):
        raise NotAuthenticated()
    if by.pk != membership.user_id:
        require(manage_organisation, by, membership.organisation)
    if membership.status != Membership.Status.ACTIVE:
        raise Conflict(ErrorCode.INVALID_TRANSITION, _("This membership is not current."))
    _keep_an_admin(membership)
    membership.status, membership.listed = Membership.Status.ENDED, False
    membership.decided_by, membership.decided_at = by, timezone.now()
    membership.save()
    return membership
