"""A learning platform launching a Praxis course: the OIDC login it initiates, then the
id_token its authentication endpoint posts back, checked before anything changes.

`initiate_login` answers the platform's login initiation with its authentication request,
recording a `state` (which the view binds to the browser by a cookie) and a `nonce`;
`accept_launch` checks the id_token (signature with the platform's key, issuer, audience,
lifetime, nonce, deployment, message type, course), then spends the login, finds or makes the
account linked to the platform's `sub`, enrols it and keeps where to post its score.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from joserfc import jws, jwt
from joserfc.errors import BadSignatureError, JoseError
from joserfc.jwk import KeySet, RSAKey

from praxis.accounts.models import User
from praxis.core.errors import ErrorCode, PermissionDenied
from praxis.lti import hooks
from praxis.lti.claims import AGS, LTI, absolute
from praxis.lti.errors import refused
from praxis.lti.inputs import checked_url
from praxis.lti.keys import JWKS_SECONDS, read_public_key
from praxis.lti.models import Platform, PlatformAccount, PlatformEnrolment, PlatformLogin
from praxis.lti.tool_side import deep_linking, http
from praxis.lti.tool_side.deep_linking import DeepLinkingRequest

__all__ = ["Launched", "LoginRedirect", "accept_launch", "initiate_login"]

LEEWAY = 60  # seconds of clock difference allowed between the platform and Praxis
LONGEST_TOKEN = 20_000
SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
# The longest value accepted for each login initiation parameter; the first three are needed.
LOGIN_PARAMETERS = {
    "iss": 255,
    "login_hint": 2000,
    "target_link_uri": 1000,
    "lti_message_hint": 4000,
    "client_id": 255,
    "lti_deployment_id": 255,
}
RESOURCE_LINK = "LtiResourceLinkRequest"
DEEP_LINKING = "LtiDeepLinkingRequest"
MESSAGE_TYPES = {RESOURCE_LINK, DEEP_LINKING}
# Where a platform's account has no address Praxis may use: a reserved domain (RFC 2606).
NO_ADDRESS_DOMAIN = "lti-platform.invalid"


@dataclass(frozen=True)
class LoginRedirect:
    """The platform's authentication request, and the state the browser must bring back."""

    url: str
    state: str


@dataclass(frozen=True)
class Launched:
    """An accepted launch: who is signed in, and the course page they go to; or, for an
    instructor's request to add courses, what their answer needs."""

    learner: User
    course_url: str
    created: bool
    deep_linking: DeepLinkingRequest | None = None


def _text(params: Mapping[str, str], name: str, longest: int, *, needed: bool) -> str:
    value = params.get(name, "")
    if not isinstance(value, str) or len(value) > longest or (needed and not value):
        raise refused(ErrorCode.LTI_INVALID_REQUEST, name)
    return value


def _platform(issuer: str, client_id: str) -> Platform:
    """The platform registered under `issuer` (and `client_id`, needed when the issuer has
    several registrations); refused when there is none or it is switched off."""
    found = list(Platform.objects.filter(issuer=issuer)[:20])
    if client_id:
        found = [platform for platform in found if platform.client_id == client_id]
    if len(found) != 1:
        raise refused(ErrorCode.LTI_UNKNOWN_PLATFORM)
    if not found[0].active:
        raise refused(ErrorCode.LTI_PLATFORM_UNAVAILABLE)
    return found[0]


def initiate_login(params: Mapping[str, str]) -> LoginRedirect:
    """Answer a platform's third-party login initiation with its OIDC authentication request
    (refused, nothing recorded, for an unknown or inactive platform, an unknown deployment or
    a target outside Praxis)."""
    found = {
        name: _text(params, name, longest, needed=name in {"iss", "login_hint", "target_link_uri"})
        for name, longest in LOGIN_PARAMETERS.items()
    }
    platform = _platform(found["iss"], found["client_id"])
    deployment = found["lti_deployment_id"]
    if deployment and deployment not in platform.deployment_ids:
        raise refused(ErrorCode.LTI_UNKNOWN_DEPLOYMENT)
    if urlsplit(found["target_link_uri"])[:2] != urlsplit(settings.SITE_URL)[:2]:
        raise refused(ErrorCode.LTI_INVALID_REQUEST, "target_link_uri")
    login = PlatformLogin.objects.create(
        platform=platform, state=secrets.token_urlsafe(32), nonce=secrets.token_urlsafe(32)
    )
    query = {
        "scope": "openid",
        "response_type": "id_token",
        "response_mode": "form_post",
        "prompt": "none",
        "client_id": platform.client_id,
        "redirect_uri": absolute("lti:tool_launch"),
        "login_hint": found["login_hint"],
        "state": login.state,
        "nonce": login.nonce,
    }
    if found["lti_message_hint"]:
        query["lti_message_hint"] = found["lti_message_hint"]
    separator = "&" if "?" in platform.auth_url else "?"
    return LoginRedirect(f"{platform.auth_url}{separator}{urlencode(query)}", login.state)


def _key_set(platform: Platform, *, fresh: bool) -> KeySet:
    cache_key = f"lti:platform-jwks:{platform.uuid}"
    data = None if fresh else cache.get(cache_key)
    if data is None:
        try:
            _status, body = http.call(platform.jwks_url, headers={"Accept": "application/json"})
            data = http.json_answer(body)
        except (http.Unreachable, http.Refused) as error:
            raise refused(ErrorCode.LTI_BAD_SIGNATURE, "JWKS") from error
        cache.set(cache_key, data, JWKS_SECONDS)
    try:
        return KeySet.import_key_set(data)  # type: ignore[arg-type] # checked as it is read: a JSON object
    except (JoseError, ValueError, TypeError, KeyError) as error:
        raise refused(ErrorCode.LTI_BAD_SIGNATURE, "JWKS") from error


def platform_key(platform: Platform, kid: str | None) -> RSAKey:
    """The key `platform` signs with under `kid`: its PEM key, or that key of its key set
    (fetched again once when the kid is new). Refused (`lti_bad_signature`) when none."""
    if platform.public_key:
        return read_public_key(platform.public_key)
    for fresh in (False, True):
        keys = [key for key in _key_set(platform, fresh=fresh).keys if isinstance(key, RSAKey)]
        named = [key for key in keys if key.kid == kid] if kid else keys
        if len(named) == 1:
            return named[0]
    raise refused(ErrorCode.LTI_BAD_SIGNATURE, "kid")


def _unverified(token: str) -> tuple[dict[str, Any], dict[str, Any]]:
    try:
        compact = jws.extract_compact(token.encode())
        payload = json.loads(compact.payload)
    except (JoseError, ValueError, TypeError) as error:
        raise refused(ErrorCode.LTI_INVALID_REQUEST, "id_token") from error
    if not isinstance(payload, dict):
        raise refused(ErrorCode.LTI_INVALID_REQUEST, "id_token")
    return dict(compact.protected), payload


def _audiences(claims: Mapping[str, Any]) -> list[str]:
    audience = claims.get("aud")
    found = audience if isinstance(audience, list) else [audience]
    return [item for item in found if isinstance(item, str)]


def _registered_platform(claims: Mapping[str, Any], login: PlatformLogin) -> Platform:
    """The platform the id_token names by issuer and audience: the one the login began with."""
    issuer = claims.get("iss")
    audiences = _audiences(claims)
    if not isinstance(issuer, str) or not audiences:
        raise refused(ErrorCode.LTI_UNKNOWN_PLATFORM)
    platform = (
        Platform.objects.filter(issuer=issuer, client_id__in=audiences).order_by("pk").first()
    )
    if platform is None:
        raise refused(ErrorCode.LTI_UNKNOWN_PLATFORM)
    if platform.pk != login.platform_id:
        raise refused(ErrorCode.LTI_STATE_MISMATCH)
    if not platform.active:
        raise refused(ErrorCode.LTI_PLATFORM_UNAVAILABLE)
    return platform


def _check_claims(platform: Platform, claims: Mapping[str, Any], login: PlatformLogin) -> None:
    audiences = _audiences(claims)
    if len(audiences) > 1 and claims.get("azp") != platform.client_id:
        raise refused(ErrorCode.LTI_ASSERTION_INVALID, "azp")
    if "azp" in claims and claims.get("azp") != platform.client_id:
        raise refused(ErrorCode.LTI_ASSERTION_INVALID, "azp")
    expires, issued, now = claims.get("exp"), claims.get("iat"), time.time()
    for moment in (expires, issued):
        if not isinstance(moment, int | float) or isinstance(moment, bool):
            raise refused(ErrorCode.LTI_ASSERTION_EXPIRED)
    assert isinstance(expires, int | float) and isinstance(issued, int | float)  # checked above
    if expires < now - LEEWAY or issued > now + LEEWAY:
        raise refused(ErrorCode.LTI_ASSERTION_EXPIRED)
    if not secrets.compare_digest(str(claims.get("nonce", "")), login.nonce):
        raise refused(ErrorCode.LTI_REPLAY, "nonce")
    if claims.get(LTI + "version") != "1.3.0":
        raise refused(ErrorCode.LTI_WRONG_MESSAGE_TYPE, "version")
    if claims.get(LTI + "message_type") not in MESSAGE_TYPES:
        raise refused(ErrorCode.LTI_WRONG_MESSAGE_TYPE)
    if claims.get(LTI + "deployment_id") not in platform.deployment_ids:
        raise refused(ErrorCode.LTI_UNKNOWN_DEPLOYMENT)
    sub = claims.get("sub")
    if not isinstance(sub, str) or not sub or len(sub) > 255:
        raise refused(ErrorCode.LTI_ASSERTION_INVALID, "sub")
    if claims[LTI + "message_type"] == DEEP_LINKING:
        return  # a request to choose content names no resource link
    link = claims.get(LTI + "resource_link")
    if not isinstance(link, dict) or not isinstance(link.get("id"), str) or not link["id"]:
        raise refused(ErrorCode.LTI_INVALID_REQUEST, "resource_link")
    if len(link["id"]) > 255:
        raise refused(ErrorCode.LTI_INVALID_REQUEST, "resource_link")


def _course(claims: Mapping[str, Any]) -> hooks.ToolCourse:
    """The published course the launch names: the custom parameter `praxis_course` (a slug),
    else the course page its target_link_uri is. Refused (`lti_course_not_found`) otherwise."""
    custom = claims.get(LTI + "custom")
    slug = custom.get("praxis_course") if isinstance(custom, dict) else None
    if not isinstance(slug, str) or not slug:
        target = claims.get(LTI + "target_link_uri")
        slug = _course_slug(target) if isinstance(target, str) else None
    if not slug or len(slug) > 120:
        raise refused(ErrorCode.LTI_COURSE_NOT_FOUND)
    for answer in hooks.published_course.ask(slug=slug):
        if answer is not None:
            return answer
    raise refused(ErrorCode.LTI_COURSE_NOT_FOUND)


def _course_slug(target: str) -> str | None:
    parts = urlsplit(target)
    if parts[:2] != urlsplit(settings.SITE_URL)[:2]:
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    slug = match.kwargs.get("slug")
    return slug if match.view_name == "catalog:course" and isinstance(slug, str) else None


def _grade_service(claims: Mapping[str, Any]) -> tuple[str, list[str]]:
    """The line item to post scores to, and the scopes offered, when the platform offers
    posting scores; ("", []) otherwise."""
    endpoint = claims.get(AGS)
    if not isinstance(endpoint, dict):
        return "", []
    lineitem, scopes = endpoint.get("lineitem"), endpoint.get("scope")
    if not isinstance(scopes, list) or not all(isinstance(item, str) for item in scopes):
        return "", []
    if not isinstance(lineitem, str) or SCORE_SCOPE not in scopes:
        return "", []
    try:
        return checked_url(lineitem, "jwks_url"), [str(item)[:200] for item in scopes[:10]]
    except ValueError:
        return "", []


def _email(claims: Mapping[str, Any]) -> str:
    """The address the platform sent, when it looks like one and no account has it."""
    email = claims.get("email")
    if not isinstance(email, str) or len(email) > 254 or email.count("@") != 1:
        return ""
    local, _at, domain = email.strip().lower().partition("@")
    if not local or "." not in domain or any(c.isspace() for c in email.strip()):
        return ""
    address = f"{local}@{domain}"
    return "" if User.objects.filter(email__iexact=address).exists() else address


def _name(claims: Mapping[str, Any]) -> str:
    name = claims.get("name")
    if not isinstance(name, str) or not name.strip():
        parts = [claims.get("given_name"), claims.get("family_name")]
        name = " ".join(part for part in parts if isinstance(part, str) and part.strip())
    return name.strip()[:150]


def _account(platform: Platform, claims: Mapping[str, Any]) -> tuple[User, bool]:
    """The account linked to the platform's `sub` under its issuer, made the first time with
    no password, and the platform's e-mail address only when no account has it already."""
    sub = str(claims["sub"])
    link = (
        PlatformAccount.objects.select_related("learner")
        .filter(issuer=platform.issuer, sub=sub)
        .first()
    )
    if link is not None:
        return link.learner, False
    email = _email(claims) or f"{secrets.token_hex(12)}@{NO_ADDRESS_DOMAIN}"
    learner = User.objects.create_user(email, None, full_name=_name(claims))
    PlatformAccount.objects.create(
        platform=platform, issuer=platform.issuer, sub=sub, learner=learner
    )
    return learner, True


def _fresh_login(state: str, browser_states: set[str]) -> PlatformLogin:
    if not state or len(state) > 100 or state not in browser_states:
        raise refused(ErrorCode.LTI_STATE_MISMATCH)
    login = PlatformLogin.objects.select_related("platform").filter(state=state).first()
    if login is None:
        raise refused(ErrorCode.LTI_STATE_MISMATCH)
    if login.used_at is not None:
        raise refused(ErrorCode.LTI_REPLAY)
    if login.created_at < timezone.now() - timedelta(minutes=settings.LTI_LAUNCH_MINUTES):
        raise refused(ErrorCode.LTI_STATE_MISMATCH)
    return login


def _signed_in(
    login: PlatformLogin, platform: Platform, claims: Mapping[str, Any]
) -> tuple[User, bool]:
    """Spend the login (once only) and give the account linked to the platform's `sub`."""
    spent = PlatformLogin.objects.filter(pk=login.pk, used_at__isnull=True).update(
        used_at=timezone.now()
    )
    if not spent:
        raise refused(ErrorCode.LTI_REPLAY)
    learner, created = _account(platform, claims)
    if not learner.is_active:
        raise PermissionDenied(
            ErrorCode.PERMISSION_DENIED, _("The Praxis account of this person is closed.")
        )
    return learner, created


def accept_launch(params: Mapping[str, str], browser_states: set[str]) -> Launched:
    """Check the id_token a platform posted with `state` (one of `browser_states`, those the
    browser's cookies hold); then sign-in material: the learner (found or made), enrolled in
    the course, with the line item to post their progress to; or, for a deep linking request,
    the instructor and what their answer needs. Refused with an `lti_*` code, nothing
    changed."""
    token = _text(params, "id_token", LONGEST_TOKEN, needed=True)
    login = _fresh_login(_text(params, "state", 100, needed=True), browser_states)
    header, unverified = _unverified(token)
    if header.get("alg") != "RS256":
        raise refused(ErrorCode.LTI_BAD_SIGNATURE, "alg")
    platform = _registered_platform(unverified, login)
    kid = header.get("kid")
    key = platform_key(platform, kid if isinstance(kid, str) else None)
    try:
        claims = dict(jwt.decode(token, key, ["RS256"]).claims)
    except (BadSignatureError, JoseError, ValueError) as error:
        raise refused(ErrorCode.LTI_BAD_SIGNATURE) from error
    _check_claims(platform, claims, login)
    if claims[LTI + "message_type"] == DEEP_LINKING:
        choosing = deep_linking.read_request(platform, claims)
        with transaction.atomic():
            learner, created = _signed_in(login, platform, claims)
        return Launched(learner=learner, course_url="", created=created, deep_linking=choosing)
    course = _course(claims)
    lineitem, scopes = _grade_service(claims)
    with transaction.atomic():
        learner, created = _signed_in(login, platform, claims)
        hooks.launched_into.send(learner=learner, course=course.uuid)
        account = PlatformAccount.objects.get(issuer=platform.issuer, sub=claims["sub"])
        PlatformEnrolment.objects.update_or_create(
            account=account,
            course=course.uuid,
            resource_link_id=claims[LTI + "resource_link"]["id"],
            defaults={
                "deployment_id": claims[LTI + "deployment_id"],
                "lineitem": lineitem,
                "scopes": scopes,
            },
        )
    return Launched(learner=learner, course_url=course.url, created=created)
