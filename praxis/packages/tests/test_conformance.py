"""The cmi5 conformance API: off unless PRAXIS_CMI5_CONFORMANCE is on, then for staff only;
it imports, launches, waives, abandons and deletes through the LMS's own services."""

from __future__ import annotations

import json
import uuid
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from pytest_django import Settings as SettingsWrapper

from praxis.accounts.models import User
from praxis.accounts.services import create_api_token
from praxis.accounts.tests.factories import UserFactory
from praxis.lrs.models import Statement
from praxis.packages import cmi5
from praxis.packages.models import ConformanceCourse, Package, Session
from praxis.packages.storage import package_storage
from praxis.packages.tests import crafting
from praxis.packages.tests.learner_au import place_of

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db

API = "/api/v1/cmi5-conformance"
ACTOR = {"account": {"homePage": "https://example.org/suite", "name": "001-essentials.zip"}}
BARE = """<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="https://example.org/course/bare">
    <title><langstring lang="en">Remote course</langstring></title>
    <description><langstring lang="en">Remote</langstring></description>
  </course>
  <au id="https://example.org/au/remote">
    <title><langstring lang="en">Remote unit</langstring></title>
    <description><langstring lang="en">Remote</langstring></description>
    <url>{url}</url>
  </au>
</courseStructure>
"""


@pytest.fixture
def staff() -> str:
    return _token(UserFactory.create(is_staff=True))


@pytest.fixture
def on(settings: SettingsWrapper) -> None:
    settings.PRAXIS_CMI5_CONFORMANCE = True


def _token(user: User) -> str:
    return create_api_token(user, "suite")[1]


def _call(
    client: Client,
    method: str,
    path: str,
    token: str | None,
    body: bytes | dict[str, Any] | None = None,
    content_type: str = "application/json",
) -> Response:
    data = json.dumps(body).encode() if isinstance(body, dict) else body
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.generic(
        method, API + path, data=data or b"", content_type=content_type, headers=headers
    )


def _import(client: Client, token: str, content: bytes, kind: str = "application/zip") -> Response:
    return _call(client, "POST", "/courses", token, content, kind)


def _launch(client: Client, token: str, course: str, **body: Any) -> Response:
    return _call(
        client, "POST", f"/courses/{course}/aus/0/launch-url", token, {"actor": ACTOR, **body}
    )


def _code(response: Response) -> str:
    return str(response.json()["error"]["code"])


def test_off_by_default_every_operation_is_missing(client: Client, staff: str) -> None:
    course, session = uuid.uuid4(), uuid.uuid4()
    for method, path, body, kind in [
        ("POST", "/courses", crafting.cmi5_course(), "application/zip"),
        ("DELETE", f"/courses/{course}", None, "application/json"),
        ("POST", f"/courses/{course}/aus/0/launch-url", {"actor": ACTOR}, "application/json"),
        ("POST", f"/registrations/{course}/aus/0/waive", {"reason": "x"}, "application/json"),
        ("POST", f"/sessions/{session}/abandon", {}, "application/json"),
    ]:
        for token in (staff, None):
            response = _call(client, method, path, token, body, kind)
            assert response.status_code == 404, (method, path)
    assert not Package.objects.exists()
    assert "cmi5-conformance" not in client.get("/api/v1/openapi.json").content.decode()


def test_only_staff_may_use_it(client: Client, on: None) -> None:
    learner = _token(UserFactory.create())
    response = _import(client, learner, crafting.cmi5_course())
    assert response.status_code == 403
    assert _code(response) == "permission_denied"
    assert _import(client, "", crafting.cmi5_course()).status_code == 401
    assert _import(client, "not-a-token", crafting.cmi5_course()).status_code == 401
    # A staff member's session is not enough: no page may make their browser call it.
    client.force_login(UserFactory.create(is_staff=True))
    assert _import(client, "", crafting.cmi5_course()).status_code == 401
    assert not Package.objects.exists()


def test_a_zip_or_a_bare_cmi5_xml_is_imported_outside_any_draft(
    client: Client, on: None, staff: str
) -> None:
    response = _import(client, staff, crafting.cmi5_course())
    assert response.status_code == 201, response.content
    assert response.json()["title"] == "Malaria case management"
    bare = BARE.format(url="https://content.example.org/unit/index.html?x=1").encode()
    response = _import(client, staff, bare, "text/xml; charset=utf-8")
    assert response.status_code == 201, response.content
    assert response.json()["aus"] == 1
    assert ConformanceCourse.objects.count() == 2


@pytest.mark.parametrize(
    ("content", "kind", "code"),
    [
        (b"", "application/zip", "package_not_a_zip"),
        (b"not a zip at all", "application/zip", "package_not_a_zip"),
        (b"# A package\n", "text/markdown; charset=UTF-8", "package_not_a_zip"),
        (BARE.format(url="index.html").encode(), "text/xml", "package_launch_missing"),
        (BARE.format(url="/index.html").encode(), "text/xml", "package_launch_outside"),
        (
            BARE.format(url="http://a.org index.html").encode(),
            "text/xml",
            "package_manifest_invalid",
        ),
        (
            BARE.format(url="https://a.org/?fetch=1").encode(),
            "text/xml",
            "package_manifest_invalid",
        ),
        (b"<courseStructure><course", "text/xml", "package_manifest_invalid"),
        (crafting.scorm_12(), "application/zip", "package_unknown_kind"),
        (crafting.zip_of({"README.md": "no manifest"}), "application/zip", "package_unknown_kind"),
    ],
)
def test_a_package_cmi5_refuses_gets_the_code_normal_import_gives(
    client: Client, on: None, staff: str, content: bytes, kind: str, code: str
) -> None:
    response = _import(client, staff, content, kind)
    assert response.status_code == 400, response.content
    assert _code(response) == code
    assert not Package.objects.exists()


def test_launching_for_an_actor_plays_the_au_to_a_learner_standing_for_it(
    client: Client, on: None, staff: str
) -> None:
    course = _import(client, staff, crafting.cmi5_course()).json()["id"]
    registration = str(uuid.uuid4())
    response = _launch(client, staff, course, registration=registration, launchMode="Browse")
    assert response.status_code == 200, response.content
    query = {k: v[0] for k, v in parse_qs(urlsplit(response.json()["url"]).query).items()}
    assert query["registration"] == registration
    [session] = Session.objects.all()
    assert session.launch_mode == "Browse"
    [launched] = Statement.objects.filter(verb_id=cmi5.VERB_LAUNCHED)
    assert launched.data["context"]["extensions"][cmi5.EXTENSION_LAUNCH_MODE] == "Browse"
    # The same actor again is the same learner; its registration stays theirs.
    _launch(client, staff, course, registration=registration)
    assert Session.objects.values("learner").distinct().count() == 1
    other = {"account": {"homePage": "https://example.org/suite", "name": "someone else"}}
    response = _call(
        client,
        "POST",
        f"/courses/{course}/aus/0/launch-url",
        staff,
        {"actor": other, "registration": registration},
    )
    assert response.status_code == 409


def test_an_absolute_au_url_is_launched_where_it_is(client: Client, on: None, staff: str) -> None:
    bare = BARE.format(url="https://content.example.org/unit/index.html?x=1").encode()
    course = _import(client, staff, bare, "text/xml").json()["id"]
    url = _launch(client, staff, course).json()["url"]
    assert url.startswith("https://content.example.org/unit/index.html?x=1&endpoint=")
    [launched] = Statement.objects.filter(verb_id=cmi5.VERB_LAUNCHED)
    assert (
        launched.data["context"]["extensions"][cmi5.EXTENSION_LAUNCH_URL]
        == "https://content.example.org/unit/index.html?x=1"
    )


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"actor": "someone"}, 400, "invalid_input"),
        ({"actor": {"name": "no identifier"}}, 400, "invalid_input"),
        ({"actor": {"account": {"homePage": "", "name": "x"}}}, 400, "invalid_input"),
        ({"actor": ACTOR, "launchMode": "Sideways"}, 400, "invalid_input"),
        ({"actor": ACTOR, "registration": "not-a-uuid"}, 400, "invalid_input"),
        ({}, 400, "invalid_input"),
    ],
)
def test_a_bad_launch_request_is_refused_and_launches_nothing(
    client: Client, on: None, staff: str, body: dict[str, Any], status: int, code: str
) -> None:
    course = _import(client, staff, crafting.cmi5_course()).json()["id"]
    response = _call(client, "POST", f"/courses/{course}/aus/0/launch-url", staff, body)
    assert response.status_code == status, response.content
    assert _code(response) == code
    assert not Session.objects.exists()
    assert not User.objects.filter(email__endswith="cmi5-conformance.invalid").exists()


def test_only_conformance_courses_and_their_aus_are_launched(
    client: Client, on: None, staff: str
) -> None:
    course = _import(client, staff, crafting.cmi5_course()).json()["id"]
    response = _call(client, "POST", f"/courses/{course}/aus/1/launch-url", staff, {"actor": ACTOR})
    assert response.status_code == 404
    lesson_package = place_of(crafting.cmi5_course()).package
    for target in (lesson_package.uuid, uuid.uuid4()):
        assert _launch(client, staff, str(target)).status_code == 404
        assert _call(client, "DELETE", f"/courses/{target}", staff).status_code == 404
    assert Package.objects.filter(pk=lesson_package.pk).exists()


def test_waiving_an_au_of_a_registration(client: Client, on: None, staff: str) -> None:
    course = _import(client, staff, crafting.cmi5_course()).json()["id"]
    registration = str(uuid.uuid4())
    _launch(client, staff, course, registration=registration)
    waive = f"/registrations/{registration}/aus/0/waive"
    response = _call(client, "POST", waive, staff, {"reason": "Because"})
    assert response.status_code == 400
    assert not Statement.objects.filter(verb_id=cmi5.VERB_WAIVED).exists()
    assert _call(client, "POST", waive, staff, {"reason": "Administrative"}).status_code == 204
    [waived] = Statement.objects.filter(verb_id=cmi5.VERB_WAIVED)
    assert waived.data["context"]["registration"] == registration
    assert waived.data["result"]["extensions"][cmi5.EXTENSION_REASON] == "Administrative"
    assert Statement.objects.filter(verb_id=cmi5.VERB_SATISFIED).exists()
    unknown = f"/registrations/{uuid.uuid4()}/aus/0/waive"
    assert _call(client, "POST", unknown, staff, {"reason": "Administrative"}).status_code == 404


def test_abandoning_a_session(client: Client, on: None, staff: str) -> None:
    course = _import(client, staff, crafting.cmi5_course()).json()["id"]
    _launch(client, staff, course)
    [session] = Session.objects.all()
    path = f"/sessions/{session.uuid}/abandon"
    assert _call(client, "POST", path, staff, {}).status_code == 204
    session.refresh_from_db()
    assert session.abandoned_at is not None
    [abandoned] = Statement.objects.filter(verb_id=cmi5.VERB_ABANDONED)
    assert abandoned.data["context"]["extensions"][cmi5.EXTENSION_SESSION] == str(session.uuid)
    assert _call(client, "POST", path, staff, {}).status_code == 409
    assert _call(client, "POST", f"/sessions/{uuid.uuid4()}/abandon", staff, {}).status_code == 404
    assert Statement.objects.filter(verb_id=cmi5.VERB_ABANDONED).count() == 1


def test_deleting_a_course_removes_its_package_files_and_sessions(
    client: Client, on: None, staff: str
) -> None:
    course = _import(client, staff, crafting.cmi5_course()).json()["id"]
    _launch(client, staff, course)
    assert package_storage().exists(f"{course}/au/index.html")
    assert _call(client, "DELETE", f"/courses/{course}", staff).status_code == 204
    assert not Package.objects.exists()
    assert not Session.objects.exists()
    assert not package_storage().exists(f"{course}/au/index.html")
    assert Statement.objects.filter(verb_id=cmi5.VERB_LAUNCHED).exists()
    assert _call(client, "DELETE", f"/courses/{course}", staff).status_code == 404
    learner = _token(UserFactory.create())
    other = _import(client, staff, crafting.cmi5_course()).json()["id"]
    assert _call(client, "DELETE", f"/courses/{other}", learner).status_code == 403
    assert Package.objects.exists()
