"""Download everything about me: the archive, its page, its link, its expiry, its API."""

from __future__ import annotations

import datetime
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.http import StreamingHttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoCaptureOnCommitCallbacks
from pytest_django import Settings as SettingsWrapper

from conftest import SchemaCheckedClient
from praxis.accounts.lifecycle import erasure, exports
from praxis.accounts.lifecycle.storage import archive_storage
from praxis.accounts.models import AccountErasure, DataExport
from praxis.accounts.tests.factories import UserFactory
from praxis.accounts.tests.footprint import make_footprint

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db

Ask = Callable[..., "Response"]


@pytest.fixture(autouse=True)
def _archive_root(settings: SettingsWrapper, tmp_path: Path) -> None:
    settings.PERSONAL_EXPORT_ROOT = str(tmp_path / "archives")


@pytest.fixture
def ask(client: Client, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks) -> Ask:
    """Ask for an archive on the page, running the job it queues (as eager Celery would)."""

    def asking(**kwargs: object) -> Response:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("accounts:data_export"))
        if response.status_code != 302:
            return response
        return client.get(response["Location"]) if kwargs.get("follow") else response

    return asking


def _archive(response: Response) -> zipfile.ZipFile:
    assert isinstance(response, StreamingHttpResponse)
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def _ready_link(client: Client) -> str:
    page = client.get(reverse("accounts:my_data"))
    link: str = page.context["link"]
    return link


def test_archive_holds_every_kind_about_the_person_as_json_and_csv(
    ask: Ask, client: Client
) -> None:
    footprint = make_footprint()
    client.force_login(footprint.person)

    response = ask(follow=True)

    assert "Your archive is ready" in response.content.decode()
    archive = _archive(client.get(_ready_link(client)))
    names = set(archive.namelist())
    for kind in (
        "profile",
        "enrolments",
        "lesson-progress",
        "credentials",
        "cpd-record",
        "event-registrations",
        "community-posts",
        "research-consent",
        "xapi-statements",
        "quiz-attempts",
        "quiz-answers",
        "notifications",
        "organisation-memberships",
        "course-ratings",
        "course-surveys",
        "lti-launches",
        "lti-scores",
        "course-drafts",
        "draft-comments",
        "course-reviews",
        "event-speaking",
        "event-abstracts",
        "private-messages",
        "passkeys",
        "api-tokens",
        "security-events",
        "community-profile",
    ):
        assert {f"{kind}.json", f"{kind}.csv"} <= names
    assert "index.html" in names
    assert any(name.startswith("credentials/") and name.endswith(".pdf") for name in names)
    assert any(name.startswith("tickets/") for name in names)
    profile = json.loads(archive.read("profile.json"))
    assert profile[0]["email"] == "z.haddad@example.net"
    # Each kind holds the person's rows, not merely a header.
    for kind in ("quiz-answers", "notifications", "lti-scores", "private-messages", "passkeys"):
        assert json.loads(archive.read(f"{kind}.json")), kind
    events = json.loads(archive.read("security-events.json"))
    changed = [e for e in events if e["kind"] == "email_changed"]
    assert changed[0]["details"]["old"] == "zainab.okonkwo@example.org"
    assert {e["kind"] for e in events} >= {"token_created", "passkey_added"}
    assert json.loads(archive.read("community-profile.json"))[0]["handle"] == "zainab-ok"
    posts = json.loads(archive.read("community-posts.json"))
    assert {p["body"] for p in posts} == {"My own question", "You are welcome"}
    statements = json.loads(archive.read("xapi-statements.json"))
    verbs = {s["statement"]["verb"]["id"].rsplit("/", 1)[-1] for s in statements}
    # Statements about the person by someone else are theirs too.
    assert "mentored" in verbs and len(verbs) > 1
    assert "Zainab" not in archive.read("index.html").decode().split("<table>")[1]


def test_someone_elses_link_is_not_found_and_a_tampered_one_is_refused(
    ask: Ask, client: Client
) -> None:
    owner = UserFactory.create()
    client.force_login(owner)
    ask()
    link = _ready_link(client)
    client.force_login(UserFactory.create())

    assert client.get(link).status_code == 404
    tampered = link.rstrip("/")[:-3] + "abc/"
    response = client.get(tampered)
    assert response.status_code == 400
    assert b"export_link_invalid" in response.content


def test_an_expired_archive_is_gone_and_its_file_deleted_by_the_periodic_job(
    ask: Ask, client: Client, settings: SettingsWrapper
) -> None:
    client.force_login(UserFactory.create())
    ask()
    link = _ready_link(client)
    export = DataExport.objects.get()
    DataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now())

    assert exports.delete_expired() == 1

    response = client.get(link)
    assert response.status_code == 410
    assert b"export_expired" in response.content
    assert not archive_storage().exists(export.file_name)


def test_asking_too_often_is_rate_limited_and_makes_nothing(
    ask: Ask, client: Client, settings: SettingsWrapper
) -> None:
    settings.PERSONAL_EXPORT_RATE_LIMIT = 2
    client.force_login(UserFactory.create())
    ask()
    ask()

    response = ask(follow=True)

    # The window is a day: not "wait a few minutes", which would send them back in vain.
    page = response.content.decode()
    assert "You can ask for a new one within 24 hours." in page
    assert "wait a few minutes" not in page
    assert DataExport.objects.count() == 2


def test_an_archive_being_built_when_the_account_is_erased_is_thrown_away(
    settings: SettingsWrapper,
) -> None:
    person = UserFactory.create()
    export = DataExport.objects.create(user=person)
    request = AccountErasure.objects.create(user=person, erase_after=timezone.now())

    def erase_midway(percent: int) -> None:
        if percent and AccountErasure.objects.filter(pk=request.pk, status="scheduled").exists():
            erasure.erase(request.pk)

    original = exports._set_progress

    def set_progress_then_erase(export_id: int, percent: int) -> None:
        original(export_id, percent)
        erase_midway(percent)

    exports._set_progress = set_progress_then_erase
    try:
        assert exports.build(export.pk) is False
    finally:
        exports._set_progress = original
    assert not DataExport.objects.exists()
    storage = archive_storage()
    assert not storage.exists(f"{export.uuid}.zip")


def test_the_api_asks_for_follows_and_downloads_the_archive(
    api_client: SchemaCheckedClient,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    person = UserFactory.create()
    api_client.force_login(person)

    with django_capture_on_commit_callbacks(execute=True):
        asked = api_client.post("/api/v1/me/data/archive")
    assert asked.status_code == 202
    current = api_client.get("/api/v1/me/data/archive").json()
    assert current["status"] == "ready"
    download = api_client.get(current["download_url"])
    assert download.status_code == 200
    assert "profile.json" in _archive(download).namelist()
    assert api_client.get("/api/v1/me/data/archive/not-a-token").json()["error"]["code"] == (
        "export_link_invalid"
    )


def test_the_link_lasts_as_long_as_the_setting_says(
    ask: Ask, client: Client, settings: SettingsWrapper
) -> None:
    settings.PERSONAL_EXPORT_DAYS = 3
    client.force_login(UserFactory.create())
    ask()
    export = DataExport.objects.get()
    assert export.expires_at is not None
    assert export.expires_at - export.updated_at < datetime.timedelta(days=3, seconds=5)
    assert export.expires_at - export.updated_at > datetime.timedelta(days=2, hours=23)


def test_a_huge_or_empty_looking_link_is_refused_with_a_stable_code(client: Client) -> None:
    client.force_login(UserFactory.create())
    for token in ("x" * 5000, "-", "e30:abc:def"):
        response = client.get(reverse("accounts:data_download", args=[token]))
        assert response.status_code == 400
        assert b"export_link_invalid" in response.content


def test_the_archive_page_needs_a_login_and_only_shows_ones_own(client: Client) -> None:
    assert client.get(reverse("accounts:my_data")).status_code == 302
    client.force_login(UserFactory.create())
    DataExport.objects.create(user=UserFactory.create(), status=DataExport.Status.READY)
    page = client.get(reverse("accounts:my_data"))
    assert page.context["export"] is None and page.context["link"] == ""


def test_a_ready_archive_is_said_to_be_ready_only(ask: Ask, client: Client) -> None:
    client.force_login(UserFactory.create())

    page = ask(follow=True).content.decode()

    assert "Your archive is ready" in page
    assert "being prepared" not in page
    assert "Preparing your archive" not in page


def test_an_archive_still_being_built_is_said_to_be_in_preparation_only(client: Client) -> None:
    client.force_login(UserFactory.create())

    # The job is queued, not run, as with a worker that has not picked it up yet.
    response = client.post(reverse("accounts:data_export"), follow=True)

    page = response.content.decode()
    assert "Preparing your archive: 0% done." in page
    assert "ready" not in page.split("<main", 1)[1]


@pytest.mark.parametrize(
    ("language", "tag", "direction", "title"),
    [("zh-hans", "zh-Hans", "ltr", "您的数据"), ("ar", "ar", "rtl", "بياناتك")],
)
def test_the_archive_index_is_in_the_persons_language_with_a_readable_date(
    ask: Ask, client: Client, language: str, tag: str, direction: str, title: str
) -> None:
    client.force_login(UserFactory.create(preferred_language=language, time_zone="Asia/Shanghai"))
    ask()

    index = _archive(client.get(_ready_link(client))).read("index.html").decode()

    assert f'<html lang="{tag}" dir="{direction}">' in index
    assert f"<h1>{title}</h1>" in index
    made = index.split("<time ", 1)[1].split("</time>", 1)[0]
    shown = made.split(">", 1)[1]
    assert "+08:00" in made.split(">", 1)[0]  # the machine-readable time, in the person's zone
    assert "(Asia/Shanghai)" in shown
    assert str(timezone.now().year) in shown
    assert "T" not in shown and "+" not in shown
