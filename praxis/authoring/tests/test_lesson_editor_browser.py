"""The lesson editor's forms low on the page, in a real browser on a phone, in English and
Arabic: a picture added gives its Markdown where the browser lands; a recording refused is told
on its form, which takes the focus, keeping the address typed."""

import io
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accessibility import assert_accessible
from conftest import sign_in
from praxis.authoring.models import DraftLesson
from praxis.authoring.tests.conftest import Team

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_author_sees_what_became_of_a_picture_and_a_recording_where_they_are(
    page: Page, live_server: LiveServer, team: Team, tmp_path: Path, language: str
) -> None:
    page.set_viewport_size(PHONE)  # type: ignore[arg-type]  # a ViewportSize
    sign_in(page, live_server, team.author, language)
    lesson = team.lessons[0]
    page.goto(f"/authoring/drafts/{team.draft.uuid}/lessons/{lesson.key}/")
    picture = tmp_path / "ward.png"
    buffer = io.BytesIO()
    Image.new("RGB", (800, 400), "teal").save(buffer, "PNG")
    picture.write_bytes(buffer.getvalue())
    page.locator("#p-image").set_input_files(str(picture))
    page.locator("#p-alt").fill("A ward at dawn")
    with page.expect_navigation():
        page.locator('form:has(#p-image) button[type="submit"]').click()
    done = page.locator("section[aria-labelledby=picture-heading] .section-messages")
    expect(done).to_contain_text("![A ward at dawn](/courses/lesson-images/")
    expect(done).to_be_in_viewport()
    expect(page.locator(".messages")).to_have_count(1)  # told once, there
    assert_accessible(page)

    page.locator("#r-url").fill("ftp://v.example.org/lesson.mp4")
    with page.expect_navigation():
        page.locator('form:has(#r-url) button[type="submit"]').click()
    summary = page.locator("form:has(#r-url) .error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    expect(page.locator("#r-url")).to_have_value("ftp://v.example.org/lesson.mp4")
    expect(page.locator("#r-url")).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".messages")).to_have_count(0)
    assert DraftLesson.objects.get(pk=lesson.pk).recordings == {}
    assert_accessible(page)
