"""Every change to organisations, Collaborating Centres, partnerships and networks (membership's
are in memberships.py).

Each service runs in one transaction and checks permissions with the rules in permissions.py;
e-mails leave only after the transaction commits.
"""

from __future__ import annotations

import datetime
import io
import uuid
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
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
from praxis.core.people import Person, signed_in
from praxis.core.permissions import require
from praxis.notifications.services import notify_all
from praxis.organisations import hooks, notices
from praxis.organisations.models import (
    CollaboratingCentre,
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
    take_out_of_network,
)

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
    """End the organisation's current membership of the network; its history stays. Its own
    admins make it leave; staff and the admins of the network's lead organisation remove any
    member. Anyone else is refused (PermissionDenied) and nothing changes."""
    if not signed_in(by):
        raise NotAuthenticated()
    member = (
        NetworkMember.objects.select_for_update()
        .filter(network=network, organisation=organisation, left_on__isnull=True)
        .first()
    )
    asked = member or NetworkMember(network=network, organisation=organisation)
    asked.network = network
    if not take_out_of_network.allows(by, asked):
        raise PermissionDenied(
            message=_(
                "Only the network's lead organisation and the academy's staff can remove an "
                "organisation from the network; an organisation's admins can make only their "
                "own organisation leave."
            )
        )
    if member is None:
        raise NotFound(message=_("This organisation is not in the network."))
    left_on = on or timezone.now().date()
    if left_on < member.joined_on:
        raise ValidationFailed(fields={"left_on": [_("It cannot leave before it joined.")]})
    member.left_on = left_on
    member.save(update_fields=["left_on"])
    return member
