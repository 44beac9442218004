"""Typed inputs of the assessments services: a question bank document in several languages.

The models say the document's shape, read at the edge (`QuestionBankDocument.read`);
`import_question_bank` then checks what spans it (each question's case exists, every text is
given in every language of the bank) and writes it.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel, Field, StrictInt, StrictStr, field_validator

from praxis.assessments.models import Question
from praxis.core.errors import ErrorCode, ValidationFailed
from praxis.core.inputs import Location, Message, Refusal, parse
from praxis.core.languages import LanguageTagProblem, standard_tag

MAX_BANK_QUESTIONS = 1000

# A text in each language of the bank: {"en": "…", "fr": "…"}.
Texts = dict[str, StrictStr]
TEXT_FIELDS = {"title", "vignette", "stem", "feedback", "text", "match"}

LANGUAGES_MESSAGE = _('List the bank\'s languages, e.g. ["en", "fr"].')
QUESTIONS_MESSAGE = _("Give between 1 and 1,000 questions.")
CASE_MESSAGE = _("Each case needs a key, a title and a vignette.")
QUESTION_MESSAGE = _("Each question needs a known type.")
WHOLE_NUMBER = _("Enter a whole number from %(low)s to %(high)s.")


class BankOption(BaseModel):
    text: Texts = {}
    match: Texts | None = None
    correct: bool = False
    feedback: Texts = {}


class BankCase(BaseModel):
    key: StrictStr
    title: Texts = {}
    vignette: Texts = {}


class BankQuestion(BaseModel):
    kind: StrictStr
    stem: Texts = {}
    topic: StrictStr = ""
    difficulty: StrictInt = Field(2, ge=1, le=3)
    points: StrictInt = Field(1, ge=1, le=99)
    feedback: Texts = {}
    key: dict[str, Any] = Field({}, description="The answer key a numeric or short-text needs")
    case: StrictStr | None = None
    options: list[BankOption] = []

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        if value not in Question.Kind.values:
            raise Refusal(QUESTION_MESSAGE)
        return value


class QuestionBankDocument(BaseModel):
    """A question bank as imported: its title, languages, shared cases and questions."""

    title: Texts = {}
    languages: list[StrictStr] = Field(min_length=1)
    cases: list[BankCase] = []
    questions: list[BankQuestion] = Field(min_length=1, max_length=MAX_BANK_QUESTIONS)

    @field_validator("languages")
    @classmethod
    def _registered_languages(cls, value: list[str]) -> list[str]:
        # Any language of the registry; the tags stay as written, since the texts are keyed
        # by them (the bank's language is stored in canonical form).
        for code in value:
            try:
                standard_tag(code)
            except LanguageTagProblem as problem:
                raise Refusal(problem.message, code=problem.code) from problem
        return value

    @classmethod
    def read(cls, data: Any) -> QuestionBankDocument:
        """The bank `data` (parsed JSON) holds, or ValidationFailed naming each part refused."""
        if not isinstance(data, dict):
            raise ValidationFailed(ErrorCode.MALFORMED_BODY, _("A question bank is a JSON object."))
        return parse(cls, data, describe_bank)


def describe_bank(location: Location) -> tuple[str, Message]:
    """Where a refused part of a bank document is reported, and what it says."""
    parts = [str(part) for part in location]
    for depth, part in enumerate(parts):
        if part in TEXT_FIELDS:
            return ".".join(parts[: depth + 1]), _(
                'Give each text as the languages of the bank and their texts, e.g. {"en": "…"}.'
            )
    match location:
        case ("languages", *_rest):
            return "languages", LANGUAGES_MESSAGE
        case ("questions",):
            return "questions", QUESTIONS_MESSAGE
        case ("cases",):
            return "cases", CASE_MESSAGE
        case ("cases", int(number), *_rest):
            return f"cases.{number}", CASE_MESSAGE
        case ("questions", int(number), "options"):
            return f"questions.{number}", _("Options are a list.")
        case ("questions", int(number), "options", int(index), *_rest):
            return f"questions.{number}.options.{index}", _(
                "Each option is an object with its text in each language."
            )
        case ("questions", int(number), "difficulty" | "points" as name, *_rest):
            low, high = (1, 3) if name == "difficulty" else (1, 99)
            return f"questions.{number}.{name}", WHOLE_NUMBER % {"low": low, "high": high}
        case ("questions", int(number), "case", *_rest):
            return f"questions.{number}.case", _("No case has this key.")
        case ("questions", int(number), "topic" | "key" as name, *_rest):
            return f"questions.{number}.{name}", _("Enter a valid value.")
        case ("questions", int(number), *_rest):
            return f"questions.{number}", QUESTION_MESSAGE
    return ".".join(parts) or "__all__", _("Enter a valid value.")
