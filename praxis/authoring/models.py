"""Working copies of courses, written by teams from partner organisations, reviewed, published.

A draft is the working copy of one course version: new, a new version of a published course,
or a translation of one. Lessons carry a stable key (the catalog lesson UUID they continue) and
a revision number that every save must name, so two authors never silently overwrite each other.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from praxis.catalog.models import DEFAULT_LICENCE, Course, CourseVersion, Topic
from praxis.competencies.models import CompetencyItem
from praxis.core.languages import LanguageTagField
from praxis.core.models import TimeStampedModel, in_language
from praxis.lti.models import ResourceLink
from praxis.organisations.models import Organisation
from praxis.packages.models import Package

# The academy's default checklist (migration 0002 ships it): slug → (English as stored, the
# same through gettext).
DEFAULT_CRITERIA = {
    "learning-objectives": (
        "Learning objectives are clear and measurable",
        _("Learning objectives are clear and measurable"),
    ),
    "evidence-base": (
        "Evidence base and references are current and cited",
        _("Evidence base and references are current and cited"),
    ),
    "accessibility": (
        "Content is accessible (structure, alternatives, transcripts)",
        _("Content is accessible (structure, alternatives, transcripts)"),
    ),
    "inclusive-language": (
        "Language is inclusive and respectful",
        _("Language is inclusive and respectful"),
    ),
    "translation-checked": (
        "Translation checked (or not applicable)",
        _("Translation checked (or not applicable)"),
    ),
    "licence": (
        "Licence is stated and permits the intended use",
        _("Licence is stated and permits the intended use"),
    ),
}


class QualityCriterion(models.Model):
    """One item of the academy's quality checklist; staff edit the list in the back office."""

    slug = models.SlugField(max_length=60, unique=True)
    names = models.JSONField(_("names"), default=dict, help_text=_("language code → name"))
    guidance = models.JSONField(_("guidance"), default=dict, blank=True)
    position = models.PositiveIntegerField(default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("quality criterion")
        verbose_name_plural = _("quality checklist")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the reader's language: the one staff gave for it, else for a default
        item still worded as shipped, its translation, else English."""
        language = (get_language() or "en").lower()
        shipped = DEFAULT_CRITERIA.get(self.slug)
        if not self.names.get(language) and shipped and self.names.get("en") == shipped[0]:
            return str(shipped[1])
        return in_language(self.names, self.slug)


class Draft(TimeStampedModel):
    class Status(models.TextChoices):
        EDITING = "editing", _("Being written")
        IN_REVIEW = "in_review", _("In review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    course = models.ForeignKey(
        Course,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="drafts",
        help_text=_("The published course this draft is a new version of."),
    )
    translation_of = models.ForeignKey(
        Course, null=True, blank=True, on_delete=models.PROTECT, related_name="translation_drafts"
    )
    published_version = models.OneToOneField(
        CourseVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="draft"
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=2000, blank=True)
    objectives = models.JSONField(_("learning objectives"), default=list, blank=True)
    prerequisites = models.JSONField(_("what to know before"), default=list, blank=True)
    image = models.JSONField(_("image"), default=dict, blank=True)
    language = LanguageTagField(_("language"))
    level = models.CharField(
        _("level"), max_length=20, choices=Course.Level.choices, default=Course.Level.INTRODUCTORY
    )
    estimated_hours = models.DecimalField(
        _("estimated hours"), max_digits=5, decimal_places=1, default=Decimal("1.0")
    )
    cpd_credits = models.DecimalField(
        _("CPD credits"), max_digits=5, decimal_places=2, default=Decimal("0")
    )
    licence = models.CharField(_("licence"), max_length=100, default=DEFAULT_LICENCE)
    organisations = models.ManyToManyField(
        Organisation, related_name="drafts", verbose_name=_("co-creating organisations")
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="+")
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="authored_drafts"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.EDITING, db_index=True
    )
    review_round = models.PositiveIntegerField(default=0)
    revision = models.PositiveIntegerField(default=1)
    # Drafts started before quizzes and competencies were written in drafts leave the course's
    # quizzes and alignments as they are when published.
    carries_assessments = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("course draft")
        verbose_name_plural = _("course drafts")

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status in {self.Status.EDITING, self.Status.CHANGES_REQUESTED}


class DraftModule(models.Model):
    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="modules")
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("title"), max_length=200)
    source_module_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["draft", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "key"], name="authoring_module_key_once")
        ]

    def __str__(self) -> str:
        return self.title


class DraftLesson(models.Model):
    """A lesson in a draft. `key` is the catalog lesson's UUID it becomes or continues;
    `source_key`/`source_digest` name the source lesson a translation follows, as it was read."""

    module = models.ForeignKey(DraftModule, on_delete=models.CASCADE, related_name="lessons")
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text (Markdown)"), blank=True)
    estimated_minutes = models.PositiveIntegerField(_("estimated minutes"), default=10)
    recordings = models.JSONField(default=dict, blank=True)
    captions = models.JSONField(default=list, blank=True)
    package = models.ForeignKey(
        Package, null=True, blank=True, on_delete=models.PROTECT, related_name="draft_lessons"
    )
    tool_link = models.ForeignKey(
        ResourceLink,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="draft_lessons",
    )
    # Files learners download: see praxis.catalog.attachments.
    attachments = models.JSONField(default=list, blank=True)
    revision = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_key = models.UUIDField(null=True, blank=True)
    source_digest = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["module__position", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["module", "key"], name="authoring_lesson_key_once")
        ]

    def __str__(self) -> str:
        return self.title


class Comment(TimeStampedModel):
    """A comment on part of a draft; a comment without a parent opens a thread."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="comments")
    anchor = models.CharField(max_length=60, default="course", db_index=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("comment"), max_length=5000)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.body[:50]


class Review(TimeStampedModel):
    class Decision(models.TextChoices):
        PENDING = "pending", _("Waiting for the reviewer")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="reviews")
    round = models.PositiveIntegerField(default=1)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="course_reviews"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision = models.CharField(
        max_length=20, choices=Decision.choices, default=Decision.PENDING, db_index=True
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(_("overall comment"), blank=True, max_length=5000)

    class Meta:
        ordering = ["draft", "round", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["draft", "round", "reviewer"], name="authoring_review_once_per_round"
            )
        ]

    def __str__(self) -> str:
        return f"{self.draft} · {self.reviewer} · {self.round}"

    @property
    def is_open(self) -> bool:
        """Whether the reviewer can still give a verdict: none given yet, in the draft's current
        round, while the draft waits for review."""
        return (
            self.decision == self.Decision.PENDING
            and self.draft.status == Draft.Status.IN_REVIEW
            and self.round == self.draft.review_round
        )

    @property
    def closed_unanswered(self) -> bool:
        """Closed before the reviewer gave a verdict: a reviewer asking for changes ends the
        round for every reviewer in it."""
        return self.decision == self.Decision.PENDING and not self.is_open

    @property
    def outcome(self) -> str:
        """What came of the review, in the reader's language."""
        if self.closed_unanswered:
            return str(REVIEW_CLOSED_UNANSWERED)
        return str(self.get_decision_display())


REVIEW_CLOSED_UNANSWERED = _("Closed: another reviewer asked for changes")


class ReviewItem(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="items")
    criterion = models.ForeignKey(QualityCriterion, on_delete=models.PROTECT, related_name="+")
    passed = models.BooleanField(null=True)
    comment = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["criterion__position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="authoring_item_once")
        ]

    def __str__(self) -> str:
        return f"{self.review} · {self.criterion}"


class HistoryEntry(models.Model):
    """One recorded step in a draft's life: who did what, and when."""

    class Action(models.TextChoices):
        STARTED = "started", _("started the draft")
        EDITED = "edited", _("edited")
        COMMENTED = "commented", _("commented")
        RESOLVED = "resolved", _("resolved a thread")
        SUBMITTED = "submitted", _("submitted it for review")
        ASSIGNED = "assigned", _("assigned a reviewer")
        REVIEWED = "reviewed", _("reviewed it")
        PUBLISHED = "published", _("published it")

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="history")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    # Words are stored as a code (a key of HISTORY_DETAILS) with their values, and written in
    # the reader's language when shown; `detail` holds what needs no translation (a name, an
    # anchor) and the text of entries recorded before codes.
    detail_code = models.CharField(max_length=40, blank=True)
    detail_values = models.JSONField(default=dict, blank=True)
    detail = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name_plural = _("history entries")

    def __str__(self) -> str:
        return f"{self.actor} {self.action} {self.draft}"

    @property
    def detail_text(self) -> str:
        """The detail in the reader's language."""
        if self.detail_code == DECISION:
            decision = str(self.detail_values.get("decision", ""))
            return str(Review.Decision(decision).label) if decision in Review.Decision else ""
        template = HISTORY_DETAILS.get(self.detail_code)
        if template is None:
            return self.detail
        try:
            values: dict[str, object] = self.detail_values
            return str(template) % values
        except (KeyError, TypeError, ValueError):
            return str(template)


# The detail of a history entry: the review's decision (values: {"decision": <code>}) ...
DECISION = "decision"
# ... or one of these, with the values they name.
HISTORY_DETAILS = {
    "new_version": _("new version"),
    "translation": _("translation"),
    "course_details": _("course details"),
    "added_module": _("added module %(title)s"),
    "module": _("module %(title)s"),
    "added_lesson": _("added lesson %(title)s"),
    "lesson": _("lesson %(title)s"),
    "removed_lesson": _("removed lesson %(title)s"),
    "version": _("version %(n)s"),
    "same_reviewer": _("%(name)s again, on re-submission"),
    "added_quiz": _("added quiz %(title)s"),
    "quiz": _("quiz %(title)s"),
    "removed_quiz": _("removed quiz %(title)s"),
    "added_case": _("added clinical case %(title)s"),
    "case": _("clinical case %(title)s"),
    "removed_case": _("removed clinical case %(title)s"),
    "moved_quiz": _("moved quiz %(title)s"),
    "moved_question": _("moved a question of quiz %(title)s"),
    "added_question": _("added a question to quiz %(title)s"),
    "question": _("a question of quiz %(title)s"),
    "removed_question": _("removed a question from quiz %(title)s"),
    "imported_questions": _("imported %(count)s questions (QTI) into quiz %(title)s"),
    "competency": _("competency %(item)s"),
    "lesson_video": _("video of lesson %(title)s"),
    "lesson_captions": _("captions of lesson %(title)s"),
    "course_image": _("course image"),
    "lesson_image": _("a picture for lesson %(title)s"),
    "lesson_file": _("a file %(name)s for lesson %(title)s"),
    "removed_lesson_file": _("removed the file %(name)s from lesson %(title)s"),
    "removed_competency": _("removed competency %(item)s"),
    "imported_package": _("imported package %(title)s"),
    "imported_cartridge": _("imported %(count)s lessons and quizzes from the cartridge %(title)s"),
    "added_tool": _("added external tool %(title)s"),
    "tool_pass_mark": _("pass mark of lesson %(title)s: %(mark)s %%"),
    "package_version": _("new version of the package of lesson %(title)s"),
}


class DraftQuiz(models.Model):
    """A quiz in a draft. `key` is the assessments quiz UUID it continues or becomes. A quiz that
    draws at random from a bank is carried with its settings only: its questions stay there."""

    class Kind(models.TextChoices):
        QUIZ = "quiz", _("Quiz")
        PRE_TEST = "pre_test", _("Pre-test")
        POST_TEST = "post_test", _("Post-test")

    class Selection(models.TextChoices):
        FIXED = "fixed", _("Fixed questions")
        RANDOM = "random", _("Random draw")

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="quizzes")
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.QUIZ)
    pre_test_key = models.UUIDField(null=True, blank=True)
    after_module = models.ForeignKey(
        DraftModule, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (%)"), default=70)
    max_attempts = models.PositiveSmallIntegerField(_("attempts allowed"), null=True, blank=True)
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"), null=True, blank=True
    )
    shuffle_options = models.BooleanField(_("shuffle options"), default=True)
    review_allowed = models.BooleanField(_("review after submission"), default=True)
    required_for_completion = models.BooleanField(
        _("required to complete the course"), default=False
    )
    selection = models.CharField(max_length=10, choices=Selection.choices, default=Selection.FIXED)
    # A random draw keeps its bank and rules as they were: [{"topic", "difficulty", "count"}].
    bank_id = models.PositiveBigIntegerField(null=True, blank=True)
    draw = models.JSONField(default=list, blank=True)
    revision = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["draft", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "key"], name="authoring_quiz_key_once")
        ]

    def __str__(self) -> str:
        return self.title


class DraftQuestion(models.Model):
    """A question of a draft quiz. `key` is the assessments question UUID it continues.
    `answer_key` holds {"value", "tolerance"} (numeric) or {"accepted": [...]} (short text);
    `options` is a list of {"text", "match", "correct", "feedback"} in the author's order."""

    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple response")
        TRUE_FALSE = "true_false", _("True or false")
        NUMERIC = "numeric", _("Number")
        SHORT_TEXT = "short_text", _("Short text")
        ORDERING = "ordering", _("Ordering")
        MATCHING = "matching", _("Matching")

    class Difficulty(models.IntegerChoices):
        EASY = 1, _("Easy")
        MEDIUM = 2, _("Medium")
        HARD = 3, _("Hard")

    quiz = models.ForeignKey(DraftQuiz, on_delete=models.CASCADE, related_name="questions")
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    stem = models.TextField(_("question"))
    topic = models.CharField(_("topic"), max_length=60, blank=True)
    difficulty = models.PositiveSmallIntegerField(
        _("difficulty"), choices=Difficulty.choices, default=Difficulty.MEDIUM
    )
    points = models.PositiveSmallIntegerField(_("points"), default=1)
    feedback = models.TextField(_("feedback"), blank=True)
    answer_key = models.JSONField(default=dict, blank=True)
    options = models.JSONField(default=list, blank=True)
    competency_ids = models.JSONField(default=list, blank=True)
    # The key of the draft's clinical case (DraftCase) the question belongs to, if any.
    case_key = models.UUIDField(null=True, blank=True)
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["quiz", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["quiz", "key"], name="authoring_question_key_once")
        ]

    def __str__(self) -> str:
        return self.stem[:80]


class DraftCase(models.Model):
    """A clinical case of the draft: a vignette several of its questions share. `key` is the
    assessments case it continues or becomes."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="cases")
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("title"), max_length=200)
    vignette = models.TextField(_("vignette"))
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["draft", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "key"], name="authoring_case_key_once")
        ]

    def __str__(self) -> str:
        return self.title


class DraftAlignment(models.Model):
    """The course (no lesson key) or one of its lessons teaches a competency up to a level."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="alignments")
    lesson_key = models.UUIDField(null=True, blank=True)
    item = models.ForeignKey(CompetencyItem, on_delete=models.CASCADE, related_name="+")
    level = models.PositiveSmallIntegerField(_("level"), default=2)

    class Meta:
        ordering = ["draft", "id"]

    def __str__(self) -> str:
        return f"{self.draft_id} → {self.item_id}"
