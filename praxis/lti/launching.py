"""Launching an external tool: OIDC third-party login initiation, then the tool's
authentication request answered with a signed id_token posted back to it.

`start_launch` records who opens which link where and sends the learner to the tool's login
initiation URL; `authorize` checks the tool's request against that record (client, redirect,
learner, a fresh nonce), spends the record and signs the id_token. A refused request changes
nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from joserfc import jwt

from praxis.core.errors import ErrorCode
from praxis.core.people import Person, Visitor, signed_in
from praxis.lti import claims
from praxis.lti.errors import refused
from praxis.lti.keys import current_key, signing_key
from praxis.lti.models import Launch, LineItem, ResourceLink, Subject, Tool

__all__ = [
    "FormPost",
    "LaunchContext",
    "authorize",
    "start_deep_linking",
    "start_launch",
    "subject_of",
]

# The longest value Praxis accepts for each parameter of the authentication request.
AUTH_PARAMETERS = {
    "scope": 100,
    "response_type": 100,
    "client_id": 255,
    "redirect_uri": 1000,
    "login_hint": 255,
    "lti_message_hint": 100,
    "state": 2000,
    "nonce": 255,
}


@dataclass(frozen=True)
class LaunchContext:
    """The course a link is opened in, as the LTI context claim names it."""

    id: str
    title: str
    label: str = ""


@dataclass(frozen=True)
class FormPost:
    """What the learner's browser posts to the tool: the id_token and the tool's state."""

    url: str
    fields: dict[str, str]


def subject_of(tool: Tool, learner: Person) -> str:
    """The stable `sub` `tool` knows `learner` by (made the first time)."""
    found, _created = Subject.objects.get_or_create(tool=tool, learner=learner)
    return found.sub


def _line_item_for(launch: Launch, link: ResourceLink) -> LineItem:
    """The link's own line item in the launch's context, made at its first launch there."""
    item, _created = LineItem.objects.get_or_create(
        tool=link.tool,
        context_id=launch.context.get("id", ""),
        link=link,
        by_tool=False,
        defaults={"label": link.title[:255], "score_maximum": 100},
    )
    return item


def _initiation_url(launch: Launch, target_link_uri: str, sub: str) -> str:
    """The tool's OIDC login initiation URL for `launch` (third-party initiated login)."""
    tool = launch.tool
    query = urlencode(
        {
            "iss": claims.issuer(),
            "login_hint": sub,
            "target_link_uri": target_link_uri,
            "lti_message_hint": str(launch.uuid),
            "client_id": tool.client_id,
            "lti_deployment_id": tool.deployment_id,
        }
    )
    return f"{tool.login_url}{'&' if '?' in tool.login_url else '?'}{query}"


def start_launch(
    learner: Person,
    link: ResourceLink,
    *,
    subject: uuid.UUID,
    context: LaunchContext,
    roles: Sequence[str] = (claims.LEARNER,),
    locale: str = "",
    return_url: str = "",
) -> str:
    """Record `learner` opening `link` as part of `subject` and give the tool's OIDC login
    initiation URL, carrying the launch as `lti_message_hint`."""
    tool = link.tool
    if not tool.active:
        raise refused(ErrorCode.LTI_TOOL_UNAVAILABLE)
    with transaction.atomic():
        sub = subject_of(tool, learner)
        launch = Launch.objects.create(
            tool=tool,
            link=link,
            learner=learner,
            subject=subject,
            context={"id": context.id, "title": context.title, "label": context.label},
            roles=list(roles),
            locale=locale,
            return_url=return_url,
        )
    return _initiation_url(launch, link.target_link_uri, sub)


def start_deep_linking(
    author: Person,
    tool: Tool,
    *,
    subject: uuid.UUID,
    context: LaunchContext,
    return_url_for: Callable[[uuid.UUID], str],
    locale: str = "",
) -> str:
    """Record `author` asking `tool` for content to place in `subject` (a draft module) and
    give the tool's login initiation URL; the tool posts its choice to `return_url_for(launch)`
    (the caller has checked the author may place the tool there)."""
    if not tool.active:
        raise refused(ErrorCode.LTI_TOOL_UNAVAILABLE)
    with transaction.atomic():
        sub = subject_of(tool, author)
        launch = Launch(
            kind=Launch.Kind.DEEP_LINKING,
            tool=tool,
            learner=author,
            subject=subject,
            context={"id": context.id, "title": context.title, "label": context.label},
            roles=[claims.INSTRUCTOR],
            locale=locale,
        )
        launch.return_url = return_url_for(launch.uuid)
        launch.save()
    return _initiation_url(launch, tool.target_link_uri, sub)


def _parameters(params: Mapping[str, str]) -> dict[str, str]:
    found = {}
    for name, longest in AUTH_PARAMETERS.items():
        value = params.get(name, "")
        if not isinstance(value, str) or not value or len(value) > longest:
            raise refused(ErrorCode.LTI_INVALID_REQUEST, name)
        found[name] = value
    if set(found["scope"].split()) != {"openid"} or found["response_type"] != "id_token":
        raise refused(ErrorCode.LTI_INVALID_REQUEST, "scope")
    if params.get("response_mode", "form_post") != "form_post":
        raise refused(ErrorCode.LTI_INVALID_REQUEST, "response_mode")
    if params.get("prompt", "none") != "none":
        raise refused(ErrorCode.LTI_INVALID_REQUEST, "prompt")
    return found


def _find_launch(hint: str) -> Launch:
    try:
        key = uuid.UUID(hint)
    except ValueError as error:
        raise refused(ErrorCode.LTI_LAUNCH_EXPIRED) from error
    launch = Launch.objects.select_related("tool", "link", "learner").filter(uuid=key).first()
    if launch is None:
        raise refused(ErrorCode.LTI_LAUNCH_EXPIRED)
    if launch.used_at is not None:
        raise refused(ErrorCode.LTI_REPLAY)
    if launch.created_at < timezone.now() - timedelta(minutes=settings.LTI_LAUNCH_MINUTES):
        raise refused(ErrorCode.LTI_LAUNCH_EXPIRED)
    return launch


def authorize(user: Visitor, params: Mapping[str, str]) -> FormPost:
    """Answer the tool's OIDC authentication request: the id_token for the launch its
    `lti_message_hint` names, to post to its `redirect_uri` with its `state`. Refused
    (`lti_*`, nothing changed) for a wrong client, redirect, learner or a used launch or nonce."""
    found = _parameters(params)
    launch = _find_launch(found["lti_message_hint"])
    tool = launch.tool
    if found["client_id"] != tool.client_id:
        raise refused(ErrorCode.LTI_UNKNOWN_CLIENT)
    if not tool.active:
        raise refused(ErrorCode.LTI_TOOL_UNAVAILABLE)
    if found["redirect_uri"] not in tool.redirect_uris:
        raise refused(ErrorCode.LTI_WRONG_REDIRECT)
    if not signed_in(user) or user.pk != launch.learner_id:
        raise refused(ErrorCode.LTI_WRONG_USER)
    sub = subject_of(tool, user)
    if found["login_hint"] != sub:
        raise refused(ErrorCode.LTI_WRONG_USER)
    nonce = found["nonce"]
    if Launch.objects.filter(tool=tool, nonce=nonce).exists():
        raise refused(ErrorCode.LTI_REPLAY)
    try:
        with transaction.atomic():
            spent = Launch.objects.filter(pk=launch.pk, used_at__isnull=True).update(
                used_at=timezone.now(), nonce=nonce
            )
            if not spent:
                raise refused(ErrorCode.LTI_REPLAY)
            if launch.link is not None:
                line_item = _line_item_for(launch, launch.link)
                body = claims.resource_link_claims(
                    launch, sub=sub, nonce=nonce, line_item=line_item
                )
            else:
                body = claims.deep_linking_claims(launch, sub=sub, nonce=nonce)
            key = current_key()
            token = jwt.encode({"alg": "RS256", "kid": key.kid, "typ": "JWT"}, body, signing_key())
    except IntegrityError as error:  # the same nonce spent by a launch at the same moment
        raise refused(ErrorCode.LTI_REPLAY) from error
    return FormPost(url=found["redirect_uri"], fields={"id_token": token, "state": found["state"]})
