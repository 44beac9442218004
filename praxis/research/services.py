"""Every change in research: projects and their decisions, export requests, experiments.

Each service runs in one transaction and checks its permission; export files are written by a
Celery task scheduled on commit.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praxis.accounts.models import User
from praxis.assessments.models import Quiz
from praxis.catalog.models import Lesson
from praxis.core.errors import Conflict, ErrorCode, PermissionDenied, ValidationFailed
from praxis.core.people import Person
from praxis.core.permissions import require
from praxis.research import handoffs, permissions
from praxis.research.access import check_can_export
from praxis.research.ethics import expire_projects as expire_projects
from praxis.research.inputs import ProjectRequest
from praxis.research.models import (
    Decision,
    Experiment,
    Export,
    Project,
    Variant,
)
from praxis.research.retention import delete_project_files
from praxis.research.retention import erase_participant as erase_participant
from praxis.research.tasks import produce_export

DECIDER_IN_PROJECT = _(
    "You lead or belong to this project: another research officer must decide its request."
)

# Which statuses an officer may move a project to, from each status.
TRANSITIONS: dict[str, set[str]] = {
    Project.Status.SUBMITTED: {
        Project.Status.UNDER_REVIEW,
        Project.Status.APPROVED,
        Project.Status.REJECTED,
    },
    Project.Status.UNDER_REVIEW: {Project.Status.APPROVED, Project.Status.REJECTED},
    Project.Status.APPROVED: {Project.Status.UNDER_REVIEW, Project.Status.EXPIRED},
    Project.Status.REJECTED: set(),
    Project.Status.EXPIRED: {Project.Status.UNDER_REVIEW},
}


def next_statuses(project: Project) -> list[str]:
    """The statuses a research officer may move the project's request to from where it is, in
    the order of Project.Status; none once it is rejected."""
    allowed = TRANSITIONS.get(project.status, set())
    return [status for status in Project.Status.values if status in allowed]


# A request or an export asked for again within this time, nothing having changed since, is
# the same one sent twice (a double click, a form sent again after going back), not a new one.
REPEAT_WINDOW = timedelta(minutes=10)


class ProjectAlreadySubmitted(Conflict):
    """The person submitted this very request moments ago: `project` is that request."""

    def __init__(self, project: Project) -> None:
        super().__init__(
            message=_(
                "You submitted this request a moment ago: here it is, waiting for a decision."
            )
        )
        self.project = project


class ExportAlreadyRequested(Conflict):
    """An export of the project was asked for moments ago: `export` is that export."""

    def __init__(self, export: Export) -> None:
        super().__init__(
            message=_("An export of this project was asked for a moment ago: here it is.")
        )
        self.export = export


def _same_request(project: Project, request: ProjectRequest) -> bool:
    fields = dict(request)
    partner = fields.pop("partner")
    return project.partner_id == (partner.pk if partner is not None else None) and all(
        getattr(project, name) == value for name, value in fields.items()
    )


@transaction.atomic
def submit_project(by: Person, request: ProjectRequest) -> Project:
    """Submit a research project and its data-access request (statement types, date range,
    data fields, k, time precision); `by` becomes its principal investigator. The request starts as
    submitted and waits for a research officer, who decides it as a whole. The same request
    submitted again by the same person within REPEAT_WINDOW, still undecided, is
    ProjectAlreadySubmitted and creates nothing."""
    require(permissions.submit_project, by)
    # One submission at a time per person (SQLite's IMMEDIATE transaction does the same), so that
    # two posts of one form cannot both find no earlier request.
    User.objects.select_for_update().filter(pk=by.pk).first()
    recent = Project.objects.filter(
        principal_investigator=by,
        status=Project.Status.SUBMITTED,
        created_at__gte=timezone.now() - REPEAT_WINDOW,
    ).order_by("-created_at", "-pk")
    repeated = next((p for p in recent[:20] if _same_request(p, request)), None)
    if repeated is not None:
        raise ProjectAlreadySubmitted(repeated)
    project = Project.objects.create(principal_investigator=by, **dict(request))
    Decision.objects.create(project=project, status=Project.Status.SUBMITTED, by=by)
    handoffs.submitted(project, by)
    return project


@transaction.atomic
def decide(project: Project, status: str, *, by: Person, note: str = "") -> Project:
    """A research officer moves the request to `status` (under review, approved with
    conditions, rejected, expired), with a note; every decision is kept. An officer who leads
    or belongs to the project may not decide it. A project leaving its approval loses its
    export files."""
    require(permissions.decide_access, by, project)
    project = Project.objects.select_for_update().get(pk=project.pk)
    if not permissions.may_decide(by, project):
        raise PermissionDenied(ErrorCode.DECIDER_IN_PROJECT, DECIDER_IN_PROJECT)
    note = (note or "").strip()
    if status not in TRANSITIONS.get(project.status, set()):
        raise Conflict(
            ErrorCode.DECISION_NOT_ALLOWED,
            _("This request's status is now “%(current)s”: it cannot be moved to the one chosen.")
            % {"current": project.get_status_display()},
        )
    if len(note) > 5000:
        raise ValidationFailed(fields={"note": [_("Keep the note under 5,000 characters.")]})
    if status == Project.Status.REJECTED and not note:
        raise ValidationFailed(fields={"note": [_("Say why the request is rejected.")]})
    if status == Project.Status.APPROVED:
        if project.ethics_expires_on <= timezone.now().date():
            raise Conflict(ErrorCode.ETHICS_EXPIRED, _("The ethics approval has expired."))
        project.conditions = note
    if project.status == Project.Status.APPROVED:
        delete_project_files(project)
    project.status = status
    project.save(update_fields=["status", "conditions", "updated_at"])
    Decision.objects.create(project=project, status=status, by=by, note=note)
    handoffs.decided(project)
    return project


@transaction.atomic
def request_export(project: Project, *, by: Person) -> Export:
    """Queue an export of the project's data (consenting learners, pseudonymised and
    k-anonymous); the files are written by a background task started on commit. An export
    asked for within REPEAT_WINDOW, since the project's last decision, that has not failed and
    whose files are kept, is ExportAlreadyRequested and nothing new is queued."""
    check_can_export(project, by)
    # Two presses of the button wait for each other here, so the second finds the first.
    project = Project.objects.select_for_update().get(pk=project.pk)
    since = max(
        timezone.now() - REPEAT_WINDOW,
        project.decisions.aggregate(last=Max("decided_at"))["last"] or project.created_at,
    )
    earlier = (
        project.exports.filter(created_at__gte=since, files_deleted_at__isnull=True)
        .exclude(status=Export.Status.FAILED)
        .order_by("-created_at", "-pk")
        .first()
    )
    if earlier is not None:
        raise ExportAlreadyRequested(earlier)
    export = Export.objects.create(project=project, requested_by=by, k=project.k)
    transaction.on_commit(lambda: produce_export.delay(export.pk))
    return export


# Experiments


def _require_draft(experiment: Experiment) -> None:
    if experiment.status != Experiment.Status.DRAFT:
        raise Conflict(
            ErrorCode.EXPERIMENT_STARTED,
            _("An experiment cannot be changed once it has started."),
        )


def _one_lesson_or_quiz() -> ValidationFailed:
    message = _("Choose either a lesson or a quiz to vary, not both.")
    return ValidationFailed(
        ErrorCode.ONE_LESSON_OR_QUIZ, fields={"lesson": [message], "quiz": [message]}
    )


def _quiz_not_open() -> ValidationFailed:
    return ValidationFailed(
        ErrorCode.QUIZ_NOT_OPEN, fields={"quiz": [_("Choose a published quiz of the course.")]}
    )


@transaction.atomic
def create_experiment(
    by: Person,
    *,
    title: str,
    lesson: Lesson | None = None,
    quiz: Quiz | None = None,
    hypothesis: str = "",
    stratify_by: str = "",
) -> Experiment:
    """Create a draft experiment on `lesson` or on `quiz` (exactly one); add variants of the
    same kind, then start it. Staff and research officers may experiment on any course, a
    course team on its organisations' courses."""
    if lesson is not None and quiz is None:
        course = lesson.module.course
    elif quiz is not None and lesson is None:
        course = quiz.course
    else:
        require(permissions.manage_experiments, by)
        raise _one_lesson_or_quiz()
    require(permissions.manage_experiments, by, course)
    if quiz is not None and not quiz.published:
        raise _quiz_not_open()
    title = (title or "").strip()
    errors: dict[str, list[Any]] = {}
    if not title or len(title) > 200:
        errors["title"] = [_("Give the experiment a title of up to 200 characters.")]
    if stratify_by not in Experiment.Stratum.values:
        errors["stratify_by"] = [_("Choose a stratification from the list.")]
    if errors:
        raise ValidationFailed(fields=errors)
    return Experiment.objects.create(
        title=title,
        hypothesis=(hypothesis or "").strip()[:5000],
        course=course,
        lesson=lesson,
        quiz=quiz,
        stratify_by=stratify_by,
        created_by=by,
    )


def _check_variant_quiz(experiment: Experiment, quiz: Quiz) -> None:
    """A variant quiz is a published quiz of the course that takes the varied quiz's place."""
    if quiz.course_id != experiment.course_id:
        raise ValidationFailed(
            ErrorCode.QUIZ_NOT_IN_COURSE,
            fields={"quiz": [_("Choose a quiz of the experiment's course.")]},
        )
    if not quiz.published:
        raise _quiz_not_open()
    varied = experiment.quiz
    if varied is not None and (
        quiz.kind != varied.kind or quiz.required_for_completion != varied.required_for_completion
    ):
        raise ValidationFailed(
            ErrorCode.QUIZ_ROLE_DIFFERS,
            fields={
                "quiz": [
                    _(
                        "A variant quiz takes the varied quiz's place: choose one of the same "
                        "kind (quiz, pre-test or post-test), required to complete the course "
                        "only if the varied quiz is."
                    )
                ]
            },
        )


@transaction.atomic
def add_variant(
    experiment: Experiment,
    *,
    by: Person,
    name: str,
    lesson: Lesson | None = None,
    quiz: Quiz | None = None,
) -> Variant:
    """Add an arm: in an experiment on a lesson, `lesson` (of the same course) shown instead
    of the varied one; in one on a quiz, `quiz` (a published quiz of the same course, of the
    varied quiz's kind) taken instead of the varied one."""
    require(permissions.manage_experiments, by, experiment)
    experiment = (
        Experiment.objects.select_for_update(of=("self",))
        .select_related("quiz")
        .get(pk=experiment.pk)
    )
    _require_draft(experiment)
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise ValidationFailed(fields={"name": [_("Give the variant a name.")]})
    if experiment.varies_quiz and (lesson is not None or quiz is None):
        raise ValidationFailed(
            ErrorCode.VARIANT_KIND_MISMATCH,
            fields={"quiz": [_("This experiment varies a quiz: choose the quiz of the variant.")]},
        )
    if not experiment.varies_quiz and (quiz is not None or lesson is None):
        raise ValidationFailed(
            ErrorCode.VARIANT_KIND_MISMATCH,
            fields={
                "lesson": [_("This experiment varies a lesson: choose the lesson of the variant.")]
            },
        )
    if quiz is not None:
        _check_variant_quiz(experiment, quiz)
    elif lesson is not None and lesson.module.course_id != experiment.course_id:
        raise ValidationFailed(
            ErrorCode.LESSON_NOT_IN_COURSE,
            fields={"lesson": [_("Choose a lesson of the experiment's course.")]},
        )
    return Variant.objects.create(
        experiment=experiment,
        name=name,
        lesson=lesson,
        quiz=quiz,
        position=experiment.variants.count(),
    )


@transaction.atomic
def update_experiment(
    experiment: Experiment,
    *,
    by: Person,
    title: str | None = None,
    hypothesis: str | None = None,
    stratify_by: str | None = None,
) -> Experiment:
    """Change a draft experiment's title, hypothesis or stratification (those given)."""
    require(permissions.manage_experiments, by, experiment)
    experiment = Experiment.objects.select_for_update().get(pk=experiment.pk)
    _require_draft(experiment)
    if title is not None:
        experiment.title = title
    if hypothesis is not None:
        experiment.hypothesis = hypothesis
    if stratify_by is not None:
        experiment.stratify_by = stratify_by
    if experiment.stratify_by not in Experiment.Stratum.values or not experiment.title:
        raise ValidationFailed()
    experiment.save()
    return experiment


@transaction.atomic
def start_experiment(experiment: Experiment, *, by: Person) -> Experiment:
    """Start assigning newly enrolled, consenting learners; needs two variants or more."""
    require(permissions.manage_experiments, by, experiment)
    experiment = Experiment.objects.select_for_update().get(pk=experiment.pk)
    _require_draft(experiment)
    if experiment.variants.count() < 2:
        raise ValidationFailed(message=_("An experiment needs at least two variants."))
    experiment.status, experiment.started_at = Experiment.Status.RUNNING, timezone.now()
    experiment.save(update_fields=["status", "started_at", "updated_at"])
    return experiment


@transaction.atomic
def stop_experiment(experiment: Experiment, *, by: Person) -> Experiment:
    """Stop assigning learners; those assigned keep their variant."""
    require(permissions.manage_experiments, by, experiment)
    experiment = Experiment.objects.select_for_update().get(pk=experiment.pk)
    if experiment.status != Experiment.Status.RUNNING:
        raise Conflict(message=_("Only a running experiment can be stopped."))
    experiment.status, experiment.stopped_at = Experiment.Status.STOPPED, timezone.now()
    experiment.save(update_fields=["status", "stopped_at", "updated_at"])
    return experiment
