"""Applications to join the partner network through the API, under the rules of
praxis.organisations.onboarding (the same as the pages)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from django_countries import countries
from ninja import Field, Router, Schema, Status

from praxis.accounts.auth import SignedInRequest, api_auth
from praxis.core.errors import NotFound
from praxis.core.permissions import require
from praxis.core.schemas import choices_of, errors
from praxis.organisations import onboarding
from praxis.organisations.models import PartnerApplication
from praxis.organisations.permissions import manage_directory

router = Router(tags=["partners"])

COUNTRY_CODES = [code for code, _name in countries]

OrganisationKind = Literal[
    "member_state_body",
    "university",
    "collaborating_centre",
    "international",
    "un_agency",
    "ngo",
    "professional_association",
    "private",
]


class PartnerApplicationIn(Schema):
    name: str = Field(..., min_length=2, max_length=250, pattern=r"\S[\s\S]*\S")
    type: OrganisationKind
    country: str = Field(
        ...,
        description="ISO 3166-1 alpha-2",
        json_schema_extra={"enum": COUNTRY_CODES},
    )
    website: str = Field("", max_length=200, pattern=r"^(https?://\S+)?$")
    description: str = Field(..., min_length=20, max_length=4000, pattern=r"(\S[^\S]*){20}")
    motivation: str = Field(..., min_length=20, max_length=4000, pattern=r"(\S[^\S]*){20}")


class PartnerApplicationOut(Schema):
    id: int
    name: str
    type: str
    country: str
    status: Annotated[PartnerApplication.Status, choices_of(PartnerApplication.Status)]
    created_at: datetime
    decided_at: datetime | None
    decision_note: str
    organisation: str | None = Field(description="The new organisation's slug, once approved")

    # Built field by field: country is its code as text and the organisation a slug.
    @staticmethod
    def of(application: PartnerApplication) -> PartnerApplicationOut:
        return PartnerApplicationOut(
            id=application.pk,
            name=application.name,
            type=application.type,
            country=str(application.country),
            status=PartnerApplication.Status(application.status),
            created_at=application.created_at,
            decided_at=application.decided_at,
            decision_note=application.decision_note,
            organisation=application.organisation.slug if application.organisation else None,
        )


class ApplicationDecisionIn(Schema):
    approve: bool
    note: str = Field("", max_length=2000)


@router.post(
    "/partner-applications",
    response={201: PartnerApplicationOut, **errors(400, 401, 409)},
    auth=api_auth,
)
def apply(request: SignedInRequest, body: PartnerApplicationIn) -> Status[PartnerApplicationOut]:
    """Apply for an organisation to join the partner network; the staff review it."""
    application = onboarding.apply(request.user, **body.model_dump())
    return Status(201, PartnerApplicationOut.of(application))


@router.get(
    "/me/partner-applications",
    response={200: list[PartnerApplicationOut], **errors(401)},
    auth=api_auth,
)
def my_applications(request: SignedInRequest) -> list[PartnerApplicationOut]:
    """The caller's applications, newest first, with their decisions."""
    mine = PartnerApplication.objects.filter(applicant=request.user).select_related("organisation")
    return [PartnerApplicationOut.of(a) for a in mine.order_by("-created_at")]


@router.get(
    "/partner-applications",
    response={200: list[PartnerApplicationOut], **errors(401, 403)},
    auth=api_auth,
)
def waiting_applications(request: SignedInRequest) -> list[PartnerApplicationOut]:
    """The applications waiting for review, oldest first (staff)."""
    require(manage_directory, request.user)
    waiting = PartnerApplication.objects.filter(
        status=PartnerApplication.Status.SUBMITTED
    ).select_related("organisation")
    return [PartnerApplicationOut.of(a) for a in waiting]


@router.post(
    "/partner-applications/{application_id}/decision",
    response={200: PartnerApplicationOut, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def decide(
    request: SignedInRequest, application_id: int, body: ApplicationDecisionIn
) -> PartnerApplicationOut:
    """Approve (the organisation is created, the applicant its first admin) or decline with a
    note (staff)."""
    require(manage_directory, request.user)
    application = PartnerApplication.objects.filter(pk=application_id).first()
    if application is None:
        raise NotFound()
    decided = onboarding.decide(application, request.user, approve=body.approve, note=body.note)
    return PartnerApplicationOut.of(decided)
