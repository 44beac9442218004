"""The course page's links to the course's quizzes and to the learner's grades in it,
answering the queries `praxis.catalog.hooks.shared_course_links` (the quizzes, the same for every
reader) and `course_links` (the grades, the learner's own); each answer is (label, URL) or None."""

from __future__ import annotations

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from praxis.assessments.models import Quiz
from praxis.catalog.models import Course
from praxis.catalog.services import current_enrolment
from praxis.core.people import Visitor, signed_in


def course_quizzes_link(*, course: Course) -> tuple[str | Promise, str] | None:
    """(label, URL) of the course's quizzes when it has any."""
    if not Quiz.objects.filter(course=course, published=True).exists():
        return None
    return _("Quizzes"), reverse("assessments:course_quizzes", args=[course.slug])


def course_grades_link(*, user: Visitor, course: Course) -> tuple[str | Promise, str] | None:
    """(label, URL) of the learner's grades in the course, for a learner enrolled in it."""
    if not signed_in(user) or current_enrolment(user, course) is None:
        return None
    return _("Your grades and progress"), reverse("assessments:course_grades", args=[course.slug])
