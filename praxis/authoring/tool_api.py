"""The co-creation API for lessons that open an external tool (LTI 1.3): the tools an author
may place in a draft, and a new lesson opening one."""

from __future__ import annotations

from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from pydantic import StrictInt

from praxis.accounts.auth import SignedInRequest, api_auth
from praxis.authoring import queries, services
from praxis.authoring.models import DraftLesson, DraftModule
from praxis.core.errors import ErrorCode
from praxis.core.schemas import errors
from praxis.lti.errors import refused
from praxis.lti.queries import placeable_tools

router = Router(tags=["co-creation"])


class PlaceableToolOut(Schema):
    uuid: UUID
    name: str


class ToolLessonIn(Schema):
    tool: UUID
    title: str = ""
    url: str = ""
    pass_mark: int = 80
    custom: dict[str, str] = {}


class ToolLessonOut(Schema):
    key: UUID
    title: str
    tool: UUID
    resource_link: UUID
    pass_mark: int

    @staticmethod
    def of(lesson: DraftLesson) -> ToolLessonOut:
        link = lesson.tool_link
        if link is None:
            raise refused(ErrorCode.LTI_NOT_A_TOOL_LESSON)
        return ToolLessonOut(
            key=lesson.key,
            title=lesson.title,
            tool=link.tool.uuid,
            resource_link=link.uuid,
            pass_mark=link.pass_mark,
        )


class ToolSettingsIn(Schema):
    # Strict: a fraction, a truth value or digits in a string are refused, not rounded or read.
    pass_mark: StrictInt = Field(
        ..., description="The percent of the tool's maximum score that completes the lesson"
    )


@router.get(
    "/authoring/drafts/{draft}/tools",
    response={200: list[PlaceableToolOut], **errors(401, 403, 404)},
    auth=api_auth,
)
def list_placeable_tools(request: SignedInRequest, draft: UUID) -> list[PlaceableToolOut]:
    """The external tools the caller may place in this draft."""
    found = queries.find_draft(request.user, draft)
    organisations = {o.pk for o in found.organisations.all()}
    return [
        PlaceableToolOut(uuid=tool.uuid, name=tool.name)
        for tool in placeable_tools(request.user, organisations)
    ]


@router.post(
    "/authoring/drafts/{draft}/modules/{module}/tool-lessons",
    response={201: ToolLessonOut, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def add_tool_lesson(
    request: SignedInRequest, draft: UUID, module: UUID, payload: ToolLessonIn
) -> Status[ToolLessonOut]:
    """A new lesson at the end of the module opening an external tool, completed when the
    tool's score reaches `pass_mark` percent of its maximum. An unknown tool, or one the
    author may not place, is `lti_tool_unavailable`."""
    found = queries.find_draft(request.user, draft)
    target = get_object_or_404(DraftModule, draft=found, key=module)
    lesson = services.add_tool_lesson(
        target,
        request.user,
        tool=payload.tool,
        title=payload.title,
        url=payload.url,
        pass_mark=payload.pass_mark,
        custom=payload.custom,
    )
    return Status(201, ToolLessonOut.of(lesson))


@router.get(
    "/authoring/drafts/{draft}/lessons/{key}/tool",
    response={200: ToolLessonOut, **errors(401, 403, 404)},
    auth=api_auth,
)
def get_tool_settings(request: SignedInRequest, draft: UUID, key: UUID) -> ToolLessonOut:
    """The external tool a lesson opens and its pass mark (404 `lti_not_a_tool_lesson` when
    the lesson opens none)."""
    return ToolLessonOut.of(queries.find_lesson(queries.find_draft(request.user, draft), key))


@router.put(
    "/authoring/drafts/{draft}/lessons/{key}/tool",
    response={200: ToolLessonOut, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def set_tool_settings(
    request: SignedInRequest, draft: UUID, key: UUID, payload: ToolSettingsIn
) -> ToolLessonOut:
    """Change the lesson's pass mark (a whole number from 0 to 100). A resource link that a
    published version holds is copied, not changed: its learners keep the pass mark they
    launched with until this draft is published, and `resource_link` names the copy."""
    lesson = queries.find_lesson(queries.find_draft(request.user, draft), key)
    return ToolLessonOut.of(services.set_tool_pass_mark(lesson, request.user, payload.pass_mark))
