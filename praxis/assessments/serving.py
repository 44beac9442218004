"""Which quiz a learner takes in place of another: research experiments vary quizzes.

Assessments knows nothing of experiments; it asks the query `praxis.assessments.hooks.quizzes_for`
with learner= and quizzes= (a list) and each handler answers a dict {quiz ID: the quiz served in its
place}, leaving out the quizzes it does not vary. The research app serves each learner the
variant they were assigned, and to everyone else the varied quiz itself, so a variant is never
reached by another learner, not even by its address. A quiz served in another's place must be
a published quiz of the same course; any other answer is ignored.
"""

from __future__ import annotations

from collections.abc import Iterable

from praxis.assessments import hooks
from praxis.assessments.models import Quiz
from praxis.core.people import Visitor


def quizzes_served_to(learner: Visitor, quizzes: Iterable[Quiz]) -> dict[int, Quiz]:
    """For each of `quizzes` (by ID), the quiz `learner` takes in its place (usually itself).
    One question to the hook, whatever the number of quizzes."""
    quizzes = list(quizzes)
    served = {quiz.pk: quiz for quiz in quizzes}
    if not quizzes:
        return served
    decided: set[int] = set()
    for answer in hooks.quizzes_for.ask(learner=learner, quizzes=quizzes):
        for quiz in quizzes:
            instead = (answer or {}).get(quiz.pk)
            if quiz.pk in decided or instead is None:
                continue
            if instead.published and instead.course_id == quiz.course_id:
                served[quiz.pk] = instead
                decided.add(quiz.pk)
    return served


def quiz_served_to(learner: Visitor, quiz: Quiz) -> Quiz:
    """The quiz `learner` takes in place of `quiz` (usually `quiz` itself)."""
    return quizzes_served_to(learner, [quiz])[quiz.pk]


def as_served(learner: Visitor, quizzes: Iterable[Quiz]) -> list[Quiz]:
    """`quizzes` as `learner` is served them, in order, each quiz once: a varied quiz and its
    variants become the one the learner takes."""
    quizzes = list(quizzes)
    served = quizzes_served_to(learner, quizzes)
    seen: set[int] = set()
    listed = []
    for quiz in quizzes:
        shown = served[quiz.pk]
        if shown.pk not in seen:
            seen.add(shown.pk)
            listed.append(shown)
    return listed
