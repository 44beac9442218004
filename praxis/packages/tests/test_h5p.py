"""H5P content's statements: recorded as the learner's with the server's actor and context, under
a credential bound to the content; refused (nothing stored) when malformed, about something
else, for another learner, or expired; the lesson done by the completion rule."""

from __future__ import annotations

import json
import re
import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from praxis.accounts.tests.factories import UserFactory
from praxis.catalog.models import LessonProgress
from praxis.catalog.xapi import lesson_activity_id
from praxis.lrs.models import Statement
from praxis.packages import h5p
from praxis.packages.models import Attempt, Session
from praxis.packages.tests import crafting_h5p
from praxis.packages.tests.learner_au import ADL, HOST, Place, now, place_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_package_host")]


def _open(client: Client, h5p_place: Place) -> str:
    """Open the player as the learner's browser does; the URL its statements go to."""
    response = client.get(f"/packages/play/{h5p_place.token}/", HTTP_HOST=HOST)
    assert response.status_code == 200
    found = re.search(r'"statementsUrl": "([^"]+)"', response.content.decode())
    assert found is not None
    return found.group(1)


def _said(h5p_place: Place, verb: str, *, part: str = "", **result: Any) -> dict[str, Any]:
    """A statement as H5P says it: its own actor (an anonymous account) and context."""
    statement: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "actor": {"account": {"name": "anonymous-123", "homePage": "http://localhost"}},
        "verb": {"id": ADL + verb, "display": {"en-US": verb}},
        "object": {
            "objectType": "Activity",
            "id": h5p.content_activity_id(h5p_place.package) + part,
        },
        "context": {
            "contextActivities": {
                "category": [{"id": "http://h5p.org/libraries/H5P.PraxisCheck-1.0"}]
            },
            "extensions": {"http://h5p.org/x-api/h5p-local-content-id": "abc"},
        },
        "timestamp": now(),
    }
    if result:
        statement["result"] = result
    return statement


def _post(client: Client, url: str, body: object) -> Any:
    return client.post(url, data=json.dumps(body), content_type="application/json", HTTP_HOST=HOST)


def _content_statements(h5p_place: Place) -> int:
    """How many statements are about the content (the platform says its own about the lesson)."""
    content = h5p.content_activity_id(h5p_place.package)
    return Statement.objects.filter(activity_id__startswith=content).count()


def _done(h5p_place: Place) -> bool:
    return LessonProgress.objects.filter(
        learner=h5p_place.learner, lesson=h5p_place.lesson, completed_at__isnull=False
    ).exists()


def test_player_page_loads_the_h5p_player_from_praxis_own_files(
    client: Client, h5p_place: Place
) -> None:
    response = client.get(f"/packages/play/{h5p_place.token}/", HTTP_HOST=HOST)
    page = response.content.decode()
    assert "/static/packages/vendor/h5p/main.bundle.js" in page
    assert "https://" not in page.split('<script id="h5p-config"')[0]
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'sha256-" in policy
    assert "'unsafe-eval'" not in policy
    assert response["Cache-Control"] == "private, no-store"
    session = Session.objects.get()
    assert (session.kind, session.learner, session.activity_id) == (
        "h5p",
        h5p_place.learner,
        h5p.content_activity_id(h5p_place.package),
    )
    assert session.client is not None and session.client.agent_key


def test_statement_is_recorded_as_the_learner_with_the_server_context(
    client: Client, h5p_place: Place
) -> None:
    url = _open(client, h5p_place)
    said = _said(h5p_place, "attempted")
    response = _post(client, url, said)
    assert response.status_code == 200, response.json()
    stored = Statement.objects.get(id=said["id"]).data
    assert stored["actor"]["account"] == {
        "homePage": settings.SITE_URL,
        "name": str(h5p_place.learner.uuid),
    }
    assert stored["context"]["registration"] == str(h5p_place.enrolment.registration)
    assert stored["context"]["language"] == "en"
    assert stored["context"]["contextActivities"]["parent"] == [
        {"objectType": "Activity", "id": lesson_activity_id(h5p_place.lesson)}
    ]
    assert stored["context"]["contextActivities"]["category"][0]["id"].endswith(
        "H5P.PraxisCheck-1.0"
    )
    session = Session.objects.get()
    assert session.client is not None
    assert stored["authority"]["account"]["name"] == session.client.key
    assert not _done(h5p_place)


def test_answering_the_whole_content_completes_the_lesson_with_its_score(
    client: Client, h5p_place: Place
) -> None:
    url = _open(client, h5p_place)
    part = _said(h5p_place, "answered", part="?subContentId=q1", completion=True, success=True)
    assert _post(client, url, part).status_code == 200
    assert not _done(h5p_place)  # a part answered is not the content
    whole = _said(
        h5p_place,
        "answered",
        completion=True,
        success=True,
        score={"min": 0, "raw": 3, "max": 4},
    )
    assert _post(client, url, whole).status_code == 200
    assert _done(h5p_place)
    attempt = Attempt.objects.get()
    assert (attempt.completion_status, attempt.success_status, attempt.score_scaled) == (
        "completed",
        "passed",
        0.75,
    )


def test_completed_alone_completes_the_lesson(client: Client, h5p_place: Place) -> None:
    url = _open(client, h5p_place)
    assert _post(client, url, _said(h5p_place, "completed")).status_code == 200
    assert _done(h5p_place)


def test_failing_keeps_the_lesson_open_until_the_learner_passes(
    client: Client, h5p_place: Place
) -> None:
    url = _open(client, h5p_place)
    failed = _said(h5p_place, "answered", completion=True, success=False, score={"scaled": 0.25})
    assert _post(client, url, failed).status_code == 200
    assert not _done(h5p_place)
    attempt = Attempt.objects.get()
    assert (attempt.success_status, attempt.score_scaled) == ("failed", 0.25)
    passed = _said(h5p_place, "answered", completion=True, success=True, score={"scaled": 1})
    assert _post(client, url, passed).status_code == 200
    assert _done(h5p_place)


def test_the_same_statement_sent_twice_is_stored_once(client: Client, h5p_place: Place) -> None:
    url = _open(client, h5p_place)
    said = _said(h5p_place, "completed")
    assert _post(client, url, said).status_code == 200
    assert _post(client, url, said).status_code == 200
    assert Statement.objects.filter(id=said["id"]).count() == 1
    changed = {**said, "verb": {"id": ADL + "passed"}}
    response = _post(client, url, changed)
    assert (response.status_code, response.json()["error"]["code"]) == (400, "conflict")


def test_another_learners_launch_cannot_write_into_this_session(
    client: Client, h5p_place: Place
) -> None:
    url = _open(client, h5p_place)
    other = place_of(crafting_h5p.h5p_zip(), learner=UserFactory.create())
    # The learner's own session, under the other learner's launch (a token is signed anew, with
    # its time, each time it is made: take it from the URL).
    stolen = re.sub(r"/play/[^/]+/", f"/play/{other.token}/", url)
    assert stolen != url
    response = _post(client, stolen, _said(h5p_place, "completed"))
    assert (response.status_code, response.json()["error"]["code"]) == (404, "not_found")
    assert not Statement.objects.filter(verb_id=ADL + "completed").exists()
    assert not _done(h5p_place) and not _done(other)


def test_a_statement_about_another_activity_is_refused(client: Client, h5p_place: Place) -> None:
    url = _open(client, h5p_place)
    content = {"id": h5p.content_activity_id(h5p_place.package)}
    elsewhere = _said(h5p_place, "completed")
    elsewhere["object"]["id"] = "https://example.org/other-course"
    # Naming the content in the context does not make another activity its part.
    elsewhere["context"]["contextActivities"]["grouping"] = [content]
    prefixed = _said(h5p_place, "completed", part="-and-more")
    about_someone = {
        **_said(h5p_place, "completed"),
        "object": {"objectType": "Agent", "mbox": "mailto:a@b.org"},
    }
    about_someone["context"]["contextActivities"]["grouping"] = [content]
    for statement in (elsewhere, prefixed, about_someone):
        response = _post(client, url, statement)
        assert (response.status_code, response.json()["error"]["code"]) == (
            403,
            "permission_denied",
        )
        assert not Statement.objects.filter(id=statement["id"]).exists()
    assert not _done(h5p_place)


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("", "malformed_body"),
        ("{not json", "malformed_body"),
        ("[1, 2]", "malformed_body"),
        ('"completed"', "malformed_body"),
        ("[" * 5_000 + "]" * 5_000, "invalid_input"),
        ('{"verb": "\\u0000"}', "invalid_input"),
        ('{"verb": "' + "x" * 3_000_000 + '"}', "payload_too_large"),
    ],
)
def test_what_is_not_a_statement_object_is_refused(
    client: Client, h5p_place: Place, body: str, code: str
) -> None:
    url = _open(client, h5p_place)
    response = client.post(url, data=body, content_type="application/json", HTTP_HOST=HOST)
    assert response.status_code in {400, 413}
    assert response.json()["error"]["code"] == code
    assert response.json()["error"]["message"]
    assert not _content_statements(h5p_place)


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity"])
def test_a_score_that_json_cannot_hold_is_refused(
    client: Client, h5p_place: Place, number: str
) -> None:
    """Python reads NaN and Infinity, which are not JSON: the statement is not JSON."""
    url = _open(client, h5p_place)
    said = _said(h5p_place, "answered", score={"raw": 1, "min": 0, "max": 2})
    body = json.dumps(said).replace('"raw": 1', f'"raw": {number}')
    response = client.post(url, data=body, content_type="application/json", HTTP_HOST=HOST)
    assert (response.status_code, response.json()["error"]["code"]) == (400, "malformed_body")
    assert not _content_statements(h5p_place)


def test_an_invalid_statement_is_refused_with_nothing_stored(
    client: Client, h5p_place: Place
) -> None:
    url = _open(client, h5p_place)
    for broken in (
        {**_said(h5p_place, "completed"), "verb": {"id": "not an iri"}},
        {**_said(h5p_place, "completed"), "result": {"score": {"scaled": 7}}},
        {**_said(h5p_place, "completed"), "timestamp": "yesterday"},
        {**_said(h5p_place, "completed"), "id": "not-a-uuid"},
    ):
        response = _post(client, url, broken)
        assert (response.status_code, response.json()["error"]["code"]) == (400, "invalid_input")
    assert not _content_statements(h5p_place)
    assert not _done(h5p_place)


def test_an_expired_session_is_refused(client: Client, h5p_place: Place) -> None:
    url = _open(client, h5p_place)
    Session.objects.update(expires=timezone.now() - timedelta(minutes=1))
    response = _post(client, url, _said(h5p_place, "completed"))
    assert (response.status_code, response.json()["error"]["code"]) == (403, "launch_expired")
    assert not _done(h5p_place)


def test_statements_are_taken_only_on_the_package_origin(client: Client, h5p_place: Place) -> None:
    url = _open(client, h5p_place)
    response = client.post(
        url, data=json.dumps(_said(h5p_place, "completed")), content_type="application/json"
    )
    assert response.status_code == 404
    assert not _content_statements(h5p_place)


def test_an_unknown_session_is_not_found(client: Client, h5p_place: Place) -> None:
    url = _open(client, h5p_place)
    for session in (str(uuid.uuid4()), "not-a-session"):
        wrong = re.sub(r"/h5p/[^/]+/", f"/h5p/{session}/", url)
        response = _post(client, wrong, _said(h5p_place, "completed"))
        assert response.status_code == 404
    assert not _content_statements(h5p_place)
