"""GET /xapi/statements: filters, formats, paging that holds while statements arrive."""

from __future__ import annotations

import json
import uuid
from typing import TYPE_CHECKING

import pytest
from django.conf import settings

from praxis.lrs.tests.factories import Xapi, statement

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db

AMINA = {"mbox": "mailto:amina@example.org"}
JONAS = {"mbox": "mailto:jonas@example.org"}


def _store(xapi: Xapi, **overrides: object) -> str:
    statement_id: str = xapi.post("statements", statement(**overrides)).json()[0]
    return statement_id


def _ids(response: Response) -> list[str]:
    return [s["id"] for s in response.json()["statements"]]


def test_statements_come_newest_first_with_consistent_through(xapi: Xapi) -> None:
    first, second = _store(xapi), _store(xapi)

    response = xapi.get("statements")

    assert _ids(response) == [second, first]
    assert response["X-Experience-API-Consistent-Through"]


def test_agent_verb_and_activity_filters(xapi: Xapi) -> None:
    amina = _store(xapi, actor=AMINA)
    jonas = _store(xapi, actor=JONAS, verb={"id": "http://x.org/attempted"})

    assert _ids(xapi.get("statements", {"agent": json.dumps(AMINA)})) == [amina]
    assert _ids(xapi.get("statements", {"verb": "http://x.org/attempted"})) == [jonas]
    other = _store(xapi, object={"id": "http://x.org/other"})
    assert _ids(xapi.get("statements", {"activity": "http://x.org/other"})) == [other]


def test_related_activities_include_context_activities(xapi: Xapi) -> None:
    parent = "https://academy.example/programmes/ipc"
    child = _store(xapi, context={"contextActivities": {"parent": {"id": parent}}})

    assert _ids(xapi.get("statements", {"activity": parent})) == []
    related = xapi.get("statements", {"activity": parent, "related_activities": "true"})
    assert _ids(related) == [child]


def test_related_agents_include_the_instructor(xapi: Xapi) -> None:
    taught = _store(xapi, context={"instructor": JONAS})

    related = xapi.get("statements", {"agent": json.dumps(JONAS), "related_agents": "true"})

    assert _ids(related) == [taught]


def test_related_agents_include_the_authority(xapi: Xapi) -> None:
    vouched = _store(xapi)
    authority = {"account": {"homePage": settings.SITE_URL, "name": xapi.key}}

    assert _ids(xapi.get("statements", {"agent": json.dumps(authority)})) == []
    related = xapi.get("statements", {"agent": json.dumps(authority), "related_agents": "true"})
    assert _ids(related) == [vouched]


def test_more_links_page_through_every_statement_of_an_agent_once(xapi: Xapi) -> None:
    stored = [_store(xapi, actor=AMINA) for _ in range(5)]
    _store(xapi, actor=JONAS)

    seen: list[str] = []
    page = xapi.get("statements", {"agent": json.dumps(AMINA), "limit": 2})
    while True:
        seen += _ids(page)
        if not page.json()["more"]:
            break
        page = xapi.client.get(page.json()["more"], **xapi.headers)

    assert seen == stored[::-1]


def test_registration_filter(xapi: Xapi) -> None:
    registration = str(uuid.uuid4())
    mine = _store(xapi, context={"registration": registration})
    _store(xapi)

    assert _ids(xapi.get("statements", {"registration": registration})) == [mine]


def test_more_link_pages_on_without_repeats_while_statements_arrive(xapi: Xapi) -> None:
    stored = [_store(xapi) for _ in range(5)]

    page = xapi.get("statements", {"limit": 2})
    _store(xapi)  # arrives between two page requests
    seen = _ids(page)
    while more := page.json()["more"]:
        page = xapi.client.get(more, **xapi.headers)
        seen += _ids(page)

    assert seen == list(reversed(stored))


def test_ascending_order(xapi: Xapi) -> None:
    stored = [_store(xapi) for _ in range(3)]

    assert _ids(xapi.get("statements", {"ascending": "true"})) == stored


def test_since_and_until_bound_the_stored_time(xapi: Xapi) -> None:
    first = _store(xapi)
    first_stored = xapi.get("statements", {"statementId": first}).json()["stored"]
    second = _store(xapi)

    assert _ids(xapi.get("statements", {"since": first_stored})) == [second]
    assert _ids(xapi.get("statements", {"until": first_stored})) == [first]


@pytest.mark.parametrize(
    "params",
    [
        {"agent": "not json"},
        {"agent": json.dumps({"name": "no identifier"})},
        {"verb": "not an iri"},
        {"since": "last week"},
        {"limit": "-1"},
        {"format": "full"},
        {"ascending": "maybe"},
        {"unknown": "1"},
        {"statementId": str(uuid.uuid4()), "verb": "http://x.org/v"},
        {"statementId": str(uuid.uuid4()), "voidedStatementId": str(uuid.uuid4())},
        {"cursor": "forged"},
    ],
)
def test_bad_query_parameters_are_refused(xapi: Xapi, params: dict[str, str]) -> None:
    assert xapi.get("statements", params).status_code == 400


def test_ids_format_keeps_only_identifiers(xapi: Xapi) -> None:
    statement_id = _store(xapi)

    found = xapi.get("statements", {"statementId": statement_id, "format": "ids"}).json()

    assert found["object"] == {"id": "https://academy.example/courses/hand-hygiene"}
    assert "name" not in found["actor"]


def test_canonical_format_picks_the_accepted_language(xapi: Xapi) -> None:
    statement_id = _store(xapi)

    found = xapi.get(
        "statements",
        {"statementId": statement_id, "format": "canonical"},
        HTTP_ACCEPT_LANGUAGE="fr",
    ).json()

    assert found["object"]["definition"]["name"] == {"fr": "Hygiène des mains"}


def test_statements_of_a_statement_ref_follow_the_filter(xapi: Xapi) -> None:
    target = _store(xapi, actor=AMINA)
    reference = _store(xapi, actor=JONAS, object={"objectType": "StatementRef", "id": target})

    assert set(_ids(xapi.get("statements", {"agent": json.dumps(AMINA)}))) == {
        target,
        reference,
    }
