"""Registering external tools and placing them: each change checks who asks and is whole or
nothing."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from praxis.core.errors import ErrorCode, ValidationFailed
from praxis.core.inputs import parse
from praxis.core.people import Person
from praxis.core.permissions import require
from praxis.lti.inputs import ToolRegistration, checked_url, describe_tool
from praxis.lti.keys import read_public_key
from praxis.lti.models import ResourceLink, Tool
from praxis.lti.permissions import register_tool as may_register
from praxis.organisations.models import Organisation
from praxis.organisations.permissions import AUTHOR_ROLES, organisation_ids_with_role

__all__ = ["link_tool", "register_tool"]


@transaction.atomic
def register_tool(by: Person, data: dict[str, Any]) -> Tool:
    """Register an external tool for the organisation `data["organisation"]` names by its
    slug (the academy's when none: staff
    only). Praxis gives it a client id, and a deployment id unless one is given."""
    if not organisation_ids_with_role(by, AUTHOR_ROLES):
        # Neither an author of any organisation nor staff (who pass): refused before the input
        # is read, so that what they sent does not matter.
        require(may_register, by, None)
    registration = parse(ToolRegistration, data, describe_tool)
    organisation = None
    if registration.organisation is not None:
        organisation = Organisation.objects.filter(slug=registration.organisation).first()
        if organisation is None:
            raise ValidationFailed(fields={"organisation": [_("Choose an organisation.")]})
    require(may_register, by, organisation)
    if registration.public_key.strip():
        try:
            read_public_key(registration.public_key)
        except ValidationFailed as error:
            raise ValidationFailed(
                ErrorCode.LTI_TOOL_KEY_INVALID,
                error.message,
                fields={"public_key": [error.message]},
            ) from error
    fields = registration.model_dump(exclude={"organisation", "deployment_id", "public_key"})
    tool = Tool(
        organisation=organisation,
        public_key=registration.public_key.strip(),
        created_by=by,
        **fields,
    )
    if registration.deployment_id.strip():
        tool.deployment_id = registration.deployment_id.strip()
    tool.save()
    return tool


def link_tool(
    tool: Tool,
    *,
    title: str,
    url: str = "",
    pass_mark: int = 80,
    custom: dict[str, str] | None = None,
) -> ResourceLink:
    """A new placement of `tool` (the caller has checked the author may place it)."""
    problems: dict[str, list[Any]] = {}
    if not 0 <= pass_mark <= 100:
        problems["pass_mark"] = [_("Enter a whole number from 0 to 100.")]
    if url:
        try:
            url = checked_url(url, "target_link_uri")
        except ValueError as error:
            problems["url"] = [str(error)]
    custom = custom or {}
    if len(custom) > 50 or not all(
        isinstance(k, str) and isinstance(v, str) and len(k) <= 100 and len(v) <= 1000
        for k, v in custom.items()
    ):
        problems["custom"] = [_("Custom parameters are at most 50 names and texts.")]
    if problems:
        raise ValidationFailed(fields=problems)
    return ResourceLink.objects.create(
        tool=tool, title=title[:200], url=url, pass_mark=pass_mark, custom=custom
    )
