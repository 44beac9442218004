"""Item analysis of a quiz from its submitted attempts.

Per question: difficulty (mean proportion of the points earned), point-biserial correlation of
the item with the attempt's total score (total including the item), the upper-lower index
(proportion correct in the top 27% of attempts by total minus the bottom 27%), and the share of
attempts choosing each option. Per quiz: KR-20 (right/wrong items) and Cronbach's alpha (item
scores), over the attempts that answered every question in the set, with population variances.
Every figure comes with the number of attempts behind it.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
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


@dataclass
class QuizFigures:
    attempts: int
    mean_score: float | None
    questions: list[QuestionFigures]
    kr20: float | None
    alpha: float | None
    reliability_n: int
    reliability_items: int


@dataclass(frozen=True)
class Row:
    """One answered item: attempt, question, the share of its points earned, right or not,
    and the response (option IDs for choice questions)."""

    attempt: int
    question: int
    share: float
    correct: bool
    response: Any


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def _variance(values: list[float]) -> float:
    mean = _mean(values)
    return sum((value - mean) ** 2 for value in values) / len(values)


def _pearson(xs: list[float], ys: list[float]) -> float | None:
    if len(xs) < 2:
        return None
    mx, my = _mean(xs), _mean(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def analyse(
    rows: list[Row],
    questions: list[tuple[int, str, float]],
    options: dict[int, list[tuple[int, str, bool]]],
) -> QuizFigures:
    """Figures from answered items; `questions` is (id, stem, points) in quiz order and
    `options` maps a question to its (option id, text, correct) choices."""
    points = {question_id: weight for question_id, _stem, weight in questions}
    totals: dict[int, float] = defaultdict(float)
    by_question: dict[int, dict[int, Row]] = defaultdict(dict)
    for row in rows:
        totals[row.attempt] += row.share * points.get(row.question, 1.0)
        by_question[row.question][row.attempt] = row
    ranked = sorted(totals, key=lambda attempt: (totals[attempt], attempt))
    group = round(UPPER_LOWER_SHARE * len(ranked))
    lower, upper = set(ranked[:group]), set(ranked[len(ranked) - group :]) if group else set()
    figures = [
        _question(
            question_id,
            stem,
            by_question.get(question_id, {}),
            totals,
            upper,
            lower,
            options.get(question_id, []),
        )
        for question_id, stem, _points in questions
    ]
    kr20, alpha, n, k = _reliability([q for q, _s, _p in questions], by_question, points)
    mean_score = _mean(list(totals.values())) if totals else None
    return QuizFigures(len(totals), mean_score, figures, kr20, alpha, n, k)


def _question(
    question_id: int,
    stem: str,
    answers: dict[int, Row],
    totals: dict[int, float],
    upper: set[int],
    lower: set[int],
    choices: list[tuple[int, str, bool]],
) -> QuestionFigures:
    n = len(answers)
    if not n:
        return QuestionFigures(question_id, stem, 0, None, None, None, 0)
    shares = [row.share for row in answers.values()]
    attempt_totals = [totals[attempt] for attempt in answers]
    upper_rows = [answers[a].share for a in answers if a in upper]
    lower_rows = [answers[a].share for a in answers if a in lower]
    index = _mean(upper_rows) - _mean(lower_rows) if upper_rows and lower_rows else None
    chosen: dict[int, int] = defaultdict(int)
    blank = 0
    for row in answers.values():
        response = row.response
        if response is None:
            blank += 1
        elif isinstance(response, int):
            chosen[response] += 1
        elif isinstance(response, list):
            for option_id in response:
                if isinstance(option_id, int):
                    chosen[option_id] += 1
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
    )


def _reliability(
    question_ids: list[int], by_question: dict[int, dict[int, Row]], points: dict[int, float]
) -> tuple[float | None, float | None, int, int]:
    k = len(question_ids)
    if k < 2:
        return None, None, 0, k
    complete = set.intersection(*(set(by_question.get(q, {})) for q in question_ids))
    n = len(complete)
    if n < 2:
        return None, None, n, k
    attempts = sorted(complete)
    scores = {q: [by_question[q][a].share * points[q] for a in attempts] for q in question_ids}
    rights = {
        q: [1.0 if by_question[q][a].correct else 0.0 for a in attempts] for q in question_ids
    }
    totals = [sum(scores[q][i] for q in question_ids) for i in range(n)]
    right_totals = [sum(rights[q][i] for q in question_ids) for i in range(n)]
    factor = k / (k - 1)
    variance = _variance(totals)
    right_variance = _variance(right_totals)
    alpha = (
        factor * (1 - sum(_variance(scores[q]) for q in question_ids) / variance)
        if variance
        else None
    )
    pq = sum(_mean(rights[q]) * (1 - _mean(rights[q])) for q in question_ids)
    kr20 = factor * (1 - pq / right_variance) if right_variance else None
    return kr20, alpha, n, k
