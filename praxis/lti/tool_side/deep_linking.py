"""A learning platform's instructor adding Praxis courses to their own course (LTI Deep Linking
2.0, with Praxis as the tool).

The platform sends an `LtiDeepLinkingRequest` as it sends a launch (checked by `launching`);
`read_request` reads its settings and refuses anyone but an instructor, a content developer or
an administrator. The instructor then picks published courses, and `answer` signs the
`LtiDeepLinkingResponse` their browser posts back to the platform: one `ltiResourceLink` a
course, which the platform launches later with the course named in its custom parameters (and
a line item for the score Praxis posts back).
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from django.conf import settings
from joserfc import jwt

from praxis.core.errors import ErrorCode
from praxis.lti.claims import DEEP_LINKING_SETTINGS, LTI
from praxis.lti.errors import refused
from praxis.lti.hooks import ToolCourse
from praxis.lti.inputs import checked_url
from praxis.lti.keys import current_key, signing_key
from praxis.lti.launching import FormPost
from praxis.lti.models import Platform

__all__ = ["MOST_COURSES", "DeepLinkingRequest", "answer", "read_request"]

CONTENT_ITEMS = "https://purl.imsglobal.org/spec/lti-dl/claim/content_items"
DATA = "https://purl.imsglobal.org/spec/lti-dl/claim/data"
RESOURCE_LINK = "ltiResourceLink"
# The roles that may place content, by the name after the vocabulary's "#" (LIS v2: context
# membership, institution and system roles).
CHOOSING_ROLES = {"Instructor", "ContentDeveloper", "Administrator", "SysAdmin"}
LONGEST_DATA = 4000  # characters of the platform's opaque `data`, echoed back as it came
MOST_COURSES = 20  # courses added by one answer


@dataclass(frozen=True)
class DeepLinkingRequest:
    """What the answer needs of the platform's request: kept in the instructor's session
    between the request and their choice."""

    platform: int
    deployment_id: str
    return_url: str
    data: Any
    accept_multiple: bool
    title: str

    def as_session(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_session(cls, value: Mapping[str, Any]) -> DeepLinkingRequest:
        return cls(**{name: value[name] for name in cls.__dataclass_fields__})


def _may_choose(roles: object) -> bool:
    if not isinstance(roles, list):
        return False
    return any(
        isinstance(role, str) and role.rpartition("#")[2] in CHOOSING_ROLES for role in roles
    )


def read_request(platform: Platform, claims: Mapping[str, Any]) -> DeepLinkingRequest:
    """The settings of a checked `LtiDeepLinkingRequest` (signature, issuer, nonce and
    deployment already checked). Refused: `lti_invalid_request` when the settings are missing or
    malformed or do not accept resource links, `lti_not_instructor` for a learner."""
    found = claims.get(DEEP_LINKING_SETTINGS)
    if not isinstance(found, dict):
        raise refused(ErrorCode.LTI_INVALID_REQUEST, "deep_linking_settings")
    accepted = found.get("accept_types")
    if not isinstance(accepted, list) or RESOURCE_LINK not in accepted:
        raise refused(ErrorCode.LTI_INVALID_REQUEST, "accept_types")
    address = found.get("deep_link_return_url")
    try:
        return_url = checked_url(address if isinstance(address, str) else "", "jwks_url")
    except ValueError as error:
        raise refused(ErrorCode.LTI_INVALID_REQUEST, "deep_link_return_url") from error
    data = found.get("data")
    if data is not None and len(json.dumps(data)) > LONGEST_DATA:
        raise refused(ErrorCode.LTI_INVALID_REQUEST, "data")
    if not _may_choose(claims.get(LTI + "roles")):
        raise refused(ErrorCode.LTI_NOT_INSTRUCTOR)
    title = found.get("title")
    return DeepLinkingRequest(
        platform=platform.pk,
        deployment_id=str(claims[LTI + "deployment_id"]),
        return_url=return_url,
        data=data,
        accept_multiple=found.get("accept_multiple") is not False,
        title=title[:200] if isinstance(title, str) else "",
    )


def _item(course: ToolCourse) -> dict[str, Any]:
    return {
        "type": RESOURCE_LINK,
        "title": course.title,
        "url": settings.SITE_URL + course.url,
        "custom": {"praxis_course": course.slug},
        "lineItem": {"scoreMaximum": 100, "label": course.title},
    }


def answer(request: DeepLinkingRequest, courses: Sequence[ToolCourse]) -> FormPost:
    """The signed `LtiDeepLinkingResponse` adding `courses` (none: the instructor cancelled),
    as the form the browser posts to the platform's return URL."""
    platform = Platform.objects.get(pk=request.platform)
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": platform.client_id,
        "aud": platform.issuer,
        "iat": now,
        "exp": now + 600,
        "nonce": secrets.token_urlsafe(24),
        LTI + "message_type": "LtiDeepLinkingResponse",
        LTI + "version": "1.3.0",
        LTI + "deployment_id": request.deployment_id,
        CONTENT_ITEMS: [_item(course) for course in courses],
    }
    if request.data is not None:
        claims[DATA] = request.data
    key = current_key()
    token = jwt.encode({"alg": "RS256", "kid": key.kid, "typ": "JWT"}, claims, signing_key())
    return FormPost(url=request.return_url, fields={"JWT": token})
