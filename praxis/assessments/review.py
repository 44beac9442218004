"""The review of a submitted attempt: for every question, what the learner answered, what is
right, and why (the question's explanation and the feedback of the options chosen).

Each question type reads its stored answer (see scoring.py for the shapes) into the same two
lists of readable parts, so that pages and the API show an ordering or a matching answer as
plainly as a choice: each part of the learner's answer says whether it is right.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch

from praxis.assessments.models import Attempt, AttemptItem, Option, Question

Kind = Question.Kind


@dataclass(frozen=True)
class ReviewedOption:
    text: str
    match: str
    correct: bool
    chosen: bool
    feedback: str


@dataclass(frozen=True)
class AnswerPart:
    """One piece of the learner's answer (an option chosen, an item at its place in their
    order, a pair they matched, a number or a text) and whether it is right."""

    text: str
    right: bool


@dataclass(frozen=True)
class ReviewedQuestion:
    position: int
    stem: str
    kind: str
    correct: bool
    score: float
    points: int
    options: list[ReviewedOption]
    answer_text: str
    feedback: str
    given: list[AnswerPart]  # empty: not answered
    right_answer: list[str]  # the right options, order, pairs, number or accepted texts
    explanations: list[str]  # the feedback of what the learner chose


def _number(value: Any) -> str:
    return f"{float(value):g}"


def _numeric_key(question: Question) -> str:
    value = question.key.get("value", 0)
    tolerance = abs(float(question.key.get("tolerance", 0) or 0))
    return f"{_number(value)} ± {_number(tolerance)}" if tolerance else _number(value)


def _pair(option: Option, match: str) -> str:
    return f"{option.text} → {match}"


def _ids(response: Any) -> list[int]:
    if isinstance(response, bool):
        return []
    if isinstance(response, int):
        return [response]
    if isinstance(response, list):
        return [value for value in response if isinstance(value, int)]
    return []


def _given_and_right(
    question: Question, options: list[Option], response: Any
) -> tuple[list[AnswerPart], list[str], set[int]]:
    """The learner's answer in parts, the right answer, and the IDs of the options chosen."""
    by_id = {option.id: option for option in options}
    kind = question.kind
    if kind == Kind.ORDERING:
        order = [by_id[i] for i in _ids(response) if i in by_id]
        given = [AnswerPart(o.text, o.id == options[n].id) for n, o in enumerate(order)]
        return given, [o.text for o in options], set()
    if kind == Kind.MATCHING:
        pairs = response if isinstance(response, dict) else {}
        given = []
        for option in options:
            chosen_id = pairs.get(str(option.id))
            if isinstance(chosen_id, int) and chosen_id in by_id:
                given.append(
                    AnswerPart(_pair(option, by_id[chosen_id].match), chosen_id == option.id)
                )
        return given, [_pair(o, o.match) for o in options if o.match], set()
    if kind == Kind.NUMERIC:
        given = []
        if isinstance(response, int | float) and not isinstance(response, bool):
            target = float(question.key.get("value", 0))
            tolerance = abs(float(question.key.get("tolerance", 0) or 0))
            given = [AnswerPart(_number(response), abs(response - target) <= tolerance + 1e-9)]
        return given, [_numeric_key(question)], set()
    if kind == Kind.SHORT_TEXT:
        accepted = [str(text) for text in question.key.get("accepted", [])]
        return [], accepted, set()  # the learner's text and its verdict: see review()
    chosen = set(_ids(response))
    given = [AnswerPart(o.text, o.correct) for o in options if o.id in chosen]
    return given, [o.text for o in options if o.correct], chosen


def review(attempt: Attempt) -> list[ReviewedQuestion]:
    """A submitted attempt with the learner's answers, the right answers and the explanations;
    empty while it is open. Two queries."""
    if attempt.status != Attempt.Status.SUBMITTED:
        return []
    items = list(
        AttemptItem.objects.filter(attempt=attempt)
        .select_related("question")
        .prefetch_related(
            Prefetch("question__options", queryset=Option.objects.order_by("position", "id"))
        )
        .order_by("position")
    )
    reviewed = []
    for item in items:
        question = item.question
        options = list(question.options.all())
        response = item.response
        given, right_answer, chosen = _given_and_right(question, options, response)
        answer_text = ""
        if question.kind == Kind.SHORT_TEXT and isinstance(response, str) and response:
            answer_text = response
            given = [AnswerPart(response, bool(item.correct))]
        elif question.kind == Kind.NUMERIC and given:
            answer_text = given[0].text
        explanations = [o.feedback for o in options if o.id in chosen and o.feedback]
        reviewed.append(
            ReviewedQuestion(
                position=item.position + 1,
                stem=question.stem,
                kind=question.kind,
                correct=bool(item.correct),
                score=item.score,
                points=question.points,
                options=[
                    ReviewedOption(o.text, o.match, o.correct, o.id in chosen, o.feedback)
                    for o in options
                ],
                answer_text=answer_text,
                feedback=question.feedback,
                given=given,
                right_answer=right_answer,
                explanations=explanations,
            )
        )
    return reviewed
