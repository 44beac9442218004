"""Item analysis of a quiz from its submitted attempts.

Per question: difficulty (mean proportion of the points earned), the mean score beside the
question's points (difficulty in points), point-biserial correlation of the item with the
attempt's total score (total including the item), the upper-lower index (proportion correct in
the top 27% of attempts by total minus the bottom 27%), and the share of attempts choosing each
option. Per quiz: the mean total score beside the mean of the attempts' maximum scores (the
quiz's total points, unless its questions are drawn at random), KR-20 (right/wrong items) and
Cronbach's alpha (item scores), over the attempts that answered every question in the set, with
population variances. Every figure comes with the number of attempts behind it.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import mul
from typing import Any

UPPER_LOWER_SHARE = 0.27


@dataclass
class OptionRate:
    option_id: int
    text: str
    correct: bool
    rate: float


@dataclass
class QuestionFigures:
    question_id: int
    stem: str
    n: int
    difficulty: float | None
    point_biserial: float | None
    upper_lower: float | None
    upper_lower_n: int
    options: list[OptionRate] = field(default_factory=list)
    blank_rate: float | None = None
    points: float = 0.0  # what the question is worth

    @property
    def mean_score(self) -> float | None:
        """The mean of the points earned on the question, out of its `points`."""
        return None if self.difficulty is None else self.difficulty * self.points


@dataclass
class QuizFigures:
    attempts: int
    mean_score: float | None
    questions: list[QuestionFigures]
    kr20: float | None
    alpha: float | None
    reliability_n: int
    reliability_items: int
    # What `mean_score` is out of: the mean of the attempts' maximum scores.
    max_score: float | None = None


# One answered item: (attempt id, question id, share of the points earned, right or not, the
# response as stored: JSON text, or already decoded where the database driver decodes JSON).
Row = tuple[int, int, float, bool, Any]


# Sums of products go through map(operator.mul, …) so that the loops run in C: at 10,000
# attempts and 20 questions that is most of the time item analysis takes.


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def _variance(values: Sequence[float]) -> float:
    n = len(values)
    mean = sum(values) / n
    squares: float = sum(map(mul, values, values))
    return max(0.0, squares / n - mean * mean)


def _pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxy: float = sum(map(mul, xs, ys)) - n * mx * my
    sxx: float = sum(map(mul, xs, xs)) - n * mx * mx
    syy: float = sum(map(mul, ys, ys)) - n * my * my
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    return sxy / math.sqrt(sxx * syy)


def analyse(
    rows: Iterable[Row],
    questions: list[tuple[int, str, float]],
    options: dict[int, list[tuple[int, str, bool]]],
) -> QuizFigures:
    """Figures from answered items; `questions` is (id, stem, points) in quiz order and
    `options` maps a question to its (option id, text, correct) choices."""
    points = {question_id: weight for question_id, _stem, weight in questions}
    totals: dict[int, float] = defaultdict(float)
    maxima: dict[int, float] = defaultdict(float)
    by_question: dict[int, dict[int, tuple[float, bool]]] = {q: {} for q in points}
    responses: dict[int, Counter[Any]] = {q: Counter() for q in points}
    for attempt, question, share, correct, response in rows:
        weight = points.get(question)
        if weight is None:
            continue
        totals[attempt] += share * weight
        maxima[attempt] += weight
        by_question[question][attempt] = (share, bool(correct))
        # Counted as stored, so each distinct response is decoded once.
        responses[question][response if isinstance(response, str | None) else str(response)] += 1
    ranked = sorted(totals, key=lambda attempt: (totals[attempt], attempt))
    group = round(UPPER_LOWER_SHARE * len(ranked))
    lower = set(ranked[:group])
    upper = set(ranked[len(ranked) - group :]) if group else set()
    figures = [
        _question(
            question_id,
            stem,
            weight,
            by_question[question_id],
            totals,
            upper,
            lower,
            options.get(question_id, []),
            responses[question_id],
        )
        for question_id, stem, weight in questions
    ]
    kr20, alpha, n, k = _reliability([q for q, _s, _p in questions], by_question, points)
    mean_score = _mean(list(totals.values())) if totals else None
    max_score = _mean(list(maxima.values())) if maxima else None
    return QuizFigures(len(totals), mean_score, figures, kr20, alpha, n, k, max_score)


def _chosen_options(responses: Counter[Any]) -> tuple[dict[int, int], int]:
    """How many attempts chose each option, and how many left the question blank."""
    chosen: dict[int, int] = defaultdict(int)
    blank = 0
    for stored, count in responses.items():
        try:
            value = json.loads(stored) if isinstance(stored, str) else stored
        except ValueError:
            value = None
        if value is None:
            blank += count
        elif isinstance(value, int) and not isinstance(value, bool):
            chosen[value] += count
        elif isinstance(value, list):
            for option_id in value:
                if isinstance(option_id, int):
                    chosen[option_id] += count
    return chosen, blank


def _question(
    question_id: int,
    stem: str,
    points: float,
    answers: dict[int, tuple[float, bool]],
    totals: dict[int, float],
    upper: set[int],
    lower: set[int],
    choices: list[tuple[int, str, bool]],
    responses: Counter[Any],
) -> QuestionFigures:
    n = len(answers)
    if not n:
        return QuestionFigures(question_id, stem, 0, None, None, None, 0, points=points)
    shares = [share for share, _correct in answers.values()]
    attempt_totals = [totals[attempt] for attempt in answers]
    upper_rows = [answers[a][0] for a in answers if a in upper]
    lower_rows = [answers[a][0] for a in answers if a in lower]
    index = _mean(upper_rows) - _mean(lower_rows) if upper_rows and lower_rows else None
    chosen, blank = _chosen_options(responses)
    rates = [
        OptionRate(option_id, text, correct, chosen.get(option_id, 0) / n)
        for option_id, text, correct in choices
    ]
    return QuestionFigures(
        question_id,
        stem,
        n,
        _mean(shares),
        _pearson(shares, attempt_totals),
        index,
        len(upper_rows) + len(lower_rows),
        rates,
        blank / n,
        points,
    )


def _reliability(
    question_ids: list[int],
    by_question: dict[int, dict[int, tuple[float, bool]]],
    points: dict[int, float],
) -> tuple[float | None, float | None, int, int]:
    k = len(question_ids)
    if k < 2:
        return None, None, 0, k
    complete = set.intersection(*(set(by_question.get(q, {})) for q in question_ids))
    n = len(complete)
    if n < 2:
        return None, None, n, k
    attempts = sorted(complete)
    scores = [[by_question[q][a][0] * points[q] for a in attempts] for q in question_ids]
    rights = [[1.0 if by_question[q][a][1] else 0.0 for a in attempts] for q in question_ids]
    totals = list(map(sum, zip(*scores, strict=True)))
    right_totals = list(map(sum, zip(*rights, strict=True)))
    factor = k / (k - 1)
    variance = _variance(totals)
    right_variance = _variance(right_totals)
    alpha = (
        factor * (1 - sum(_variance(column) for column in scores) / variance)
        if variance > 1e-12
        else None
    )
    pq = sum(_mean(column) * (1 - _mean(column)) for column in rights)
    kr20 = factor * (1 - pq / right_variance) if right_variance > 1e-12 else None
    return kr20, alpha, n, k
