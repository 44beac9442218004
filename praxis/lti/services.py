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

__all__ = ["PASS_MARK_MESSAGE", "copy_link", "link_tool", "read_pass_mark", "register_tool"]

PASS_MARK_MESSAGE = _("Enter a whole number from 0 to 100.")


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
    if _whole_percent(pass_mark) is None:
        problems["pass_mark"] = [PASS_MARK_MESSAGE]
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


def _whole_percent(value: object) -> int | None:
    """`value` as a whole number from 0 to 100, from a number or the digits a form posts; None
    for anything else (a fraction, a negative number, a truth value, empty text)."""
    if isinstance(value, str):
        text = value.strip()
        value = int(text) if text.isascii() and text.isdigit() and len(text) <= 3 else None
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if 0 <= value <= 100 else None


def read_pass_mark(value: object) -> int:
    """The pass mark `value` gives (a whole percent, as a number or a form's text), or
    ValidationFailed on `pass_mark`."""
    mark = _whole_percent(value)
    if mark is None:
        raise ValidationFailed(fields={"pass_mark": [PASS_MARK_MESSAGE]})
    return mark


def copy_link(link: ResourceLink, *, pass_mark: int) -> ResourceLink:
    """A new placement of the same tool, address and custom parameters as `link` with another
    pass mark: the copy a new version of a course edits, leaving `link` as the learners of the
    versions already published launched it."""
    return ResourceLink.objects.create(
        tool=link.tool,
        title=link.title,
        url=link.url,
        custom=dict(link.custom),
        pass_mark=pass_mark,
    )
