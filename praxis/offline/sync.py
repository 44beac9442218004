"""Taking in what a learner did on a device without a connection.

The device keeps each thing the learner did as an xAPI statement with an id it made itself: a
lesson completed (`completed`, the lesson's activity, the course version it held) or a quiz
answered (`attempted`, the quiz's activity, the answers in a result extension). When the
connection returns it sends them here, as often as it needs to: each goes through the same
service as online (so progress, completion, marking and certificates follow exactly as they
would have), recorded in the LRS under the device's id. An id already stored for this learner is
answered "already recorded" and changes nothing, so a batch whose reply was lost can simply be
sent again; an id stored for anyone else is refused.

A batch is read whole before anything is written: bad input (a statement of an unknown shape, a
course the learner is not enrolled in, another person's id) refuses it all. A statement that is
well formed but that the course's rules refuse (a quiz whose attempts are used up) is answered
"refused" on its own, so the device can drop it and tell the learner, and the rest go in.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praxis.assessments.models import Option, Quiz
from praxis.assessments.scoring import untokenise
from praxis.assessments.services import MAX_ANSWERS, start_attempt, submit_attempt
from praxis.catalog.models import Course, Lesson
from praxis.catalog.services import complete_lesson_offline, require_enrolment
from praxis.catalog.xapi import EXTENSION_COURSE_VERSION
from praxis.core.errors import (
    Conflict,
    ErrorCode,
    NotFound,
    PayloadTooLarge,
    PraxisError,
    ValidationFailed,
)
from praxis.core.people import Person
from praxis.lrs.queries import actors_of_statements
from praxis.lrs.services import account_agent, actor_key
from praxis.lrs.vocabulary import ADL, VERB_COMPLETED
from praxis.offline.bundles import option_tokens, works_offline

VERB_ATTEMPTED = ADL + "attempted"
# The answers of a quiz taken offline: {question UUID: answer, options named by their tokens}.
EXTENSION_ANSWERS = f"{settings.SITE_URL}/xapi/extensions/offline-answers"
MAX_STATEMENTS = 100


@dataclass
class Outcome:
    """What became of one statement: recorded, already recorded, merged or refused; `title`
    names the lesson or quiz it was about, so that a refusal can say what it refused."""

    id: uuid.UUID
    status: str
    code: str = ""
    message: str = ""
    passed: bool | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    title: str = ""


@dataclass
class _Item:
    statement_id: uuid.UUID
    at: datetime
    lesson: Lesson | None = None
    quiz: Quiz | None = None
    version: int | None = None
    answers: dict[str, Any] = field(default_factory=dict)

    @property
    def course(self) -> Course:
        return self.lesson.module.course if self.lesson is not None else self.quiz.course  # type: ignore[union-attr]  # _read sets a lesson or a quiz

    @property
    def title(self) -> str:
        return self.lesson.title if self.lesson is not None else self.quiz.title  # type: ignore[union-attr]  # _read sets a lesson or a quiz


def _uuid_after(activity_id: str, prefix: str) -> uuid.UUID | None:
    if not activity_id.startswith(prefix):
        return None
    try:
        return uuid.UUID(activity_id.removeprefix(prefix))
    except ValueError:
        return None


def _read(statement: dict[str, Any]) -> _Item:
    """One statement as the service reads it; ValidationFailed for a shape it does not take."""
    verb = statement["verb"]
    activity_id = statement["object"]
    at = statement["timestamp"]
    if timezone.is_naive(at):
        raise ValidationFailed(
            ErrorCode.INVALID_INPUT, _("A time without its time zone cannot be read.")
        )
    item = _Item(statement["id"], at)
    if verb == VERB_COMPLETED:
        lesson_uuid = _uuid_after(activity_id, f"{settings.SITE_URL}/xapi/activities/lesson/")
        item.lesson = (
            Lesson.objects.select_related("module__course").filter(uuid=lesson_uuid).first()
            if lesson_uuid
            else None
        )
        version = statement["extensions"].get(EXTENSION_COURSE_VERSION)
        item.version = version if isinstance(version, int) and version >= 0 else None
        if item.lesson is None:
            raise _unknown_activity()
        return item
    if verb == VERB_ATTEMPTED:
        quiz_uuid = _uuid_after(activity_id, f"{settings.SITE_URL}/xapi/activities/quiz/")
        item.quiz = (
            Quiz.objects.select_related("course").filter(uuid=quiz_uuid, published=True).first()
            if quiz_uuid
            else None
        )
        if item.quiz is None:
            raise _unknown_activity()
        answers = statement["answers"]
        if not isinstance(answers, dict) or len(answers) > MAX_ANSWERS:
            raise ValidationFailed(ErrorCode.ANSWER_MALFORMED, _("Some answers could not be read."))
        if not works_offline(item.quiz):
            raise Conflict(
                ErrorCode.QUIZ_NEEDS_CONNECTION, _("This quiz can only be taken while online.")
            )
        item.answers = answers
        return item
    raise ValidationFailed(
        ErrorCode.UNKNOWN_VERB, _("Only completed lessons and answered quizzes can be sent.")
    )


def _unknown_activity() -> NotFound:
    return NotFound(
        ErrorCode.UNKNOWN_ACTIVITY, _("A statement names a lesson or quiz that does not exist.")
    )


def _check(learner: Person, statements: list[dict[str, Any]]) -> list[_Item]:
    if len(statements) > MAX_STATEMENTS:
        raise PayloadTooLarge(
            ErrorCode.TOO_MANY_STATEMENTS,
            _("Send at most %(count)s statements at a time.") % {"count": MAX_STATEMENTS},
        )
    items = [_read(statement) for statement in statements]
    ids = [item.statement_id for item in items]
    if len(set(ids)) != len(ids):
        raise ValidationFailed(
            ErrorCode.STATEMENT_ID_REPEATED, _("A statement id appears twice in the batch.")
        )
    for item in items:
        require_enrolment(learner, item.course)
    own = actor_key(account_agent(str(learner.uuid)))
    if any(key != own for key in actors_of_statements(ids).values()):
        raise Conflict(
            ErrorCode.STATEMENT_ID_TAKEN,
            _("A statement id is already used by another learner's record."),
        )
    # The order in which things were done, whichever device sent them first.
    return sorted(items, key=lambda item: (item.at, str(item.statement_id)))


def _quiz(learner: Person, quiz: Quiz, item: _Item) -> Outcome:
    options = list(Option.objects.filter(question__quizzes=quiz))
    tokens = option_tokens(learner, quiz, options)
    attempt = start_attempt(learner, quiz)
    answers = {str(key): untokenise(value, tokens) for key, value in item.answers.items()}
    attempt = submit_attempt(learner, attempt, answers, statement_id=item.statement_id)
    percent = round(100 * attempt.scaled)
    return Outcome(item.statement_id, "recorded", passed=attempt.passed, extra={"percent": percent})


def _apply(learner: Person, item: _Item) -> Outcome:
    if item.lesson is not None:
        recorded = complete_lesson_offline(
            learner, item.lesson, statement_id=item.statement_id, at=item.at, version=item.version
        )
        return Outcome(item.statement_id, "recorded" if recorded else "merged")
    if item.quiz is not None:
        return _quiz(learner, item.quiz, item)
    raise _unknown_activity()  # _read gives every item a lesson or a quiz


@transaction.atomic
def sync(learner: Person, statements: list[dict[str, Any]]) -> list[Outcome]:
    """Take in the statements a device kept offline (each {"id", "verb", "object",
    "timestamp", "extensions", "answers"}: the parts of the xAPI statement that say what was
    done) and say what became of each. Safe to send again: see the module's docstring."""
    items = _check(learner, statements)
    stored = set(actors_of_statements([item.statement_id for item in items]))
    outcomes = []
    for item in items:
        if item.statement_id in stored:
            outcome = Outcome(item.statement_id, "already_recorded")
        else:
            try:
                with transaction.atomic():
                    outcome = _apply(learner, item)
            except IntegrityError:  # the same statement, sent at once by another request
                outcome = Outcome(item.statement_id, "already_recorded")
            except PraxisError as refusal:
                outcome = Outcome(
                    item.statement_id, "refused", str(refusal.code), str(refusal.message)
                )
        outcome.title = item.title
        outcomes.append(outcome)
    return outcomes
