"""Lessons that open a partner's external tool by LTI 1.3: the author chooses a registered
tool they may place, and the share of the tool's maximum score that completes the lesson."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.db import transaction
from django.db.models import Max

from praxis.authoring.editing import record as _record
from praxis.authoring.editing import require_editable as _require_editable
from praxis.authoring.editing import touch as _touch
from praxis.authoring.models import DraftLesson, DraftModule, HistoryEntry
from praxis.catalog.models import Lesson
from praxis.core.errors import ErrorCode
from praxis.core.people import Person
from praxis.lti.deep_linking import read_response
from praxis.lti.errors import refused
from praxis.lti.launching import LaunchContext, start_deep_linking
from praxis.lti.models import ResourceLink, Tool
from praxis.lti.permissions import may_place
from praxis.lti.services import copy_link, link_tool, read_pass_mark

__all__ = ["add_chosen_content", "add_tool_lesson", "choose_tool_content", "set_tool_pass_mark"]


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
    found = _placeable(module, by, tool)
    link = link_tool(
        found, title=(title.strip() or found.name), url=url, pass_mark=pass_mark, custom=custom
    )
    return _add_lesson(module, by, link)


@transaction.atomic
def set_tool_pass_mark(lesson: DraftLesson, by: Person, pass_mark: object) -> DraftLesson:
    """Complete the tool lesson at `pass_mark` percent of the tool's maximum score from now on
    (a whole number from 0 to 100, as a number or a form's text).

    The resource link is changed in place only while nothing else holds it. One a published
    version's lesson (or another draft, or a launch) holds is copied instead and the copy edited:
    the course's learners keep the link and pass mark they launched with until the version
    with the new mark is published. Refused, changing nothing, when the draft is not editable
    by `by`, the lesson opens no tool, or the mark is not a whole percent."""
    draft = lesson.module.draft
    _require_editable(draft, by)
    lesson = (
        DraftLesson.objects.select_for_update(of=("self",))
        .select_related("module__draft", "tool_link__tool")
        .get(pk=lesson.pk)
    )
    link = lesson.tool_link
    if link is None:
        raise refused(ErrorCode.LTI_NOT_A_TOOL_LESSON)
    mark = read_pass_mark(pass_mark)
    if mark == link.pass_mark:
        return lesson
    if _shared(link, lesson):
        lesson.tool_link = copy_link(link, pass_mark=mark)
        lesson.save(update_fields=["tool_link"])
    else:
        link.pass_mark = mark
        link.save(update_fields=["pass_mark", "updated_at"])
    _touch(draft, by)
    _record(
        draft,
        by,
        HistoryEntry.Action.EDITED,
        code="tool_pass_mark",
        values={"title": lesson.title, "key": lesson.key, "mark": mark},
    )
    return lesson


def _shared(link: ResourceLink, lesson: DraftLesson) -> bool:
    """Whether anything but `lesson` holds `link`: a course's lesson, another draft's lesson,
    a launch or a line item."""
    return (
        Lesson.objects.filter(tool_link=link).exists()
        or DraftLesson.objects.filter(tool_link=link).exclude(pk=lesson.pk).exists()
        or link.launches.exists()
        or link.line_items.exists()
    )


def _placeable(module: DraftModule, by: Person, tool: uuid.UUID) -> Tool:
    """The tool `by` may place in `module`'s editable draft; refused otherwise."""
    draft = module.draft
    _require_editable(draft, by)
    found = Tool.objects.filter(uuid=tool).first()
    organisations = {o.pk for o in draft.organisations.all()}
    if found is None or not may_place(by, found, organisations):
        raise refused(ErrorCode.LTI_TOOL_UNAVAILABLE)
    return found


def _add_lesson(module: DraftModule, by: Person, link: ResourceLink) -> DraftLesson:
    last = module.lessons.aggregate(last=Max("position"))["last"]
    lesson = DraftLesson.objects.create(
        module=module,
        position=(last + 1) if last is not None else 0,
        title=link.title,
        tool_link=link,
        updated_by=by,
    )
    _touch(module.draft, by)
    _record(
        module.draft,
        by,
        HistoryEntry.Action.EDITED,
        code="added_tool",
        values={"title": lesson.title, "key": lesson.key},
    )
    return lesson


def choose_tool_content(
    module: DraftModule,
    by: Person,
    *,
    tool: uuid.UUID,
    return_url_for: Callable[[uuid.UUID], str],
) -> str:
    """Start a Deep Linking request: the author chooses content in `tool`, which posts it back
    to `return_url_for(launch)`. The tool's login initiation URL, to send the author to."""
    found = _placeable(module, by, tool)
    draft = module.draft
    return start_deep_linking(
        by,
        found,
        subject=module.key,
        context=LaunchContext(id=str(draft.uuid), title=draft.title),
        return_url_for=return_url_for,
        locale=by.preferred_language,
    )


@transaction.atomic
def add_chosen_content(launch: uuid.UUID, token: str) -> tuple[DraftModule, list[DraftLesson]]:
    """The tool's Deep Linking response to `launch`: each resource link chosen becomes a lesson
    at the end of the module the author asked from, if they may still edit the draft. Refused
    (`lti_*`, nothing added) when the response is not the tool's answer to that launch."""
    answered, items = read_response(launch, token)
    author = answered.learner
    module = DraftModule.objects.select_related("draft").filter(key=answered.subject).first()
    if module is None:
        raise refused(ErrorCode.LTI_LAUNCH_EXPIRED)
    tool = _placeable(module, author, answered.tool.uuid)
    lessons = []
    for item in items:
        link = link_tool(tool, title=item.title or tool.name, url=item.url, custom=item.custom)
        lessons.append(_add_lesson(module, author, link))
    return module, lessons
