"""Reading external tools: those a person manages, those they may place in a draft."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from praxis.core.people import Person
from praxis.core.permissions import is_staff
from praxis.lti.models import Tool
from praxis.lti.permissions import manage_tool
from praxis.organisations.permissions import AUTHOR_ROLES, organisation_ids_with_role


def managed_tools(user: Person) -> QuerySet[Tool]:
    return manage_tool.filter(user, Tool.objects.select_related("organisation")).order_by("name")


def placeable_tools(user: Person, organisation_ids: set[int]) -> QuerySet[Tool]:
    """The active tools `user` may place in a draft co-created by `organisation_ids`."""
    tools = Tool.objects.filter(active=True).select_related("organisation")
    if is_staff(user):
        return tools.order_by("name")
    mine = organisation_ids & organisation_ids_with_role(user, AUTHOR_ROLES)
    return tools.filter(Q(organisation__isnull=True) | Q(organisation__in=mine)).order_by("name")
