"""Reading course feedback: the average rating and its count, the reviews, a learner's own
rating and survey, and the survey's results for the course team with small cells suppressed."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product

from django.db.models import Avg, Count, QuerySet

from praxis.catalog.models import Course
from praxis.core.errors import PermissionDenied
from praxis.core.people import Person, Visitor, signed_in
from praxis.core.permissions import require
from praxis.feedback.models import CourseRating, SurveyResponse
from praxis.feedback.permissions import see_survey_results
from praxis.feedback.survey import QUESTIONS, SCALE, SMALL_CELL

AGREE = 4  # "Agree" and "Strongly agree"


@dataclass(frozen=True)
class RatingSummary:
    count: int
    average: float | None  # None before the first rating


def rating_summary(course: Course) -> RatingSummary:
    """The course's average rating (one decimal) and the number of ratings. One query."""
    figures = CourseRating.objects.filter(course=course).aggregate(
        count=Count("id"), average=Avg("stars")
    )
    average = figures["average"]
    return RatingSummary(figures["count"], round(average, 1) if average is not None else None)


def reviews(course: Course, limit: int = 20) -> QuerySet[CourseRating]:
    """The latest ratings that carry a review, with their learners' names."""
    return (
        CourseRating.objects.filter(course=course)
        .exclude(review="")
        .select_related("learner")
        .order_by("-updated_at")[:limit]
    )


def own_rating(learner: Visitor, course: Course) -> CourseRating | None:
    if not signed_in(learner):
        return None
    return CourseRating.objects.filter(course=course, learner=learner).first()


def has_answered_survey(learner: Visitor, course: Course) -> bool:
    return (
        signed_in(learner)
        and SurveyResponse.objects.filter(course=course, learner=learner).exists()
    )


@dataclass(frozen=True)
class Cell:
    """The number of answers at one point of the scale; `count` is None when suppressed."""

    point: int
    label: str
    count: int | None


@dataclass(frozen=True)
class QuestionResult:
    key: str
    text: str
    answers: int  # how many answered this question
    # Empty when fewer than SMALL_CELL answered it, or when the counts are withheld.
    cells: list[Cell]
    mean: float | None  # None when fewer than SMALL_CELL answered it
    # The counts are not shown although enough answered: a count under SMALL_CELL could be
    # worked out from them and the figures published beside them (`could_be_worked_out`).
    withheld: bool = False


@dataclass(frozen=True)
class SurveyResults:
    responses: int
    questions: list[QuestionResult]  # empty when fewer than SMALL_CELL responded
    small_cell: int = SMALL_CELL


def _mean(total: int, answers: int) -> float:
    """The mean as the results page and the analytics dashboard publish it: one decimal."""
    return round(total / answers, 1)


def _agreeing_percent(agreeing: int, answers: int) -> int:
    """The share who agreed as the analytics dashboard publishes it: a whole percent."""
    return round(100 * agreeing / answers)


def could_be_worked_out(counts: dict[int, int]) -> bool:
    """Whether a count under SMALL_CELL of one question, shown as "fewer than SMALL_CELL", could
    be worked out exactly from what the course team reads about the question: the other
    counts, the number of answers, the mean to one decimal (here and on the analytics
    dashboard) and the share who agreed (the dashboard's, to the whole percent).

    Every way of filling the hidden counts (each 1 to SMALL_CELL - 1) that agrees with those
    figures is tried: a count is safe only if two of them or more give it different values.
    A lone hidden count always falls to the total; two, often to the mean. At most
    (SMALL_CELL - 1) ** 5 = 1,024 tries."""
    hidden = [point for point, count in counts.items() if 0 < count < SMALL_CELL]
    if not hidden:
        return False
    answers = sum(counts.values())
    total = sum(point * count for point, count in counts.items())
    agreeing = sum(count for point, count in counts.items() if point >= AGREE)
    mean, agreeing_percent = _mean(total, answers), _agreeing_percent(agreeing, answers)
    possible: dict[int, set[int]] = {point: set() for point in hidden}
    for guess in product(range(1, SMALL_CELL), repeat=len(hidden)):
        cells = {**counts, **dict(zip(hidden, guess, strict=True))}
        if (
            sum(cells.values()) == answers
            and _mean(sum(p * c for p, c in cells.items()), answers) == mean
            and _agreeing_percent(sum(c for p, c in cells.items() if p >= AGREE), answers)
            == agreeing_percent
        ):
            for point, value in zip(hidden, guess, strict=True):
                possible[point].add(value)
    return any(len(values) < 2 for values in possible.values())


def survey_results(viewer: Person, course: Course) -> SurveyResults:
    """The survey's answers, counted per question and point of the scale, for the course team
    (staff and the admins and authors of a co-creating organisation). A count under SMALL_CELL
    is never shown, nor may it be worked out from what is shown: a question whose counts would
    give one away shows its mean alone. Fewer than SMALL_CELL responses show nothing but that."""
    if not signed_in(viewer):
        raise PermissionDenied()
    require(see_survey_results, viewer, course)
    answers = list(SurveyResponse.objects.filter(course=course).values_list("answers", flat=True))
    if len(answers) < SMALL_CELL:
        return SurveyResults(responses=len(answers), questions=[])
    results = []
    for key, text in QUESTIONS.items():
        values = [row[key] for row in answers if isinstance(row.get(key), int)]
        counts = {point: values.count(point) for point in SCALE}
        enough = len(values) >= SMALL_CELL
        withheld = enough and could_be_worked_out(counts)
        shown = (
            {point: (None if 0 < count < SMALL_CELL else count) for point, count in counts.items()}
            if enough and not withheld
            else {}
        )
        results.append(
            QuestionResult(
                key=key,
                text=str(text),
                answers=len(values),
                cells=[Cell(point, str(SCALE[point]), shown[point]) for point in shown],
                mean=_mean(sum(values), len(values)) if enough else None,
                withheld=withheld,
            )
        )
    return SurveyResults(responses=len(answers), questions=results)


@dataclass(frozen=True)
class QuestionTally:
    """How one survey question was answered across courses: answers, their sum, and how many
    agreed (4 or 5)."""

    key: str
    text: str
    answers: int
    total: int
    agreeing: int


def survey_tallies(course_ids: list[int] | None) -> list[QuestionTally]:
    """Each survey question's answers over the courses `course_ids` (None: every course), for
    research dashboards, which suppress small counts themselves. One query."""
    responses = SurveyResponse.objects.all()
    if course_ids is not None:
        responses = responses.filter(course_id__in=course_ids)
    answers = list(responses.values_list("answers", flat=True))
    tallies = []
    for key, text in QUESTIONS.items():
        values = [row[key] for row in answers if isinstance(row.get(key), int)]
        tallies.append(
            QuestionTally(
                key=key,
                text=str(text),
                answers=len(values),
                total=sum(values),
                agreeing=sum(1 for value in values if value >= AGREE),
            )
        )
    return tallies
