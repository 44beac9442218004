"""The data saver in a real browser on a phone, in English and Arabic: the catalogue and a
lesson load no image and no recording; "Show image" brings in that one picture, in place."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, Response, expect
from pytest_django.live_server_helper import LiveServer

from conftest import in_language, sign_in
from praxis.accounts.data_saver import DATA_SAVER_COOKIE
from praxis.accounts.tests.factories import UserFactory
from praxis.catalog import services
from praxis.catalog.tests.factories import course_with_media

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _media_responses(page: Page) -> list[str]:
    """The address of every image, video or audio the page's browser receives from now on."""
    received: list[str] = []

    def note(response: Response) -> None:
        kind = response.headers.get("content-type", "")
        if kind.startswith(("image/", "video/", "audio/")) and "favicon" not in response.url:
            received.append(response.url)

    page.on("response", note)
    return received


@pytest.mark.parametrize("language", ["en", "ar"])
def test_with_the_data_saver_on_no_image_or_video_loads_until_asked(
    page: Page, live_server: LiveServer, language: str
) -> None:
    course, lesson = course_with_media()
    learner = UserFactory.create(preferred_language=language)
    services.enrol(learner, course)
    page.set_viewport_size({"width": 390, "height": 844})
    in_language(page, live_server, language)
    page.context.add_cookies([{"name": DATA_SAVER_COOKIE, "value": "on", "url": live_server.url}])
    received = _media_responses(page)

    page.goto(reverse("catalog:catalogue"))
    page.wait_for_load_state("networkidle")
    assert page.locator("img, picture").count() == 0
    show = page.locator(f"#held-image-{course.slug}")
    assert show.is_visible()
    assert received == []

    with page.expect_response(lambda response: "/image/" in response.url) as image:
        show.click()
    assert image.value.ok
    expect(page.locator(f"picture#held-image-{course.slug} img")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(reverse("catalog:catalogue"))  # swapped in place, not reloaded
    assert [url for url in received if f"/courses/{course.slug}/image/" not in url] == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    sign_in(page, live_server, learner, language)
    received.clear()
    page.goto(reverse("catalog:lesson", args=[course.slug, lesson.uuid]))
    page.wait_for_load_state("networkidle")
    assert page.locator("img, video, audio").count() == 0
    expect(page.locator("#held-video")).to_be_visible()
    assert received == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    with page.expect_response(lambda response: "/lesson-images/" in response.url) as picture:
        page.locator("#held-picture-1").click()
    assert picture.value.ok
    # A lesson's picture has no size of its own until its file is decoded: wait for it to show.
    expect(page.locator("#held-picture-1 img")).to_be_visible()
    assert page.locator("video, audio").count() == 0  # the video still waits
