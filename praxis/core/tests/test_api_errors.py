"""Every refusal of the JSON API has one shape: {"error": {"code", "message", "fields"}}."""

import json
from typing import NoReturn

import pytest
from django.http import Http404, HttpRequest
from django.utils import translation
from ninja import Field, NinjaAPI, Schema
from ninja.testing import TestClient
from ninja.testing.client import NinjaResponse

from praxis.core.api import install_error_handlers
from praxis.core.errors import Conflict, ErrorCode, ValidationFailed

api = NinjaAPI(urls_namespace="core-test")
install_error_handlers(api)


class Payload(Schema):
    name: str
    hours: int


class Note(Schema):
    body: str = Field(..., max_length=20_000)
    rating: int = Field(3, ge=1, le=5)


@api.post("/things")
def create_thing(request: HttpRequest, payload: Payload) -> dict[str, bool]:
    if payload.name == "taken":
        raise Conflict(ErrorCode.ALREADY_ENROLLED, "Already there.")
    if payload.name == "bad":
        raise ValidationFailed(fields={"name": ["Not a good name."]})
    return {"ok": True}


@api.post("/notes")
def create_note(request: HttpRequest, body: Note) -> dict[str, bool]:
    return {"ok": True}


@api.get("/missing")
def missing(request: HttpRequest) -> NoReturn:
    raise Http404


client = TestClient(api)


def post(body: object) -> NinjaResponse:
    return client.post(
        "/things",
        data=body if isinstance(body, str) else json.dumps(body),  # type: ignore[arg-type]  # a raw body: Ninja sends it as is
        content_type="application/json",
    )


def test_a_praxis_error_keeps_its_status_code_and_message() -> None:
    response = post({"name": "taken", "hours": 1})
    assert response.status_code == 409
    assert response.json() == {
        "error": {"code": "already_enrolled", "message": "Already there.", "fields": {}}
    }


def test_field_errors_are_listed_by_field() -> None:
    response = post({"name": "bad", "hours": 1})
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"name": ["Not a good name."]}


@pytest.mark.parametrize("body", ["{not json", "[1, 2]", '"a string"', ""])
def test_a_body_that_is_not_a_json_object_is_malformed(body: str) -> None:
    response = post(body)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "malformed_body"


def test_a_wrong_type_names_the_field() -> None:
    response = post({"name": "ok", "hours": "many"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_input"
    assert list(error["fields"]) == ["hours"]


def test_not_found_is_the_same_shape() -> None:
    response = client.get("/missing")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_a_field_named_body_is_named_as_such() -> None:
    response = client.post("/notes", json={"body": "x" * 20_001})
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"body": ["Write at most 20,000 characters."]}


def test_the_schemas_refusals_are_said_in_the_callers_language() -> None:
    with translation.override("fr"):
        too_long = client.post("/notes", json={"body": "x" * 20_001})
        missing = client.post("/notes", json={})
        out_of_range = client.post("/notes", json={"body": "Bien", "rating": 9})
        wrong_type = post({"name": "ok", "hours": "many"})
    assert too_long.json()["error"]["fields"]["body"] == ["Écrivez au plus 20\u00a0000 caractères."]
    assert missing.json()["error"]["fields"] == {"body": ["Ce champ est obligatoire."]}
    assert out_of_range.json()["error"]["fields"] == {
        "rating": ["Saisissez un nombre inférieur ou égal à 5."]
    }
    assert wrong_type.json()["error"]["fields"] == {"hours": ["Saisissez un nombre entier."]}


@pytest.mark.parametrize("body", ["{not json", '{"name": "'])
def test_a_body_that_cannot_be_parsed_is_refused_in_the_callers_language(body: str) -> None:
    with translation.override("fr"):
        response = post(body)
    assert response.status_code == 400
    assert response.json()["error"] == {
        "code": "malformed_body",
        "message": "Le corps de la requête n'est pas un JSON valide de la forme attendue.",
        "fields": {},
    }
