"""Research: consent, projects and their data-access decisions, exports, experiments.

Consent and decisions are append-only: a learner's consent is their latest ConsentRecord, a
project's history is its list of Decisions, so every change is kept with its time and version.
"""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praxis.assessments.models import Quiz
from praxis.catalog.models import Course, Lesson
from praxis.core.models import TimeStampedModel
from praxis.organisations.models import Organisation

DEFAULT_K = 5


class ExportColumn(models.TextChoices):
    """The columns a project may ask for, in the order an export writes them. The learner's
    pseudonym is not among them: every export has it, as its first column."""

    WHO_REGION = "who_region", _("WHO region")
    OCCUPATION_GROUP = "occupation_group", _("Occupation group")
    ORGANISATION = "organisation", _("Organisation")
    AGE_BAND = "age_band", _("Age band")
    VERB = "verb", _("Statement verb")
    ACTIVITY = "activity", _("Activity")
    REGISTRATION = "registration", _("Registration code")
    TIMESTAMP = "timestamp", _("Time of the statement")
    COMPLETION = "completion", _("Completion")
    SUCCESS = "success", _("Success")
    SCORE_SCALED = "score_scaled", _("Score (scaled)")
    DURATION = "duration", _("Duration")


class ConsentText(TimeStampedModel):
    """One version of the research consent text in one language."""

    version = models.PositiveIntegerField(_("version"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))

    class Meta:
        ordering = ["-version", "language"]
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")
        constraints = [
            models.UniqueConstraint(fields=["version", "language"], name="research_consent_once")
        ]

    def __str__(self) -> str:
        return f"v{self.version} {self.language}"


class ConsentRecord(models.Model):
    """A learner granting or withdrawing research consent; never changed once written."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="research_consents"
    )
    granted = models.BooleanField(_("granted"))
    version = models.PositiveIntegerField(_("version"))
    language = models.CharField(_("language"), max_length=10)
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        indexes = [models.Index(fields=["learner", "-recorded_at"], name="research_consent_latest")]

    def __str__(self) -> str:
        return f"{self.learner_id} {'granted' if self.granted else 'withdrawn'} v{self.version}"


class TimePrecision(models.TextChoices):
    """How finely an export gives the time of a statement: the first day of its day, week or
    month (coarser still, or not at all, if k requires it)."""

    DAY = "day", _("Day")
    WEEK = "week", _("Week")
    MONTH = "month", _("Month")


def new_secret() -> str:
    return secrets.token_hex(32)


class Project(TimeStampedModel):
    """A research project and its data-access request."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        UNDER_REVIEW = "under_review", _("Under review")
        APPROVED = "approved", _("Approved with conditions")
        REJECTED = "rejected", _("Rejected")
        EXPIRED = "expired", _("Expired")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    aims = models.TextField(_("aims"), max_length=5000)
    principal_investigator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="research_projects_led",
        verbose_name=_("principal investigator"),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="research_projects"
    )
    partner = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="research_projects",
        verbose_name=_("partner organisation"),
    )
    ethics_reference = models.CharField(_("ethics approval reference"), max_length=100)
    ethics_expires_on = models.DateField(_("ethics approval expires"))
    verbs = models.JSONField(_("statement types requested"), default=list, blank=True)
    columns = models.JSONField(_("data fields requested"), default=list, blank=True)
    date_from = models.DateField(_("data from"), null=True, blank=True)
    date_to = models.DateField(_("data until"), null=True, blank=True)
    k = models.PositiveSmallIntegerField(_("k (smallest group size)"), default=DEFAULT_K)
    time_precision = models.CharField(
        _("times exported to the"),
        max_length=10,
        choices=TimePrecision.choices,
        default=TimePrecision.WEEK,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    conditions = models.TextField(_("conditions of approval"), blank=True)
    secret = models.CharField(max_length=64, default=new_secret, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("research project")
        verbose_name_plural = _("research projects")
        permissions = [
            ("decide_access", _("Can decide data-access requests")),
            ("view_analytics", _("Can view analytics dashboards")),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def column_labels(self) -> list[str]:
        """The names of the data fields requested, translated, pseudonym first."""
        requested = set(self.columns)
        return [str(_("Pseudonym")), *(str(c.label) for c in ExportColumn if c.value in requested)]


class Decision(models.Model):
    """One step in a project's data-access workflow, by whom and why."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="decisions")
    status = models.CharField(_("status"), max_length=20, choices=Project.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    decided_at = models.DateTimeField(_("decided"), default=timezone.now)

    class Meta:
        ordering = ["decided_at", "id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.project_id} → {self.status}"


class Export(TimeStampedModel):
    """One export of a project's data, and its log entry (who, when, rows, checksums)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    class Deletion(models.TextChoices):
        """Why an export's files were deleted."""

        LINK_EXPIRED = "link_expired", _("The download link expired")
        PROJECT_ENDED = "project_ended", _("The project ended")
        PARTICIPANT_ERASED = "participant_erased", _("A participant's data was erased")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="exports")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    k = models.PositiveSmallIntegerField(default=DEFAULT_K)
    rows = models.PositiveIntegerField(default=0)
    learners = models.PositiveIntegerField(default=0)
    csv_sha256 = models.CharField(max_length=64, blank=True)
    parquet_sha256 = models.CharField(max_length=64, blank=True)
    report = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    files_deleted_at = models.DateTimeField(_("files deleted"), null=True, blank=True)
    files_deleted_reason = models.CharField(
        _("why the files were deleted"), max_length=20, choices=Deletion.choices, blank=True
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")

    def __str__(self) -> str:
        return f"{self.project} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()


# Exactly one of a lesson or a quiz, on an experiment and on each of its variants.
LESSON_OR_QUIZ = models.Q(lesson__isnull=False, quiz__isnull=True) | models.Q(
    lesson__isnull=True, quiz__isnull=False
)


class Experiment(TimeStampedModel):
    """A randomised experiment: variants of one lesson or of one quiz of a course, learners
    assigned at enrolment. Its variants are all of its kind (checked by the services)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        RUNNING = "running", _("Running")
        STOPPED = "stopped", _("Stopped")

    class Stratum(models.TextChoices):
        NONE = "", _("No stratification")
        REGION = "region", _("WHO region")
        OCCUPATION = "occupation", _("Occupation group")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    hypothesis = models.TextField(_("hypothesis"), blank=True)
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="+")
    lesson = models.ForeignKey(
        Lesson,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("lesson varied"),
    )
    quiz = models.ForeignKey(
        Quiz,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("quiz varied"),
    )
    stratify_by = models.CharField(
        _("stratify by"), max_length=20, choices=Stratum.choices, default="", blank=True
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    started_at = models.DateTimeField(null=True, blank=True)
    stopped_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("experiment")
        verbose_name_plural = _("experiments")
        constraints = [
            models.CheckConstraint(condition=LESSON_OR_QUIZ, name="research_experiment_one_subject")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def varies_quiz(self) -> bool:
        return self.quiz_id is not None

    @property
    def subject(self) -> Lesson | Quiz | None:
        """The lesson or the quiz the experiment varies."""
        return self.quiz if self.quiz_id is not None else self.lesson


class Variant(models.Model):
    """One arm of an experiment: the lesson learners in it see instead of the varied lesson,
    or the quiz they take instead of the varied quiz."""

    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="variants")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("name"), max_length=100)
    lesson = models.ForeignKey(
        Lesson,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("lesson shown"),
    )
    quiz = models.ForeignKey(
        Quiz,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("quiz taken"),
    )

    class Meta:
        ordering = ["experiment", "position", "id"]
        verbose_name = _("variant")
        verbose_name_plural = _("variants")
        constraints = [
            models.CheckConstraint(condition=LESSON_OR_QUIZ, name="research_variant_one_subject")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def subject(self) -> Lesson | Quiz | None:
        """The lesson shown or the quiz taken in this arm."""
        return self.quiz if self.quiz_id is not None else self.lesson


class Assignment(models.Model):
    """Which variant a learner is in; written once, at enrolment."""

    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="assignments")
    variant = models.ForeignKey(Variant, on_delete=models.CASCADE, related_name="assignments")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    stratum = models.CharField(max_length=60, blank=True)
    assigned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("assignment")
        constraints = [
            models.UniqueConstraint(fields=["experiment", "learner"], name="research_assign_once")
        ]

    def __str__(self) -> str:
        return f"{self.learner_id} → {self.variant_id}"
