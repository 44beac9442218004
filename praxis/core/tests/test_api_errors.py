"""Every refusal of the JSON API has one shape: {"error": {"code", "message", "fields"}}."""

import json
from typing import NoReturn

import pytest
from django.http import Http404, HttpRequest
from ninja import NinjaAPI, Schema
from ninja.testing import TestClient
from ninja.testing.client import NinjaResponse

from praxis.core.api import install_error_handlers
from praxis.core.errors import Conflict, ErrorCode, ValidationFailed

api = NinjaAPI(urls_namespace="core-test")
install_error_handlers(api)


class Payload(Schema):
    name: str
    hours: int


@api.post("/things")
def create_thing(request: HttpRequest, payload: Payload) -> dict[str, bool]:
    if payload.name == "taken":
        raise Conflict(ErrorCode.ALREADY_ENROLLED, "Already there.")
    if payload.name == "bad":
        raise ValidationFailed(fields={"name": ["Not a good name."]})
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
