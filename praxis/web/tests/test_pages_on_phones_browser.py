"""The ten pages people use most, on a 360 px phone and on a desktop, in English and Arabic:
no sideways scroll, the header in one row on the phone, no accessibility violation (the page
fixture runs axe-core on each), and each within 60 KB compressed from a cold cache."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, expect
from pytest_django.live_server_helper import LiveServer

from accessibility import accessibility_violations, assert_accessible
from conftest import sideways
from praxis.web.tests.main_pages import learner_session, load_and_weigh, main_pages

if TYPE_CHECKING:
    from playwright._impl._api_structures import SetCookieParam

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BUDGET = 60 * 1024
PHONE: ViewportSize = {"width": 360, "height": 740}
DESKTOP: ViewportSize = {"width": 1280, "height": 800}


def session_cookie(live_server: LiveServer) -> SetCookieParam:
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": learner_session(),
        "url": live_server.url,
    }


def load(
    chromium: Browser,
    live_server: LiveServer,
    path: str,
    *,
    language: str,
    viewport: ViewportSize,
    signed_in: bool,
) -> tuple[BrowserContext, Page, int, set[str]]:
    """Load `path` in a fresh context (a cold cache); the compressed bytes it took."""
    context = chromium.new_context(base_url=live_server.url, viewport=viewport)
    cookies: list[SetCookieParam] = [
        {"name": "django_language", "value": language, "url": live_server.url}
    ]
    if signed_in:
        cookies.append(session_cookie(live_server))
    context.add_cookies(cookies)
    tab = context.new_page()
    sizes, hosts = load_and_weigh(tab, path)
    return context, tab, sum(sizes.values()), hosts


@pytest.mark.long
@pytest.mark.parametrize("language", ["en", "ar"])
def test_main_pages_fit_a_phone_and_a_desktop(
    chromium: Browser, live_server: LiveServer, demo_ecosystem: None, language: str
) -> None:

    problems: list[str] = []
    for name, path, signed_in in main_pages():
        for viewport in (PHONE, DESKTOP):
            context, tab, weight, hosts = load(
                chromium,
                live_server,
                path,
                language=language,
                viewport=viewport,
                signed_in=signed_in,
            )
            where = f"{name} ({path}) at {viewport['width']} px in {language}"
            assert tab.locator("html").get_attribute("lang") == language, where
            if (overflow := sideways(tab)) > 0:
                problems.append(f"{where}: scrolls sideways by {overflow} px")
            problems.extend(f"{where}: {line}" for line in accessibility_violations(tab))
            if viewport is PHONE:
                header = tab.locator(".site-header").bounding_box()
                assert header is not None
                if header["height"] > 64:
                    problems.append(f"{where}: header {header['height']} px high")
                if weight > BUDGET:
                    problems.append(f"{where}: {weight} bytes compressed")
                if hosts != {urlsplit(live_server.url).netloc}:
                    problems.append(f"{where}: requests to {hosts}")
            context.close()
    assert not problems, "\n".join(problems)


def test_header_menu_opens_without_javascript_on_a_phone(
    chromium: Browser, live_server: LiveServer, demo_ecosystem: None
) -> None:
    for javascript in (False, True):
        context = chromium.new_context(
            base_url=live_server.url, viewport=PHONE, java_script_enabled=javascript
        )
        context.add_cookies([session_cookie(live_server)])
        tab = context.new_page()
        tab.goto("/")
        assert not tab.get_by_role("link", name="My credentials").is_visible()
        tab.locator("details.menu > summary").click()
        expect(tab.get_by_role("link", name="My credentials")).to_be_visible()
        expect(tab.get_by_label("Language")).to_be_visible()
        assert sideways(tab) <= 0
        if javascript:
            # axe-core is a script: it checks the same page, menu open, where scripts run.
            assert_accessible(tab)
            tab.locator("details.menu > summary").click()
            assert_accessible(tab)  # the menu closed again
        context.close()


def test_catalogue_shows_results_first_with_filters_behind_one_control(
    chromium: Browser, live_server: LiveServer, demo_ecosystem: None
) -> None:
    context = chromium.new_context(base_url=live_server.url, viewport=PHONE)
    tab = context.new_page()
    tab.goto("/courses/")
    first_result = tab.locator(".cards > li").first.bounding_box()
    assert first_result is not None
    assert first_result["y"] < PHONE["height"]  # a result shows on the first screen
    assert not tab.get_by_label("Topic").is_visible()
    tab.get_by_text("Filter", exact=True).click()
    expect(tab.get_by_label("Topic")).to_be_visible()
    context.close()
    context = chromium.new_context(base_url=live_server.url, viewport=DESKTOP)
    tab = context.new_page()
    tab.goto("/courses/")
    assert tab.get_by_label("Topic").is_visible()  # wide screens show the filters at once
    context.close()
