"""Who may take quizzes, see item analysis and manage question banks."""

from __future__ import annotations

from praxis.assessments.models import Attempt, Quiz
from praxis.assessments.serving import quiz_served_to
from praxis.catalog.services import current_enrolment
from praxis.core.people import Person
from praxis.core.permissions import Rule, is_staff


def _may_take(user: Person, quiz: Quiz) -> bool:
    """A published quiz of a course the user is enrolled in (staff: any course), unless an
    experiment serves the user another quiz in its place."""
    return bool(
        quiz.published
        and (is_staff(user) or current_enrolment(user, quiz.course) is not None)
        and quiz_served_to(user, quiz).pk == quiz.pk
    )


take_quiz = Rule("assessments.take_quiz", check=_may_take)


def _own_attempt(user: Person, attempt: Attempt) -> bool:
    return bool(attempt.learner_id == user.pk)


answer_attempt = Rule("assessments.answer_attempt", check=_own_attempt)

# Item analysis and bank management: academy staff (authors' roles arrive with authoring).
analyse_items = Rule("assessments.analyse", check=is_staff)
manage_banks = Rule("assessments.manage_banks", check=is_staff)
