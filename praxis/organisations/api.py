"""The partner directory API: search and filter organisations, read one organisation."""

from __future__ import annotations

import datetime
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from praxis.core.pagination import MAX_PAGE_SIZE
from praxis.core.schemas import errors
from praxis.organisations import queries
from praxis.organisations.models import CollaboratingCentre, Organisation

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


@router.get("/partners", response={200: PartnerPageOut, **errors(400)}, auth=None)
def list_partners(request: HttpRequest, filters: Query[DirectoryFilters]) -> PartnerPageOut:
    """Partner organisations: search and filter by type, WHO region, country, topic, status."""
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
