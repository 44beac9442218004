"""Demo course feedback and grades: the research cohort who finished the English hand-hygiene
course rate it and answer its end-of-course survey (enough answers for the course team's results,
with some counts under five withheld), Grace rates the course she completed, and she has a
first, half-right go at the timed final check, so that her grades show best and last scores."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db import transaction

from praxis.accounts.models import User
from praxis.assessments import services as assessments
from praxis.assessments.models import Attempt, Quiz
from praxis.catalog.models import Course, Enrolment
from praxis.demo.assessments import right_answer
from praxis.demo.research import COHORT_COURSE, cohort_emails
from praxis.feedback import services
from praxis.feedback.models import CourseRating, SurveyResponse

GRACE = "grace@praxis.example"
GRACE_COURSE = "leading-a-health-team-en"
FINAL_CHECK = "Final check: hand hygiene in practice"

# Cycled over the cohort's graduates, in order: (stars, review).
REVIEWS = (
    (5, "Clear steps I could use on the ward the next day."),
    (4, "Good cases; the quiz made me think twice about gloves."),
    (4, ""),
    (5, "The five moments poster from this course is now on our wall."),
    (3, "Useful, though long to finish during night shifts."),
)
# Per survey question, the answers of the graduates in order (cycled).
SURVEY = {
    "relevant": (5, 5, 4, 5, 5, 4, 5, 3, 5, 5),
    "clear": (4, 4, 5, 4, 3, 4, 4, 5, 4, 4),
    "apply": (5, 4, 5, 5, 5, 4, 5, 5, 2, 5),
    "recommend": (5, 5, 4, 5, 4, 5, 5, 4, 5, 5),
}


@transaction.atomic
def load_feedback() -> Counter[str]:
    created: Counter[str] = Counter()
    course = Course.objects.filter(slug=COHORT_COURSE).first()
    if course is not None:
        graduates = list(
            User.objects.filter(
                email__in=cohort_emails(),
                enrolments__course=course,
                enrolments__status=Enrolment.Status.COMPLETED,
            ).order_by("email")
        )
        for index, learner in enumerate(graduates):
            created.update(_feedback_of(learner, course, index))
    grace = User.objects.filter(email=GRACE).first()
    completed = Course.objects.filter(slug=GRACE_COURSE).first()
    if grace is not None and completed is not None:
        created.update(_feedback_of(grace, completed, 0))
        created["quiz attempts"] += _first_final_check(grace)
    return created


def _feedback_of(learner: User, course: Course, index: int) -> Counter[str]:
    created: Counter[str] = Counter()
    if not CourseRating.objects.filter(learner=learner, course=course).exists():
        stars, review = REVIEWS[index % len(REVIEWS)]
        services.rate_course(learner, course, stars, review)
        created["course ratings"] += 1
    if not SurveyResponse.objects.filter(learner=learner, course=course).exists():
        answers = {key: points[index % len(points)] for key, points in SURVEY.items()}
        services.answer_survey(learner, course, answers)
        created["survey responses"] += 1
    return created


def _first_final_check(learner: User) -> int:
    """Grace's first attempt at the timed final check, half right; none if she has one."""
    quiz = Quiz.objects.filter(title=FINAL_CHECK, course__slug="hand-hygiene-en").first()
    if quiz is None or Attempt.objects.filter(quiz=quiz, learner=learner).exists():
        return 0
    attempt = assessments.start_attempt(learner, quiz, seed=2)
    items = list(attempt.items.select_related("question").order_by("position"))
    answers: dict[str, Any] = {
        str(item.question.uuid): right_answer(item.question) for item in items[: len(items) // 2]
    }
    assessments.submit_attempt(learner, attempt, answers)
    return 1
