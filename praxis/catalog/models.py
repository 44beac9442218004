"""Courses, their content, and each learner's enrolments and progress.

Progress is kept per learner and lesson (not per enrolment), and lessons are archived rather than
deleted, so that editing or reorganising a course never loses a learner's progress.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from praxis.catalog import attachments
from praxis.core.languages import LanguageTagField
from praxis.core.models import TimeStampedModel, in_language
from praxis.lti.models import ResourceLink
from praxis.organisations.models import Organisation
from praxis.packages.models import Package

DEFAULT_LICENCE = "CC BY-NC-SA 3.0 IGO"


class Topic(models.Model):
    slug = models.SlugField(max_length=60, unique=True)
    names = models.JSONField(_("names"), default=dict, help_text=_("language code → name"))

    class Meta:
        ordering = ["slug"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_language(self.names, self.slug)


class TranslationGroup(models.Model):
    """Courses that are the same course in different languages."""

    key = models.SlugField(max_length=80, unique=True)

    class Meta:
        verbose_name = _("translation group")

    def __str__(self) -> str:
        return self.key


class Course(TimeStampedModel):
    class Level(models.TextChoices):
        INTRODUCTORY = "introductory", _("Introductory")
        INTERMEDIATE = "intermediate", _("Intermediate")
        ADVANCED = "advanced", _("Advanced")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=2000)
    objectives = models.JSONField(_("learning objectives"), default=list, blank=True)
    prerequisites = models.JSONField(_("what to know before"), default=list, blank=True)
    # {"key", "widths", "width", "height", "alt"}: see praxis.catalog.images.
    image = models.JSONField(_("image"), default=dict, blank=True)
    language = LanguageTagField(_("language"), db_index=True)
    level = models.CharField(
        _("level"), max_length=20, choices=Level.choices, default=Level.INTRODUCTORY
    )
    estimated_hours = models.DecimalField(
        _("estimated hours"), max_digits=5, decimal_places=1, default=Decimal("1.0")
    )
    cpd_credits = models.DecimalField(
        _("CPD credits"), max_digits=5, decimal_places=2, default=Decimal("0")
    )
    licence = models.CharField(_("licence"), max_length=100, default=DEFAULT_LICENCE)
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="courses", verbose_name=_("topics")
    )
    organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="courses",
        verbose_name=_("co-creating organisations"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    translation_group = models.ForeignKey(
        TranslationGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="courses"
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        indexes = [models.Index(fields=["status", "language"], name="catalog_course_status_lang")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Module(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        ordering = ["course", "position", "id"]
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def __str__(self) -> str:
        return self.title


class Lesson(TimeStampedModel):
    """A lesson: sanitised Markdown, an optional video with a required transcript, files; or
    an imported content package."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="lessons")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text (Markdown)"), blank=True)
    body_html = models.TextField(editable=False, blank=True)
    video_url = models.URLField(_("video link"), blank=True)
    transcript = models.TextField(_("video transcript"), blank=True)
    # Recordings and caption tracks: see praxis.catalog.recordings.
    recordings = models.JSONField(default=dict, blank=True)
    captions = models.JSONField(default=list, blank=True)
    estimated_minutes = models.PositiveIntegerField(_("estimated minutes"), default=10)
    # A lesson played from an imported content package (SCORM and the like) instead of text.
    package = models.ForeignKey(
        Package, null=True, blank=True, on_delete=models.PROTECT, related_name="lessons"
    )
    # A lesson that opens a partner's external tool by LTI 1.3, completed by the tool's score.
    tool_link = models.ForeignKey(
        ResourceLink, null=True, blank=True, on_delete=models.PROTECT, related_name="lessons"
    )
    archived = models.BooleanField(_("archived"), default=False)

    class Meta:
        ordering = ["module__position", "position", "id"]
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        constraints = [
            models.CheckConstraint(
                condition=Q(video_url="") | ~Q(transcript=""),
                name="catalog_lesson_video_needs_transcript",
            )
        ]

    def __str__(self) -> str:
        return self.title


class LessonFile(TimeStampedModel):
    """A file learners download from a lesson. Those attached in co-creation carry the `key`
    and `content_type` their draft gave them (see praxis.catalog.attachments)."""

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="files")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="lesson-files/%Y/%m/")
    size = models.PositiveBigIntegerField(default=0)
    key = models.UUIDField(null=True, blank=True, db_index=True)
    content_type = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = _("lesson file")

    @property
    def kind(self) -> str:
        """The file's type as learners see it beside its name ("PDF", "DOCX", "MP3")."""
        if self.content_type in attachments.LABELS:
            return attachments.LABELS[self.content_type]
        return PurePath(self.file.name or "").suffix.lstrip(".").upper()

    def __str__(self) -> str:
        return self.title


class Enrolment(TimeStampedModel):
    """A learner's enrolment in a course. Its UUID is the xAPI registration."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("In progress")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    registration = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="enrolments")
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.ACTIVE, db_index=True
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    last_lesson = models.ForeignKey(
        Lesson, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_activity_at = models.DateTimeField(null=True, blank=True)
    # The versions are part of the learner's record (and of their certificate), so a version
    # someone enrolled on or completed can never be deleted from under them.
    version = models.ForeignKey(
        "CourseVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("version enrolled on"),
    )
    completed_version = models.ForeignKey(
        "CourseVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("version completed"),
    )
    seen_version = models.ForeignKey(
        "CourseVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("newest version whose changes the learner has seen"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "course"],
                condition=~Q(status="withdrawn"),
                name="catalog_one_current_enrolment",
            )
        ]

    def __str__(self) -> str:
        return f"{self.learner} → {self.course}"


class LessonProgress(TimeStampedModel):
    """A learner's progress through one lesson, kept across content edits and re-enrolments."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson = models.ForeignKey(Lesson, on_delete=models.PROTECT, related_name="progress")
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lesson progress")
        constraints = [
            models.UniqueConstraint(fields=["learner", "lesson"], name="catalog_progress_once")
        ]

    def __str__(self) -> str:
        return f"{self.learner} · {self.lesson}"


class CourseVersion(models.Model):
    """What a course was when it was published, kept so that older versions stay readable.

    `snapshot` holds the course's text and its lessons, each under its stable key (the lesson's
    UUID, kept across versions so progress carries over); `changes` lists what differs from the
    version before, for learners to see.
    """

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("what changed, in the authors' words"), blank=True)
    snapshot = models.JSONField(default=dict)
    changes = models.JSONField(default=list)

    class Meta:
        ordering = ["course", "-number"]
        verbose_name = _("course version")
        verbose_name_plural = _("course versions")
        constraints = [
            models.UniqueConstraint(fields=["course", "number"], name="catalog_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.course} v{self.number}"
