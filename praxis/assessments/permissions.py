"""Who may take quizzes, see item analysis and manage question banks."""

from __future__ import annotations

from typing import Any

from praxis.catalog.services import current_enrolment
from praxis.core.permissions import Rule, is_staff

take_quiz = Rule(
    "assessments.take_quiz",
    check=lambda user, quiz: (
        quiz.published and (is_staff(user) or current_enrolment(user, quiz.course) is not None)
    ),
    login_required=True,
)


def _own_attempt(user: Any, attempt: Any) -> bool:
    return bool(attempt.learner_id == user.pk)


answer_attempt = Rule("assessments.answer_attempt", check=_own_attempt, login_required=True)

# Item analysis and bank management: academy staff (authors' roles arrive with authoring).
analyse_items = Rule("assessments.analyse", check=is_staff, login_required=True)
manage_banks = Rule("assessments.manage_banks", check=is_staff, login_required=True)
