"""Checking the shape of an answer and marking it, on the server only.

An answer's shape by question type (an option is named by the token the attempt's page gives
it, or by its database ID):
single, true/false: one option ID; multiple: a list of option IDs; numeric: a number;
short text: a string; ordering: every option ID once, in order; matching: {left option ID:
right option ID}, where the pair is right when both are the same option.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from praxis.assessments.models import Option, Question

MAX_TEXT = 500
NOT_A_NUMBER = _("Give a number.")
Kind = Question.Kind


def option_token(attempt_uuid: Any, option_id: int) -> str:
    """The name an option goes by in one attempt's page: database IDs follow the order in which
    an author wrote the options, which would give away the right order or the right pair."""
    return salted_hmac("praxis.assessments.option", f"{attempt_uuid}:{option_id}").hexdigest()[:12]


def match_token(attempt_uuid: Any, option_id: int) -> str:
    """The name the right-hand side of a matching option goes by in one attempt's page: a name
    of its own, for under the option's token each left-hand item would name its right pair."""
    return salted_hmac("praxis.assessments.match", f"{attempt_uuid}:{option_id}").hexdigest()[:12]


def attempt_tokens(attempt_uuid: Any, option_ids: Iterable[int]) -> dict[str, int]:
    """{token: option ID} of every name an attempt's page gives its options (`option_token`,
    and `match_token` for a matching's right-hand sides)."""
    tokens: dict[str, int] = {}
    for option_id in option_ids:
        tokens[option_token(attempt_uuid, option_id)] = option_id
        tokens[match_token(attempt_uuid, option_id)] = option_id
    return tokens


def untokenise(value: Any, tokens: dict[str, int]) -> Any:
    """The answer with every option token of the attempt replaced by the option's ID."""
    if isinstance(value, str):
        return tokens.get(value, value)
    if isinstance(value, list):
        return [untokenise(item, tokens) for item in value]
    if isinstance(value, dict):
        return {str(untokenise(k, tokens)): untokenise(v, tokens) for k, v in value.items()}
    return value


class MalformedAnswer(ValueError):
    """The answer does not have the shape its question type needs."""


@dataclass(frozen=True)
class Mark:
    score: float
    correct: bool


def normalise_text(text: str) -> str:
    """Case-, width- and spacing-insensitive form of a short answer, without end punctuation."""
    folded = unicodedata.normalize("NFKC", text).casefold().strip()
    folded = " ".join(folded.split())
    return folded.strip(" .,;:!?'\"")


def _option_id(value: Any, allowed: set[int]) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise MalformedAnswer(_("Choose one of the options."))
    try:
        number = int(value)
    except ValueError as error:
        raise MalformedAnswer(_("Choose one of the options.")) from error
    if number not in allowed:
        raise MalformedAnswer(_("Choose one of the options."))
    return number


def _blank(value: Any) -> bool:
    """Whether `value` answers nothing: None, an empty text, or a list or mapping of those
    alone (an ordering or a matching whose every drop-down was left at "—")."""
    if isinstance(value, list):
        return all(_blank(item) for item in value)
    if isinstance(value, dict):
        return all(_blank(item) for item in value.values())
    return value is None or value == ""


def read_number(value: Any) -> float:
    """A numeric answer as a number: a finite number, or a text of one (a decimal comma
    allowed, digits of any script); MalformedAnswer otherwise."""
    if isinstance(value, bool):
        raise MalformedAnswer(NOT_A_NUMBER)
    try:
        number = float(str(value).strip().replace(",", ".")) if isinstance(value, str) else value
        number = float(number)
    except (TypeError, ValueError) as error:
        raise MalformedAnswer(NOT_A_NUMBER) from error
    if not math.isfinite(number):
        raise MalformedAnswer(NOT_A_NUMBER)
    return number


def clean(question: Question, options: list[Option], value: Any) -> Any:
    """The answer in its canonical shape, or MalformedAnswer. None means "not answered"."""
    if _blank(value):
        return None
    allowed = {option.id for option in options}
    kind = question.kind
    if kind in (Kind.SINGLE, Kind.TRUE_FALSE):
        return _option_id(value, allowed)
    if kind == Kind.MULTIPLE:
        values = value if isinstance(value, list) else [value]
        chosen = sorted({_option_id(item, allowed) for item in values})
        return chosen
    if kind == Kind.NUMERIC:
        return read_number(value)
    if kind == Kind.SHORT_TEXT:
        if not isinstance(value, str):
            raise MalformedAnswer(_("Give a short text answer."))
        if len(value) > MAX_TEXT:
            raise MalformedAnswer(_("This answer is too long."))
        return value.strip()
    if kind == Kind.ORDERING:
        if not isinstance(value, list):
            raise MalformedAnswer(_("Put every item in order."))
        order = [_option_id(item, allowed) for item in value]
        if sorted(order) != sorted(allowed):
            raise MalformedAnswer(_("Put every item in order, each once."))
        return order
    if kind == Kind.MATCHING:
        if not isinstance(value, dict):
            raise MalformedAnswer(_("Match each item."))
        pairs = {
            str(_option_id(left, allowed)): _option_id(right, allowed)
            for left, right in value.items()
        }
        return pairs
    raise MalformedAnswer(_("This question cannot be answered."))


def mark(question: Question, options: list[Option], answer: Any) -> Mark:
    """The points earned by a cleaned answer (see `clean`)."""
    points = float(question.points)
    if answer is None:
        return Mark(0.0, False)
    kind = question.kind
    right = {option.id for option in options if option.correct}
    if kind in (Kind.SINGLE, Kind.TRUE_FALSE):
        correct = answer in right
    elif kind == Kind.MULTIPLE:
        correct = set(answer) == right
    elif kind == Kind.NUMERIC:
        target = float(question.key.get("value", 0))
        tolerance = abs(float(question.key.get("tolerance", 0)))
        correct = abs(answer - target) <= tolerance + 1e-9
    elif kind == Kind.SHORT_TEXT:
        accepted = {normalise_text(text) for text in question.key.get("accepted", [])}
        correct = normalise_text(answer) in accepted
    elif kind == Kind.ORDERING:
        correct = answer == [option.id for option in sorted(options, key=_position)]
    else:  # matching: a share of the points per right pair
        good = sum(1 for left, right_id in answer.items() if int(left) == right_id)
        share = good / len(options) if options else 0.0
        return Mark(round(points * share, 4), good == len(options))
    return Mark(points if correct else 0.0, correct)


def _position(option: Option) -> tuple[int, int]:
    return option.position, option.id
