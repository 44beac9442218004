"""Factories and helpers for LRS tests: a client credential and statements."""

from __future__ import annotations

import base64
import json
import uuid
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from django.test import Client

from praxis.lrs.models import LrsClient
from praxis.lrs.services.clients import create_client

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

SECRET = "s3cret-token-for-tests"


def make_client(
    scopes: list[str] | None = None, *, key: str = "", version: str = "1.0.3"
) -> LrsClient:
    client, _ = create_client(
        "Test LMS",
        scopes or [LrsClient.Scope.ALL],
        key=key or uuid.uuid4().hex,
        secret=SECRET,
        xapi_version=version,
    )
    return client


def statement(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "actor": {"objectType": "Agent", "name": "Amina", "mbox": "mailto:amina@example.org"},
        "verb": {
            "id": "http://adlnet.gov/expapi/verbs/completed",
            "display": {"en-US": "completed"},
        },
        "object": {
            "objectType": "Activity",
            "id": "https://academy.example/courses/hand-hygiene",
            "definition": {"name": {"en-US": "Hand hygiene", "fr": "Hygiène des mains"}},
        },
    }
    data.update(overrides)
    return data


class XapiHeaders(TypedDict, total=False):
    HTTP_AUTHORIZATION: str
    HTTP_X_EXPERIENCE_API_VERSION: str
    HTTP_IF_MATCH: str
    HTTP_IF_NONE_MATCH: str
    HTTP_ORIGIN: str
    HTTP_ACCEPT_LANGUAGE: str


class Xapi:
    """Django's test client speaking to /xapi/ with Basic auth and a version header."""

    def __init__(self, client: Client, credential: LrsClient, version: str = "1.0.3") -> None:
        self.client = client
        self.version = version
        self.key = credential.key
        token = base64.b64encode(f"{credential.key}:{SECRET}".encode()).decode()
        self.headers: XapiHeaders = {
            "HTTP_AUTHORIZATION": f"Basic {token}",
            "HTTP_X_EXPERIENCE_API_VERSION": version,
        }

    def _h(self, extra: XapiHeaders) -> XapiHeaders:
        headers = self.headers.copy()
        headers.update(extra)
        return headers

    def get(
        self, path: str, params: dict[str, Any] | None = None, **extra: Unpack[XapiHeaders]
    ) -> Response:
        return self.client.get(f"/xapi/{path}", params or {}, **self._h(extra))

    def post(
        self,
        path: str,
        body: Any,
        content_type: str = "application/json",
        **extra: Unpack[XapiHeaders],
    ) -> Response:
        data = body if isinstance(body, bytes | str) else json.dumps(body)
        return self.client.post(f"/xapi/{path}", data, content_type=content_type, **self._h(extra))

    def put(
        self,
        path: str,
        body: Any,
        content_type: str = "application/json",
        **extra: Unpack[XapiHeaders],
    ) -> Response:
        data = body if isinstance(body, bytes | str) else json.dumps(body)
        return self.client.put(f"/xapi/{path}", data, content_type=content_type, **self._h(extra))

    def delete(self, path: str, **extra: Unpack[XapiHeaders]) -> Response:
        return self.client.delete(f"/xapi/{path}", **self._h(extra))
