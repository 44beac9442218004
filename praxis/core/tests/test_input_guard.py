"""Input no database can store is refused before any view, in the caller's error format."""

import json

import pytest
from django.test import Client

from praxis.accounts.tests.factories import UserFactory
from praxis.core.input_guard import JSON_MAX_DEPTH, TooDeeplyNested, json_too_deep, loads
from praxis.events.models import Registration
from praxis.events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_depth_is_counted_on_arrays_and_objects_not_on_brackets_inside_strings() -> None:
    assert not json_too_deep(nested(JSON_MAX_DEPTH))
    assert json_too_deep(nested(JSON_MAX_DEPTH + 1))
    assert json_too_deep('{"a":' * 100_000)  # unclosed, as deep as it gets
    assert not json_too_deep(json.dumps({"text": "[" * 5000, "list": [[1], {"b": "}]"}]}))


def test_many_shallow_objects_pass_and_deep_ones_fail_however_they_are_written() -> None:
    # A batch of statements: thousands of objects, none deep.
    batch = [{"actor": {"account": {"name": str(n)}}, "context": {"x": [[n]]}} for n in range(2000)]
    assert not json_too_deep(json.dumps(batch))
    assert json_too_deep(json.dumps([*batch, json.loads(nested(JSON_MAX_DEPTH))]))
    assert json_too_deep(nested(200_000))  # well formed, past any parser's recursion
    assert json_too_deep('{"a": ' + nested(JSON_MAX_DEPTH) + "}")
    assert json_too_deep("[" * 500 + "]" * 400)  # unbalanced: what a parser would open


def test_bounded_loads_refuses_deep_documents_as_a_value_error() -> None:
    assert loads('{"a": [1, {"b": null}]}') == {"a": [1, {"b": None}]}
    with pytest.raises(TooDeeplyNested):
        loads(nested(50_000))
    assert issubclass(TooDeeplyNested, ValueError)


def test_deeply_nested_json_to_the_anonymous_verifier_is_a_400_not_a_crash(client: Client) -> None:
    response = client.post(
        "/api/v1/credentials/verify",
        data='{"credential": ' + nested(100_000) + "}",
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "too_deeply_nested"


def test_nul_in_a_json_body_is_refused_and_changes_nothing(client: Client) -> None:
    person = UserFactory.create(full_name="Amina Diallo")
    client.force_login(person)
    response = client.patch(
        "/api/v1/me", data='{"full_name": "Amina\\u0000"}', content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_character"
    person.refresh_from_db()
    assert person.full_name == "Amina Diallo"


def test_an_escaped_backslash_before_u0000_is_ordinary_text(client: Client) -> None:
    person = UserFactory.create(full_name="Amina Diallo")
    client.force_login(person)
    response = client.patch(
        "/api/v1/me", data='{"full_name": "A\\\\u0000"}', content_type="application/json"
    )
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.full_name == "A\\u0000"


def test_a_lone_surrogate_in_a_json_body_is_refused(client: Client) -> None:
    client.force_login(UserFactory.create())
    response = client.patch(
        "/api/v1/me", data='{"full_name": "A\\ud800"}', content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_character"


def test_nul_in_an_api_path_or_query_is_a_json_400(client: Client) -> None:
    for url in ("/api/v1/courses/a%00b", "/api/v1/courses?q=%00", "/api/v1/courses?%00=1"):
        response = client.get(url)
        assert response.status_code == 400, url
        assert response.json()["error"]["code"] == "invalid_character"


def test_nul_in_a_page_path_is_the_error_page(client: Client) -> None:
    response = client.get("/events/feeds/%00.ics")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert b"invalid_character" in response.content


def test_nul_in_a_form_post_is_the_error_page(client: Client) -> None:
    response = client.post("/accounts/login/", {"username": "a\x00b", "password": "x"})
    assert response.status_code == 400
    assert b"invalid_character" in response.content


def test_the_learning_record_store_refuses_in_the_xapi_error_format(client: Client) -> None:
    response = client.post(
        "/xapi/statements",
        data=nested(100_000),
        content_type="application/json",
        HTTP_X_EXPERIENCE_API_VERSION="1.0.3",
        HTTP_ORIGIN="https://content.example.org",
    )
    assert response.status_code == 400
    assert set(response.json()["error"]) == {"message"}
    assert response["X-Experience-API-Version"]
    # The same CORS answer as any xAPI response to an origin not configured for credentials.
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response


def test_deeply_nested_json_pasted_as_text_to_the_verifier_is_called_malformed(
    client: Client,
) -> None:
    response = client.post(
        "/api/v1/credentials/verify",
        data=json.dumps({"text": nested(100_000)}),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["status"] == "malformed"


@pytest.mark.parametrize("body", ["[null,null]", '"x"', "42"])
def test_a_body_that_is_not_an_object_registers_no_one(client: Client, body: str) -> None:
    client.force_login(UserFactory.create())
    EventFactory.create(slug="ipc-workshop")
    response = client.post(
        "/api/v1/events/ipc-workshop/registration", data=body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "malformed_body"
    assert not Registration.objects.exists()


def test_a_number_is_not_a_date(client: Client) -> None:
    client.force_login(UserFactory.create())
    response = client.get("/api/v1/cpd?start=0")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["start"]
    assert client.get("/api/v1/cpd?start=2026-01-01").status_code == 200


def test_every_operation_declares_the_400_that_bad_input_gets(client: Client) -> None:
    document = client.get("/api/v1/openapi.json").json()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            assert "400" in operation["responses"], (method, path)


def test_a_small_multipart_body_can_still_be_read_by_the_view(client: Client) -> None:
    staff = UserFactory.create(is_staff=True)
    client.force_login(staff)
    response = client.post("/api/v1/frameworks", {"name": "x"})
    assert response.status_code == 400  # not a CASE package, but read and refused as such


@pytest.mark.parametrize(
    "content_type",
    ["multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=é"],
)
def test_form_data_without_a_usable_boundary_is_refused_without_a_traceback(
    client: Client, content_type: str, caplog: pytest.LogCaptureFixture
) -> None:
    learner = UserFactory.create()
    client.force_login(learner)
    event = EventFactory.create()
    api = client.post(f"/api/v1/events/{event.slug}/registration", b"x", content_type=content_type)
    page = client.post("/accounts/login/", b"x", content_type=content_type)
    assert api.status_code == 400
    assert api.json()["error"]["code"] == "malformed_body"
    assert page.status_code == 400
    assert b"malformed_body" in page.content
    assert not Registration.objects.exists()
    assert not [record for record in caplog.records if record.exc_info]
