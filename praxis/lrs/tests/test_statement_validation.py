"""Bad statements get the status the xAPI specification requires, and nothing is stored."""

from __future__ import annotations

import json
import uuid
from typing import TYPE_CHECKING

import pytest
from django.test import Client
from pytest_django import Settings as SettingsWrapper

from praxis.lrs.models import Statement
from praxis.lrs.tests.factories import Xapi, statement

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db


def assert_refused(response: Response, status: int = 400) -> None:
    assert response.status_code == status, response.content
    assert not Statement.objects.exists()


def test_valid_statement_is_stored_with_id_stored_time_and_authority(xapi: Xapi) -> None:
    response = xapi.post("statements", statement())

    assert response.status_code == 200
    (statement_id,) = response.json()
    stored = Statement.objects.get(id=statement_id).data
    assert stored["stored"].endswith("Z")
    assert stored["authority"]["name"] == "Test LMS"
    assert stored["version"] == "1.0.0"


def test_malformed_json_is_refused(xapi: Xapi) -> None:
    assert_refused(xapi.post("statements", '{"actor": '))


def test_body_that_is_not_a_statement_is_refused(xapi: Xapi) -> None:
    assert_refused(xapi.post("statements", "42"))


def test_empty_batch_is_refused(xapi: Xapi) -> None:
    assert_refused(xapi.post("statements", []))


@pytest.mark.parametrize(
    "change",
    [
        {"verb": {"id": 42}},
        {"verb": {"id": "completed"}},
        {"verb": {"id": "http://x.org/v", "display": {"en_US": "done"}}},
        {"verb": {"id": "http://x.org/v", "display": {"en": 5}}},
        {"actor": {"mbox": "amina@example.org"}},
        {"actor": {"mbox": "mailto:a@example.org", "openid": "http://openid.example/a"}},
        {"actor": {"objectType": "Group"}},
        {"actor": {"mbox_sha1sum": "not-a-sha1"}},
        {"actor": {"account": {"homePage": "http://x.org"}}},
        {"object": {"id": "not an iri"}},
        {"object": {"objectType": "StatementRef", "id": "not-a-uuid"}},
        {"result": {"duration": "an hour"}},
        {"result": {"success": "yes"}},
        {"result": {"score": {"scaled": 1.5}}},
        {"result": {"score": {"raw": 11, "min": 0, "max": 10}}},
        {"result": {"score": {"min": 10, "max": 1}}},
        {"timestamp": "yesterday"},
        {"timestamp": "2026-13-01T00:00:00Z"},
        {"timestamp": "2026-01-01T00:00:00-00:00"},
        {"context": {"registration": "nope"}},
        {"context": {"contextAgents": []}},
        {"id": "1234"},
        {"version": "0.95"},
        {"unexpected": True},
        {"verb": None},
    ],
)
def test_statement_breaking_a_rule_is_refused(xapi: Xapi, change: dict[str, object]) -> None:
    assert_refused(xapi.post("statements", statement(**change)))


def test_statement_without_verb_is_refused(xapi: Xapi) -> None:
    data = statement()
    del data["verb"]
    assert_refused(xapi.post("statements", data))


def test_revision_is_refused_when_the_object_is_an_agent(xapi: Xapi) -> None:
    data = statement(
        object={"objectType": "Agent", "mbox": "mailto:tutor@example.org"},
        context={"revision": "2"},
    )
    assert_refused(xapi.post("statements", data))


def test_substatement_cannot_nest_a_substatement(xapi: Xapi) -> None:
    inner = {"objectType": "SubStatement", **statement()}
    data = statement(object={"objectType": "SubStatement", **statement(object=inner)})
    assert_refused(xapi.post("statements", data))


def test_voiding_statement_needs_a_statement_ref(xapi: Xapi) -> None:
    data = statement(verb={"id": "http://adlnet.gov/expapi/verbs/voided"})
    assert_refused(xapi.post("statements", data))


def test_interaction_components_must_fit_the_interaction_type(xapi: Xapi) -> None:
    data = statement(
        object={
            "id": "http://x.org/q1",
            "definition": {"interactionType": "true-false", "choices": [{"id": "a"}]},
        }
    )
    assert_refused(xapi.post("statements", data))


def test_group_authority_must_be_an_anonymous_pair(xapi: Xapi) -> None:
    authority = {
        "objectType": "Group",
        "mbox": "mailto:group@example.org",
        "member": [{"mbox": "mailto:a@example.org"}, {"mbox": "mailto:b@example.org"}],
    }
    assert_refused(xapi.post("statements", statement(authority=authority)))


def test_xapi_2_requires_a_time_zone_on_timestamps(xapi: Xapi, xapi2: Xapi) -> None:
    assert_refused(xapi2.post("statements", statement(timestamp="2026-01-01T10:00:00")))
    assert xapi.post("statements", statement(timestamp="2026-01-01T10:00:00")).status_code == 200


def test_xapi_2_accepts_context_agents_and_groups(xapi2: Xapi) -> None:
    context = {
        "contextAgents": [
            {
                "objectType": "contextAgent",
                "agent": {"mbox": "mailto:tutor@example.org"},
                "relevantTypes": ["https://academy.example/roles/tutor"],
            }
        ],
        "contextGroups": [
            {
                "objectType": "contextGroup",
                "group": {"objectType": "Group", "member": [{"mbox": "mailto:peer@example.org"}]},
            }
        ],
    }
    response = xapi2.post("statements", statement(context=context))

    assert response.status_code == 200
    assert Statement.objects.get().data["version"] == "2.0.0"


def test_context_agent_without_relevant_types_list_is_refused(xapi2: Xapi) -> None:
    context = {
        "contextAgents": [
            {
                "objectType": "contextAgent",
                "agent": {"mbox": "mailto:t@example.org"},
                "relevantTypes": [],
            }
        ]
    }
    assert_refused(xapi2.post("statements", statement(context=context)))


def test_extensions_may_hold_null_and_any_value(xapi: Xapi) -> None:
    data = statement(result={"extensions": {"http://x.org/ext": None, "http://x.org/n": [1]}})
    assert xapi.post("statements", data).status_code == 200


def test_oversize_body_is_refused_with_413(xapi: Xapi, settings: SettingsWrapper) -> None:
    settings.XAPI_MAX_BODY_BYTES = 1000
    data = statement(result={"response": "x" * 2000})
    assert_refused(xapi.post("statements", data), 413)


def test_request_without_version_header_is_refused(client: Client, xapi: Xapi) -> None:
    response = client.post(
        "/xapi/statements",
        json.dumps(statement()),
        content_type="application/json",
        HTTP_AUTHORIZATION=xapi.headers["HTTP_AUTHORIZATION"],
    )
    assert_refused(response)


def test_unsupported_version_is_refused(xapi: Xapi) -> None:
    assert_refused(xapi.post("statements", statement(), HTTP_X_EXPERIENCE_API_VERSION="0.9"))


def test_put_with_mismatching_id_is_refused(xapi: Xapi) -> None:
    response = xapi.put(f"statements?statementId={uuid.uuid4()}", statement(id=str(uuid.uuid4())))
    assert_refused(response)


def test_durations_are_kept_to_hundredths_of_a_second(xapi: Xapi) -> None:
    xapi.post("statements", statement(result={"duration": "PT1M2.34567S"}))

    assert Statement.objects.get().data["result"]["duration"] == "PT1M2.34S"
