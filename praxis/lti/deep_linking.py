"""Deep Linking 2.0: the content an author chose in a tool, posted back as a JWT the tool signs.

`read_response` checks the response against the deep linking launch it answers (once, within
the launch's time), verifies the tool's signature, and reads its `ltiResourceLink` items. The
caller (co-creation) turns them into lessons.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from joserfc import jwt
from joserfc.errors import JoseError

from praxis.core.errors import ErrorCode
from praxis.lti.claims import LTI, issuer
from praxis.lti.errors import refused
from praxis.lti.inputs import checked_url
from praxis.lti.keys import tool_key
from praxis.lti.models import Launch
from praxis.lti.tokens import LEEWAY, read_unverified

__all__ = ["ContentItem", "read_response"]

MOST_ITEMS = 20
ANSWER_HOURS = 2  # how long the author has to choose in the tool


@dataclass(frozen=True)
class ContentItem:
    """One resource link the tool offers: its title, launch URL, custom parameters and the
    maximum score of its line item, if it declares one."""

    title: str
    url: str = ""
    custom: dict[str, str] = field(default_factory=dict)
    score_maximum: float | None = None


def _item(found: object) -> ContentItem | None:
    """`found` as a resource link, None for another type; refused when malformed."""
    if not isinstance(found, dict):
        raise refused(ErrorCode.LTI_INVALID_REQUEST, "content_items")
    if found.get("type") != "ltiResourceLink":
        return None
    title, url, custom = found.get("title") or "", found.get("url") or "", found.get("custom")
    if not isinstance(title, str) or not isinstance(url, str) or len(title) > 200:
        raise refused(ErrorCode.LTI_INVALID_REQUEST, "content_items")
    if url:
        try:
            url = checked_url(url, "target_link_uri")
        except ValueError as error:
            raise refused(ErrorCode.LTI_INVALID_REQUEST, "url") from error
    custom = custom or {}
    if (
        not isinstance(custom, dict)
        or len(custom) > 50
        or not all(
            isinstance(k, str) and isinstance(v, str) and len(k) <= 100 and len(v) <= 1000
            for k, v in custom.items()
        )
    ):
        raise refused(ErrorCode.LTI_INVALID_REQUEST, "custom")
    line_item = found.get("lineItem")
    maximum = line_item.get("scoreMaximum") if isinstance(line_item, dict) else None
    if maximum is not None and (
        isinstance(maximum, bool) or not isinstance(maximum, int | float) or maximum <= 0
    ):
        raise refused(ErrorCode.LTI_INVALID_REQUEST, "lineItem")
    return ContentItem(title=title.strip(), url=url, custom=custom, score_maximum=maximum)


def _check(launch: Launch, claims: dict[str, Any]) -> list[ContentItem]:
    tool = launch.tool
    audience = claims.get("aud")
    if claims.get("iss") != tool.client_id or issuer() not in (
        audience if isinstance(audience, list) else [audience]
    ):
        raise refused(ErrorCode.LTI_ASSERTION_INVALID, "iss")
    expires = claims.get("exp")
    if not isinstance(expires, int | float) or expires < time.time() - LEEWAY:
        raise refused(ErrorCode.LTI_ASSERTION_EXPIRED)
    if claims.get(LTI + "deployment_id") != tool.deployment_id:
        raise refused(ErrorCode.LTI_UNKNOWN_DEPLOYMENT)
    if (
        claims.get(LTI + "message_type") != "LtiDeepLinkingResponse"
        or claims.get(LTI + "version") != "1.3.0"
        or not claims.get("nonce")
    ):
        raise refused(ErrorCode.LTI_INVALID_REQUEST, "message_type")
    if claims.get("https://purl.imsglobal.org/spec/lti-dl/claim/data") != str(launch.uuid):
        raise refused(ErrorCode.LTI_ASSERTION_INVALID, "data")
    found = claims.get("https://purl.imsglobal.org/spec/lti-dl/claim/content_items", [])
    if not isinstance(found, list) or len(found) > MOST_ITEMS:
        raise refused(ErrorCode.LTI_INVALID_REQUEST, "content_items")
    return [item for item in map(_item, found) if item is not None]


@transaction.atomic
def read_response(launch_key: uuid.UUID, token: str) -> tuple[Launch, list[ContentItem]]:
    """The deep linking launch `token` answers and the resource links it holds. Refused
    (`lti_*`, the launch left unanswered) for a launch that is unknown, unanswered by the
    tool's authentication, expired or already answered, or a token not signed by its tool
    or not naming it."""
    launch = (
        Launch.objects.select_for_update()
        .select_related("tool", "learner")
        .filter(uuid=launch_key, kind=Launch.Kind.DEEP_LINKING, used_at__isnull=False)
        .first()
    )
    if launch is None or launch.created_at < timezone.now() - timedelta(hours=ANSWER_HOURS):
        raise refused(ErrorCode.LTI_LAUNCH_EXPIRED)
    if launch.responded_at is not None:
        raise refused(ErrorCode.LTI_REPLAY)
    if not isinstance(token, str) or not token or len(token) > 100_000:
        raise refused(ErrorCode.LTI_INVALID_REQUEST, "JWT")
    header, _unverified = read_unverified(token)
    if header.get("alg") != "RS256":
        raise refused(ErrorCode.LTI_BAD_SIGNATURE, "alg")
    kid = header.get("kid")
    try:
        verified = jwt.decode(
            token, tool_key(launch.tool, kid if isinstance(kid, str) else None), ["RS256"]
        )
    except (JoseError, ValueError) as error:
        raise refused(ErrorCode.LTI_BAD_SIGNATURE) from error
    items = _check(launch, dict(verified.claims))
    launch.responded_at = timezone.now()
    launch.save(update_fields=["responded_at"])
    return launch, items
