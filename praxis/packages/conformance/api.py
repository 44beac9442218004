"""The cmi5 conformance API (/api/v1/cmi5-conformance/…): what an LMS conformance test suite
needs to drive Praxis as the cmi5 LMS. It exists only where PRAXIS_CMI5_CONFORMANCE is on
(elsewhere every operation answers 404), answers staff only, by bearer API token, and is left
out of the OpenAPI document."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from praxis.accounts.auth import TOKEN_USER
from praxis.core.schemas import errors
from praxis.packages.conformance import services

router = Router(tags=["cmi5 conformance"])


def _caller(request: HttpRequest) -> Any:
    """The owner of the request's bearer token, or None: a session cookie is not enough, so
    that no page can make a signed-in staff member's browser call this."""
    return getattr(request, TOKEN_USER, None)


class CourseOut(Schema):
    id: UUID = Field(..., description="The course's id in the other operations")
    title: str
    aus: int = Field(..., description="How many AUs the course has")


class LaunchIn(Schema):
    actor: dict[str, Any] = Field(..., description="The xAPI Agent to launch for")
    registration: UUID | None = None
    launch_mode: str = Field("Normal", alias="launchMode")


class LaunchOut(Schema):
    url: str


class WaiveIn(Schema):
    reason: str


@router.post(
    "/cmi5-conformance/courses",
    response={201: CourseOut, **errors(400, 401, 403, 404, 413)},
    auth=None,
    include_in_schema=False,
)
def import_course(request: HttpRequest) -> Status[CourseOut]:
    """Import a cmi5 course: the body is the zip (application/zip) or a bare cmi5.xml
    (text/xml); a package cmi5 refuses gets the `package_…` code normal import gives."""
    package = services.import_course(
        _caller(request),
        request.body,
        request.content_type or "",
        request.headers.get("X-File-Name", ""),
    )
    return Status(
        201, CourseOut(id=package.uuid, title=package.title, aus=len(package.launchables))
    )


@router.delete(
    "/cmi5-conformance/courses/{course}",
    response={204: None, **errors(401, 403, 404)},
    auth=None,
    include_in_schema=False,
)
def delete_course(request: HttpRequest, course: UUID) -> Status[None]:
    services.delete_course(_caller(request), course)
    return Status(204, None)


@router.post(
    "/cmi5-conformance/courses/{course}/aus/{index}/launch-url",
    response={200: LaunchOut, **errors(400, 401, 403, 404, 409)},
    auth=None,
    include_in_schema=False,
)
def launch_url(request: HttpRequest, course: UUID, index: int, payload: LaunchIn) -> LaunchOut:
    """The URL that launches the course's AU at `index` (from 0) for the actor."""
    url = services.launch_url(
        _caller(request),
        course,
        index,
        payload.actor,
        registration=payload.registration,
        mode=payload.launch_mode,
    )
    return LaunchOut(url=url)


@router.post(
    "/cmi5-conformance/registrations/{registration}/aus/{index}/waive",
    response={204: None, **errors(400, 401, 403, 404)},
    auth=None,
    include_in_schema=False,
)
def waive_au(
    request: HttpRequest, registration: UUID, index: int, payload: WaiveIn
) -> Status[None]:
    services.waive_au(_caller(request), registration, index, payload.reason)
    return Status(204, None)


@router.post(
    "/cmi5-conformance/sessions/{session}/abandon",
    response={204: None, **errors(401, 403, 404, 409)},
    auth=None,
    include_in_schema=False,
)
def abandon_session(request: HttpRequest, session: UUID) -> Status[None]:
    services.abandon_session(_caller(request), session)
    return Status(204, None)
