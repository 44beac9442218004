"""Who may see courses, enrol, see progress and manage the catalogue."""

from __future__ import annotations

from django.db.models import Q

from praxis.catalog.models import Course, Enrolment
from praxis.core.people import Person, Visitor, signed_in
from praxis.core.permissions import OpenRule, Rule, is_staff


def _can_view_course(user: Visitor, course: Course) -> bool:
    # An archived course stays open to the people already learning in it, so that they can
    # finish; drafts are for staff only.
    if course.status == Course.Status.PUBLISHED or is_staff(user):
        return True
    if course.status == Course.Status.ARCHIVED and signed_in(user):
        return (
            Enrolment.objects.filter(learner=user, course=course)
            .exclude(status=Enrolment.Status.WITHDRAWN)
            .exists()
        )
    return False


def _visible_courses(user: Visitor) -> Q:
    return Q() if is_staff(user) else Q(status=Course.Status.PUBLISHED)


view_course = OpenRule("catalog.view_course", check=_can_view_course, scope=_visible_courses)

enrol_in_course: Rule[Course] = Rule(
    "catalog.enrol",
    check=lambda user, course: user.is_active and course.status == Course.Status.PUBLISHED,
)

# The object is the learner whose progress is asked for. Staff access comes later, with an
# audit trail; until then a learner's progress is theirs alone.
see_progress: Rule[Person] = Rule(
    "catalog.see_progress",
    check=lambda viewer, learner: viewer.pk == learner.pk,
    scope=lambda viewer: Q(learner=viewer),
)

manage_catalogue = Rule("catalog.manage", check=is_staff)
