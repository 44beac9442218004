"""Question banks, quizzes inside courses, attempts, and what courses and lessons teach.

Answer keys (which option is correct, the accepted texts and numbers) live on the question and
its options and never leave the server before an attempt is submitted; an attempt keeps the
questions drawn for it, their option order, the learner's answers and the marks.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from praxis.catalog.models import Course, Lesson, Module
from praxis.competencies.models import CompetencyItem, TargetProfile
from praxis.core.languages import LanguageTagField
from praxis.core.models import TimeStampedModel
from praxis.organisations.models import Organisation


class QuestionBank(TimeStampedModel):
    """Questions in one language, owned by a course team (a course) or an organisation."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    language = LanguageTagField(_("language"))
    # Banks imported together in several languages share a key.
    translation_key = models.CharField(max_length=80, blank=True, db_index=True)
    course = models.ForeignKey(
        Course, null=True, blank=True, on_delete=models.CASCADE, related_name="question_banks"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("question bank")

    def __str__(self) -> str:
        return self.title


class Case(models.Model):
    """A clinical vignette shared by several questions."""

    bank = models.ForeignKey(QuestionBank, on_delete=models.CASCADE, related_name="cases")
    # Names the case across a course's versions: a reworded case that learners already read
    # becomes a new row with the same key, so their attempts keep what they read.
    key = models.UUIDField(default=uuid.uuid4, db_index=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    vignette = models.TextField(_("vignette"))

    class Meta:
        verbose_name = _("case")

    def __str__(self) -> str:
        return self.title


class Question(TimeStampedModel):
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

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    bank = models.ForeignKey(QuestionBank, on_delete=models.CASCADE, related_name="questions")
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="questions"
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    stem = models.TextField(_("question"))
    topic = models.CharField(_("topic"), max_length=60, blank=True, db_index=True)
    difficulty = models.PositiveSmallIntegerField(
        _("difficulty"), choices=Difficulty.choices, default=Difficulty.MEDIUM
    )
    points = models.PositiveSmallIntegerField(_("points"), default=1)
    feedback = models.TextField(_("feedback"), blank=True)
    # numeric: {"value": 37.5, "tolerance": 0.5}; short text: {"accepted": ["…", …]}.
    key = models.JSONField(default=dict, blank=True)
    competencies = models.ManyToManyField(CompetencyItem, blank=True, related_name="questions")

    class Meta:
        ordering = ["bank", "id"]
        verbose_name = _("question")

    def __str__(self) -> str:
        return self.stem[:80]


class Option(models.Model):
    """A choice; for ordering the position is the right order; for matching `match` is the
    right-hand side paired with `text`."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("text"), max_length=500)
    match = models.CharField(_("matches"), max_length=500, blank=True)
    correct = models.BooleanField(_("correct"), default=False)
    feedback = models.CharField(_("feedback"), max_length=500, blank=True)

    class Meta:
        ordering = ["question", "position", "id"]
        verbose_name = _("option")

    def __str__(self) -> str:
        return self.text


class Quiz(TimeStampedModel):
    class Kind(models.TextChoices):
        QUIZ = "quiz", _("Quiz")
        PRE_TEST = "pre_test", _("Pre-test")
        POST_TEST = "post_test", _("Post-test")

    class Selection(models.TextChoices):
        FIXED = "fixed", _("Fixed questions")
        RANDOM = "random", _("Random draw")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="quizzes")
    after_module = models.ForeignKey(
        Module, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.QUIZ)
    # A post-test names the pre-test it is compared with.
    pre_test = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="post_test"
    )
    selection = models.CharField(max_length=10, choices=Selection.choices, default=Selection.FIXED)
    # Random draw: [{"topic": "", "difficulty": 2, "count": 3}, …] from `bank`.
    bank = models.ForeignKey(
        QuestionBank, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    draw = models.JSONField(default=list, blank=True)
    questions = models.ManyToManyField(Question, through="QuizQuestion", related_name="quizzes")
    shuffle_options = models.BooleanField(_("shuffle options"), default=True)
    max_attempts = models.PositiveSmallIntegerField(_("attempts allowed"), null=True, blank=True)
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"), null=True, blank=True
    )
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (%)"), default=70)
    required_for_completion = models.BooleanField(
        _("required to complete the course"), default=False
    )
    review_allowed = models.BooleanField(_("review after submission"), default=True)
    published = models.BooleanField(_("published"), default=True)
    # The place the course's authors gave it among its quizzes.
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["course", "position", "id"]
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    def __str__(self) -> str:
        return self.title


class QuizQuestion(models.Model):
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="slots")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["quiz", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["quiz", "question"], name="assessments_slot_once")
        ]

    def __str__(self) -> str:
        return f"{self.quiz_id} #{self.position}"


class Attempt(TimeStampedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("In progress")
        SUBMITTED = "submitted", _("Submitted")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="attempts")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    number = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    deadline = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    score = models.FloatField(null=True, blank=True)
    max_score = models.FloatField(default=0)
    passed = models.BooleanField(null=True)
    # True when the server closed the attempt because its time was up.
    timed_out = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("attempt")
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "learner", "number"], name="assessments_attempt_number"
            ),
            models.UniqueConstraint(
                fields=["quiz", "learner"],
                condition=Q(status="open"),
                name="assessments_one_open_attempt",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quiz} #{self.number}"

    @property
    def scaled(self) -> float:
        return (self.score or 0) / self.max_score if self.max_score else 0.0


class AttemptItem(models.Model):
    """A question as drawn for one attempt, with its option order, the answer and the mark."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)
    option_order = models.JSONField(default=list)
    response = models.JSONField(null=True, blank=True)
    score = models.FloatField(default=0)
    correct = models.BooleanField(null=True)

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="assessments_item_once")
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id} #{self.position}"


class Alignment(models.Model):
    """A course (or one of its lessons) teaches a competency up to a level of its scale."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    lesson = models.ForeignKey(
        Lesson, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    item = models.ForeignKey(CompetencyItem, on_delete=models.CASCADE, related_name="+")
    level = models.PositiveSmallIntegerField(_("level"), default=2)

    class Meta:
        verbose_name = _("competency alignment")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "lesson", "item"], name="assessments_alignment_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.course_id} → {self.item_id}"


class Pathway(TimeStampedModel):
    """An ordered set of courses with prerequisites, leading to an outcome."""

    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    language = LanguageTagField(_("language"))
    summary = models.TextField(_("summary"), blank=True)
    outcome = models.TextField(_("outcome"))
    target = models.ForeignKey(
        TargetProfile, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published = models.BooleanField(default=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("learning pathway")

    def __str__(self) -> str:
        return self.title


class PathwayStep(models.Model):
    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="steps")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)
    prerequisites = models.ManyToManyField("self", symmetrical=False, blank=True)

    class Meta:
        ordering = ["pathway", "position"]
        constraints = [
            models.UniqueConstraint(fields=["pathway", "course"], name="assessments_step_once")
        ]

    def __str__(self) -> str:
        return f"{self.pathway_id} #{self.position}"
