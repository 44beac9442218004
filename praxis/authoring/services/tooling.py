"""Lessons that open a partner's external tool by LTI 1.3: the author chooses a registered
tool they may place, and the share of the tool's maximum score that completes the lesson."""

from __future__ import annotations

import uuid

from django.db import transaction
from django.db.models import Max

from praxis.authoring.editing import record as _record
from praxis.authoring.editing import require_editable as _require_editable
from praxis.authoring.editing import touch as _touch
from praxis.authoring.models import DraftLesson, DraftModule, HistoryEntry
from praxis.core.errors import ErrorCode
from praxis.core.people import Person
from praxis.lti.errors import refused
from praxis.lti.models import Tool
from praxis.lti.permissions import may_place
from praxis.lti.services import link_tool

__all__ = ["add_tool_lesson"]


@transaction.atomic
def add_tool_lesson(
    module: DraftModule,
    by: Person,
    *,
    tool: uuid.UUID,
    title: str = "",
    url: str = "",
    pass_mark: int = 80,
    custom: dict[str, str] | None = None,
) -> DraftLesson:
    """Add a lesson at the end of `module` that opens `tool` (at `url`, else the tool's launch
    URL), completed when the tool scores the learner at `pass_mark` percent or more. Refused
    when the draft is not editable or the tool is not one the author may place."""
    draft = module.draft
    _require_editable(draft, by)
    found = Tool.objects.filter(uuid=tool).first()
    organisations = {o.pk for o in draft.organisations.all()}
    if found is None or not may_place(by, found, organisations):
        raise refused(ErrorCode.LTI_TOOL_UNAVAILABLE)
    link = link_tool(
        found, title=(title.strip() or found.name), url=url, pass_mark=pass_mark, custom=custom
    )
    last = module.lessons.aggregate(last=Max("position"))["last"]
    lesson = DraftLesson.objects.create(
        module=module,
        position=(last + 1) if last is not None else 0,
        title=link.title,
        tool_link=link,
        updated_by=by,
    )
    _touch(draft, by)
    _record(
        draft, by, HistoryEntry.Action.EDITED, code="added_tool", values={"title": lesson.title}
    )
    return lesson
