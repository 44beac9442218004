"""Typed inputs of the authoring services: a quiz's settings, a clinical case's text.

The quiz page posts text and the API typed JSON; both reach the service as keyword fields, which
this model reads and checks on their own (numbers written as text are read). What depends on
the draft (the module a quiz follows, its pre-test) the service checks after it.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel, ConfigDict, Field, StrictStr, ValidationInfo, field_validator

from praxis.authoring.models import DraftQuiz
from praxis.core.inputs import Location, Message, Refusal

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
