"""The API of external tools: register one, list those one manages, read the platform's
addresses a tool is configured with."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from praxis.accounts.auth import SignedInRequest, api_auth
from praxis.core.permissions import require
from praxis.core.schemas import errors
from praxis.lti import queries, services
from praxis.lti.models import Platform
from praxis.lti.schemas import (
    LearningPlatformIn,
    LearningPlatformOut,
    PlatformOut,
    ToolAddressesOut,
    ToolIn,
    ToolOut,
)
from praxis.lti.tool_side.registration import manage_platforms, register_platform, tool_addresses

router = Router(tags=["external tools (LTI)"])


@router.get("/lti/platform", response=PlatformOut)
def platform(request: HttpRequest) -> PlatformOut:
    """Praxis's issuer, authentication, token and key set addresses as an LTI 1.3 platform."""
    return PlatformOut.here()


@router.get("/lti/tools", response={200: list[ToolOut], **errors(401)}, auth=api_auth)
def list_tools(request: SignedInRequest) -> list[ToolOut]:
    """The external tools the caller may manage (staff: all; authors: their organisations')."""
    return [ToolOut.of(tool) for tool in queries.managed_tools(request.user)]


@router.post("/lti/tools", response={201: ToolOut, **errors(400, 401, 403)}, auth=api_auth)
def register_tool(request: SignedInRequest, payload: ToolIn) -> Status[ToolOut]:
    """Register an external tool; Praxis gives its client id (and deployment id unless one is
    given). Refused: `lti_tool_key_required`, `lti_tool_key_invalid`, `invalid_input`."""
    tool = services.register_tool(request.user, payload.model_dump())
    return Status(201, ToolOut.of(tool))


@router.get("/lti/tool", response=ToolAddressesOut)
def tool(request: HttpRequest) -> ToolAddressesOut:
    """What a learning platform's administrator enters to register Praxis as an LTI 1.3 tool:
    login initiation, launch and redirect URLs, key set; Deep Linking is not needed."""
    return ToolAddressesOut.of(tool_addresses())


@router.get(
    "/lti/platforms", response={200: list[LearningPlatformOut], **errors(401, 403)}, auth=api_auth
)
def list_platforms(request: SignedInRequest) -> list[LearningPlatformOut]:
    """The learning platforms registered to launch Praxis courses (staff only)."""
    require(manage_platforms, request.user, None)
    addresses = tool_addresses()
    found = Platform.objects.select_related("organisation").order_by("name")
    return [LearningPlatformOut.of(platform, addresses) for platform in found]


@router.post(
    "/lti/platforms", response={201: LearningPlatformOut, **errors(400, 401, 403)}, auth=api_auth
)
def add_platform(
    request: SignedInRequest, payload: LearningPlatformIn
) -> Status[LearningPlatformOut]:
    """Register a learning platform (staff only). Refused: `permission_denied`,
    `invalid_input`, `lti_platform_key_required`, `lti_tool_key_invalid`."""
    platform = register_platform(request.user, payload.model_dump())
    return Status(201, LearningPlatformOut.of(platform, tool_addresses()))
