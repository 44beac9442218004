"""Figures across many attempts: item analysis of a quiz and the knowledge gained from a pre-test
to its post-test."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

from praxis.assessments.analysis import QuizFigures, analyse
from praxis.assessments.models import (
    Attempt,
    AttemptItem,
    Option,
    Question,
    Quiz,
)


def quiz_analysis(quiz: Quiz) -> QuizFigures:
    """Item analysis of the quiz's submitted attempts (see analysis.py), in three queries.

    The answered items are read with a plain cursor: at 10,000 attempts, decoding every stored
    response through the ORM costs more than the analysis itself, and analysis.py decodes each
    distinct response once."""
    submitted = AttemptItem.objects.filter(
        attempt__quiz=quiz, attempt__status=Attempt.Status.SUBMITTED
    ).values_list("attempt_id", "question_id", "score", "correct", "response")
    sql, params = submitted.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        raw = cursor.fetchall()
    if quiz.selection == Quiz.Selection.FIXED:
        slots = list(quiz.slots.select_related("question").order_by("position"))
        questions = [(s.question.id, s.question.stem, float(s.question.points)) for s in slots]
    else:
        question_ids = {row[1] for row in raw}
        found = Question.objects.filter(id__in=question_ids).order_by("id")
        questions = [(q.id, q.stem, float(q.points)) for q in found]
    points = {question_id: weight for question_id, _stem, weight in questions}
    rows = (
        (
            attempt,
            question,
            score / points[question] if points.get(question) else 0.0,
            bool(correct),
            response,
        )
        for attempt, question, score, correct, response in raw
    )
    choices: dict[int, list[tuple[int, str, bool]]] = {}
    for option in Option.objects.filter(question_id__in=list(points)).order_by("position", "id"):
        choices.setdefault(option.question_id, []).append((option.id, option.text, option.correct))
    return analyse(rows, questions, choices)


@dataclass(frozen=True)
class KnowledgeGain:
    learners: int
    pre_mean: float | None
    post_mean: float | None

    @property
    def gain(self) -> float | None:
        if self.pre_mean is None or self.post_mean is None:
            return None
        return self.post_mean - self.pre_mean

    @property
    def normalised_gain(self) -> float | None:
        """Hake's normalised gain: the share of the possible improvement achieved."""
        if self.pre_mean is None or self.post_mean is None or self.pre_mean >= 1:
            return None
        return (self.post_mean - self.pre_mean) / (1 - self.pre_mean)


def paired_first_scores(
    post_tests: list[Quiz], learner_ids: list[int] | None = None
) -> dict[int, dict[int, tuple[float, float]]]:
    """For each post-test (by its ID), the learners who submitted both it and its pre-test,
    each with (pre, post): the scaled score (0–1) of their first submitted attempt at each.
    One query whatever the number of post-tests; `learner_ids` limits it to those learners."""
    pre_of = {quiz.pk: quiz.pre_test_id for quiz in post_tests if quiz.pre_test_id is not None}
    if not pre_of:
        return {}
    attempts = Attempt.objects.filter(
        quiz_id__in=[*pre_of, *pre_of.values()], status=Attempt.Status.SUBMITTED
    )
    if learner_ids is not None:
        attempts = attempts.filter(learner_id__in=learner_ids)
    first: dict[int, dict[int, float]] = {}
    for quiz_id, learner, score, maximum in attempts.order_by("number").values_list(
        "quiz_id", "learner_id", "score", "max_score"
    ):
        first.setdefault(quiz_id, {}).setdefault(
            learner, (score or 0) / maximum if maximum else 0.0
        )
    paired: dict[int, dict[int, tuple[float, float]]] = {}
    for post_id, pre_id in pre_of.items():
        pre, post = first.get(pre_id, {}), first.get(post_id, {})
        paired[post_id] = {
            learner: (pre[learner], post[learner]) for learner in post if learner in pre
        }
    return paired


def first_attempt_scores(
    quiz_ids: list[int], learner_ids: list[int]
) -> dict[tuple[int, int], float]:
    """The scaled score (0–1) of each learner's first submitted attempt at each of the quizzes,
    by (quiz ID, learner ID); learners who submitted none are left out. One query."""
    attempts = Attempt.objects.filter(
        quiz_id__in=quiz_ids, learner_id__in=learner_ids, status=Attempt.Status.SUBMITTED
    ).order_by("number")
    first: dict[tuple[int, int], float] = {}
    for quiz_id, learner, score, maximum in attempts.values_list(
        "quiz_id", "learner_id", "score", "max_score"
    ):
        first.setdefault((quiz_id, learner), (score or 0) / maximum if maximum else 0.0)
    return first


def summarise_gain(scores: dict[int, tuple[float, float]]) -> KnowledgeGain:
    """Mean pre-test and post-test scores over the learners in `scores`."""
    if not scores:
        return KnowledgeGain(0, None, None)
    pairs = list(scores.values())
    return KnowledgeGain(
        len(pairs),
        sum(pre for pre, _post in pairs) / len(pairs),
        sum(post for _pre, post in pairs) / len(pairs),
    )


def knowledge_gain(post_test: Quiz) -> KnowledgeGain:
    """Mean scaled score on the pre-test and post-test, over learners who took both (first
    attempt at each)."""
    return summarise_gain(paired_first_scores([post_test]).get(post_test.pk, {}))


def pre_post_pairs(course_ids: list[int] | None = None) -> list[Quiz]:
    """The post-tests that name a pre-test, in the given courses (None: every course), with
    their course and pre-test loaded; by course and then by creation."""
    post_tests = Quiz.objects.filter(kind=Quiz.Kind.POST_TEST, pre_test__isnull=False)
    if course_ids is not None:
        post_tests = post_tests.filter(course_id__in=course_ids)
    return list(post_tests.select_related("course", "pre_test").order_by("course_id", "id"))
