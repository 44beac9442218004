"""The partner API: the directory, networks, partnerships, memberships, invitations and the
CSV import, under the same rules (praxis.organisations.permissions) as the pages."""

from __future__ import annotations

import datetime
from typing import Any, Literal
from urllib.parse import urlencode
from uuid import UUID

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile

from praxis.accounts.auth import SignedInRequest, api_auth
from praxis.core.api import kept_answer
from praxis.core.errors import ValidationFailed
from praxis.core.pagination import MAX_PAGE_SIZE
from praxis.core.permissions import require
from praxis.core.schemas import errors
from praxis.organisations import importing, memberships, queries, services
from praxis.organisations.models import (
    CollaboratingCentre,
    Invitation,
    Membership,
    Network,
    Organisation,
    Partnership,
)
from praxis.organisations.permissions import manage_directory, manage_organisation
from praxis.organisations.schemas import (
    ImportIn,
    ImportOut,
    InvitationIn,
    InvitationOut,
    InvitationWaitingOut,
    ListedIn,
    MembershipDecisionIn,
    MembershipOut,
    NetworkDetailOut,
    NetworkJoinIn,
    NetworkLeaveIn,
    NetworkMemberOut,
    NetworkOut,
    OrganisationUpdateIn,
    PartnershipIn,
    PartnershipMoveIn,
    PartnershipOut,
    RoleIn,
)

router = Router(tags=["partners"])

OrganisationType = Literal[
    "member_state_body",
    "university",
    "collaborating_centre",
    "international",
    "un_agency",
    "ngo",
    "professional_association",
    "private",
    "academy",
]
Region = Literal["AFR", "AMR", "SEAR", "EUR", "EMR", "WPR"]
CentreStatus = Literal["active", "pending_redesignation", "expired"]


class DirectoryFilters(Schema):
    q: str = Field("", max_length=200)
    type: OrganisationType | None = None
    region: Region | None = None
    country: str = Field("", max_length=2, description="ISO 3166-1 alpha-2")
    topic: str = Field("", max_length=100)
    status: CentreStatus | None = Field(None, description="WHO Collaborating Centre status")
    page: int = Field(1, ge=1)
    size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


class CentreOut(Schema):
    reference_number: str
    title: str
    status: CentreStatus
    designated_on: datetime.date
    redesignated_on: datetime.date | None
    expires_on: datetime.date
    technical_unit: str
    activity_types: list[str]

    # Built field by field: the activity types are free JSON, each made text.
    @staticmethod
    def of(centre: CollaboratingCentre) -> CentreOut:
        return CentreOut(
            reference_number=centre.reference_number,
            title=centre.title,
            status=centre.status,  # type: ignore[arg-type]  # one of the Status values
            designated_on=centre.designated_on,
            redesignated_on=centre.redesignated_on,
            expires_on=centre.expires_on,
            technical_unit=centre.technical_unit,
            activity_types=[str(a) for a in centre.activity_types],
        )


class PartnerOut(Schema):
    slug: str
    name: str
    names: dict[str, str]
    type: str
    country: str
    region: str | None
    website: str
    topics: list[str]
    collaborating_centre: CentreOut | None

    # Built field by field: the region comes from the caller; names and topics become text.
    @staticmethod
    def of(organisation: Organisation, region: str | None) -> PartnerOut:
        centre = getattr(organisation, "collaborating_centre", None)
        return PartnerOut(
            slug=organisation.slug,
            name=organisation.display_name,
            names={str(k): str(v) for k, v in organisation.names.items()},
            type=organisation.type,
            country=str(organisation.country),
            region=region,
            website=organisation.website,
            topics=[str(t) for t in organisation.topics],
            collaborating_centre=CentreOut.of(centre) if centre else None,
        )


class PartnerPageOut(Schema):
    items: list[PartnerOut]
    page: int
    pages: int
    total: int


class PartnerDetailOut(PartnerOut):
    description: str
    networks: list[str]


# The lists of partners and networks, which every caller reads alike, each kept until one of
# the rows it reads changes (apps.py).
PARTNERS_SCOPE = "api:partners"
NETWORKS_SCOPE = "api:networks"


@router.get("/partners", response={200: PartnerPageOut, **errors(400)}, auth=None)
def list_partners(request: HttpRequest, filters: Query[DirectoryFilters]) -> HttpResponse:
    """Partner organisations: search and filter by type, WHO region, country, topic, status."""

    def build() -> PartnerPageOut:
        page = queries.directory(
            page=filters.page,
            size=filters.size,
            q=filters.q,
            type=filters.type or "",
            region=filters.region or "",
            country=filters.country,
            topic=filters.topic,
            status=filters.status or "",
        )
        return PartnerPageOut(
            items=[PartnerOut.of(e.organisation, e.region) for e in page.items],
            page=page.number,
            pages=page.pages,
            total=page.total,
        )

    # Regions and designations are read as they stand on the day.
    query = urlencode(sorted(filters.model_dump().items()))
    return kept_answer(
        request,
        PARTNERS_SCOPE,
        (query, timezone.now().date().isoformat()),
        build,
        personal=False,
    )


@router.get("/partners/{slug}", response={200: PartnerDetailOut, **errors(404)}, auth=None)
def get_partner(request: HttpRequest, slug: str) -> PartnerDetailOut:
    """One organisation with its Collaborating Centre designation and current networks."""
    page = queries.organisation_page(slug)
    base = PartnerOut.of(page.organisation, page.region)
    return PartnerDetailOut(
        **base.dict(),
        description=page.organisation.description,
        networks=[m.network.slug for m in page.networks],
    )


# The organisation's own page: its description, logo, people and invitations


@router.patch(
    "/partners/{slug}",
    response={200: PartnerDetailOut, **errors(400, 401, 403, 404)},
    auth=api_auth,
)
def update_partner(
    request: SignedInRequest, slug: str, body: OrganisationUpdateIn
) -> PartnerDetailOut:
    """Change the organisation's public description (its admins and academy staff)."""
    found = get_object_or_404(Organisation, slug=slug)
    changes: dict[str, Any] = body.model_dump(exclude_none=True)
    if changes.get("website"):
        try:
            URLValidator(schemes=["http", "https"])(changes["website"])
        except DjangoValidationError as error:
            raise ValidationFailed(fields={"website": [_("Enter a valid web address.")]}) from error
    if "topics" in changes:
        changes["topics"] = [topic.strip() for topic in changes["topics"] if topic.strip()]
    services.update_organisation(found, request.user, **changes)
    return get_partner(request, slug)


@router.post(
    "/partners/{slug}/logo",
    response={200: PartnerDetailOut, **errors(400, 401, 403, 404, 413)},
    auth=api_auth,
)
def set_partner_logo(
    request: SignedInRequest, slug: str, logo: File[UploadedFile]
) -> PartnerDetailOut:
    """Replace the logo (multipart form, field `logo`): PNG, JPEG, WebP or GIF, at most 200 KB
    and 1024 pixels."""
    found = get_object_or_404(Organisation, slug=slug)
    services.set_logo(found, logo, request.user)
    return get_partner(request, slug)


def _membership(slug: str, membership_id: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("organisation", "user"),
        pk=membership_id,
        organisation__slug=slug,
    )


@router.get(
    "/partners/{slug}/members",
    response={200: list[MembershipOut], **errors(401, 403, 404)},
    auth=api_auth,
)
def list_members(request: HttpRequest, slug: str) -> list[MembershipOut]:
    """Everyone in the organisation, pending requests first (its admins and academy staff)."""
    found = get_object_or_404(Organisation, slug=slug)
    require(manage_organisation, request.user, found)
    return [MembershipOut.of(membership) for membership in queries.people_of(found)]


@router.post(
    "/partners/{slug}/members/{membership_id}/decision",
    response={200: MembershipOut, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def decide_membership(
    request: SignedInRequest, slug: str, membership_id: int, body: MembershipDecisionIn
) -> MembershipOut:
    """Approve or decline a request to join."""
    membership = memberships.decide_request(
        _membership(slug, membership_id), body.approve, request.user
    )
    return MembershipOut.of(membership)


@router.patch(
    "/partners/{slug}/members/{membership_id}",
    response={200: MembershipOut, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def change_member_role(
    request: SignedInRequest, slug: str, membership_id: int, body: RoleIn
) -> MembershipOut:
    """Give a current member another role; the last admin keeps theirs (409 last_admin)."""
    return MembershipOut.of(
        memberships.change_role(_membership(slug, membership_id), body.role, request.user)
    )


@router.delete(
    "/partners/{slug}/members/{membership_id}",
    response={200: MembershipOut, **errors(401, 403, 404, 409)},
    auth=api_auth,
)
def remove_member(request: SignedInRequest, slug: str, membership_id: int) -> MembershipOut:
    """End a membership: an admin removing a member, or the member leaving; never the last
    admin's (409 last_admin)."""
    return MembershipOut.of(
        memberships.end_membership(_membership(slug, membership_id), request.user)
    )


@router.post(
    "/partners/{slug}/membership-requests",
    response={201: MembershipOut, **errors(401, 403, 404, 409)},
    auth=api_auth,
)
def request_to_join(request: SignedInRequest, slug: str) -> Status[MembershipOut]:
    """Ask to join the organisation as a member; its admins decide."""
    found = get_object_or_404(Organisation, slug=slug)
    return Status(201, MembershipOut.of(memberships.request_to_join(found, request.user)))


@router.post(
    "/partners/{slug}/invitations",
    response={201: InvitationOut, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def invite(request: SignedInRequest, slug: str, body: InvitationIn) -> Status[InvitationOut]:
    """E-mail someone a link to join with a role; the link works once, for 14 days. 409
    already_member when the address is a member's who has that role already."""
    found = get_object_or_404(Organisation, slug=slug)
    invitation = memberships.invite(found, body.email, body.role, request.user)
    return Status(201, InvitationOut.of(invitation))


@router.get(
    "/partners/{slug}/invitations",
    response={200: list[InvitationWaitingOut], **errors(401, 403, 404)},
    auth=api_auth,
)
def list_invitations(request: SignedInRequest, slug: str) -> list[InvitationWaitingOut]:
    """The invitations not yet accepted, newest first, expired ones too (the organisation's
    admins and academy staff)."""
    found = get_object_or_404(Organisation, slug=slug)
    require(manage_organisation, request.user, found)
    now = timezone.now()
    return [
        InvitationWaitingOut.waiting(invitation, now)
        for invitation in queries.invitations_waiting(found)
    ]


@router.delete(
    "/partners/{slug}/invitations/{invitation_id}",
    response={204: None, **errors(401, 403, 404, 409)},
    auth=api_auth,
)
def withdraw_invitation(request: SignedInRequest, slug: str, invitation_id: int) -> Status[None]:
    """Withdraw an invitation not yet accepted: its link no longer works. 409 invitation_used
    once it has been accepted."""
    invitation = get_object_or_404(
        Invitation.objects.select_related("organisation"),
        pk=invitation_id,
        organisation__slug=slug,
    )
    memberships.withdraw_invitation(invitation, request.user)
    return Status(204, None)


@router.get(
    "/partner-invitations/{token}",
    response={200: InvitationOut, **errors(404, 409)},
    auth=None,
)
def read_invitation(request: HttpRequest, token: str) -> InvitationOut:
    """What an invitation link offers; 404 for a forged link, 409 for a used or expired one."""
    return InvitationOut.of(memberships.read_invitation(token[:500]))


@router.post(
    "/partner-invitations/{token}/acceptance",
    response={200: MembershipOut, **errors(401, 404, 409)},
    auth=api_auth,
)
def accept_invitation(request: SignedInRequest, token: str) -> MembershipOut:
    """Join the organisation the invitation names, with its role."""
    membership = memberships.accept_invitation(token[:500], request.user)
    return MembershipOut.of(membership, name=getattr(request.user, "full_name", ""))


# One's own memberships


def _mine(request: HttpRequest, membership_id: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("organisation", "user"),
        pk=membership_id,
        user=request.user,
    )


@router.get("/me/memberships", response={200: list[MembershipOut], **errors(401)}, auth=api_auth)
def my_memberships(request: SignedInRequest) -> list[MembershipOut]:
    """The caller's current memberships and pending requests."""
    name = getattr(request.user, "full_name", "")
    return [MembershipOut.of(m, name=name) for m in queries.memberships_of(request.user)]


@router.patch(
    "/me/memberships/{membership_id}",
    response={200: MembershipOut, **errors(400, 401, 404)},
    auth=api_auth,
)
def set_listed(request: SignedInRequest, membership_id: int, body: ListedIn) -> MembershipOut:
    """Show or hide oneself on the organisation's public page."""
    return MembershipOut.of(
        memberships.set_listed(_mine(request, membership_id), body.listed, request.user)
    )


@router.delete(
    "/me/memberships/{membership_id}",
    response={200: MembershipOut, **errors(401, 404, 409)},
    auth=api_auth,
)
def leave(request: SignedInRequest, membership_id: int) -> MembershipOut:
    """Leave the organisation; its last admin cannot (409 last_admin)."""
    return MembershipOut.of(memberships.end_membership(_mine(request, membership_id), request.user))


# Networks


def _network_detail(slug: str) -> NetworkDetailOut:
    network, current, former = queries.network_page(slug)
    return NetworkDetailOut(
        **NetworkOut.of(network, len(current)).dict(),
        members=[NetworkMemberOut.of(member) for member in current],
        former_members=[NetworkMemberOut.of(member) for member in former],
    )


@router.get("/networks", response={200: list[NetworkOut]}, auth=None)
def list_networks(request: HttpRequest) -> HttpResponse:
    """Every network of organisations, with its lead and how many belong to it now."""
    return kept_answer(
        request,
        NETWORKS_SCOPE,
        (),
        lambda: [
            NetworkOut.of(network, getattr(network, "current", 0)) for network in queries.networks()
        ],
        personal=False,
    )


@router.get("/networks/{slug}", response={200: NetworkDetailOut, **errors(404)}, auth=None)
def get_network(request: HttpRequest, slug: str) -> NetworkDetailOut:
    """A network, its current members and those that left it."""
    return _network_detail(slug)


@router.post(
    "/networks/{slug}/members",
    response={201: NetworkDetailOut, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def join_network(
    request: SignedInRequest, slug: str, body: NetworkJoinIn
) -> Status[NetworkDetailOut]:
    """Add an organisation to the network (academy staff)."""
    require(manage_directory, request.user)
    network = get_object_or_404(Network, slug=slug)
    organisation = _named_organisation(body.organisation, "organisation")
    services.join_network(network, organisation, request.user, on=body.joined_on)
    return Status(201, _network_detail(slug))


@router.post(
    "/networks/{slug}/members/{organisation}/departure",
    response={200: NetworkDetailOut, **errors(400, 401, 403, 404)},
    auth=api_auth,
)
def leave_network(
    request: SignedInRequest, slug: str, organisation: str, body: NetworkLeaveIn
) -> NetworkDetailOut:
    """End an organisation's membership of the network; its history stays. Its own admins
    make it leave; the admins of the network's lead organisation and academy staff remove any
    member (403 for anyone else)."""
    network = get_object_or_404(Network, slug=slug)
    found = get_object_or_404(Organisation, slug=organisation)
    services.leave_network(network, found, request.user, on=body.left_on)
    return _network_detail(slug)


# Partnerships


def _named_organisation(slug: str, field: str) -> Organisation:
    found = Organisation.objects.filter(slug=slug).first()
    if found is None:
        raise ValidationFailed(
            fields={field: [_("There is no partner organisation with this name.")]}
        )
    return found


def _partnership(uuid: UUID) -> Partnership:
    return get_object_or_404(
        Partnership.objects.select_related("organisation", "other_organisation"), uuid=uuid
    )


@router.get(
    "/partners/{slug}/partnerships",
    response={200: list[PartnershipOut], **errors(404)},
    auth=None,
)
def list_partnerships(request: HttpRequest, slug: str) -> list[PartnershipOut]:
    """The organisation's active partnerships, as its page shows them."""
    return [PartnershipOut.of(p) for p in queries.organisation_page(slug).partnerships]


@router.post(
    "/partners/{slug}/partnerships",
    response={201: PartnershipOut, **errors(400, 401, 403, 404)},
    auth=api_auth,
)
def propose_partnership(
    request: SignedInRequest, slug: str, body: PartnershipIn
) -> Status[PartnershipOut]:
    """Propose a partnership with the academy or another organisation (the organisation's
    admins and academy staff); academy staff move it along its lifecycle."""
    found = get_object_or_404(Organisation, slug=slug)
    require(manage_organisation, request.user, found)
    fields = body.model_dump()
    other_slug = fields.pop("other_organisation")
    other = _named_organisation(other_slug, "other_organisation") if other_slug else None
    partnership = services.propose_partnership(
        found, request.user, other_organisation=other, **fields
    )
    return Status(201, PartnershipOut.of(_partnership(partnership.uuid)))


@router.post(
    "/partnerships/{uuid}/status",
    response={200: PartnershipOut, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def move_partnership(
    request: SignedInRequest, uuid: UUID, body: PartnershipMoveIn
) -> PartnershipOut:
    """Move a partnership along proposed → under review → active → expired, or terminate it
    (academy staff)."""
    partnership = _partnership(uuid)
    services.move_partnership(partnership, body.status, request.user, note=body.note)
    return PartnershipOut.of(_partnership(uuid))


# The CSV import


@router.post(
    "/partner-imports",
    response={200: ImportOut, **errors(400, 401, 403, 413)},
    auth=api_auth,
)
def import_partners(request: SignedInRequest, body: ImportIn) -> ImportOut:
    """Check a CSV of organisations row by row (`confirm` false), or import it whole
    (`confirm` true; nothing is written if any row is wrong). Academy staff."""
    require(manage_directory, request.user)
    if body.confirm:
        return ImportOut.of(importing.import_organisations(body.text, request.user), True)
    return ImportOut.of(importing.preview(body.text), False)
