"""An external tool built with pylti1p3 (an LTI 1.3 tool library independent of Praxis), run
in-process: its server-to-server calls reach Praxis through Django's test client, and the
learner's browser is a test client signed in as the learner."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from django.test import Client
from pylti1p3.cookie import CookieService
from pylti1p3.message_launch import MessageLaunch
from pylti1p3.oidc_login import OIDCLogin
from pylti1p3.redirect import Redirect
from pylti1p3.request import Request
from pylti1p3.session import SessionService
from pylti1p3.tool_config.dict import ToolConfDict
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

from praxis.lti.models import Tool

TOOL_ORIGIN = "https://tool.example"
LOGIN_URL = f"{TOOL_ORIGIN}/lti/login"
LAUNCH_URL = f"{TOOL_ORIGIN}/lti/launch"


class ThroughTestClient(BaseAdapter):
    """A requests transport that hands each request to Praxis in this process."""

    def __init__(self) -> None:
        super().__init__()
        self.client = Client()
        self.calls: list[tuple[str, str, int]] = []

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override] # requests' transport signature
        url = urlsplit(request.url or "")
        path = url.path + (f"?{url.query}" if url.query else "")
        body = request.body or b""
        headers = {
            name: str(value)
            for name, value in request.headers.items()
            if name.lower() not in {"content-type", "content-length", "host", "accept-encoding"}
        }
        answer = self.client.generic(
            request.method or "GET",
            path,
            data=body.encode() if isinstance(body, str) else body,
            content_type=str(request.headers.get("Content-Type", "")),
            headers=headers,
        )
        self.calls.append((request.method or "", url.path, answer.status_code))
        response = requests.Response()
        response.status_code = answer.status_code
        response._content = answer.content
        response.headers = CaseInsensitiveDict(dict(answer.headers.items()))
        response.url, response.request, response.encoding = request.url or "", request, "utf-8"
        return response

    def close(self) -> None:
        pass


class ToolRequest(Request):
    def __init__(self, params: dict[str, str], session: dict[str, Any]) -> None:
        self.params, self._session = params, session

    @property
    def session(self) -> dict[str, Any]:
        return self._session

    def is_secure(self) -> bool:
        return True

    def get_param(self, key: str) -> str:
        return self.params.get(key, "")


class ToolCookies(CookieService):
    def __init__(self, jar: dict[str, str]) -> None:
        self.jar = jar

    def get_cookie(self, name: str) -> str | None:
        return self.jar.get(f"{self._cookie_prefix}-{name}")

    def set_cookie(self, name: str, value: str | int, exp: int | None = 3600) -> None:
        self.jar[f"{self._cookie_prefix}-{name}"] = str(value)


class ToolRedirect(Redirect[str]):
    def __init__(self, location: str) -> None:
        self.location = location

    def do_redirect(self) -> str:
        return self.location

    def do_js_redirect(self) -> str:
        return self.location

    def set_redirect_url(self, location: str) -> None:
        self.location = location

    def get_redirect_url(self) -> str:
        return self.location


class ToolLogin(OIDCLogin[ToolRequest, ToolConfDict, SessionService, ToolCookies, str]):
    def get_redirect(self, url: str) -> Redirect[str]:
        return ToolRedirect(url)


class ToolLaunch(MessageLaunch[ToolRequest, ToolConfDict, SessionService, ToolCookies]):
    def _get_request_param(self, key: str) -> str:
        return self._request.get_param(key)


def key_pair() -> tuple[str, str]:
    """A fresh RSA key pair of the tool, (private PEM, public PEM)."""
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private_pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public_pem = (
        private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private_pem, public_pem


def form_post(html: str) -> tuple[str, dict[str, str]]:
    """The action and hidden fields of the launch form on a page, as a browser posts them."""
    form = re.search(
        r'<form method="post" action="([^"]+)" class="lti-launch"[^>]*>(.*?)</form>', html, re.S
    )
    assert form is not None, html
    fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form.group(2))
    return unescape(form.group(1)), {name: unescape(value) for name, value in fields}


@dataclass
class PyltiTool:
    """The tool's side: its configuration of Praxis as the platform, its browser session and
    cookies, and its transport to Praxis."""

    private_pem: str
    public_pem: str
    registration: Tool | None = None
    session: dict[str, Any] = field(default_factory=dict)
    cookies: dict[str, str] = field(default_factory=dict)
    transport: ThroughTestClient = field(default_factory=ThroughTestClient)

    @classmethod
    def new(cls) -> PyltiTool:
        private_pem, public_pem = key_pair()
        return cls(private_pem, public_pem)

    def config(self) -> ToolConfDict:
        assert self.registration is not None
        conf = ToolConfDict(
            {
                settings.SITE_URL: [
                    {
                        "default": True,
                        "client_id": self.registration.client_id,
                        "auth_login_url": f"{settings.SITE_URL}/lti/authorize",
                        "auth_token_url": f"{settings.SITE_URL}/lti/token",
                        "key_set_url": f"{settings.SITE_URL}/lti/jwks.json",
                        "key_set": None,
                        "deployment_ids": [self.registration.deployment_id],
                    }
                ]
            }
        )
        conf.set_private_key(settings.SITE_URL, self.private_pem, self.registration.client_id)
        conf.set_public_key(settings.SITE_URL, self.public_pem, self.registration.client_id)
        return conf

    def requests_session(self) -> requests.Session:
        session = requests.Session()
        session.mount(settings.SITE_URL, self.transport)
        return session

    def login(self, initiation_url: str) -> str:
        """The tool's answer to Praxis's login initiation: the authentication request URL."""
        params = dict(parse_qsl(urlsplit(initiation_url).query))
        request = ToolRequest(params, self.session)
        login = ToolLogin(
            request, self.config(), SessionService(request), ToolCookies(self.cookies)
        )
        return login.redirect(LAUNCH_URL)

    def launch(self, fields: dict[str, str]) -> ToolLaunch:
        """The tool receiving the id_token the learner's browser posts: validated by pylti1p3
        (state, nonce, signature from Praxis's JWKS, registration, deployment, message)."""
        request = ToolRequest(fields, self.session)
        launch = ToolLaunch(
            request,
            self.config(),
            SessionService(request),
            ToolCookies(self.cookies),
            requests_session=self.requests_session(),
        )
        launch.validate()
        return launch
