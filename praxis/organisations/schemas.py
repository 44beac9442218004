"""Shapes of the partner API beyond the directory: networks, partnerships, memberships,
invitations and the CSV import."""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from ninja import Field, Schema

from praxis.organisations.importing import Preview
from praxis.organisations.models import (
    Invitation,
    Membership,
    Network,
    NetworkMember,
    Partnership,
)

RoleName = Literal["member", "author", "reviewer", "admin"]
PartnershipType = Literal["mou", "co_creation", "event", "research", "funding", "other"]
PartnershipStatus = Literal["proposed", "under_review", "active", "expired", "terminated"]


# Networks


class NetworkOut(Schema):
    slug: str
    name: str
    description: str
    lead: str | None = Field(description="The lead organisation's slug")
    current_members: int

    # Built field by field: the member count comes from the caller and the lead is a slug.
    @staticmethod
    def of(network: Network, current_members: int) -> NetworkOut:
        return NetworkOut(
            slug=network.slug,
            name=network.name,
            description=network.description,
            lead=network.lead.slug if network.lead else None,
            current_members=current_members,
        )


class NetworkMemberOut(Schema):
    organisation: str = Field(description="The organisation's slug")
    name: str
    joined_on: datetime.date
    left_on: datetime.date | None

    # Built field by field: the organisation's slug and name are read through the relation.
    @staticmethod
    def of(member: NetworkMember) -> NetworkMemberOut:
        return NetworkMemberOut(
            organisation=member.organisation.slug,
            name=member.organisation.display_name,
            joined_on=member.joined_on,
            left_on=member.left_on,
        )


class NetworkDetailOut(NetworkOut):
    members: list[NetworkMemberOut]
    former_members: list[NetworkMemberOut]


class NetworkJoinIn(Schema):
    organisation: str = Field(..., max_length=80, description="The organisation's slug")
    joined_on: datetime.date | None = None


class NetworkLeaveIn(Schema):
    left_on: datetime.date | None = None


# Partnerships


class PartnershipOut(Schema):
    uuid: str
    title: str
    type: PartnershipType
    status: PartnershipStatus
    organisation: str = Field(description="The proposing organisation's slug")
    other_organisation: str | None = Field(description="Null: a partnership with the academy")
    scope: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None

    # Built field by field: the UUID is text and the organisations are slugs.
    @staticmethod
    def of(partnership: Partnership) -> PartnershipOut:
        other = partnership.other_organisation
        return PartnershipOut(
            uuid=str(partnership.uuid),
            title=partnership.title,
            type=partnership.type,  # type: ignore[arg-type]  # one of Partnership.Type
            status=partnership.status,  # type: ignore[arg-type]  # one of Partnership.Status
            organisation=partnership.organisation.slug,
            other_organisation=other.slug if other else None,
            scope=partnership.scope,
            starts_on=partnership.starts_on,
            ends_on=partnership.ends_on,
        )


class PartnershipIn(Schema):
    type: PartnershipType
    title: str = Field(..., max_length=250)
    scope: str = Field("", max_length=5000)
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    other_organisation: str = Field(
        "", max_length=80, description="Another organisation's slug; empty for the academy"
    )


class PartnershipMoveIn(Schema):
    status: PartnershipStatus
    note: str = Field("", max_length=2000)


# Organisations and their people


class OrganisationUpdateIn(Schema):
    """Only the fields given change."""

    name: str | None = Field(None, max_length=250)
    short_name: str | None = Field(None, max_length=50)
    website: str | None = Field(None, max_length=200, description="An http(s) address")
    description: str | None = Field(None, max_length=10000)
    topics: list[Annotated[str, Field(max_length=100)]] | None = Field(None, max_length=30)


class MembershipOut(Schema):
    id: int
    organisation: str = Field(description="The organisation's slug")
    organisation_name: str
    name: str = Field(description="The member's name")
    role: RoleName
    status: Literal["requested", "active", "declined", "ended"]
    listed: bool

    # Built field by field: names are read through relations, or the member's given by the caller.
    @staticmethod
    def of(membership: Membership, name: str | None = None) -> MembershipOut:
        """`name`: the member's, when the caller already knows it (their own memberships)."""
        return MembershipOut(
            id=membership.pk,
            organisation=membership.organisation.slug,
            organisation_name=membership.organisation.display_name,
            name=membership.user.full_name if name is None else name,
            role=membership.role,  # type: ignore[arg-type]  # one of Role
            status=membership.status,  # type: ignore[arg-type]  # one of Membership.Status
            listed=membership.listed,
        )


class MembershipDecisionIn(Schema):
    approve: bool


class RoleIn(Schema):
    role: RoleName


class ListedIn(Schema):
    listed: bool


class InvitationIn(Schema):
    email: str = Field(..., max_length=254)
    role: RoleName = "member"


class InvitationOut(Schema):
    organisation: str
    organisation_name: str
    email: str
    role: RoleName
    expires_at: datetime.datetime

    # Built field by field: the organisation's slug and name are read through the relation.
    @staticmethod
    def of(invitation: Invitation) -> InvitationOut:
        return InvitationOut(
            organisation=invitation.organisation.slug,
            organisation_name=invitation.organisation.display_name,
            email=invitation.email,
            role=invitation.role,  # type: ignore[arg-type]  # one of Role
            expires_at=invitation.expires_at,
        )


class InvitationWaitingOut(InvitationOut):
    """An invitation not yet accepted, as its organisation's admins see it."""

    id: int
    invited_by: str = Field(description="the name of who sent it; empty once erased")
    sent_at: datetime.datetime
    expired: bool

    @staticmethod
    def waiting(invitation: Invitation, now: datetime.datetime) -> InvitationWaitingOut:
        sender = invitation.invited_by
        return InvitationWaitingOut(
            **InvitationOut.of(invitation).model_dump(),
            id=invitation.pk,
            invited_by=sender.full_name if sender else "",
            sent_at=invitation.created_at,
            expired=invitation.expires_at <= now,
        )


# The CSV import


class ImportIn(Schema):
    text: str = Field(..., max_length=1_048_576, description="CSV text, UTF-8")
    confirm: bool = Field(False, description="False: check only; true: import every row")


class ImportRowOut(Schema):
    line: int
    slug: str
    exists: bool = Field(description="True: the row updates an organisation already listed")
    errors: list[str]


class ImportOut(Schema):
    imported: bool
    valid: bool
    rows: list[ImportRowOut]

    # Built field by field: whether it was imported comes from the caller; errors become text.
    @staticmethod
    def of(preview: Preview, imported: bool) -> ImportOut:
        return ImportOut(
            imported=imported,
            valid=preview.valid,
            rows=[
                ImportRowOut(
                    line=row.line,
                    slug=row.slug,
                    exists=row.exists,
                    errors=[str(error) for error in row.errors],
                )
                for row in preview.rows
            ],
        )
