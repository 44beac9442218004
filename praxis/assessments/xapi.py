"""xAPI statements of assessment: each answer with its cmi.interaction definition, and the
result of the attempt (passed or failed, with the scaled score)."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings

from praxis.assessments.models import Attempt, AttemptItem, Option, Question
from praxis.catalog.xapi import course_activity, iso_duration
from praxis.lrs.services import (
    account_agent,
    activity,
    language_tag,
    platform_statement,
    record_all,
)

VERB_ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
VERB_PASSED = "http://adlnet.gov/expapi/verbs/passed"
VERB_FAILED = "http://adlnet.gov/expapi/verbs/failed"
ACTIVITY_ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment"
ACTIVITY_INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"

INTERACTION_TYPES = {
    Question.Kind.SINGLE: "choice",
    Question.Kind.MULTIPLE: "choice",
    Question.Kind.TRUE_FALSE: "true-false",
    Question.Kind.NUMERIC: "numeric",
    Question.Kind.SHORT_TEXT: "fill-in",
    Question.Kind.ORDERING: "sequencing",
    Question.Kind.MATCHING: "matching",
}


def quiz_activity_id(attempt: Attempt) -> str:
    return f"{settings.SITE_URL}/xapi/activities/quiz/{attempt.quiz.uuid}"


def question_activity_id(question: Question) -> str:
    return f"{settings.SITE_URL}/xapi/activities/question/{question.uuid}"


def _option_key(option: Option) -> str:
    return f"o{option.id}"


def _correct_pattern(question: Question, options: list[Option]) -> list[str]:
    kind = question.kind
    ordered = sorted(options, key=lambda option: (option.position, option.id))
    if kind == Question.Kind.TRUE_FALSE:
        right = next((option for option in options if option.correct), None)
        return ["true" if right is not None and right.position == 0 else "false"]
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        return ["[,]".join(_option_key(option) for option in ordered if option.correct)]
    if kind == Question.Kind.NUMERIC:
        value = float(question.key.get("value", 0))
        tolerance = abs(float(question.key.get("tolerance", 0)))
        return [f"{value - tolerance:g}[:]{value + tolerance:g}"]
    if kind == Question.Kind.SHORT_TEXT:
        return [str(text) for text in question.key.get("accepted", [])]
    if kind == Question.Kind.ORDERING:
        return ["[,]".join(_option_key(option) for option in ordered)]
    return ["[,]".join(f"{_option_key(o)}[.]m{o.id}" for o in ordered)]


def _response(question: Question, options: list[Option], answer: Any) -> str:
    if answer is None:
        return ""
    kind = question.kind
    by_id = {option.id: option for option in options}
    if kind == Question.Kind.TRUE_FALSE:
        return "true" if by_id[answer].position == 0 else "false"
    if kind == Question.Kind.SINGLE:
        return _option_key(by_id[answer])
    if kind in (Question.Kind.MULTIPLE, Question.Kind.ORDERING):
        return "[,]".join(_option_key(by_id[option_id]) for option_id in answer)
    if kind == Question.Kind.MATCHING:
        return "[,]".join(f"o{left}[.]m{right}" for left, right in answer.items())
    return f"{answer:g}" if isinstance(answer, float) else str(answer)


def interaction_definition(
    question: Question, options: list[Option], language: str
) -> dict[str, Any]:
    """The cmi.interaction activity definition of a question (sent only after submission)."""
    tag = language_tag(language)
    kind = question.kind
    definition: dict[str, Any] = {
        "type": ACTIVITY_INTERACTION,
        "description": {tag: question.stem[:1000]},
        "interactionType": INTERACTION_TYPES[Question.Kind(kind)],
        "correctResponsesPattern": _correct_pattern(question, options),
    }
    ordered = sorted(options, key=lambda option: (option.position, option.id))
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.ORDERING):
        definition["choices"] = [
            {"id": _option_key(option), "description": {tag: option.text}} for option in ordered
        ]
    if kind == Question.Kind.MATCHING:
        definition["source"] = [
            {"id": _option_key(option), "description": {tag: option.text}} for option in ordered
        ]
        definition["target"] = [
            {"id": f"m{option.id}", "description": {tag: option.match}} for option in ordered
        ]
    return definition


def _actor(attempt: Attempt) -> dict[str, Any]:
    return account_agent(str(attempt.learner.uuid), attempt.learner.full_name)


def _context(attempt: Attempt, registration: str | None) -> dict[str, Any]:
    course = attempt.quiz.course
    context: dict[str, Any] = {
        "platform": settings.SITE_NAME,
        "language": language_tag(course.language),
        "contextActivities": {"parent": [course_activity(course)]},
    }
    if registration:
        context["registration"] = registration
    return context


def submitted(
    attempt: Attempt,
    items: list[AttemptItem],
    options: dict[int, list[Option]],
    registration: str | None,
    *,
    statement_id: uuid.UUID | None = None,
) -> None:
    """An answered statement per question, then passed or failed (under `statement_id` when a
    device chose it), stored in one write."""
    record_all(
        [
            *(
                answered(attempt, item, options.get(item.question_id, []), registration)
                for item in items
            ),
            finished(attempt, registration, statement_id),
        ]
    )


def answered(
    attempt: Attempt, item: AttemptItem, options: list[Option], registration: str | None
) -> dict[str, Any]:
    question = item.question
    language = attempt.quiz.course.language
    obj = {
        "objectType": "Activity",
        "id": question_activity_id(question),
        "definition": interaction_definition(question, options, language),
    }
    context = _context(attempt, registration)
    context["contextActivities"]["grouping"] = [
        activity(quiz_activity_id(attempt), ACTIVITY_ASSESSMENT)
    ]
    points = float(question.points)
    return platform_statement(
        _actor(attempt),
        VERB_ANSWERED,
        obj,
        result={
            "response": _response(question, options, item.response),
            "success": bool(item.correct),
            "score": {"raw": item.score, "min": 0, "max": points},
        },
        context=context,
    )


def finished(
    attempt: Attempt, registration: str | None, statement_id: uuid.UUID | None = None
) -> dict[str, Any]:
    """passed or failed, with the scaled score and the time taken."""
    quiz = attempt.quiz
    tag = language_tag(quiz.course.language)
    elapsed = (attempt.submitted_at or attempt.created_at) - attempt.created_at
    return platform_statement(
        _actor(attempt),
        VERB_PASSED if attempt.passed else VERB_FAILED,
        activity(quiz_activity_id(attempt), ACTIVITY_ASSESSMENT, {tag: quiz.title}),
        result={
            "success": bool(attempt.passed),
            "completion": True,
            "duration": iso_duration(elapsed),
            "score": {
                "scaled": round(attempt.scaled, 4),
                "raw": attempt.score or 0,
                "min": 0,
                "max": attempt.max_score,
            },
        },
        context=_context(attempt, registration),
        statement_id=statement_id,
    )
