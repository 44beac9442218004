"""Every change to organisations, Collaborating Centres, partnerships, networks and membership.

Each service runs in one transaction and checks permissions with the rules in permissions.py;
e-mails leave only after the transaction commits.
"""

from __future__ import annotations

import datetime
import io
import uuid
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image

from praxis.core import images
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
from praxis.notifications.services import notify_all
from praxis.organisations import hooks, notices
from praxis.organisations.models import (
    CollaboratingCentre,
    Invitation,
    Membership,
    Network,
    NetworkMember,
    Organisation,
    Partnership,
    PartnershipEvent,
    Role,
    term_end,
)
from praxis.organisations.permissions import (
    lead_network,
    manage_directory,
    manage_organisation,
    request_membership,
)

INVITATION_SALT = "praxis.organisations.invitation"
INVITATION_LIFETIME = datetime.timedelta(days=14)
LOGO_MAX_BYTES = 200 * 1024
LOGO_MAX_PIXELS = 1024
# What an uploaded logo may be, and what it is stored as: decoded and encoded afresh, so that
# nothing but the picture (no appended HTML, no metadata) is kept. A GIF is kept as a PNG.
LOGO_STORED_AS = {"PNG": "PNG", "JPEG": "JPEG", "WEBP": "WEBP", "GIF": "PNG"}
LOGO_EXTENSIONS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}
EDITABLE_FIELDS = {"name", "names", "short_name", "website", "description", "topics", "country"}

# Which status a partnership may move to from each status.
PARTNERSHIP_STEPS: dict[str, set[str]] = {
    Partnership.Status.PROPOSED: {Partnership.Status.UNDER_REVIEW, Partnership.Status.TERMINATED},
    Partnership.Status.UNDER_REVIEW: {
        Partnership.Status.ACTIVE,
        Partnership.Status.PROPOSED,
        Partnership.Status.TERMINATED,
    },
    Partnership.Status.ACTIVE: {Partnership.Status.EXPIRED, Partnership.Status.TERMINATED},
    Partnership.Status.EXPIRED: {Partnership.Status.UNDER_REVIEW},
    Partnership.Status.TERMINATED: set(),
}


# Organisations


@transaction.atomic
def update_organisation(organisation: Organisation, by: Person, **fields: Any) -> Organisation:
    """Change the organisation's public description (its admins and staff)."""
    require(manage_organisation, by, organisation)
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ValidationFailed(
            fields={name: [_("This cannot be changed here.")] for name in unknown}
        )
    if "name" in fields and not str(fields["name"]).strip():
        raise ValidationFailed(fields={"name": [_("Give the organisation a name.")]})
    for name, value in fields.items():
        setattr(organisation, name, value.strip() if isinstance(value, str) else value)
    organisation.save()
    hooks.changed.send(organisation=organisation)
    return organisation


def check_logo(uploaded: UploadedFile[bytes] | Any) -> str:
    """The format of `uploaded` if it is a small PNG, JPEG, WebP or GIF image; raises otherwise."""
    image_format, width, height = images.identify(
        uploaded,
        field="logo",
        max_bytes=LOGO_MAX_BYTES,
        too_large=_("A logo can be at most 200 KB."),
        invalid=_("The logo must be a PNG, JPEG, WebP or GIF image."),
    )
    if max(width, height) > LOGO_MAX_PIXELS:
        raise ValidationFailed(
            ErrorCode.INVALID_IMAGE,
            _("A logo can be at most 1024 pixels wide and high."),
            fields={"logo": [_("This image is too big.")]},
        )
    return image_format


def _encode_logo(uploaded: UploadedFile[bytes] | Any, image_format: str) -> tuple[bytes, str]:
    """The picture alone, encoded afresh, and the file extension of what it now is."""
    stored_as = LOGO_STORED_AS[image_format]
    try:
        with Image.open(uploaded) as opened:
            opened.load()
            picture: Image.Image = opened
            if stored_as == "JPEG" and picture.mode not in {"RGB", "L"}:
                picture = picture.convert("RGB")
            elif picture.mode not in {"RGB", "RGBA", "L", "LA", "P"}:
                picture = picture.convert("RGBA")
            buffer = io.BytesIO()
            picture.save(buffer, stored_as)
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationFailed(
            ErrorCode.INVALID_IMAGE,
            _("The logo must be a PNG, JPEG, WebP or GIF image."),
            fields={"logo": [_("This is not an image we can show.")]},
        ) from error
    finally:
        uploaded.seek(0)
    return buffer.getvalue(), LOGO_EXTENSIONS[stored_as]


@transaction.atomic
def set_logo(
    organisation: Organisation, uploaded: UploadedFile[bytes] | Any, by: Person
) -> Organisation:
    """Replace the organisation's logo with a validated small image.

    The file is stored under a new random name with the extension of its true type, whatever
    it was called; the previous one is deleted once the change is committed.
    """
    require(manage_organisation, by, organisation)
    content, extension = _encode_logo(uploaded, check_logo(uploaded))
    previous = organisation.logo.name
    organisation.logo.save(f"{uuid.uuid4().hex}.{extension}", ContentFile(content), save=False)
    organisation.save(update_fields=["logo", "updated_at"])
    if previous:
        storage = organisation.logo.storage
        transaction.on_commit(lambda: storage.delete(previous))
    return organisation


def logo_content_type(name: str) -> str | None:
    """The type a stored logo is served as, from its own extension; None for anything else."""
    return images.content_type(name)


@transaction.atomic
def designate_centre(
    organisation: Organisation,
    by: Person,
    *,
    reference_number: str,
    title: str,
    designated_on: datetime.date,
    redesignated_on: datetime.date | None = None,
    terms_of_reference: str = "",
    activity_types: list[str] | None = None,
    technical_unit: str = "",
) -> CollaboratingCentre:
    """Record (or update) the organisation's designation as a WHO Collaborating Centre."""
    require(manage_directory, by)
    reference_number = reference_number.strip().upper()
    errors: dict[str, list[Any]] = {}
    if not reference_number:
        errors["reference_number"] = [_("Give the reference number.")]
    if not title.strip():
        errors["title"] = [_("Give the centre's title.")]
    if redesignated_on and redesignated_on < designated_on:
        errors["redesignated_on"] = [_("Redesignation cannot come before designation.")]
    clash = CollaboratingCentre.objects.filter(reference_number=reference_number).exclude(
        organisation=organisation
    )
    if reference_number and clash.exists():
        errors["reference_number"] = [_("Another centre already has this reference number.")]
    if errors:
        raise ValidationFailed(fields=errors)
    centre, _created = CollaboratingCentre.objects.update_or_create(
        organisation=organisation,
        defaults={
            "reference_number": reference_number,
            "title": title.strip(),
            "designated_on": designated_on,
            "redesignated_on": redesignated_on,
            "expires_on": term_end(designated_on, redesignated_on),
            "terms_of_reference": terms_of_reference.strip(),
            "activity_types": activity_types or [],
            "technical_unit": technical_unit.strip(),
        },
    )
    if organisation.type != Organisation.Type.COLLABORATING_CENTRE:
        organisation.type = Organisation.Type.COLLABORATING_CENTRE
        organisation.save(update_fields=["type", "updated_at"])
    return centre


@transaction.atomic
def redesignate_centre(
    centre: CollaboratingCentre, on: datetime.date, by: Person
) -> CollaboratingCentre:
    """Start a new four-year term on `on`."""
    require(manage_directory, by)
    if on < (centre.redesignated_on or centre.designated_on):
        raise ValidationFailed(
            fields={"redesignated_on": [_("A new term cannot start before the current one.")]}
        )
    centre.redesignated_on = on
    centre.expires_on = term_end(centre.designated_on, on)
    centre.save(update_fields=["redesignated_on", "expires_on", "updated_at"])
    return centre


# Partnerships


@transaction.atomic
def propose_partnership(
    organisation: Organisation,
    by: Person,
    *,
    type: str,
    title: str,
    scope: str = "",
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    other_organisation: Organisation | None = None,
) -> Partnership:
    """Propose a partnership of `organisation` with the academy (or `other_organisation`)."""
    require(manage_organisation, by, organisation)
    errors: dict[str, list[Any]] = {}
    if type not in Partnership.Type.values:
        errors["type"] = [_("Choose a kind of partnership.")]
    if not title.strip():
        errors["title"] = [_("Give the partnership a title.")]
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = [_("The end cannot come before the start.")]
    if other_organisation is not None and other_organisation.pk == organisation.pk:
        errors["other_organisation"] = [_("An organisation cannot partner with itself.")]
    if errors:
        raise ValidationFailed(fields=errors)
    partnership = Partnership.objects.create(
        organisation=organisation,
        other_organisation=other_organisation,
        type=type,
        title=title.strip(),
        scope=scope.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
    )
    PartnershipEvent.objects.create(
        partnership=partnership, to_status=partnership.status, by=by, note=""
    )
    return partnership


@transaction.atomic
def move_partnership(
    partnership: Partnership, to_status: str, by: Person, note: str = ""
) -> Partnership:
    """Move the partnership along its lifecycle (academy staff), recording who and when."""
    require(manage_directory, by)
    partnership = (
        Partnership.objects.select_for_update()
        .select_related("organisation")
        .get(pk=partnership.pk)
    )
    if to_status not in PARTNERSHIP_STEPS.get(partnership.status, set()):
        raise Conflict(
            ErrorCode.INVALID_TRANSITION,
            _("A partnership that is %(status)s cannot become %(target)s.")
            % {
                "status": partnership.get_status_display(),
                "target": dict(Partnership.Status.choices).get(to_status, to_status),
            },
        )
    PartnershipEvent.objects.create(
        partnership=partnership,
        from_status=partnership.status,
        to_status=to_status,
        by=by,
        note=note.strip(),
    )
    partnership.status = to_status
    partnership.save(update_fields=["status", "updated_at"])
    admins = Membership.objects.filter(
        organisation_id__in=[partnership.organisation_id, partnership.other_organisation_id],
        role=Role.ADMIN,
        status=Membership.Status.ACTIVE,
    ).select_related("user")
    notify_all(
        [membership.user for membership in admins],
        notices.partnership_moved,
        reverse("organisations:partnerships", args=[partnership.organisation.slug]),
        partnership=partnership.title,
        status=str(partnership.get_status_display()),
    )
    return partnership


# Networks


@transaction.atomic
def join_network(
    network: Network, organisation: Organisation, by: Person, on: datetime.date | None = None
) -> NetworkMember:
    """Add the organisation to the network from `on` (today by default): staff, or the admins
    of the network's lead organisation."""
    require(lead_network, by, network)
    try:
        with transaction.atomic():
            return NetworkMember.objects.create(
                network=network, organisation=organisation, joined_on=on or timezone.now().date()
            )
    except IntegrityError as error:
        raise Conflict(
            ErrorCode.ALREADY_MEMBER, _("This organisation is already in the network.")
        ) from error


@transaction.atomic
def leave_network(
    network: Network, organisation: Organisation, by: Person, on: datetime.date | None = None
) -> NetworkMember:
    """End the organisation's current membership of the network; its history stays. Staff,
    the organisation's admins, or the admins of the network's lead organisation."""
    if not manage_organisation.allows(by, organisation):
        require(lead_network, by, network)
    member = NetworkMember.objects.filter(
        network=network, organisation=organisation, left_on__isnull=True
    ).first()
    if member is None:
        raise NotFound(message=_("This organisation is not in the network."))
    left_on = on or timezone.now().date()
    if left_on < member.joined_on:
        raise ValidationFailed(fields={"left_on": [_("It cannot leave before it joined.")]})
    member.left_on = left_on
    member.save(update_fields=["left_on"])
    return member


# Membership


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
    return signing.dumps(str(invitation.uuid), salt=INVITATION_SALT)


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
    """E-mail `email` a link to join the organisation with `role`; it expires in 14 days.
    Conflict(ALREADY_MEMBER) when the address is a member's who has that role already."""
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
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        invited_by=by,
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    transaction.on_commit(lambda: _send_invitation(invitation))
    return invitation


def read_invitation(token: str) -> Invitation:
    """The invitation a link names; raises if the link is forged, expired or used."""
    try:
        key = signing.loads(token, salt=INVITATION_SALT)
        invitation = Invitation.objects.select_related("organisation").get(uuid=key)
    except (signing.BadSignature, Invitation.DoesNotExist, ValueError) as error:
        raise NotFound(ErrorCode.INVALID_TOKEN, _("This invitation link is not valid.")) from error
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
