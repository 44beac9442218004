"""The research API: analytics figures (same scoping and suppression as the dashboard);
consent, data-access requests and their decisions, exports (same permission rules as the
pages, in praxis.research.permissions)."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from praxis.accounts.auth import api_auth
from praxis.core.errors import NotFound, ValidationFailed
from praxis.core.schemas import errors
from praxis.organisations.models import Organisation
from praxis.research import analytics, consent, permissions, services
from praxis.research.models import Export, Project
from praxis.research.schemas import (
    ConsentIn,
    ConsentOut,
    DecisionIn,
    ExportOut,
    ProjectDetailOut,
    ProjectIn,
    ProjectOut,
)

router = Router(tags=["research"])


# Analytics


class AnalyticsFilters(Schema):
    course: str = Field("", max_length=120, description="A course's slug; empty for all")


class AnalyticsRowOut(Schema):
    label: str
    values: list[float | None] = Field(description="One per column; null where suppressed")


class AnalyticsTableOut(Schema):
    key: str
    title: str
    columns: list[str]
    rows: list[AnalyticsRowOut]
    suppressed: int = Field(description="Rows hidden because they count fewer than k learners")

    @staticmethod
    def of(table: analytics.Table) -> AnalyticsTableOut:
        return AnalyticsTableOut(
            key=table.key,
            title=str(table.title),
            columns=[str(column) for column in table.columns],
            rows=[AnalyticsRowOut(label=label, values=values) for label, values in table.rows],
            suppressed=table.suppressed,
        )


class AnalyticsOut(Schema):
    course: str | None = Field(description="The course's slug; null for all the viewer's courses")
    k: int = Field(description="Groups of fewer learners than this are suppressed")
    all_courses: bool = Field(description="Whether the figures cover every course")
    tables: list[AnalyticsTableOut]


@router.get(
    "/research/analytics",
    response={200: AnalyticsOut, **errors(400, 401, 403, 404)},
    auth=api_auth,
)
def analytics_tables(request: HttpRequest, filters: Query[AnalyticsFilters]) -> AnalyticsOut:
    """The analytics tables for one course or all the courses the caller sees: staff and
    analysts every course, a partner organisation's admins and authors its own courses."""
    view = analytics.viewpoint(request.user, filters.course)
    tables = analytics.dashboard(view.course, within=view.within)
    return AnalyticsOut(
        course=view.course.slug if view.course else None,
        k=analytics.DEFAULT_K,
        all_courses=not view.is_partner,
        tables=[AnalyticsTableOut.of(table) for table in tables],
    )


# Consent


@router.get("/research/consent", response={200: ConsentOut, **errors(401)}, auth=api_auth)
def get_consent(request: HttpRequest) -> ConsentOut:
    """The caller's research consent and the current consent text (in their language)."""
    return ConsentOut.of(consent.latest_record(request.user), consent.current_text())


@router.post(
    "/research/consent", response={200: ConsentOut, **errors(400, 401, 404)}, auth=api_auth
)
def set_consent(request: HttpRequest, body: ConsentIn) -> ConsentOut:
    """Grant or withdraw research consent to the text `version` the caller read; a version that
    is no longer current is refused. Every change is kept."""
    record = consent.set_consent(request.user, granted=body.granted, version=body.version)
    return ConsentOut.of(record, consent.current_text())


# Projects and their data-access requests


def _visible_project(request: HttpRequest, uuid: UUID) -> Project:
    """The project, if the caller may see it (officers, its investigator and members); else 404."""
    project = (
        Project.objects.select_related("principal_investigator", "partner")
        .filter(uuid=uuid)
        .first()
    )
    if project is None or not permissions.view_project.allows(request.user, project):
        raise NotFound()
    return project


def _project_detail(request: HttpRequest, project: Project) -> ProjectDetailOut:
    is_member = permissions.is_project_member(request.user, project)
    exports = list(project.exports.all()[:50]) if is_member else []
    return ProjectDetailOut.of_detail(
        project,
        is_member=is_member,
        can_decide=permissions.may_decide(request.user, project),
        exports=exports,
    )


@router.get("/research/projects", response={200: list[ProjectOut], **errors(401)}, auth=api_auth)
def list_projects(request: HttpRequest) -> list[ProjectOut]:
    """Projects the caller sees: their own and those they are a member of; every project for
    research officers. Newest first, at most 200."""
    projects = (
        permissions.view_project.filter(request.user, Project.objects.all())
        .select_related("principal_investigator", "partner")
        .distinct()[:200]
    )
    return [ProjectOut.of(project) for project in projects]


@router.post(
    "/research/projects",
    response={201: ProjectDetailOut, **errors(400, 401, 404)},
    auth=api_auth,
)
def submit_project(request: HttpRequest, body: ProjectIn) -> Status:
    """Submit a data-access request: the caller becomes the principal investigator."""
    fields = body.model_dump()
    slug = fields.pop("partner")
    partner = None
    if slug:
        partner = Organisation.objects.filter(slug=slug).first()
        if partner is None:
            raise ValidationFailed(
                fields={"partner": [_("There is no partner organisation with this name.")]}
            )
    project = services.submit_project(request.user, partner=partner, **fields)
    return Status(201, _project_detail(request, project))


@router.get(
    "/research/projects/{uuid}",
    response={200: ProjectDetailOut, **errors(401, 404)},
    auth=api_auth,
)
def get_project(request: HttpRequest, uuid: UUID) -> ProjectDetailOut:
    """One project with its decisions, and its exports for its members."""
    return _project_detail(request, _visible_project(request, uuid))


@router.post(
    "/research/projects/{uuid}/decisions",
    response={200: ProjectDetailOut, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def decide(request: HttpRequest, uuid: UUID, body: DecisionIn) -> ProjectDetailOut:
    """A research officer decides the whole request (statement types, dates, data fields, k):
    under review, approved with conditions (the note), rejected (the note says why), expired."""
    project = _visible_project(request, uuid)
    project = services.decide(project, body.status, by=request.user, note=body.note)
    return _project_detail(request, _visible_project(request, project.uuid))


# Exports


@router.post(
    "/research/projects/{uuid}/exports",
    response={202: ExportOut, **errors(401, 403, 404, 409)},
    auth=api_auth,
)
def request_export(request: HttpRequest, uuid: UUID) -> Status:
    """Queue an export (members of an approved project whose ethics approval is valid); poll
    GET /research/exports/{uuid} until it is done, then follow its download links."""
    project = _visible_project(request, uuid)
    export = services.request_export(project, by=request.user)
    return Status(202, ExportOut.of(export, project))


@router.get(
    "/research/exports/{uuid}", response={200: ExportOut, **errors(401, 404)}, auth=api_auth
)
def get_export(request: HttpRequest, uuid: UUID) -> ExportOut:
    """An export's status and progress; when it is done, its report, checksums and links."""
    export = Export.objects.select_related("project").filter(uuid=uuid).first()
    if export is None or not permissions.is_project_member(request.user, export.project):
        raise NotFound()
    return ExportOut.of(export, export.project)
