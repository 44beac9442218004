"""Who may register external tools and place them in lessons: academy staff any tool; a
partner's authors and admins the tools of their organisation. Academy tools (no organisation)
may be placed by anyone who may edit the draft."""

from __future__ import annotations

from django.db.models import Q

from praxis.core.people import Person
from praxis.core.permissions import Rule, is_staff
from praxis.lti.models import Tool
from praxis.organisations.models import Organisation
from praxis.organisations.permissions import AUTHOR_ROLES, organisation_ids_with_role


def _may_manage(user: Person, tool: Tool) -> bool:
    if is_staff(user):
        return True
    return tool.organisation_id is not None and tool.organisation_id in (
        organisation_ids_with_role(user, AUTHOR_ROLES)
    )


def _managed(user: Person) -> Q:
    if is_staff(user):
        return Q()
    return Q(organisation__in=organisation_ids_with_role(user, AUTHOR_ROLES))


def _may_register_for(user: Person, organisation: Organisation | None) -> bool:
    if is_staff(user):
        return True
    return organisation is not None and organisation.pk in organisation_ids_with_role(
        user, AUTHOR_ROLES
    )


def _may_open_tools_page(user: Person, _: None) -> bool:
    return is_staff(user) or bool(organisation_ids_with_role(user, AUTHOR_ROLES))


manage_tool: Rule[Tool] = Rule("lti.manage_tool", check=_may_manage, scope=_managed)
register_tool: Rule[Organisation | None] = Rule("lti.register_tool", check=_may_register_for)
# The tools page: for those who may register a tool, staff or a partner's authors and admins.
open_tools_page: Rule[None] = Rule("lti.open_tools_page", check=_may_open_tools_page)


def may_place(user: Person, tool: Tool, organisation_ids: set[int]) -> bool:
    """Whether `user` may place `tool` in a draft co-created by `organisation_ids`."""
    if not tool.active:
        return False
    if tool.organisation_id is None or is_staff(user):
        return True
    return tool.organisation_id in organisation_ids & organisation_ids_with_role(user, AUTHOR_ROLES)
