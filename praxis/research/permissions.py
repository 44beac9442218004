"""Who may do what in research.

Research officers are people with the `research.decide_access` permission (the demo gives it
to the "Research officers" group); they decide data-access requests, except those of projects
they lead or belong to. Only the principal investigator and the members of a project receive
its data.

Analytics: academy staff and holders of `research.view_analytics` see every course. A partner
organisation's course team, its organisation admins and authors, see the dashboard of the
courses their organisations co-create, and nothing else (reviewers review other organisations'
courses, so their role gives no analytics). The same course teams run experiments on those
courses; staff and research officers on any course.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from praxis.catalog.models import Course
from praxis.core.people import Person, Visitor, signed_in
from praxis.core.permissions import Rule
from praxis.organisations.models import Role
from praxis.organisations.permissions import organisation_ids_with_role

RESEARCH_OFFICERS_GROUP = "Research officers"
COURSE_TEAM_ROLES = frozenset({Role.ADMIN, Role.AUTHOR})


def is_research_officer(user: Visitor, obj: Any = None) -> bool:
    return signed_in(user) and bool(user.has_perm("research.decide_access"))


def is_project_member(user: Visitor, project: Any) -> bool:
    if not signed_in(user) or project is None:
        return False
    if project.principal_investigator_id == user.pk:
        return True
    return bool(project.members.filter(pk=user.pk).exists())


def may_decide(user: Visitor, project: Any) -> bool:
    """A research officer who neither leads nor belongs to `project` (separation of duties)."""
    return is_research_officer(user) and not is_project_member(user, project)


def _sees_project(user: Person, project: Any) -> bool:
    return is_research_officer(user) or is_project_member(user, project)


def _project_scope(user: Person) -> Q:
    if is_research_officer(user):
        return Q()
    return Q(principal_investigator=user) | Q(members=user)


def sees_all_analytics(user: Person) -> bool:
    """Academy staff and analysts see the analytics of every course."""
    return signed_in(user) and (
        bool(user.is_staff) or bool(user.has_perm("research.view_analytics"))
    )


def course_team_organisations(user: Person) -> set[int]:
    """The organisations in which `user` is an organisation admin or an author."""
    return organisation_ids_with_role(user, COURSE_TEAM_ROLES)


def _course_of(obj: Any) -> Course | None:
    if isinstance(obj, Course):
        return obj
    course = getattr(obj, "course", None)  # an experiment
    return course if isinstance(course, Course) else None


def _on_team_course(user: Person, obj: Any) -> bool:
    """With no object: whether `user` is on any course team; with a course (or an experiment):
    whether one of `user`'s organisations co-creates it."""
    teams = course_team_organisations(user)
    if not teams:
        return False
    course = _course_of(obj)
    if obj is None:
        return True
    if course is None:
        return False
    return course.organisations.filter(pk__in=teams).exists()


def _analyst(user: Person, obj: Any = None) -> bool:
    return sees_all_analytics(user) or _on_team_course(user, obj)


def _analytics_scope(user: Person) -> Q:
    if sees_all_analytics(user):
        return Q()
    return Q(pk__in=Course.objects.filter(organisations__in=course_team_organisations(user)))


def experiments_on_every_course(user: Person) -> bool:
    """Academy staff and research officers experiment on any course."""
    return signed_in(user) and (bool(user.is_staff) or is_research_officer(user))


def _experimenter(user: Person, obj: Any = None) -> bool:
    if not signed_in(user):
        return False
    return experiments_on_every_course(user) or _on_team_course(user, obj)


def _experiment_scope(user: Person) -> Q:
    if experiments_on_every_course(user):
        return Q()
    return Q(course__in=Course.objects.filter(organisations__in=course_team_organisations(user)))


decide_access = Rule("research.decide_access", is_research_officer)
view_project = Rule("research.view_project", _sees_project, _project_scope)
export_project = Rule("research.export_project", is_project_member)
submit_project: Rule[object] = Rule("research.submit_project", lambda user, obj: True)
# On courses: `allows(user)` opens the dashboard, `allows(user, course)` one course's figures,
# `filter(user, Course.objects.all())` the courses whose figures `user` sees.
view_analytics = Rule("research.view_analytics", _analyst, _analytics_scope)
# On experiments (or a course, to create one): `allows(user)` opens the experiment pages.
manage_experiments = Rule("research.manage_experiments", _experimenter, _experiment_scope)


def analytics_courses(user: Person) -> QuerySet[Course] | None:
    """The courses whose figures `user` sees; None when they see every course (and the
    figures not tied to a course, such as event attendance)."""
    if sees_all_analytics(user):
        return None
    return view_analytics.filter(user, Course.objects.all())
