"""Quizzes and attempts as a learner sees them: which quizzes they may take, their attempts, and
the questions of an attempt (never the answer key before submission)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.utils import timezone

from praxis.assessments.models import (
    Attempt,
    AttemptItem,
    Option,
    Quiz,
)
from praxis.assessments.scoring import match_token, option_token
from praxis.assessments.serving import as_served
from praxis.catalog.models import Course
from praxis.catalog.permissions import view_course
from praxis.core.errors import NotFound
from praxis.core.people import Person, Visitor, signed_in
from praxis.core.rows import the_row


def visible_quiz(user: Visitor, quiz_uuid: UUID | str) -> Quiz:
    """A published quiz of a course the user may see, or NotFound."""
    quiz = (
        Quiz.objects.select_related("course", "pre_test")
        .filter(uuid=quiz_uuid, published=True)
        .first()
    )
    if quiz is None or not view_course.allows(user, quiz.course):
        raise NotFound()
    return quiz


def course_quizzes(course: Course, user: Visitor) -> list[Quiz]:
    """The course's published quizzes as `user` is served them: where an experiment varies a
    quiz, the user's own variant in its place and the other variants left out."""
    listed = Quiz.objects.filter(course=course, published=True).select_related("course")
    return as_served(user, listed.order_by("id"))


def own_attempt(user: Person, attempt_uuid: UUID | str) -> Attempt:
    """The user's own attempt, or NotFound (another learner's attempt is not revealed)."""
    attempt = the_row(
        Attempt.objects.select_related("quiz__course", "learner").filter(uuid=attempt_uuid)
    )
    if attempt is None or not signed_in(user) or attempt.learner_id != user.pk:
        raise NotFound()
    return attempt


def attempts_of(user: Person, quiz: Quiz) -> list[Attempt]:
    return list(Attempt.objects.filter(quiz=quiz, learner=user).order_by("number"))


def seconds_left(attempt: Attempt) -> int | None:
    """Whole seconds until an open attempt's deadline (0 once passed); None without a limit
    or once submitted. Pages count down from this figure, not from the device's clock."""
    if attempt.status != Attempt.Status.OPEN or attempt.deadline is None:
        return None
    return max(0, int((attempt.deadline - timezone.now()).total_seconds()))


def attempts_left(user: Person, quiz: Quiz) -> int | None:
    """How many more attempts `user` may start at `quiz` (an open one counts as used, as in
    services.start_attempt); None when the quiz sets no limit."""
    if quiz.max_attempts is None:
        return None
    used = Attempt.objects.filter(quiz=quiz, learner=user).count()
    return max(0, quiz.max_attempts - used)


@dataclass(frozen=True)
class ShownOption:
    """An option as the attempt's page names it: by a token, never by its database ID."""

    id: str
    text: str


@dataclass(frozen=True)
class ShownQuestion:
    """A question as the learner sees it before submission: no key, no feedback."""

    uuid: UUID
    position: int
    kind: str
    stem: str
    case_title: str
    vignette: str
    options: list[ShownOption]
    matches: list[ShownOption]


@dataclass(frozen=True)
class AttemptContents:
    """An attempt's items in order, with their questions, and every option of those questions
    (by question ID): what its page shows and what marking reads, loaded once."""

    items: list[AttemptItem]
    options: dict[int, list[Option]]


def attempt_contents(attempt: Attempt) -> AttemptContents:
    """The attempt's items and their questions' options, in two queries."""
    items = list(attempt.items.select_related("question__case").order_by("position"))
    options: dict[int, list[Option]] = {}
    for option in Option.objects.filter(question_id__in=[item.question_id for item in items]):
        options.setdefault(option.question_id, []).append(option)
    return AttemptContents(items, options)


def attempt_questions(
    attempt: Attempt, contents: AttemptContents | None = None
) -> list[ShownQuestion]:
    """The attempt's questions as shown, options in the attempt's order; from `contents` when
    the caller loaded them already."""
    contents = contents or attempt_contents(attempt)
    shown = []
    for item in contents.items:
        question = item.question
        options = {option.id: option for option in contents.options.get(item.question_id, [])}
        ordered = [options[oid] for oid in item.option_order if oid in options]
        matches = sorted(ordered, key=lambda option: (option.match.casefold(), option.id))
        shown.append(
            ShownQuestion(
                question.uuid,
                item.position + 1,
                question.kind,
                question.stem,
                question.case.title if question.case else "",
                question.case.vignette if question.case else "",
                [ShownOption(option_token(attempt.uuid, o.id), o.text) for o in ordered],
                [ShownOption(match_token(attempt.uuid, o.id), o.match) for o in matches if o.match],
            )
        )
    return shown


def passed_quizzes(user: Person, quizzes: list[Quiz]) -> set[int]:
    """The IDs of those of `quizzes` that `user` has passed (in any attempt)."""
    return set(
        Attempt.objects.filter(
            learner=user, passed=True, quiz_id__in=[quiz.pk for quiz in quizzes]
        ).values_list("quiz_id", flat=True)
    )
