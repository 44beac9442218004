"""A learning platform built with lti1p3platform (an LTI 1.3 platform library independent of
Praxis), run in-process: it initiates the login, answers Praxis's authentication request with
the id_token it signs, and serves its key set, its token endpoint (the library's own client
assertion check) and a line item's scores to Praxis's outbound calls."""

from __future__ import annotations

import io
import json
import urllib.error
import urllib.request
import urllib.response
from dataclasses import dataclass, field
from email.message import Message
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from django.conf import settings
from django.test import Client
from lti1p3platform.ltiplatform import LTI1P3PlatformConfAbstract
from lti1p3platform.message_launch import LTIAdvantageMessageLaunchAbstract
from lti1p3platform.oidc_login import OIDCLoginAbstract
from lti1p3platform.registration import Registration
from lti1p3platform.request import Request, TRequest

from praxis.lti.models import Platform
from praxis.lti.tests.tool import key_pair

LMS = "https://lms.example"
ISSUER = LMS
AUTH_URL = f"{LMS}/mod/lti/auth.php"
TOKEN_URL = f"{LMS}/mod/lti/token.php"
JWKS_URL = f"{LMS}/mod/lti/certs.php"
LINEITEMS = f"{LMS}/mod/lti/services.php/7/lineitems"
LINEITEM = f"{LMS}/mod/lti/services.php/7/lineitems/31/lineitem?type_id=4"
SCORES = f"{LMS}/mod/lti/services.php/7/lineitems/31/lineitem/scores"
LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"
INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"
DEEP_LINK_RETURN = f"{LMS}/mod/lti/contentitem_return.php?course=7"
SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"


class LmsConfig(LTI1P3PlatformConfAbstract):  # type: ignore[misc] # the library ships no type information
    def init_platform_config(self, **kwargs: Any) -> None:
        self._registration = kwargs["registration"]

    def get_registration_by_params(self, **kwargs: Any) -> Registration:
        assert self._registration is not None
        return self._registration


class LmsLogin(OIDCLoginAbstract):  # type: ignore[misc] # the library ships no type information
    def set_lti_message_hint(self, **kwargs: Any) -> None:
        self._lti_message_hint = kwargs["hint"]

    def get_redirect(self, url: str) -> str:
        return url


class LmsRequest(Request):  # type: ignore[misc] # the library ships no type information
    def build_metadata(self, request: Any) -> TRequest:
        return {"method": "GET", "form_data": {}, "get_data": dict(request), "path": "/"}


class LmsLaunch(LTIAdvantageMessageLaunchAbstract):  # type: ignore[misc] # the library ships no type information
    def render_launch_form(self, launch_data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        return launch_data


@dataclass
class Learner:
    """A person of the platform, as its launches name them."""

    sub: str
    name: str = "Nadia Haddad"
    email: str | None = "nadia@hospital.example"


@dataclass
class Lms:
    """The platform's configuration, its registration of Praxis, what Praxis posted to it,
    and the learner's browser (a test client)."""

    private_pem: str
    public_pem: str
    client_id: str = "praxis-tool-1"
    deployment_id: str = "1"
    scores: list[dict[str, Any]] = field(default_factory=list)
    calls: list[tuple[str, str, int]] = field(default_factory=list)
    down: int = 0  # how many of the next calls find the platform unreachable
    tool_keys: dict[str, Any] | None = None  # Praxis's key set as the platform knows it
    browser: Client = field(default_factory=Client)

    @classmethod
    def new(cls) -> Lms:
        private_pem, public_pem = key_pair()
        return cls(private_pem, public_pem)

    def register_in_praxis(self, **fields: Any) -> Platform:
        values: dict[str, Any] = {
            "name": "Hospital Moodle",
            "issuer": ISSUER,
            "client_id": self.client_id,
            "auth_url": AUTH_URL,
            "token_url": TOKEN_URL,
            "jwks_url": JWKS_URL,
            "deployment_ids": [self.deployment_id],
        }
        return Platform.objects.create(**{**values, **fields})

    def registration(self, target_link_uri: str) -> Registration:
        praxis_jwks = self.tool_keys or Client().get("/lti/jwks.json").json()
        return (
            Registration()
            .set_iss(ISSUER)
            .set_client_id(self.client_id)
            .set_deployment_id(self.deployment_id)
            .set_oidc_login_url(f"{settings.SITE_URL}/lti/tool/login")
            .set_launch_url(target_link_uri)
            .set_deeplink_launch_url(target_link_uri)
            .set_platform_public_key(self.public_pem)
            .set_platform_private_key(self.private_pem)
            .set_tool_key_set(praxis_jwks)
        )

    def config(self, target_link_uri: str = "") -> LmsConfig:
        return LmsConfig(registration=self.registration(target_link_uri))

    def initiation(self, learner: Learner, target_link_uri: str) -> str:
        """The login initiation URL the platform sends the browser to."""
        login = LmsLogin(None, self.config(target_link_uri))
        login.set_lti_message_hint(hint="resource-link-31")
        return str(login.initiate_login(learner.sub))

    def answer(
        self,
        authentication_url: str,
        learner: Learner,
        target_link_uri: str,
        *,
        custom: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
        ags: bool = True,
        expiration: int = 300,
        roles: list[str] | None = None,
        deep_linking: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """The platform's answer to Praxis's authentication request: the id_token and state,
        and where the browser posts them. With `deep_linking` (the library's `set_dl`
        arguments), a request to choose content instead of a launch."""
        params = dict(parse_qsl(urlsplit(authentication_url).query))
        launch = LmsLaunch(LmsRequest(params), self.config(target_link_uri))
        launch.set_id_token_expiration(expiration)
        launch.set_user_data(learner.sub, roles or [LEARNER], learner.name, learner.email)
        if deep_linking is not None:
            launch.set_dl(**deep_linking)
        launch.set_resource_link_claim("resource-link-31", title="Sepsis course")
        launch.set_launch_context_claim("7", context_title="Emergency nursing 2026")
        if custom is not None:
            launch.set_custom_parameters_claim(custom)
        if ags:
            launch.set_ags(LINEITEMS, LINEITEM)
        if extra:
            launch.set_extra_claims(extra)
        answer: dict[str, Any] = launch.lti_launch()
        return answer

    def content_items(self, answer: str) -> list[dict[str, Any]]:
        """The content items of Praxis's deep linking answer, as the platform's library reads
        them (signature checked with Praxis's key set)."""
        items: list[dict[str, Any]] = self.config().validate_deeplinking_resp({"JWT": answer})
        return items

    def handler(self) -> urllib.request.BaseHandler:
        return LmsServer(self)


def _answer(url: str, status: int, body: bytes, content_type: str) -> Any:
    headers = Message()
    headers["Content-Type"] = content_type
    answer = urllib.response.addinfourl(io.BytesIO(body), headers, url, status)
    answer.msg = "OK" if status < 400 else "Refused"  # type: ignore[attr-defined] # read by urllib's error processor
    return answer


class LmsServer(urllib.request.BaseHandler):
    """The platform's server, answering Praxis's outbound requests in this process."""

    handler_order = 100  # before urllib's own https handler

    def __init__(self, lms: Lms) -> None:
        self.lms = lms

    def https_open(self, request: urllib.request.Request) -> Any:
        url = request.full_url
        path = urlsplit(url).path
        if self.lms.down:
            self.lms.down -= 1
            self.lms.calls.append((request.get_method(), path, 0))
            raise urllib.error.URLError("connection refused")
        status, body = self._serve(request, url)
        self.lms.calls.append((request.get_method(), path, status))
        return _answer(url, status, body, "application/json")

    def _serve(self, request: urllib.request.Request, url: str) -> tuple[int, bytes]:
        config = self.lms.config()
        config.get_registration()
        if url == JWKS_URL:
            return 200, json.dumps(config.get_jwks()).encode()
        data = request.data if isinstance(request.data, bytes) else b""
        if url == TOKEN_URL:
            try:
                granted = config.get_access_token(dict(parse_qsl(data.decode())))
            except Exception as error:  # the library's refusals are of several kinds
                return 401, json.dumps({"error": "invalid_client", "detail": str(error)}).encode()
            return 200, json.dumps(granted).encode()
        if url.split("?")[0] == SCORES:
            token = str(request.get_header("Authorization", "")).removeprefix("Bearer ")
            try:
                allowed = config.validate_token(token, allowed_scopes=[SCORE_SCOPE])
            except Exception:  # an altered or expired token
                allowed = False
            if not allowed:
                return 401, b"{}"
            assert request.get_header("Content-type") == "application/vnd.ims.lis.v1.score+json"
            self.lms.scores.append(json.loads(data))
            return 200, b"{}"
        return 404, b"{}"
