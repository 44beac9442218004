"""Frameworks and target profiles API; CASE 1.1 packages in and out."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema, Status

from praxis.accounts.auth import SignedInRequest, api_auth
from praxis.competencies import queries, services
from praxis.competencies.case import export_package
from praxis.competencies.models import CompetencyItem, Framework, TargetProfile
from praxis.core.api import kept_answer
from praxis.core.schemas import errors

router = Router(tags=["competencies"])


class FrameworkOut(Schema):
    slug: str
    identifier: UUID
    title: str
    version: str
    source: str
    licence: str
    items: int

    # Built field by field: the item count comes from the caller and source is the creator.
    @staticmethod
    def of(framework: Framework, items: int) -> FrameworkOut:
        return FrameworkOut(
            slug=framework.slug,
            identifier=framework.identifier,
            title=framework.title,
            version=framework.version,
            source=framework.creator,
            licence=framework.licence,
            items=items,
        )


class CompetencyItemOut(Schema):
    identifier: UUID
    code: str
    kind: str
    name: str
    statement: str
    depth: int
    parent: UUID | None

    # Built field by field: depth and parent come from the walk over the tree, not the item.
    @staticmethod
    def of(item: CompetencyItem, depth: int, parents: dict[int, UUID]) -> CompetencyItemOut:
        return CompetencyItemOut(
            identifier=item.identifier,
            code=item.code,
            kind=item.kind,
            name=item.name,
            statement=item.statement,
            depth=depth,
            parent=parents.get(item.parent_id) if item.parent_id else None,
        )


class ScaleLevelOut(Schema):
    score: int
    label: str


class FrameworkDetailOut(Schema):
    framework: FrameworkOut
    scale: list[ScaleLevelOut]
    items: list[CompetencyItemOut]


class TargetRequirementOut(Schema):
    item: UUID
    code: str
    name: str
    level: int


class TargetProfileOut(Schema):
    slug: str
    name: str
    framework: str
    occupation: str | None
    requirements: list[TargetRequirementOut]

    # Built field by field: framework and occupation are read through relations, as codes.
    @staticmethod
    def of(target: TargetProfile) -> TargetProfileOut:
        return TargetProfileOut(
            slug=target.slug,
            name=target.name,
            framework=target.framework.slug,
            occupation=target.occupation.isco08 if target.occupation else None,
            requirements=[
                TargetRequirementOut(
                    item=r.item.identifier, code=r.item.code, name=r.item.name, level=r.level
                )
                for r in target.requirements.all()
            ],
        )


# The lists every caller reads alike, each kept until one of the rows it reads changes.
FRAMEWORKS_SCOPE = "api:frameworks"
TARGETS_SCOPE = "api:competency-targets"


@router.get("/frameworks", response={200: list[FrameworkOut]}, auth=None)
def list_frameworks(request: HttpRequest) -> HttpResponse:
    """Competency frameworks with their version, source and licence."""

    def build() -> list[FrameworkOut]:
        rows = queries.frameworks().annotate(item_count=Count("items"))
        return [FrameworkOut.of(row, row.item_count) for row in rows]

    return kept_answer(request, FRAMEWORKS_SCOPE, (), build, personal=False)


@router.get("/frameworks/{slug}", response={200: FrameworkDetailOut, **errors(404)}, auth=None)
def get_framework(request: HttpRequest, slug: str) -> FrameworkDetailOut:
    """One framework: its scale and its items depth-first."""
    framework, tree = queries.framework_tree(slug)
    parents = {item.id: item.identifier for item, _depth in tree}
    scale = framework.scales.first()
    return FrameworkDetailOut(
        framework=FrameworkOut.of(framework, len(tree)),
        scale=[ScaleLevelOut(score=s, label=label) for s, label in (scale.levels if scale else [])],
        items=[CompetencyItemOut.of(item, depth, parents) for item, depth in tree],
    )


@router.get("/frameworks/{slug}/case", response={200: dict[str, Any], **errors(404)}, auth=None)
def export_case(request: HttpRequest, slug: str) -> dict[str, Any]:
    """The framework as a 1EdTech CASE 1.1 CFPackage."""
    framework, _tree = queries.framework_tree(slug)
    return export_package(framework)


@router.post(
    "/frameworks",
    response={201: FrameworkOut, **errors(400, 401, 403, 409, 413)},
    auth=api_auth,
)
def import_case(request: SignedInRequest) -> Status[FrameworkOut]:
    """Import a CASE 1.1 CFPackage (staff); the body is the package itself."""
    framework = services.import_framework(request.body, by=request.user)
    return Status(201, FrameworkOut.of(framework, framework.items.count()))


@router.get("/competency-targets", response={200: list[TargetProfileOut]}, auth=None)
def list_targets(request: HttpRequest) -> HttpResponse:
    """Target profiles per occupation or role, with the level each competency needs."""
    return kept_answer(
        request,
        TARGETS_SCOPE,
        (),
        lambda: [TargetProfileOut.of(target) for target in queries.target_profiles()],
        personal=False,
    )
