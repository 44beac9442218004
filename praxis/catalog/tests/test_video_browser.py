"""A lesson's video in a real browser: the player with its caption tracks, the transcript under
it, the low-resolution choice, nothing fetched from another site, and the same in Arabic."""

import uuid
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from playwright.sync_api import Page, Request
from pytest_django.live_server_helper import LiveServer

from accessibility import assert_accessible
from conftest import open_menu, sign_in
from praxis.accounts.tests.factories import UserFactory
from praxis.catalog import captions, services
from praxis.catalog.models import Course
from praxis.catalog.versions import CourseContent, LessonContent, ModuleContent, publish_version

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ENGLISH = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nWet your hands, then soap.\n"
ARABIC = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nبلّل يديك ثم ضع الصابون.\n"
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64


def _track(language: str, vtt: str) -> dict[str, str]:
    return {
        "language": language,
        "vtt": vtt,
        "text": captions.transcript(captions.parse(vtt.encode())),
    }


@pytest.fixture
def lesson_key() -> uuid.UUID:
    return uuid.uuid4()


@pytest.fixture
def course(lesson_key: uuid.UUID) -> Course:
    video = default_storage.save("lesson-recordings/wash.mp4", ContentFile(MP4))
    low = default_storage.save("lesson-recordings/wash-low.mp4", ContentFile(MP4))
    lesson = LessonContent(
        key=lesson_key,
        title="Washing hands",
        body="Clean hands save lives.",
        recordings={
            "video": {"file": video, "type": "video/mp4", "size": len(MP4)},
            "low": {"file": low, "type": "video/mp4", "size": len(MP4)},
            "audio": {"url": "https://audio.example.org/wash.mp3"},
        },
        captions=[_track("ar", ARABIC), _track("en", ENGLISH)],
    )
    content = CourseContent(
        title="Hand hygiene",
        summary="Clean hands save lives.",
        language="en",
        modules=[ModuleContent(title="Basics", lessons=[lesson])],
    )
    return publish_version(None, content).course


def test_the_player_shows_its_tracks_and_transcript_and_asks_no_other_site(
    page: Page, live_server: LiveServer, course: Course, lesson_key: uuid.UUID
) -> None:
    learner = UserFactory.create()
    services.enrol(learner, course)
    sign_in(page, live_server, learner)
    hosts: set[str] = set()

    def note(request: Request) -> None:
        hosts.add(urlsplit(request.url).netloc)

    page.on("request", note)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"/courses/{course.slug}/lessons/{lesson_key}/")
    video = page.locator("video.player")
    assert video.is_visible()
    tracks = page.locator("video.player track")
    assert [tracks.nth(i).get_attribute("srclang") for i in range(tracks.count())] == ["en", "ar"]
    assert page.evaluate("document.querySelector('video.player').textTracks.length") == 2
    transcript = page.locator("details.transcript[open]")
    assert "Wet your hands, then soap." in transcript.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0
    assert hosts == {urlsplit(live_server.url).netloc}
    assert_accessible(page)

    with page.expect_navigation():
        page.get_by_role("link", name="Low resolution").click()
    assert (video.get_attribute("src") or "").endswith("/recordings/low/")
    assert page.get_by_role("link", name="Audio only").get_attribute("href") == (
        "https://audio.example.org/wash.mp3"
    )

    open_menu(page)
    with page.expect_navigation():
        page.select_option("#language-select", "ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    first = page.locator("details.transcript").first
    assert first.get_attribute("open") is not None
    assert "بلّل يديك" in first.inner_text()
    assert page.locator("video.player track").first.get_attribute("srclang") == "ar"
    assert page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0
    assert hosts == {urlsplit(live_server.url).netloc}
    assert_accessible(page)
