"""Who may do what in research.

Research officers are people with the `research.decide_access` permission (the demo gives it
to the "Research officers" group); they decide data-access requests. Only the principal
investigator and the members of a project receive its data.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from praxis.core.permissions import Rule

RESEARCH_OFFICERS_GROUP = "Research officers"


def _authenticated(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def is_research_officer(user: Any, obj: Any = None) -> bool:
    return _authenticated(user) and bool(user.has_perm("research.decide_access"))


def is_project_member(user: Any, project: Any) -> bool:
    if not _authenticated(user) or project is None:
        return False
    if project.principal_investigator_id == user.pk:
        return True
    return bool(project.members.filter(pk=user.pk).exists())


def _sees_project(user: Any, project: Any) -> bool:
    return is_research_officer(user) or is_project_member(user, project)


def _project_scope(user: Any) -> Q:
    if is_research_officer(user):
        return Q()
    return Q(principal_investigator=user) | Q(members=user)


def _analyst(user: Any, obj: Any = None) -> bool:
    return _authenticated(user) and (
        bool(user.is_staff) or bool(user.has_perm("research.view_analytics"))
    )


def _experimenter(user: Any, obj: Any = None) -> bool:
    return _authenticated(user) and (bool(user.is_staff) or is_research_officer(user))


decide_access = Rule("research.decide_access", is_research_officer, login_required=True)
view_project = Rule("research.view_project", _sees_project, _project_scope, login_required=True)
export_project = Rule("research.export_project", is_project_member, login_required=True)
submit_project = Rule("research.submit_project", lambda user, obj: True, login_required=True)
view_analytics = Rule("research.view_analytics", _analyst, login_required=True)
manage_experiments = Rule("research.manage_experiments", _experimenter, login_required=True)
