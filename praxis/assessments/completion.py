"""The catalog asks, before completing an enrolment, whether required quizzes are passed.

Connected once from AssessmentsConfig.ready; the catalog never imports this app.
"""

from __future__ import annotations

from typing import Any

from praxis.assessments.models import Attempt, Quiz
from praxis.catalog.models import Course
from praxis.catalog.services import COMPLETION_BLOCKERS
from praxis.core import hooks


def unpassed_required_quizzes(*, learner: Any, course: Course) -> list[str]:
    """Titles of the course's required quizzes the learner has not passed yet."""
    required = Quiz.objects.filter(course=course, required_for_completion=True, published=True)
    passed = Attempt.objects.filter(learner=learner, passed=True).values("quiz_id")
    return list(required.exclude(id__in=passed).values_list("title", flat=True))


def connect() -> None:
    hooks.connect(COMPLETION_BLOCKERS, unpassed_required_quizzes)
