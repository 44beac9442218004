"""Who may see courses, enrol, see progress and manage the catalogue."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from praxis.catalog.models import Course, Enrolment
from praxis.core.permissions import Rule, is_staff


def _can_view_course(user: Any, course: Course) -> bool:
    # An archived course stays open to the people already learning in it, so that they can
    # finish; drafts are for staff only.
    if course.status == Course.Status.PUBLISHED or is_staff(user):
        return True
    if course.status == Course.Status.ARCHIVED and getattr(user, "is_authenticated", False):
        return (
            Enrolment.objects.filter(learner=user, course=course)
            .exclude(status=Enrolment.Status.WITHDRAWN)
            .exists()
        )
    return False


def _visible_courses(user: Any) -> Q:
    return Q() if is_staff(user) else Q(status=Course.Status.PUBLISHED)


view_course = Rule("catalog.view_course", check=_can_view_course, scope=_visible_courses)

enrol_in_course = Rule(
    "catalog.enrol",
    check=lambda user, course: user.is_active and course.status == Course.Status.PUBLISHED,
    login_required=True,
)

# The object is the learner whose progress is asked for. Staff access comes later, with an
# audit trail; until then a learner's progress is theirs alone.
see_progress = Rule(
    "catalog.see_progress",
    check=lambda viewer, learner: viewer.pk == learner.pk,
    scope=lambda viewer: Q(learner=viewer),
    login_required=True,
)

manage_catalogue = Rule("catalog.manage", check=is_staff, login_required=True)
