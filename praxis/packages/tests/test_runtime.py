"""The SCORM runtime's server side: numbered commits kept once, statuses and scores read from
both data models, xAPI statements, the launch credential, and the package origin's files."""

from __future__ import annotations

import io
import json
import uuid
from dataclasses import replace
from typing import Any

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from pytest_django import Settings as SettingsWrapper

from praxis.accounts.tests.factories import UserFactory
from praxis.catalog.models import LessonProgress
from praxis.catalog.services import enrol
from praxis.catalog.tests.factories import LessonFactory
from praxis.core.errors import PermissionDenied, ValidationFailed
from praxis.lrs.models import Statement
from praxis.lrs.vocabulary import VERB_COMPLETED, VERB_FAILED, VERB_PASSED, VERB_SCORED
from praxis.packages import runtime
from praxis.packages.launch import SALT, Launch, launch_token, read_launch
from praxis.packages.models import Attempt, Package
from praxis.packages.services import import_package
from praxis.packages.tests import crafting

pytestmark = pytest.mark.django_db
ORIGIN = "http://localhost"


@pytest.fixture(autouse=True)
def _origin(settings: SettingsWrapper) -> None:
    settings.PACKAGE_ORIGIN = ORIGIN


def _package(content: bytes | None = None) -> Package:
    return import_package(io.BytesIO(content or crafting.scorm_12()), by=None)


def _launch(package: Package, learner_id: int, subject: uuid.UUID | None = None) -> Launch:
    return Launch(learner=learner_id, package=package.pk, subject=str(subject or uuid.uuid4()))


def _scorm_12(status: str = "incomplete", raw: str = "", location: str = "") -> dict[str, Any]:
    return {
        "core": {
            "lesson_status": status,
            "lesson_location": location,
            "score": {"raw": raw, "min": "0", "max": "100"},
        },
        "suspend_data": "s",
        "interactions": {"childArray": [{"id": "q1", "result": "correct"}]},
    }


def test_a_commit_keeps_bookmark_suspend_data_interactions_and_score() -> None:
    learner = UserFactory.create()
    launch = _launch(_package(), learner.pk)
    attempt = runtime.commit(launch, "moments", _scorm_12("incomplete", "40", "page-2"), 1)
    assert (attempt.location, attempt.suspend_data, attempt.score_raw) == ("page-2", "s", 40)
    assert attempt.score_scaled == 0.4
    assert attempt.cmi["interactions"]["childArray"][0]["id"] == "q1"
    state, sequence = runtime.resume_state(launch, "moments")
    assert sequence == 1
    assert state["cmi"]["core"]["lesson_location"] == "page-2"
    assert state["cmi"]["suspend_data"] == "s"
    assert state["cmi"]["student_data"] == {"mastery_score": "80"}
    assert state["cmi"]["core"]["credit"] == "credit"


def test_a_sco_is_entered_afresh_then_resumed_only_after_a_suspend() -> None:
    learner = UserFactory.create()
    launch = _launch(_package(), learner.pk)
    first, _sequence = runtime.resume_state(launch, "moments")
    assert first["cmi"]["core"]["entry"] == "ab-initio"
    suspended = _scorm_12(location="page-2")
    suspended["core"]["exit"] = "suspend"
    runtime.commit(launch, "moments", suspended, 1)
    back, _sequence = runtime.resume_state(launch, "moments")
    assert back["cmi"]["core"]["entry"] == "resume"
    left = _scorm_12(location="page-3")
    left["core"]["exit"] = ""
    runtime.commit(launch, "moments", left, 2)
    again, _sequence = runtime.resume_state(launch, "moments")
    assert again["cmi"]["core"]["entry"] == ""


def test_a_repeated_or_overtaken_commit_changes_nothing() -> None:
    learner = UserFactory.create()
    launch = _launch(_package(), learner.pk)
    runtime.commit(launch, "moments", _scorm_12(location="page-5"), 2)
    runtime.commit(launch, "moments", _scorm_12(location="page-1"), 2)
    attempt = runtime.commit(launch, "moments", _scorm_12(location="page-0"), 1)
    assert (attempt.location, attempt.sequence) == ("page-5", 2)
    assert Attempt.objects.count() == 1


def test_each_status_and_score_change_is_one_statement_in_the_learners_record() -> None:
    learner = UserFactory.create()
    launch = _launch(_package(), learner.pk)
    runtime.commit(launch, "moments", _scorm_12("incomplete", "30"), 1)
    runtime.commit(launch, "moments", _scorm_12("failed", "50"), 2)
    runtime.commit(launch, "moments", _scorm_12("passed", "90"), 3)
    runtime.commit(launch, "moments", _scorm_12("passed", "90"), 4)
    verbs = list(Statement.objects.order_by("stored").values_list("verb_id", flat=True))
    assert verbs == [VERB_SCORED, VERB_FAILED, VERB_COMPLETED, VERB_PASSED]
    assert all(str(learner.uuid) in s.actor_key for s in Statement.objects.all())


def test_passing_once_is_kept_when_the_sco_later_says_incomplete() -> None:
    learner = UserFactory.create()
    launch = _launch(_package(), learner.pk)
    runtime.commit(launch, "moments", _scorm_12("passed", "90"), 1)
    attempt = runtime.commit(launch, "moments", _scorm_12("incomplete", ""), 2)
    assert (attempt.success_status, attempt.completion_status) == ("passed", "completed")


def test_scorm_2004_statuses_and_scaled_score_are_read() -> None:
    tracked = runtime.tracked(
        "scorm2004",
        {
            "completion_status": "completed",
            "success_status": "failed",
            "score": {"scaled": "0.5", "raw": "5"},
            "location": "slide-4",
        },
    )
    assert (tracked.completion, tracked.success, tracked.scaled, tracked.location) == (
        "completed",
        "failed",
        0.5,
        "slide-4",
    )


def test_completing_every_sco_completes_the_lesson_it_is_played_in() -> None:
    learner = UserFactory.create()
    package = _package(crafting.scorm_2004())
    lesson = LessonFactory.create(package=package)
    enrol(learner, lesson.module.course)
    launch = _launch(package, learner.pk, lesson.uuid)
    done = {"completion_status": "completed", "success_status": "passed"}
    runtime.commit(launch, "part-1", done, 1)
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()
    runtime.commit(launch, "part-2", done, 1)
    assert LessonProgress.objects.get(learner=learner, lesson=lesson).completed_at is not None


@pytest.mark.parametrize("sequence", [None, "1", 0, -3, True, 2**40])
def test_a_commit_without_a_proper_sequence_number_is_refused(sequence: Any) -> None:
    learner = UserFactory.create()
    launch = _launch(_package(), learner.pk)
    with pytest.raises(ValidationFailed):
        runtime.commit(launch, "moments", _scorm_12(), sequence)
    assert not Attempt.objects.exists()


# The package origin


def _commit(client: Client, token: str, body: bytes, sco: str = "moments") -> Any:
    return client.post(
        f"/packages/play/{token}/commit/{sco}",
        data=body,
        content_type="text/plain",
        HTTP_HOST="localhost",
    )


def test_commit_endpoint_answers_the_runtime_and_refuses_bad_input(client: Client) -> None:
    learner = UserFactory.create()
    token = launch_token(_launch(_package(), learner.pk))
    body = json.dumps({"sequence": 1, "cmi": _scorm_12("passed", "85")}).encode()
    answer = _commit(client, token, body)
    assert answer.json() == {"result": "true", "errorCode": 0}
    assert Attempt.objects.get().success_status == "passed"
    malformed = _commit(client, token, b"{not json")
    assert malformed.status_code == 400
    assert malformed.json()["error"]["code"] == "malformed_body"
    unknown = _commit(client, token, body, sco="nope")
    assert unknown.status_code == 404


@pytest.mark.parametrize("raw", ["NaN", "Infinity", "-inf", "1e400"])
def test_a_score_that_is_no_finite_number_is_not_kept(client: Client, raw: str) -> None:
    learner = UserFactory.create()
    token = launch_token(_launch(_package(), learner.pk))
    body = json.dumps({"sequence": 1, "cmi": _scorm_12("completed", raw)}).encode()

    answer = _commit(client, token, body)

    assert answer.status_code == 200, answer.content[:200]
    attempt = Attempt.objects.get()
    assert attempt.completion_status == "completed"
    assert attempt.score_raw is None and attempt.score_scaled is None
    assert Statement.objects.filter(verb_id=VERB_COMPLETED).count() == 1


def test_a_commit_holding_what_json_has_not_is_refused(client: Client) -> None:
    learner = UserFactory.create()
    token = launch_token(_launch(_package(), learner.pk))
    body = json.dumps({"sequence": 1, "cmi": {**_scorm_12("completed"), "x": 1}})

    refused = _commit(client, token, body.replace('"x": 1', '"x": NaN').encode())

    assert refused.status_code == 400
    assert refused.json()["error"]["code"] == "malformed_body"
    assert not Attempt.objects.exists()


def test_an_altered_or_expired_launch_is_refused(client: Client, settings: SettingsWrapper) -> None:
    learner = UserFactory.create()
    token = launch_token(_launch(_package(), learner.pk))
    body = json.dumps({"sequence": 1, "cmi": _scorm_12("passed")}).encode()
    altered = _commit(client, token[:-2] + ("AA" if not token.endswith("AA") else "BB"), body)
    assert altered.status_code == 403
    assert altered.json()["error"]["code"] == "launch_expired"
    settings.PACKAGE_LAUNCH_HOURS = 0
    expired = _commit(client, token, body)
    assert expired.json()["error"]["code"] == "launch_expired"
    assert not Attempt.objects.exists()


def test_package_pages_are_not_served_on_the_sites_own_origin(client: Client) -> None:
    learner = UserFactory.create()
    token = launch_token(_launch(_package(), learner.pk))
    assert client.get(f"/packages/play/{token}/").status_code == 404
    assert client.get(f"/packages/play/{token}/content/index.html").status_code == 404
    player = client.get(f"/packages/play/{token}/", HTTP_HOST="localhost")
    assert player.status_code == 200
    assert "frame-ancestors" in player.headers["Content-Security-Policy"]


def test_package_files_are_served_only_from_inside_the_package(client: Client) -> None:
    learner = UserFactory.create()
    token = launch_token(_launch(_package(), learner.pk))
    sco = client.get(f"/packages/play/{token}/content/index.html", HTTP_HOST="localhost")
    assert sco.status_code == 200
    assert b"LMSInitialize" in b"".join(sco.streaming_content)  # type: ignore[attr-defined]  # a FileResponse streams; the stubs type a plain one
    assert sco.headers["Referrer-Policy"] == "no-referrer"
    for path in ["../../settings.py", "%2e%2e/secret", "missing.html", "/etc/passwd"]:
        response = client.get(f"/packages/play/{token}/content/{path}", HTTP_HOST="localhost")
        assert response.status_code == 404, path


def test_a_token_signed_for_something_else_is_refused() -> None:
    learner = UserFactory.create()
    data = signing.loads(launch_token(_launch(_package(), learner.pk)), salt=SALT)
    forged = signing.dumps({**data, "learner": learner.pk + 1}, salt="another.salt")
    with pytest.raises(PermissionDenied) as refusal:
        read_launch(forged)
    assert refusal.value.code == "launch_expired"


def test_the_player_speaks_the_learners_interface_language(client: Client) -> None:
    learner = UserFactory.create()
    package = _package(crafting.scorm_2004())  # two parts: the player names its list of them
    launch = Launch(learner=learner.pk, package=package.pk, subject=str(uuid.uuid4()))
    url = reverse("packages:player", args=[launch_token(launch)])

    english = client.get(url, HTTP_HOST="localhost").content.decode()
    assert '<html lang="en" dir="ltr">' in english
    assert 'aria-label="Parts of the package"' in english

    arabic = replace(launch, interface="ar")
    page = client.get(
        reverse("packages:player", args=[launch_token(arabic)]), HTTP_HOST="localhost"
    ).content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert 'aria-label="Parts of the package"' not in page

    unknown = replace(launch, interface="xx-nonsense")
    page = client.get(
        reverse("packages:player", args=[launch_token(unknown)]), HTTP_HOST="localhost"
    ).content.decode()
    assert '<html lang="en" dir="ltr">' in page


STORAGE_TAG = b'<script src="/static/packages/storage.js"></script>'


@pytest.mark.parametrize(
    ("page", "served"),
    [
        (
            b"<!DOCTYPE html>\n<html lang='en'>\n<!-- a tool -->\n<head>\n<meta charset='utf-8'>",
            b"<!DOCTYPE html>\n<html lang='en'>\n<!-- a tool -->\n<head>"
            + STORAGE_TAG
            + b"\n<meta charset='utf-8'>",
        ),
        (
            b"\xef\xbb\xbf<?xml version='1.0'?><!doctype html><HTML><HEAD class='x'><title>",
            b"\xef\xbb\xbf<?xml version='1.0'?><!doctype html><HTML><HEAD class='x'>"
            + STORAGE_TAG
            + b"<title>",
        ),
        (
            b"<!doctype html><title>No head</title><header><script>",
            b"<!doctype html>" + STORAGE_TAG + b"<title>No head</title><header><script>",
        ),
        (
            b"<!doctype html><!-- G\xe9n\xe9r\xe9 --><html><head><title>",
            b"<!doctype html><!-- G\xe9n\xe9r\xe9 --><html><head>" + STORAGE_TAG + b"<title>",
        ),
        (b"<p>A fragment", STORAGE_TAG + b"<p>A fragment"),
        ("\ufeff<html><head>".encode("utf-16"), "\ufeff<html><head>".encode("utf-16")),
    ],
    ids=[
        "doctype-html-comment-head",
        "bom-xml-uppercase",
        "no-head",
        "latin-1-comment",
        "fragment",
        "utf-16",
    ],
)
def test_package_pages_are_served_with_the_storage_script_before_their_own(
    client: Client, page: bytes, served: bytes
) -> None:
    package = _package(
        crafting.zip_of(
            {
                "imsmanifest.xml": crafting.SCORM_12_MANIFEST.format(launch="index.html"),
                "index.html": page,
                "script.js": page,
            }
        )
    )
    token = launch_token(_launch(package, UserFactory.create().pk))
    html = client.get(f"/packages/play/{token}/content/index.html", HTTP_HOST="localhost")
    body = b"".join(html.streaming_content)  # type: ignore[attr-defined]  # a streamed response; the stubs type a plain one
    assert body == served
    assert int(html.headers["Content-Length"]) == len(served)
    assert "frame-ancestors" in html.headers["Content-Security-Policy"]
    script = client.get(f"/packages/play/{token}/content/script.js", HTTP_HOST="localhost")
    assert b"".join(script.streaming_content) == page  # type: ignore[attr-defined]  # as above
