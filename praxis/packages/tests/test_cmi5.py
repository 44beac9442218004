"""Praxis as the cmi5 LMS: the launch URL and what is written before it, the one-time fetch
URL, the bound credential, the statement rules, moveOn, waived and abandoned sessions."""

from __future__ import annotations

import base64
import json
import re
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from praxis.accounts.tests.factories import UserFactory
from praxis.catalog.models import LessonProgress
from praxis.core.errors import ValidationFailed
from praxis.lrs.models import Document, LrsClient, Statement
from praxis.lrs.services import record
from praxis.packages import cmi5
from praxis.packages.models import Attempt, Session
from praxis.packages.tests import crafting
from praxis.packages.tests.learner_au import DONE, HOST, Au, launch_url, passed, place_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_package_host")]


def _said(verb: str) -> list[Statement]:
    return list(Statement.objects.filter(verb_id=verb).order_by("stored"))


def _lesson_done(place: Any) -> bool:
    return LessonProgress.objects.filter(
        learner=place.learner, lesson=place.lesson, completed_at__isnull=False
    ).exists()


# Launch


def test_launch_url_carries_the_cmi5_parameters_and_launch_data_is_written_first(
    client: Client,
) -> None:
    place = place_of(crafting.cmi5_blocks())
    url = launch_url(client, place)
    au = Au(client, url, fetch=False)
    assert url.startswith(f"http://{HOST}/packages/play/")
    assert urlsplit(url).path.endswith("/content/fridge.html")
    assert au.params["lang"] == "en"  # the AU's own query is kept
    assert au.params["endpoint"] == f"{settings.SITE_URL}/xapi/"
    assert au.params["registration"] == str(place.enrolment.registration)
    assert au.actor == {
        "objectType": "Agent",
        "account": {"homePage": settings.SITE_URL, "name": str(place.learner.uuid)},
    }
    assert au.params["activityId"] != "https://example.org/au/fridge"
    assert au.params["activityId"].startswith(f"{settings.SITE_URL}/xapi/activities/package/")
    assert urlsplit(au.params["fetch"]).netloc == HOST
    session = Session.objects.get()
    data = json.loads(bytes(Document.objects.get(document_id="LMS.LaunchData").content))
    assert data == {
        "contextTemplate": {
            "contextActivities": {"grouping": [{"id": "https://example.org/au/fridge"}]},
            "extensions": {cmi5.EXTENSION_SESSION: str(session.uuid)},
        },
        "launchMode": "Normal",
        "moveOn": "Passed",
        "masteryScore": 0.75,
        "launchParameters": '{"level": 2}',
        "entitlementKey": {"courseStructure": "key-42"},
        "returnURL": url.split("content/")[0],
    }
    preferences = Document.objects.get(document_id="cmi5LearnerPreferences")
    assert json.loads(bytes(preferences.content))["audioPreference"] == "on"
    [launched] = _said(cmi5.VERB_LAUNCHED)
    extensions = launched.data["context"]["extensions"]
    assert extensions[cmi5.EXTENSION_LAUNCH_MODE] == "Normal"
    assert extensions[cmi5.EXTENSION_MOVE_ON] == "Passed"
    assert extensions[cmi5.EXTENSION_MASTERY] == 0.75
    assert extensions[cmi5.EXTENSION_LAUNCH_URL].endswith("/content/fridge.html?lang=en")
    assert launched.data["object"]["id"] == au.params["activityId"]
    assert str(launched.registration) == str(place.enrolment.registration)


def test_the_launcher_lists_the_units_and_launches_only_from_the_package_origin(
    client: Client,
) -> None:
    place = place_of(crafting.cmi5_blocks())
    page = client.get(f"/packages/play/{place.token}/", HTTP_HOST=HOST)
    assert page.status_code == 200
    assert b"Fridge" in page.content and b"Transport" in page.content
    forms = re.findall(rb"<form [^>]*>", page.content)
    assert [b'target="_blank"' in form for form in forms] == [False, True]  # OwnWindow
    assert client.post(f"/packages/play/{place.token}/launch/0").status_code == 404
    assert client.post(f"/packages/play/{place.token}/launch/9", HTTP_HOST=HOST).status_code == 404
    assert client.get(f"/packages/play/{place.token}/launch/0", HTTP_HOST=HOST).status_code == 405
    tampered = place.token[:-3] + ("xyz" if not place.token.endswith("xyz") else "abc")
    refused = client.post(f"/packages/play/{tampered}/launch/0", HTTP_HOST=HOST)
    assert refused.status_code == 403
    assert not Session.objects.exists()


# The fetch URL


def test_fetch_gives_the_token_once_then_the_cmi5_error(client: Client) -> None:
    place = place_of(crafting.cmi5_course())
    au = Au(client, launch_url(client, place))
    assert au.send(au.statement("initialized")).status_code == 200
    again = au.fetch()
    assert again["error-code"] == "1" and "auth-token" not in again
    path = urlsplit(au.params["fetch"]).path
    assert client.post(path, HTTP_HOST=HOST).status_code == 200  # errors too, as cmi5 asks
    wrong_method = client.get(path, HTTP_HOST=HOST)
    assert wrong_method.status_code == 405
    assert wrong_method.json()["error-code"] == "3"
    unknown = client.post("/packages/cmi5/fetch/not-one-we-gave", HTTP_HOST=HOST).json()
    assert unknown["error-code"] == "2"
    assert client.post(path).status_code == 404  # not on the site's own origin


def test_fetch_after_the_session_expired_gives_no_token(client: Client) -> None:
    place = place_of(crafting.cmi5_course())
    au = Au(client, launch_url(client, place), fetch=False)
    Session.objects.update(expires=timezone.now() - timedelta(seconds=1))
    assert au.fetch()["error-code"] == "1"
    assert not LrsClient.objects.exists()


def test_an_expired_or_tampered_credential_is_refused(client: Client) -> None:
    place = place_of(crafting.cmi5_course())
    au = Au(client, launch_url(client, place))
    key, secret = base64.b64decode(au.auth).decode().split(":")
    good = au.auth
    initialized = au.statement("initialized")
    au.auth = base64.b64encode(f"{key}:{secret[:-1]}x".encode()).decode()
    assert au.send(initialized).status_code == 401
    au.auth = good
    LrsClient.objects.update(expires=timezone.now() - timedelta(seconds=1))
    assert au.xapi("GET", "statements").status_code == 401
    assert not Statement.objects.filter(verb_id__endswith="initialized").exists()


# What the credential reaches


def test_the_credential_speaks_only_for_its_learner_and_registration(client: Client) -> None:
    place = place_of(crafting.cmi5_course())
    au = Au(client, launch_url(client, place))
    au.read_launch_data()
    someone_else = {**au.statement("initialized"), "actor": {"mbox": "mailto:x@example.org"}}
    assert au.send(someone_else).status_code == 403
    other = au.statement("initialized")
    other["context"]["registration"] = "ccaf384c-f8d4-4e7a-8304-49af58f0b176"
    assert au.send(other).status_code == 403
    assert au.state(registration="ccaf384c-f8d4-4e7a-8304-49af58f0b176").status_code == 403
    stranger = UserFactory.create()
    their_agent = {
        "objectType": "Agent",
        "account": {"homePage": settings.SITE_URL, "name": str(stranger.uuid)},
    }
    assert au.state(agent=json.dumps(their_agent)).status_code == 403
    assert au.send(au.statement("initialized")).status_code == 200
    initialized = Statement.objects.first()
    assert initialized is not None
    voiding = {
        **au.statement("initialized", defined=False),
        "verb": {"id": "http://adlnet.gov/expapi/verbs/voided"},
        "object": {"objectType": "StatementRef", "id": str(initialized.id)},
    }
    assert au.send(voiding).status_code == 403
    # What the learner did elsewhere (another course's registration) stays out of reach.
    elsewhere = record(
        cmi5.learner_agent(place.learner),
        "http://adlnet.gov/expapi/verbs/completed",
        {"objectType": "Activity", "id": "https://example.org/another-course"},
        context={"registration": "0b6e1fd4-7a0b-4d1c-9f55-7e0f3a1c2d3e"},
    )
    listed = au.xapi("GET", "statements").json()["statements"]
    assert listed and all(s["actor"]["account"]["name"] == str(place.learner.uuid) for s in listed)
    assert {s["context"]["registration"] for s in listed} == {au.params["registration"]}
    assert au.xapi("GET", "statements", statementId=str(elsewhere.id)).status_code == 404
    other_registration = au.xapi(
        "GET", "statements", registration="0b6e1fd4-7a0b-4d1c-9f55-7e0f3a1c2d3e"
    )
    assert other_registration.status_code == 403
    assert au.xapi("GET", "statements", agent=json.dumps(their_agent)).status_code == 403


def test_the_au_may_not_change_launch_data_and_writes_only_sound_preferences(
    client: Client,
) -> None:
    place = place_of(crafting.cmi5_course())
    au = Au(client, launch_url(client, place))
    where = {
        "stateId": "LMS.LaunchData",
        "activityId": au.params["activityId"],
        "agent": json.dumps(au.actor),
        "registration": au.params["registration"],
    }
    assert au.xapi("PUT", "activities/state", {"launchMode": "Review"}, **where).status_code == 403
    assert au.xapi("DELETE", "activities/state", **where).status_code == 403
    assert au.read_launch_data()["launchMode"] == "Normal"
    profile = {"profileId": "cmi5LearnerPreferences", "agent": json.dumps(au.actor)}
    for bad in [
        b"just some text",
        {"audioPreference": "on"},
        {"languagePreference": "not comma separated", "audioPreference": "on"},
        {"languagePreference": "", "audioPreference": "on"},
        {"languagePreference": "fr-FR"},
    ]:
        response = au.xapi("POST", "agents/profile", bad, **profile)
        assert response.status_code == 403, bad
    good = {"languagePreference": "fr-FR,en-US", "audioPreference": "off"}
    as_text = client.post(
        "/xapi/agents/profile?" + urlencode(profile),
        data=json.dumps(good),
        content_type="text/plain",
        HTTP_AUTHORIZATION=f"Basic {au.auth}",
        HTTP_X_EXPERIENCE_API_VERSION="1.0.3",
    )
    assert as_text.status_code == 403
    assert "application/json" in as_text.json()["error"]["message"]
    assert au.xapi("POST", "agents/profile", good, **profile).status_code == 204
    assert au.xapi("GET", "agents/profile", **profile).json() == good
    no_actor = au.xapi("POST", "agents/profile", good, profileId="cmi5LearnerPreferences")
    assert no_actor.status_code == 400


# The statement rules


def _drop(path: str) -> Any:
    def alter(statement: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target = statement
        for name in parents:
            target = target[name]
        del target[last]

    return alter


def _set(path: str, value: Any) -> Any:
    def alter(statement: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target = statement
        for name in parents:
            target = target[name]
        target[last] = value

    return alter


BROKEN: list[tuple[str, str, dict[str, Any] | None, Any, str]] = [
    ("no id", "completed", DONE, _drop("id"), "its own id"),
    ("no timestamp", "completed", DONE, _drop("timestamp"), "timestamp in UTC"),
    (
        "not UTC",
        "completed",
        DONE,
        _set("timestamp", "2026-12-04T10:00:00-06:00"),
        "timestamp in UTC",
    ),
    ("no context", "completed", DONE, _drop("context"), "context template"),
    ("no registration", "completed", DONE, _drop("context.registration"), "registration"),
    (
        "mbox actor",
        "passed",
        passed(),
        _set("actor", {"mbox": "mailto:a@example.org"}),
        "only for the learner",
    ),
    (
        "other object",
        "passed",
        passed(),
        _set("object", {"id": "http://example.com/not/it"}),
        "activityId",
    ),
    ("LMS verb", "https://w3id.org/xapi/adl/verbs/satisfied", None, None, "says initialized"),
    ("initialized again", "initialized", None, None, "comes once"),
    (
        "completion on passed",
        "passed",
        {**passed(), "completion": True},
        None,
        "no result.completion",
    ),
    ("success on completed", "completed", {**DONE, "success": True}, None, "neither success"),
    (
        "completed not complete",
        "completed",
        {"completion": False, "duration": "PT1M"},
        None,
        "completion true",
    ),
    (
        "score on completed",
        "completed",
        {**DONE, "score": {"scaled": 0.5}},
        None,
        "neither success",
    ),
    ("no duration", "completed", {"completion": True}, None, "duration"),
    ("terminated without result", "terminated", None, None, "duration"),
    ("passed below mastery", "passed", passed(0.79), None, "below the mastery"),
    (
        "failed at mastery",
        "failed",
        {"success": False, "score": {"scaled": 0.8}, "duration": "PT1M"},
        None,
        "reaches the mastery",
    ),
    (
        "raw without min",
        "passed",
        {**passed(), "score": {"raw": 90, "max": 100}},
        None,
        "min and max",
    ),
    ("passed not a success", "passed", {**passed(), "success": False}, None, "result.success true"),
    (
        "a score without the masteryScore",
        "passed",
        passed(),
        lambda statement: statement["context"]["extensions"].pop(cmi5.EXTENSION_MASTERY),
        "masteryScore",
    ),
    (
        "another masteryScore",
        "passed",
        {"success": True, "duration": "PT1M"},
        lambda statement: statement["context"]["extensions"].update({cmi5.EXTENSION_MASTERY: 0.5}),
        "masteryScore",
    ),
]


def test_initialized_waits_until_the_au_has_read_the_learners_preferences(
    client: Client,
) -> None:
    place = place_of(crafting.cmi5_course())
    au = Au(client, launch_url(client, place), fetch=False)
    au.auth = au.fetch()["auth-token"]
    response = au.send(au.statement("initialized"))
    assert response.status_code == 403
    assert "preferences" in response.json()["error"]["message"]
    assert au.read_preferences().status_code == 200
    assert au.send(au.statement("initialized")).status_code == 200


def test_a_judgement_without_a_score_need_not_name_the_mastery_score(client: Client) -> None:
    place = place_of(crafting.cmi5_course())
    au = Au(client, launch_url(client, place))
    assert au.send(au.statement("initialized")).status_code == 200
    statement = au.statement("passed", {"success": True, "duration": "PT1M"})
    del statement["context"]["extensions"][cmi5.EXTENSION_MASTERY]
    assert au.send(statement).status_code == 200
    assert Attempt.objects.get().success_status == "passed"


@pytest.mark.parametrize(
    ("verb", "result", "alter", "reason"),
    [case[1:] for case in BROKEN],
    ids=[case[0] for case in BROKEN],
)
def test_a_statement_breaking_a_cmi5_rule_is_refused_and_nothing_is_stored(
    client: Client, verb: str, result: dict[str, Any] | None, alter: Any, reason: str
) -> None:
    place = place_of(crafting.cmi5_course())
    au = Au(client, launch_url(client, place))
    assert au.send(au.statement("initialized")).status_code == 200
    before = Statement.objects.count()
    statement = au.statement(verb, result)
    if alter is not None:
        alter(statement)
    response = au.send(statement)
    assert response.status_code == 403, response.content
    assert reason in response.json()["error"]["message"]
    assert Statement.objects.count() == before
    assert not Attempt.objects.exists()


def test_statements_without_the_session_id_or_with_a_stray_move_on_category_are_refused(
    client: Client,
) -> None:
    place = place_of(crafting.cmi5_course())
    au = Au(client, launch_url(client, place))
    first = au.statement("initialized")
    del first["context"]["extensions"][cmi5.EXTENSION_SESSION]
    assert au.send(first).status_code == 403
    allowed_first = au.statement("http://adlnet.gov/expapi/verbs/experienced", defined=False)
    assert au.send(allowed_first).status_code == 403  # initialized comes first
    assert au.send(au.statement("initialized")).status_code == 200
    stray = au.statement("http://adlnet.gov/expapi/verbs/experienced", defined=False)
    stray["context"]["contextActivities"]["category"] = [{"id": cmi5.CATEGORY_MOVE_ON}]
    assert au.send(stray).status_code == 403
    allowed = au.statement("http://adlnet.gov/expapi/verbs/experienced", defined=False)
    assert au.send(allowed).status_code == 200


def test_a_batch_is_refused_whole_when_one_statement_breaks_a_rule(client: Client) -> None:
    place = place_of(crafting.cmi5_course())
    au = Au(client, launch_url(client, place))
    batch = au.send(au.statement("initialized"), au.statement("passed", passed(0.5)))
    assert batch.status_code == 403
    assert not Statement.objects.filter(
        actor_key__contains=str(place.learner.uuid), verb_id__endswith="initialized"
    ).exists()
    assert Session.objects.get().initialized_at is None


def test_nothing_is_accepted_after_terminated_and_a_repeat_is_not_a_second_statement(
    client: Client,
) -> None:
    place = place_of(crafting.cmi5_course())
    au = Au(client, launch_url(client, place))
    initialized = au.statement("initialized")
    assert au.send(initialized).status_code == 200
    assert au.send(initialized).status_code == 200  # the same statement again changes nothing
    assert au.send(au.statement("terminated", {"duration": "PT2M"})).status_code == 200
    late = au.send(au.statement("http://adlnet.gov/expapi/verbs/experienced", defined=False))
    assert late.status_code == 401  # the credential ended with the session
    assert au.state().status_code == 401
    assert Session.objects.get().terminated_at is not None
    again = Au(client, launch_url(client, place))
    batch = again.send(
        again.statement("initialized"),
        again.statement("terminated", {"duration": "PT1M"}),
        again.statement("http://adlnet.gov/expapi/verbs/experienced", defined=False),
    )
    assert batch.status_code == 403
    assert "terminated" in batch.json()["error"]["message"]


def test_completed_and_passed_come_once_per_registration_and_failed_never_after_passed(
    client: Client,
) -> None:
    place = place_of(crafting.cmi5_course())
    first = Au(client, launch_url(client, place))
    assert first.send(first.statement("initialized")).status_code == 200
    assert first.send(first.statement("completed", DONE)).status_code == 200
    assert first.send(first.statement("completed", DONE)).status_code == 403
    assert first.send(first.statement("passed", passed())).status_code == 200
    assert first.send(first.statement("terminated", {"duration": "PT3M"})).status_code == 200
    second = Au(client, launch_url(client, place))
    assert second.send(second.statement("initialized")).status_code == 200
    assert second.send(second.statement("completed", DONE)).status_code == 403
    assert second.send(second.statement("passed", passed())).status_code == 403
    failed = {"success": False, "score": {"scaled": 0.2}, "duration": "PT1M"}
    assert second.send(second.statement("failed", failed)).status_code == 403


def test_in_browse_mode_nothing_is_judged(client: Client) -> None:
    place = place_of(crafting.cmi5_course())
    au = Au(client, cmi5.launch_au(place.launch, "https://example.org/au/1", mode="Browse"))
    assert au.read_launch_data()["launchMode"] == "Browse"
    assert au.send(au.statement("initialized")).status_code == 200
    assert au.send(au.statement("completed", DONE)).status_code == 403


# moveOn


MOVE_ON: list[tuple[str, str, list[tuple[int, str]], bool]] = [
    # (first AU's moveOn, second AU's, what the learner does, is the lesson completed)
    ("Passed", "Completed", [(0, "passed")], False),
    ("Passed", "Completed", [(0, "passed"), (1, "completed")], True),
    ("Passed", "NotApplicable", [(0, "completed")], False),
    ("Completed", "NotApplicable", [(0, "failed")], False),
    ("CompletedAndPassed", "NotApplicable", [(0, "completed")], False),
    ("CompletedAndPassed", "NotApplicable", [(0, "completed"), (0, "passed")], True),
    ("CompletedOrPassed", "NotApplicable", [(0, "completed")], True),
    ("CompletedOrPassed", "NotApplicable", [(0, "passed")], True),
]


def _do(au: Au, verb: str) -> None:
    results = {
        "completed": DONE,
        "passed": passed(),
        "failed": {"success": False, "score": {"scaled": 0.1}, "duration": "PT1M"},
    }
    assert au.send(au.statement(verb, results[verb])).status_code == 200


@pytest.mark.parametrize(("first", "second", "actions", "done"), MOVE_ON)
def test_move_on_decides_when_the_lesson_is_completed(
    client: Client, first: str, second: str, actions: list[tuple[int, str]], done: bool
) -> None:
    place = place_of(crafting.cmi5_blocks(first, second))
    launched: dict[int, Au] = {}
    for position, verb in actions:
        if position not in launched:
            launched[position] = Au(client, launch_url(client, place, position))
            assert (
                launched[position].send(launched[position].statement("initialized")).status_code
                == 200
            )
        _do(launched[position], verb)
    assert _lesson_done(place) is done
    course = [
        s
        for s in _said(cmi5.VERB_SATISFIED)
        if s.data["object"]["definition"]["type"] == cmi5.TYPE_COURSE
    ]
    assert len(course) == (1 if done else 0)


def test_a_satisfied_block_is_said_once_with_the_session_that_satisfied_it(
    client: Client,
) -> None:
    place = place_of(crafting.cmi5_blocks("Passed", "Completed"))
    au = Au(client, launch_url(client, place))
    au.send(au.statement("initialized"))
    _do(au, "passed")
    [block] = _said(cmi5.VERB_SATISFIED)
    assert block.data["object"]["definition"]["type"] == cmi5.TYPE_BLOCK
    assert block.data["object"]["id"] != "https://example.org/block/storage"
    assert block.data["context"]["extensions"][cmi5.EXTENSION_SESSION] == str(
        Session.objects.get().uuid
    )
    assert str(block.registration) == str(place.enrolment.registration)
    attempt = Attempt.objects.get()
    assert (attempt.success_status, attempt.score_scaled) == ("passed", 0.9)


def test_a_course_of_units_without_criteria_is_satisfied_at_the_first_launch(
    client: Client,
) -> None:
    place = place_of(crafting.cmi5_blocks("NotApplicable", "NotApplicable"))
    launch_url(client, place)
    assert _lesson_done(place)
    assert len(_said(cmi5.VERB_SATISFIED)) == 2  # the block and the course


# Waived and abandoned


def test_waiving_a_unit_says_waived_once_and_counts_for_move_on() -> None:
    place = place_of(crafting.cmi5_blocks("Passed", "NotApplicable"))
    cmi5.waive(place.launch, "https://example.org/au/fridge", "Tested Out")
    [waived] = _said(cmi5.VERB_WAIVED)
    assert waived.data["result"]["extensions"][cmi5.EXTENSION_REASON] == "Tested Out"
    assert waived.data["result"]["success"] is True
    assert _lesson_done(place)
    with pytest.raises(ValidationFailed):
        cmi5.waive(place.launch, "https://example.org/au/fridge", "Tested Out")
    with pytest.raises(ValidationFailed):
        cmi5.waive(place.launch, "https://example.org/au/transport", "Because")
    assert len(_said(cmi5.VERB_WAIVED)) == 1


def test_a_new_launch_abandons_the_session_never_terminated(client: Client) -> None:
    place = place_of(crafting.cmi5_course())
    first = Au(client, launch_url(client, place))
    assert first.send(first.statement("initialized")).status_code == 200
    second = Au(client, launch_url(client, place))
    [abandoned] = _said(cmi5.VERB_ABANDONED)
    old = Session.objects.order_by("created_at").first()
    assert old is not None and old.abandoned_at is not None
    assert abandoned.data["context"]["extensions"][cmi5.EXTENSION_SESSION] == str(old.uuid)
    assert abandoned.data["result"]["duration"].startswith("PT")
    assert first.send(first.statement("terminated", {"duration": "PT1M"})).status_code == 401
    assert second.send(second.statement("initialized")).status_code == 200
    # A session that terminated is not abandoned by the next launch.
    assert second.send(second.statement("terminated", {"duration": "PT1M"})).status_code == 200
    Au(client, launch_url(client, place))
    assert len(_said(cmi5.VERB_ABANDONED)) == 1


def test_sessions_whose_credential_expired_are_abandoned(client: Client) -> None:
    place = place_of(crafting.cmi5_course())
    Au(client, launch_url(client, place))
    assert cmi5.abandon_expired() == 0
    Session.objects.update(expires=timezone.now() - timedelta(minutes=1))
    assert cmi5.abandon_expired() == 1
    assert len(_said(cmi5.VERB_ABANDONED)) == 1
    assert not LrsClient.objects.filter(active=True).exists()
