"""Pydantic shapes of the research API: consent, projects and their decisions, exports.

Inputs refuse unknown fields and cap sizes well above what the services accept, so the services
give the translated message for an ordinary mistake and a huge body stops here.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from django.urls import reverse
from ninja import Field, Schema
from pydantic import ConfigDict

from praxis.assessments.models import Quiz
from praxis.catalog.models import Lesson
from praxis.core.schemas import IsoDate, choices_of
from praxis.research.access import download_refusal
from praxis.research.experiments import Results
from praxis.research.models import (
    ConsentRecord,
    ConsentText,
    Decision,
    Experiment,
    Export,
    ExportColumn,
    Project,
    TimePrecision,
    Variant,
)
from praxis.research.statistics import Estimate

ProjectStatus = Annotated[Project.Status, choices_of(Project.Status)]
DecisionStatus = Literal["under_review", "approved", "rejected", "expired"]
ExportStatus = Annotated[Export.Status, choices_of(Export.Status)]
Precision = Annotated[TimePrecision, choices_of(TimePrecision)]
COLUMNS_HELP = "Data fields requested, each one of: " + ", ".join(ExportColumn.values)


class StrictIn(Schema):
    model_config = ConfigDict(extra="forbid")


# Consent


class ConsentTextOut(Schema):
    version: int
    language: str
    title: str
    body: str


class ConsentOut(Schema):
    granted: bool = Field(description="Whether the caller's latest record is a grant")
    version: int | None = Field(description="The text version of the latest record")
    recorded_at: datetime | None
    current_text: ConsentTextOut | None = Field(
        description="The newest consent text, in the caller's language where it exists"
    )

    # Built from two objects, either missing: the latest record and the current text.
    @staticmethod
    def of(record: ConsentRecord | None, text: ConsentText | None) -> ConsentOut:
        return ConsentOut(
            granted=bool(record and record.granted),
            version=record.version if record else None,
            recorded_at=record.recorded_at if record else None,
            current_text=ConsentTextOut.from_orm(text) if text else None,
        )


class ConsentIn(StrictIn):
    # Strict: consent is given by `true` itself, never read into "yes", 1 or "1".
    granted: bool = Field(
        strict=True, description="true to take part in research, false to withdraw"
    )
    version: int = Field(strict=True, description="The version of the consent text the caller read")


# Projects


class DecisionOut(Schema):
    status: ProjectStatus
    by: str | None = Field(description="The officer's name; null when the system decided")
    note: str
    decided_at: datetime

    # Built field by field: the officer becomes a name, or null when the system decided.
    @staticmethod
    def of(decision: Decision) -> DecisionOut:
        return DecisionOut(
            status=Project.Status(decision.status),
            by=str(decision.by) if decision.by else None,
            note=decision.note,
            decided_at=decision.decided_at,
        )


class ProjectOut(Schema):
    uuid: UUID
    title: str
    status: ProjectStatus
    principal_investigator: str
    partner: str | None = Field(description="The partner organisation's slug")
    ethics_reference: str
    ethics_expires_on: IsoDate
    verbs: list[str] = Field(description="Verb IRIs requested; empty for every statement type")
    columns: list[str] = Field(description=COLUMNS_HELP + "; the pseudonym always comes first")
    date_from: date | None
    date_to: date | None
    k: int
    time_precision: Precision = Field(
        description="Times are exported as the first day of their day, week or month"
    )
    conditions: str
    created_at: datetime

    @staticmethod
    def fields_of(project: Project) -> dict[str, Any]:
        return {
            "uuid": project.uuid,
            "title": project.title,
            "status": project.status,
            "principal_investigator": str(project.principal_investigator),
            "partner": project.partner.slug if project.partner else None,
            "ethics_reference": project.ethics_reference,
            "ethics_expires_on": project.ethics_expires_on,
            "verbs": list(project.verbs),
            "columns": list(project.columns),
            "date_from": project.date_from,
            "date_to": project.date_to,
            "k": project.k,
            "time_precision": TimePrecision(project.time_precision),
            "conditions": project.conditions,
            "created_at": project.created_at,
        }

    # Built from fields_of, shared with the detail: investigator and partner become text.
    @staticmethod
    def of(project: Project) -> ProjectOut:
        return ProjectOut(**ProjectOut.fields_of(project))


class ProjectIn(StrictIn):
    # The wire shape (the partner by its slug), read into `inputs.ProjectRequest` by the API;
    # not that model itself, whose refusals would then leave as Ninja's, worded otherwise.
    title: str = Field(max_length=2000)
    aims: str = Field(max_length=50_000)
    partner: str | None = Field(None, max_length=80, description="A partner organisation's slug")
    ethics_reference: str = Field(max_length=1000)
    ethics_expires_on: IsoDate
    verbs: list[str] = Field(
        default_factory=list, max_length=100, description="Verb IRIs; empty for all"
    )
    columns: list[str] = Field(max_length=50, description=COLUMNS_HELP)
    date_from: IsoDate | None = None
    date_to: IsoDate | None = None
    k: int = Field(
        5, strict=True, description="The smallest group of learners that may be told apart"
    )
    time_precision: Precision = Field(
        TimePrecision.WEEK,
        description="Export times as the first day of their day, week or month (coarser, or "
        "not at all, where k requires)",
    )


class DecisionIn(StrictIn):
    status: DecisionStatus
    note: str = Field("", max_length=50_000, description="Conditions of approval, or reasons")


# Exports


class DownloadsOut(Schema):
    csv: str
    parquet: str
    expires_at: datetime | None


class ExportOut(Schema):
    uuid: UUID
    project: UUID
    status: ExportStatus
    progress: int = Field(description="Percent done")
    k: int
    rows: int
    learners: int
    csv_sha256: str
    parquet_sha256: str
    report: dict[str, Any] = Field(
        description="What was generalised and suppressed, and the columns written"
    )
    error: str
    created_at: datetime
    finished_at: datetime | None
    downloads: DownloadsOut | None = Field(
        description="Links to the files (the caller's session or token), while they may be "
        "downloaded: the link has not expired, the files are kept, and the project is still "
        "approved within its ethics approval"
    )
    files_deleted_at: datetime | None = Field(description="When the files were deleted")
    files_deleted_reason: Literal["", "link_expired", "project_ended", "participant_erased"] = (
        Field(description="Why the files were deleted; empty while they are kept")
    )

    # Built field by field: download links are reversed, and given only while downloads are allowed.
    @staticmethod
    def of(export: Export, project: Project) -> ExportOut:
        ready = download_refusal(export, project) is None
        return ExportOut(
            uuid=export.uuid,
            project=project.uuid,
            status=Export.Status(export.status),
            progress=export.progress,
            k=export.k,
            rows=export.rows,
            learners=export.learners,
            csv_sha256=export.csv_sha256,
            parquet_sha256=export.parquet_sha256,
            report=export.report,
            error=export.error,
            created_at=export.created_at,
            finished_at=export.finished_at,
            files_deleted_at=export.files_deleted_at,
            # The field stores one of these values or "", as the Literal lists; the stubs see str.
            files_deleted_reason=export.files_deleted_reason,  # type: ignore[arg-type]  # see the line above
            downloads=DownloadsOut(
                csv=reverse("research:export_download", args=[export.uuid, "csv"]),
                parquet=reverse("research:export_download", args=[export.uuid, "parquet"]),
                expires_at=export.expires_at,
            )
            if ready
            else None,
        )


class ProjectDetailOut(ProjectOut):
    aims: str
    decisions: list[DecisionOut]
    exports: list[ExportOut] = Field(description="The project's exports (members only)")
    is_member: bool
    can_decide: bool = Field(
        description="Whether the caller may decide the request: a research officer who "
        "neither leads nor belongs to the project"
    )

    # Built field by field: the project plus the caller's rights and the exports they may see.
    @staticmethod
    def of_detail(
        project: Project, *, is_member: bool, can_decide: bool, exports: list[Export]
    ) -> ProjectDetailOut:
        return ProjectDetailOut(
            **ProjectOut.fields_of(project),
            aims=project.aims,
            decisions=[DecisionOut.of(d) for d in project.decisions.select_related("by")],
            exports=[ExportOut.of(e, project) for e in exports],
            is_member=is_member,
            can_decide=can_decide,
        )


# Experiments

ExperimentStatus = Annotated[Experiment.Status, choices_of(Experiment.Status)]
Stratum = Annotated[Experiment.Stratum, choices_of(Experiment.Stratum)]


class SubjectOut(Schema):
    """A lesson or a quiz an experiment varies or a variant serves."""

    kind: Literal["lesson", "quiz"]
    uuid: UUID
    title: str

    # Built from a lesson or a quiz, whichever is set; kind says which.
    @staticmethod
    def of(lesson: Lesson | None, quiz: Quiz | None) -> SubjectOut | None:
        if quiz is not None:
            return SubjectOut(kind="quiz", uuid=quiz.uuid, title=quiz.title)
        if lesson is not None:
            return SubjectOut(kind="lesson", uuid=lesson.uuid, title=lesson.title)
        return None


class VariantOut(Schema):
    name: str
    position: int
    subject: SubjectOut | None

    # Built field by field: the subject is whichever of lesson or quiz the variant serves.
    @staticmethod
    def of(variant: Variant) -> VariantOut:
        return VariantOut(
            name=variant.name,
            position=variant.position,
            subject=SubjectOut.of(variant.lesson, variant.quiz),
        )


class ExperimentOut(Schema):
    uuid: UUID
    title: str
    hypothesis: str
    course: str = Field(description="The course's slug")
    varies: SubjectOut | None
    stratify_by: Stratum
    status: ExperimentStatus
    started_at: datetime | None
    stopped_at: datetime | None

    # Built field by field: course is its slug and varies whichever of lesson or quiz is set.
    @staticmethod
    def of(experiment: Experiment) -> ExperimentOut:
        return ExperimentOut(
            uuid=experiment.uuid,
            title=experiment.title,
            hypothesis=experiment.hypothesis,
            course=experiment.course.slug,
            varies=SubjectOut.of(experiment.lesson, experiment.quiz),
            stratify_by=Experiment.Stratum(experiment.stratify_by),
            status=experiment.status,  # type: ignore[arg-type]  # one of Status
            started_at=experiment.started_at,
            stopped_at=experiment.stopped_at,
        )


class EstimateOut(Schema):
    value: float
    low: float = Field(description="Lower bound of the 95% confidence interval")
    high: float

    # Kept as a builder: an absent estimate is null, which from_orm alone does not give.
    @staticmethod
    def of(estimate: Estimate | None) -> EstimateOut | None:
        if estimate is None:
            return None
        return EstimateOut.from_orm(estimate)


class ArmOut(Schema):
    variant: str
    learners: int
    completed: int
    completion_rate: float | None
    mean_score: float | None
    mean_gain: float | None = Field(description="Post-test minus pre-test, scaled 0–1")


class ComparisonOut(Schema):
    """A variant against the first (the control)."""

    variant: str
    risk_difference: EstimateOut | None
    hours_difference: EstimateOut | None
    hours_d: EstimateOut | None
    score_difference: EstimateOut | None
    score_d: EstimateOut | None
    gain_difference: EstimateOut | None
    gain_d: EstimateOut | None


class ResultsOut(Schema):
    suppressed: bool = Field(
        description="True when a variant has fewer than k learners: means and comparisons hidden"
    )
    arms: list[ArmOut]
    comparisons: list[ComparisonOut]

    # Built field by field: means and comparisons are withheld while results are suppressed.
    @staticmethod
    def of(results: Results) -> ResultsOut:
        shown = not results.suppressed
        return ResultsOut(
            suppressed=results.suppressed,
            arms=[
                ArmOut(
                    variant=arm.variant.name,
                    learners=arm.learners,
                    completed=arm.completed,
                    completion_rate=arm.completion_rate,
                    mean_score=arm.mean_score if shown else None,
                    mean_gain=arm.mean_gain if shown else None,
                )
                for arm in results.arms
            ],
            comparisons=[
                ComparisonOut(
                    variant=c.arm.variant.name,
                    risk_difference=EstimateOut.of(c.risk_difference),
                    hours_difference=EstimateOut.of(c.hours_difference),
                    hours_d=EstimateOut.of(c.hours_d),
                    score_difference=EstimateOut.of(c.score_difference),
                    score_d=EstimateOut.of(c.score_d),
                    gain_difference=EstimateOut.of(c.gain_difference),
                    gain_d=EstimateOut.of(c.gain_d),
                )
                for c in results.comparisons
            ],
        )


class ExperimentDetailOut(ExperimentOut):
    variants: list[VariantOut]
    results: ResultsOut


class ExperimentIn(StrictIn):
    title: str = Field(..., max_length=1000)
    hypothesis: str = Field("", max_length=20000)
    lesson: UUID | None = Field(None, description="The lesson to vary; or give `quiz`")
    quiz: UUID | None = Field(None, description="The quiz to vary; or give `lesson`")
    stratify_by: Stratum = Experiment.Stratum.NONE


class VariantIn(StrictIn):
    name: str = Field(..., max_length=1000)
    lesson: UUID | None = Field(None, description="In an experiment on a lesson")
    quiz: UUID | None = Field(None, description="In an experiment on a quiz")


class ExperimentStateIn(StrictIn):
    action: Literal["start", "stop"]
