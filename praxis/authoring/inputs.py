"""Typed inputs of the authoring services: a quiz's settings, a question, a clinical case's text.

The quiz page posts text and the API typed JSON; each reads what it was sent into these models
(`QuizSettings.read`, `QuestionInput.read`), which check it on their own (numbers written as
text are read), and hands the model to the service. What depends on the draft (the module a
quiz follows, its pre-test) the service checks after it.
"""

from __future__ import annotations

import math
import uuid
from typing import Any

from django.utils.translation import gettext_lazy as _
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictStr,
    ValidationInfo,
    field_validator,
    model_validator,
)

from praxis.authoring.models import DraftQuestion, DraftQuiz
from praxis.competencies.models import CompetencyItem
from praxis.core.inputs import Location, Message, Refusal, by_field, parse

WHOLE_NUMBER = _("Enter a whole number from %(low)s to %(high)s.")
QUIZ_MESSAGES: dict[str, Message] = {
    "title": _("Give the quiz a title of at most 200 characters."),
    "kind": _("Choose quiz, pre-test or post-test."),
    "after_module": _("Choose a module of this course."),
    "pre_test": _("A post-test names a pre-test of this course."),
}
QUIZ_NUMBERS = {"pass_mark": (0, 100), "max_attempts": (1, 99), "time_limit_minutes": (1, 600)}


def describe_quiz(location: Location) -> tuple[str, Message]:
    """Where a refused quiz setting is reported, and what it says."""
    name = str(location[0]) if location else "__all__"
    if name in QUIZ_NUMBERS:
        low, high = QUIZ_NUMBERS[name]
        return name, WHOLE_NUMBER % {"low": low, "high": high}
    return name, QUIZ_MESSAGES.get(name, _("Enter a valid value."))


class QuizSettings(BaseModel):
    """A quiz's settings as `add_quiz` and `save_quiz` take them."""

    model_config = ConfigDict(extra="forbid")

    title: StrictStr = ""
    kind: StrictStr = DraftQuiz.Kind.QUIZ
    after_module: uuid.UUID | None = Field(None, description="The key of the module it follows")
    pre_test: uuid.UUID | None = Field(None, description="post_test: the key of its pre-test")
    pass_mark: int = Field(70, ge=0, le=100)
    max_attempts: int | None = Field(None, ge=1, le=99)
    time_limit_minutes: int | None = Field(None, ge=1, le=600)
    shuffle_options: bool = True
    review_allowed: bool = True
    required_for_completion: bool = False

    @field_validator(
        "after_module", "pre_test", "max_attempts", "time_limit_minutes", "kind", mode="before"
    )
    @classmethod
    def _empty_is_unset(cls, value: Any, info: ValidationInfo) -> Any:
        if value in (None, ""):
            return DraftQuiz.Kind.QUIZ.value if info.field_name == "kind" else None
        return value

    @field_validator("title")
    @classmethod
    def _title(cls, value: str) -> str:
        title = value.strip()
        if not title or len(title) > 200:
            raise Refusal(QUIZ_MESSAGES["title"])
        return title

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        if value not in DraftQuiz.Kind.values:
            raise Refusal(QUIZ_MESSAGES["kind"])
        return value

    @classmethod
    def read(cls, fields: dict[str, Any]) -> QuizSettings:
        """The settings the page's form or the API's schema gives, or ValidationFailed naming
        each field refused."""
        return parse(cls, fields, describe_quiz)


# Questions

MAX_OPTIONS = 20
MAX_ACCEPTED = 20
MAX_COMPETENCIES = 20
MAX_STEM = 5000
MAX_FEEDBACK = 2000
MAX_OPTION_TEXT = 500
Kind = DraftQuestion.Kind
CHOICE_KINDS = {Kind.SINGLE, Kind.MULTIPLE, Kind.TRUE_FALSE, Kind.ORDERING, Kind.MATCHING}
WITHOUT_CORRECT = {Kind.ORDERING, Kind.MATCHING}
QUESTION_MESSAGES: dict[str, Message] = {
    "kind": _("Choose a question type."),
    "stem": _("Write the question, in at most 5,000 characters."),
    "topic": _("Keep the topic under 60 characters."),
    "feedback": _("Keep the feedback under 2,000 characters."),
    "competency_ids": _("Choose competencies from the list."),
    "too_many_competencies": _("Choose at most 20 competencies from the list."),
    "number": _("Enter a number."),
    "accepted": _("Give from 1 to 20 accepted answers, each under 500 characters."),
    "case": _("Choose a clinical case of this course."),
}
QUESTION_NUMBERS = {"difficulty": (1, 3), "points": (1, 99)}


def _text(value: Any) -> str:
    """What the page and the API send, read as text (numbers too, as the form writes them)."""
    return str(value).strip()


def _kind(info: ValidationInfo) -> str:
    kind: str = info.data.get("kind", "")
    return kind


class QuestionOption(BaseModel):
    """One option of a choice question, as stored."""

    text: str
    match: str
    correct: bool
    feedback: str


class QuestionInput(BaseModel):
    """A question as `add_question` and `save_question` take it. Whatever the kind, every field
    is read, so that one refusal names every problem at once; the kind decides which of the
    options, `value` and `tolerance` (numeric) and `accepted` (short text) count. Any other
    field sent is ignored."""

    model_config = ConfigDict(validate_default=True)

    kind: str
    stem: str = ""
    topic: str = ""
    feedback: str = ""
    difficulty: int = 2
    points: int = 1
    competency_ids: list[int] = []
    options: list[QuestionOption] = Field([], description="[{text, match, correct, feedback}]")
    value: float | None = None
    tolerance: float | None = None
    accepted: list[str] = []
    case: uuid.UUID | None = Field(None, description="The key of one of the draft's cases")

    @field_validator("case", mode="before")
    @classmethod
    def _no_case(cls, value: Any) -> Any:
        return None if value in (None, "") else value

    @model_validator(mode="before")
    @classmethod
    def _known_kind(cls, data: Any) -> Any:
        # An unknown kind is the only refusal shown: every other rule depends on it.
        if not isinstance(data, dict) or data.get("kind") not in Kind.values:
            raise Refusal(QUESTION_MESSAGES["kind"], field="kind")
        return data

    @field_validator("kind", mode="plain")
    @classmethod
    def _kind_as_given(cls, value: Any) -> str:
        return str(value)

    @field_validator("stem", mode="plain")
    @classmethod
    def _stem(cls, value: Any) -> str:
        stem = _text(value)
        if not stem or len(stem) > MAX_STEM:
            raise Refusal(QUESTION_MESSAGES["stem"])
        return stem

    @field_validator("topic", "feedback", mode="plain")
    @classmethod
    def _short_text(cls, value: Any, info: ValidationInfo) -> str:
        text = _text(value or "")
        longest = 60 if info.field_name == "topic" else MAX_FEEDBACK
        if len(text) > longest:
            raise Refusal(QUESTION_MESSAGES[str(info.field_name)])
        return text

    @field_validator("difficulty", "points", mode="plain")
    @classmethod
    def _whole_number(cls, value: Any, info: ValidationInfo) -> int:
        low, high = QUESTION_NUMBERS[str(info.field_name)]
        try:
            number = int(_text(value))
        except (TypeError, ValueError):
            number = None
        if number is None or not low <= number <= high:
            raise Refusal(WHOLE_NUMBER % {"low": low, "high": high})
        return number

    @field_validator("competency_ids", mode="plain")
    @classmethod
    def _competencies(cls, value: Any) -> list[int]:
        try:
            ids = sorted({int(item) for item in value or []})
        except (TypeError, ValueError):
            raise Refusal(QUESTION_MESSAGES["competency_ids"]) from None
        known = CompetencyItem.objects.filter(pk__in=ids).count() if ids else 0
        if len(ids) > MAX_COMPETENCIES or known != len(ids):
            raise Refusal(QUESTION_MESSAGES["too_many_competencies"])
        return ids

    @field_validator("options", mode="plain")
    @classmethod
    def _options(cls, value: Any, info: ValidationInfo) -> list[QuestionOption]:
        kind = _kind(info)
        if kind not in CHOICE_KINDS:
            return []
        if not isinstance(value, list) or not 2 <= len(value) <= MAX_OPTIONS:
            raise Refusal(_("Give from 2 to 20 options."))
        options, problems = [], []
        for given in value:
            given = given if isinstance(given, dict) else {}
            text, match = _text(given.get("text", "")), _text(given.get("match", ""))
            feedback = _text(given.get("feedback", ""))
            # Each problem found replaces the one before: the last is shown.
            if not text or len(text) > MAX_OPTION_TEXT or len(match) > MAX_OPTION_TEXT:
                problems = [_("Each option needs a text of at most 500 characters.")]
            if len(feedback) > MAX_OPTION_TEXT:
                problems = [_("Keep each option's feedback under 500 characters.")]
            if kind == Kind.MATCHING and not match:
                problems = [_("Each matching line needs a right-hand side.")]
            correct = bool(given.get("correct")) and kind not in WITHOUT_CORRECT
            options.append(
                QuestionOption(text=text, match=match, correct=correct, feedback=feedback)
            )
        right = sum(1 for option in options if option.correct)
        if kind == Kind.TRUE_FALSE and len(options) != 2:
            problems = [_("A true-or-false question has exactly two options.")]
        elif kind in (Kind.SINGLE, Kind.TRUE_FALSE) and right != 1:
            problems.append(_("Mark exactly one option as correct."))
        elif kind == Kind.MULTIPLE and right == 0:
            problems.append(_("Mark at least one option as correct."))
        if problems:
            raise Refusal(*problems)
        return options

    @field_validator("value", "tolerance", mode="plain")
    @classmethod
    def _number(cls, value: Any, info: ValidationInfo) -> float | None:
        if _kind(info) != Kind.NUMERIC:
            return None
        if info.field_name == "tolerance" and value in (None, ""):
            value = 0
        try:
            number = float(_text(value).replace(",", "."))
        except (TypeError, ValueError):
            number = math.nan
        if not math.isfinite(number) or (info.field_name == "tolerance" and number < 0):
            raise Refusal(QUESTION_MESSAGES["number"])
        return number

    @field_validator("accepted", mode="plain")
    @classmethod
    def _accepted(cls, value: Any, info: ValidationInfo) -> list[str]:
        if _kind(info) != Kind.SHORT_TEXT:
            return []
        try:
            accepted = [_text(text) for text in value or [] if _text(text)]
        except TypeError:
            raise Refusal(QUESTION_MESSAGES["accepted"]) from None
        if not 1 <= len(accepted) <= MAX_ACCEPTED or any(len(t) > 500 for t in accepted):
            raise Refusal(QUESTION_MESSAGES["accepted"])
        return accepted

    @classmethod
    def read(cls, fields: dict[str, Any]) -> QuestionInput:
        """The question the page's form or the API's schema gives, or ValidationFailed naming
        each field refused."""
        return parse(cls, fields, by_field(QUESTION_MESSAGES))

    def stored(self) -> dict[str, Any]:
        """The question's fields as a draft question stores them."""
        answer_key: dict[str, Any] = {}
        if self.kind == Kind.NUMERIC:
            answer_key = {"value": self.value, "tolerance": self.tolerance}
        elif self.kind == Kind.SHORT_TEXT:
            answer_key = {"accepted": self.accepted}
        return {
            "kind": self.kind,
            "stem": self.stem,
            "topic": self.topic,
            "feedback": self.feedback,
            "difficulty": self.difficulty,
            "points": self.points,
            "options": [option.model_dump() for option in self.options],
            "answer_key": answer_key,
            "competency_ids": self.competency_ids,
        }


MAX_CASE_TITLE = 200
MAX_VIGNETTE = 10_000
CASE_MESSAGES: dict[str, Message] = {
    "title": _("Give the case a title of at most 200 characters."),
    "vignette": _("Write the case's vignette, in at most 10,000 characters."),
}


def describe_case(location: Location) -> tuple[str, Message]:
    """Where a refused clinical case field is reported, and what it says."""
    name = str(location[0]) if location else "__all__"
    return name, CASE_MESSAGES.get(name, _("Enter a valid value."))


class CaseText(BaseModel):
    """A clinical case as `add_case` and `save_case` take it: the title and the vignette (the
    story of the patient that several questions share), in the draft's language."""

    model_config = ConfigDict(extra="forbid")

    title: StrictStr = ""
    vignette: StrictStr = ""

    @field_validator("title", "vignette")
    @classmethod
    def _text(cls, value: str, info: ValidationInfo) -> str:
        text = value.strip()
        longest = MAX_CASE_TITLE if info.field_name == "title" else MAX_VIGNETTE
        if not text or len(text) > longest:
            raise Refusal(CASE_MESSAGES[str(info.field_name)])
        return text
