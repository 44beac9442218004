"""The research API: analytics figures (same scoping and suppression as the dashboard);
consent, data-access requests and their decisions, exports, experiments (same permission rules
as the pages, in praxis.research.permissions)."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from praxis.accounts.auth import SignedInRequest, api_auth
from praxis.assessments.models import Quiz
from praxis.catalog.models import Lesson
from praxis.core.errors import NotFound, ValidationFailed
from praxis.core.permissions import require
from praxis.core.schemas import errors
from praxis.organisations.models import Organisation
from praxis.research import analytics, consent, experiments, permissions, services
from praxis.research.inputs import ProjectRequest
from praxis.research.models import Experiment, Export, Project
from praxis.research.schemas import (
    ConsentIn,
    ConsentOut,
    DecisionIn,
    ExperimentDetailOut,
    ExperimentIn,
    ExperimentOut,
    ExperimentStateIn,
    ExportOut,
    ProjectDetailOut,
    ProjectIn,
    ProjectOut,
    ResultsOut,
    VariantIn,
    VariantOut,
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
    suppressed: int = Field(
        description="Rows hidden: they count fewer than k learners, or would give such a row "
        "away (a table whose rows divide every enrolment never hides one row alone)"
    )

    # Built field by field: title and columns are translated text, the rows are pairs.
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
def analytics_tables(request: SignedInRequest, filters: Query[AnalyticsFilters]) -> AnalyticsOut:
    """The analytics tables for one course or all the courses the caller sees: staff and
    analysts every course, a partner organisation's admins and authors its own courses."""
    view = analytics.viewpoint(request.user, filters.course)
    tables = analytics.kept_dashboard(view.course, view.within).tables
    return AnalyticsOut(
        course=view.course.slug if view.course else None,
        k=analytics.DEFAULT_K,
        all_courses=not view.is_partner,
        tables=[AnalyticsTableOut.of(table) for table in tables],
    )


# Consent


@router.get("/research/consent", response={200: ConsentOut, **errors(401)}, auth=api_auth)
def get_consent(request: SignedInRequest) -> ConsentOut:
    """The caller's research consent and the current consent text (in their language)."""
    return ConsentOut.of(consent.latest_record(request.user), consent.current_text())


@router.post(
    "/research/consent", response={200: ConsentOut, **errors(400, 401, 404)}, auth=api_auth
)
def set_consent(request: SignedInRequest, body: ConsentIn) -> ConsentOut:
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
    response={201: ProjectDetailOut, 200: ProjectDetailOut, **errors(400, 401, 404)},
    auth=api_auth,
)
def submit_project(request: SignedInRequest, body: ProjectIn) -> Status[ProjectDetailOut]:
    """Submit a data-access request: the caller becomes the principal investigator. The same
    request sent again within minutes, still undecided, answers 200 with the one submitted."""
    fields = body.model_dump()
    slug = fields.pop("partner")
    partner = None
    if slug:
        partner = Organisation.objects.filter(slug=slug).first()
        if partner is None:
            raise ValidationFailed(
                fields={"partner": [_("There is no partner organisation with this name.")]}
            )
    try:
        project = services.submit_project(
            request.user, ProjectRequest.read({**fields, "partner": partner})
        )
    except services.ProjectAlreadySubmitted as repeated:
        return Status(200, _project_detail(request, repeated.project))
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
def decide(request: SignedInRequest, uuid: UUID, body: DecisionIn) -> ProjectDetailOut:
    """A research officer decides the whole request (statement types, dates, data fields, k):
    under review, approved with conditions (the note), rejected (the note says why), expired."""
    project = _visible_project(request, uuid)
    project = services.decide(project, body.status, by=request.user, note=body.note)
    return _project_detail(request, _visible_project(request, project.uuid))


# Exports


@router.post(
    "/research/projects/{uuid}/exports",
    response={202: ExportOut, 200: ExportOut, **errors(401, 403, 404, 409)},
    auth=api_auth,
)
def request_export(request: SignedInRequest, uuid: UUID) -> Status[ExportOut]:
    """Queue an export (members of an approved project whose ethics approval is valid); poll
    GET /research/exports/{uuid} until it is done, then follow its download links. Asked for
    again within minutes, it answers 200 with the export already under way or made."""
    project = _visible_project(request, uuid)
    try:
        export = services.request_export(project, by=request.user)
    except services.ExportAlreadyRequested as repeated:
        return Status(200, ExportOut.of(repeated.export, project))
    return Status(202, ExportOut.of(export, project))


@router.get(
    "/research/exports/{uuid}", response={200: ExportOut, **errors(401, 404)}, auth=api_auth
)
def get_export(request: SignedInRequest, uuid: UUID) -> ExportOut:
    """An export's status and progress; when it is done, its report, checksums and links."""
    export = Export.objects.select_related("project").filter(uuid=uuid).first()
    if export is None or not permissions.is_project_member(request.user, export.project):
        raise NotFound()
    return ExportOut.of(export, export.project)


# Experiments


def _lesson(uuid: UUID | None) -> Lesson | None:
    """The lesson named, as the experiment form offers them (not archived); 400 if unknown."""
    if uuid is None:
        return None
    found = Lesson.objects.select_related("module__course").filter(uuid=uuid, archived=False)
    lesson = found.first()
    if lesson is None:
        raise ValidationFailed(fields={"lesson": [_("There is no such lesson.")]})
    return lesson


def _quiz(uuid: UUID | None) -> Quiz | None:
    if uuid is None:
        return None
    quiz = Quiz.objects.select_related("course").filter(uuid=uuid).first()
    if quiz is None:
        raise ValidationFailed(fields={"quiz": [_("There is no such quiz.")]})
    return quiz


def _experiment(request: HttpRequest, uuid: UUID) -> Experiment:
    """The experiment, if the caller may manage it; 404 for other teams' experiments."""
    require(permissions.manage_experiments, request.user)
    experiment = (
        Experiment.objects.select_related("course", "lesson", "quiz").filter(uuid=uuid).first()
    )
    if experiment is None or not permissions.manage_experiments.allows(request.user, experiment):
        raise NotFound()
    return experiment


def _experiment_detail(experiment: Experiment) -> ExperimentDetailOut:
    variants = experiment.variants.select_related("lesson", "quiz")
    return ExperimentDetailOut(
        **ExperimentOut.of(experiment).dict(),
        variants=[VariantOut.of(variant) for variant in variants],
        results=ResultsOut.of(experiments.results(experiment)),
    )


@router.get(
    "/research/experiments",
    response={200: list[ExperimentOut], **errors(401, 403)},
    auth=api_auth,
)
def list_experiments(request: HttpRequest) -> list[ExperimentOut]:
    """The experiments the caller may manage (staff and research officers every one, a course
    team those on its courses), newest first, at most 200."""
    require(permissions.manage_experiments, request.user)
    found = permissions.manage_experiments.filter(
        request.user, Experiment.objects.select_related("course", "lesson", "quiz")
    )[:200]
    return [ExperimentOut.of(experiment) for experiment in found]


@router.post(
    "/research/experiments",
    response={201: ExperimentDetailOut, **errors(400, 401, 403)},
    auth=api_auth,
)
def create_experiment(request: SignedInRequest, body: ExperimentIn) -> Status[ExperimentDetailOut]:
    """Create a draft experiment varying one lesson or one quiz (give exactly one); add
    variants, then start it."""
    require(permissions.manage_experiments, request.user)
    experiment = services.create_experiment(
        request.user,
        title=body.title,
        hypothesis=body.hypothesis,
        lesson=_lesson(body.lesson),
        quiz=_quiz(body.quiz),
        stratify_by=body.stratify_by,
    )
    return Status(201, _experiment_detail(_experiment(request, experiment.uuid)))


@router.get(
    "/research/experiments/{uuid}",
    response={200: ExperimentDetailOut, **errors(401, 403, 404)},
    auth=api_auth,
)
def get_experiment(request: HttpRequest, uuid: UUID) -> ExperimentDetailOut:
    """An experiment, its variants and its results per variant (means hidden below k)."""
    return _experiment_detail(_experiment(request, uuid))


@router.post(
    "/research/experiments/{uuid}/variants",
    response={201: ExperimentDetailOut, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def add_variant(
    request: SignedInRequest, uuid: UUID, body: VariantIn
) -> Status[ExperimentDetailOut]:
    """Add a variant to a draft experiment: a lesson of its course in an experiment on a
    lesson, a published quiz of its course in one on a quiz."""
    experiment = _experiment(request, uuid)
    services.add_variant(
        experiment,
        by=request.user,
        name=body.name,
        lesson=_lesson(body.lesson),
        quiz=_quiz(body.quiz),
    )
    return Status(201, _experiment_detail(_experiment(request, uuid)))


@router.post(
    "/research/experiments/{uuid}/state",
    response={200: ExperimentDetailOut, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def change_experiment_state(
    request: SignedInRequest, uuid: UUID, body: ExperimentStateIn
) -> ExperimentDetailOut:
    """Start a draft experiment (two variants or more) or stop a running one."""
    experiment = _experiment(request, uuid)
    if body.action == "start":
        services.start_experiment(experiment, by=request.user)
    else:
        services.stop_experiment(experiment, by=request.user)
    return _experiment_detail(_experiment(request, uuid))
