"""The API's interactive documentation is served from this site, like every page."""

import re
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from ninja import NinjaAPI

from praxis.api import api

pytestmark = pytest.mark.django_db


def test_api_docs_load_nothing_from_other_hosts(client: Client) -> None:
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    addresses = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert addresses, "the docs page should load its script and stylesheet"
    assert all(address.startswith("/") for address in addresses), addresses


def test_openapi_document_describes_the_api(client: Client) -> None:
    document = client.get("/api/v1/openapi.json").json()
    assert document["info"]["title"] == "Praxis API"
    assert "/api/v1/courses" in document["paths"]


def test_the_document_is_made_once_per_language_and_few_are_kept(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Making the document takes over half a second of the server's time: a client asking for
    # it again, in the same language, is given the one already made.
    made: list[str] = []
    make = NinjaAPI.get_openapi_schema

    def counted(self: NinjaAPI, **kwargs: Any) -> Any:
        made.append(translation.get_language())
        return make(self, **kwargs)

    monkeypatch.setattr(NinjaAPI, "get_openapi_schema", counted)
    monkeypatch.setattr(api, "_documents", {})
    first = client.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="en")
    again = client.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="en")
    assert again.json() == first.json()
    assert made == ["en"]
    # It says every operation's 400 and 401 each time, not only the first.
    courses = again.json()["paths"]["/api/v1/courses"]["get"]["responses"]
    assert {"400", "401"} <= set(courses)

    # Asked in many languages, only the last few are kept.
    for language in ["fr", "es", "ar", "ru", "zh-hans"]:
        assert client.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE=language).status_code == 200
    assert len(api._documents) == api.DOCUMENTS_KEPT
    client.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="en")
    assert made == ["en", "fr", "es", "ar", "ru", "zh-hans", "en"]


def test_every_operation_that_reads_a_body_declares_the_413_of_one_too_large(
    client: Client, settings: Any
) -> None:
    document = client.get("/api/v1/openapi.json").json()
    with_body = [
        (path, method, operation["responses"])
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
        if "requestBody" in operation
    ]
    assert len(with_body) > 20
    assert [(path, method) for path, method, responses in with_body if "413" not in responses] == []
    verify = document["paths"]["/api/v1/credentials/verify"]["post"]["responses"]["413"]
    assert verify["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorOut"
    }
    # Without a body, no 413.
    assert "413" not in document["paths"]["/api/v1/courses"]["get"]["responses"]

    # And the refusal the document describes.
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = client.post(
        "/api/v1/credentials/verify",
        {"text": "x" * 2048},
        content_type="application/json",
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
