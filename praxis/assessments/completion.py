"""The catalog asks, before completing an enrolment, whether required quizzes are passed.

Answers the query `praxis.catalog.hooks.completion_blockers`, connected once from
AssessmentsConfig.ready; the catalog never imports this app.
"""

from __future__ import annotations

from django.urls import reverse

from praxis.assessments.models import Attempt, Quiz
from praxis.assessments.serving import as_served
from praxis.catalog.models import Course
from praxis.catalog.requirements import Requirement
from praxis.core.people import Person


def unpassed_required_quizzes(*, learner: Person, course: Course) -> list[Requirement]:
    """The course's required quizzes the learner has not passed yet, each with its page; where
    an experiment varies a required quiz, the learner's own variant is the one required."""
    required = as_served(
        learner,
        Quiz.objects.filter(course=course, required_for_completion=True, published=True).order_by(
            "id"
        ),
    )
    passed = set(
        Attempt.objects.filter(
            learner=learner, passed=True, quiz_id__in=[quiz.pk for quiz in required]
        ).values_list("quiz_id", flat=True)
    )
    return [
        Requirement(
            kind="quiz",
            title=quiz.title,
            url=reverse("assessments:quiz", args=[quiz.uuid]),
        )
        for quiz in required
        if quiz.pk not in passed
    ]
