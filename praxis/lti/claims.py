"""The claims of the id_token Praxis signs for a launch, named as LTI 1.3 and LTI Advantage
name them."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.urls import reverse

from praxis.core.languages import canonical_tag
from praxis.core.people import Person
from praxis.lti.models import Launch, LineItem, Tool

LTI = "https://purl.imsglobal.org/spec/lti/claim/"
AGS = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
AGS_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/"
NRPS = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"
NRPS_SCOPE = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"
SCOPES = {
    AGS_SCOPE + "lineitem",
    AGS_SCOPE + "lineitem.readonly",
    AGS_SCOPE + "result.readonly",
    AGS_SCOPE + "score",
    NRPS_SCOPE,
}
DEEP_LINKING_SETTINGS = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"
LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"
INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"
COURSE_OFFERING = "http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering"


def issuer() -> str:
    return settings.SITE_URL


def absolute(name: str, *args: object) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def identity(tool: Tool, learner: Person) -> dict[str, str]:
    """The learner's name and e-mail address, each only when the tool is trusted with it."""
    claims: dict[str, str] = {}
    if tool.share_name and learner.full_name:
        claims["name"] = learner.full_name
        given, _space, family = learner.full_name.partition(" ")
        claims["given_name"] = given
        if family:
            claims["family_name"] = family
    if tool.share_email:
        claims["email"] = learner.email
    return claims


def _common(launch: Launch, *, sub: str, nonce: str) -> dict[str, Any]:
    """The claims of every message Praxis sends `launch`'s tool."""
    tool = launch.tool
    now = int(time.time())
    context = launch.context
    return {
        "iss": issuer(),
        "aud": tool.client_id,
        "azp": tool.client_id,
        "sub": sub,
        "iat": now,
        "exp": now + settings.LTI_ID_TOKEN_SECONDS,
        "nonce": nonce,
        **identity(tool, launch.learner),
        LTI + "message_type": launch.kind,
        LTI + "version": "1.3.0",
        LTI + "deployment_id": tool.deployment_id,
        LTI + "roles": list(launch.roles),
        LTI + "context": {
            "id": context.get("id", ""),
            "label": context.get("label", ""),
            "title": context.get("title", ""),
            "type": [COURSE_OFFERING],
        },
        LTI + "tool_platform": {
            "guid": issuer(),
            "name": settings.SITE_NAME,
            "product_family_code": "praxis",
        },
    }


def resource_link_claims(
    launch: Launch, *, sub: str, nonce: str, line_item: LineItem
) -> dict[str, Any]:
    """The id_token of an LtiResourceLinkRequest for `launch`."""
    link = launch.link
    assert link is not None  # a resource link launch names its link
    context_id = launch.context.get("id", "")
    return {
        **_common(launch, sub=sub, nonce=nonce),
        LTI + "target_link_uri": link.target_link_uri,
        LTI + "resource_link": {"id": str(link.uuid), "title": link.title},
        LTI + "launch_presentation": {
            "document_target": "window",
            "locale": canonical_tag(launch.locale or "en"),
            **({"return_url": launch.return_url} if launch.return_url else {}),
        },
        LTI + "custom": dict(link.custom),
        NRPS: {
            "context_memberships_url": absolute("lti:memberships", context_id),
            "service_versions": ["2.0"],
        },
        AGS: {
            "scope": sorted(SCOPES - {NRPS_SCOPE}),
            "lineitems": absolute("lti:line_items", context_id),
            "lineitem": absolute("lti:line_item", line_item.uuid),
        },
    }


def deep_linking_claims(launch: Launch, *, sub: str, nonce: str) -> dict[str, Any]:
    """The id_token of an LtiDeepLinkingRequest: the author chooses resource links in the
    tool, which posts them back to `launch.return_url` with `data` naming the launch."""
    return {
        **_common(launch, sub=sub, nonce=nonce),
        LTI + "target_link_uri": launch.tool.target_link_uri,
        LTI + "launch_presentation": {
            "document_target": "window",
            "locale": canonical_tag(launch.locale or "en"),
        },
        DEEP_LINKING_SETTINGS: {
            "deep_link_return_url": launch.return_url,
            "accept_types": ["ltiResourceLink"],
            "accept_presentation_document_targets": ["window"],
            "accept_multiple": True,
            "auto_create": True,
            "data": str(launch.uuid),
        },
    }
