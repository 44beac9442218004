"""An instructor of a learning platform picks a Praxis course in a real browser, on a phone and a
desktop, in English and Arabic; the page's form posts the signed answer to the platform."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest
from django.conf import settings
from playwright.sync_api import Page, Route, expect
from pytest_django.live_server_helper import LiveServer

from accessibility import assert_accessible
from conftest import in_language, sideways
from praxis.catalog import services
from praxis.catalog.tests.factories import CourseFactory
from praxis.lti.tests.conftest import Offered
from praxis.lti.tests.lms import DEEP_LINK_RETURN
from praxis.lti.tests.test_tool_deep_linking import ask

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("language", "viewport"),
    [("en", {"width": 390, "height": 844}), ("ar", {"width": 1280, "height": 800})],
)
def test_an_instructor_picks_a_course_and_the_answer_goes_to_the_platform(
    page: Page,
    live_server: LiveServer,
    offered: Offered,
    language: str,
    viewport: dict[str, int],
) -> None:
    for course in (offered.course, CourseFactory.create(title="Oxygen therapy", slug="oxygen")):
        services.reindex_course(course)
    chooser = ask(offered)["Location"]
    cookie = offered.lms.browser.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    in_language(page, live_server, language)
    page.set_viewport_size(viewport)  # type: ignore[arg-type]  # a ViewportSize
    posted: list[dict[str, list[str]]] = []

    def platform(route: Route) -> None:
        posted.append(parse_qs(route.request.post_data or ""))
        page_of_the_platform = '<!doctype html><html lang="en"><title>Moodle</title><p>Added</p>'
        route.fulfill(status=200, content_type="text/html", body=page_of_the_platform)

    page.route(DEEP_LINK_RETURN.split("?")[0] + "*", platform)

    page.goto(live_server.url + chooser)
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    choices = page.locator("main input[type=checkbox]")
    expect(choices).to_have_count(2)
    assert sideways(page) <= 0
    assert_accessible(page)
    page.locator("main form[method=post] button[type=submit]").first.click()
    expect(page.locator(".errorlist, [role=alert]").first).to_be_visible()
    page.get_by_label("Oxygen therapy").check()
    page.locator("main form[method=post] button[type=submit]").first.click()

    expect(page.get_by_text("Added")).to_be_visible()
    assert len(posted) == 1
    items = offered.lms.content_items(posted[0]["JWT"][0])
    assert [item["custom"] for item in items] == [{"praxis_course": "oxygen"}]
