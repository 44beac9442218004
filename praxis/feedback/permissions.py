"""Who may rate a course, answer its survey and read the survey's results."""

from __future__ import annotations

from django.db.models import QuerySet

from praxis.accounts.models import User
from praxis.catalog.models import Course, Enrolment
from praxis.core.people import Person, signed_in
from praxis.core.permissions import Rule, is_staff
from praxis.organisations.models import Membership, Role
from praxis.organisations.permissions import organisation_ids_with_role

COURSE_TEAM_ROLES = frozenset({Role.ADMIN, Role.AUTHOR})


def _enrolled(learner: Person, course: Course) -> bool:
    return (
        signed_in(learner)
        and Enrolment.objects.filter(learner=learner, course=course)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .exists()
    )


def _on_course_team(user: Person, course: Course) -> bool:
    """Academy staff, and the admins and authors of an organisation that co-creates it."""
    if is_staff(user):
        return True
    teams = organisation_ids_with_role(user, COURSE_TEAM_ROLES)
    return bool(teams) and course.organisations.filter(pk__in=teams).exists()


def course_team(course: Course) -> QuerySet[User]:
    """The people of the course team outside the academy's staff: the active admins and
    authors of the organisations that co-create `course`."""
    return User.objects.filter(
        memberships__organisation__in=course.organisations.all(),
        memberships__role__in=COURSE_TEAM_ROLES,
        memberships__status=Membership.Status.ACTIVE,
    ).distinct()


def on_a_course_team(user: Person) -> bool:
    """Whether `user` is an admin or author of an organisation, and so on the team of the
    courses it co-creates."""
    return bool(organisation_ids_with_role(user, COURSE_TEAM_ROLES))


# A learner rates a course they follow or completed; the object is the course.
rate_course: Rule[Course] = Rule("feedback.rate_course", check=_enrolled)
see_survey_results: Rule[Course] = Rule("feedback.see_survey_results", check=_on_course_team)
