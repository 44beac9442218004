"""The course page's link to the course's quizzes, answering the query
`praxis.catalog.hooks.course_links` (each answer is (label, URL) or None)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from praxis.assessments.models import Quiz
from praxis.core.people import Visitor


def course_quizzes_link(*, user: Visitor, course: Any, **_ignored: Any) -> tuple[Any, str] | None:
    """(label, URL) of the course's quizzes when it has any."""
    if not Quiz.objects.filter(course=course, published=True).exists():
        return None
    return _("Quizzes"), reverse("assessments:course_quizzes", args=[course.slug])
