"""The search page in a real browser on a 360 px phone, in English and Arabic: reached from
the header, results grouped by kind, no sideways scroll, right-to-left in Arabic, and no
accessibility violation (the page fixture runs axe on every page)."""

from __future__ import annotations

import pytest
from django.conf import settings
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from accessibility import assert_accessible
from conftest import sideways
from praxis.catalog.search import reindex_course
from praxis.catalog.tests.factories import CourseFactory, TranslationGroupFactory
from praxis.community import search as community_search
from praxis.community.tests.factories import CommunityFactory, PostFactory, ThreadFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def indexed() -> None:
    group = TranslationGroupFactory.create()
    for slug, language, title in [
        ("hands-en", "en", "Hand hygiene in health facilities"),
        ("hands-es", "es", "Higiene de manos en los centros de salud"),
        ("hands-ar", "ar", "نظافة اليدين في المرافق الصحية"),
    ]:
        reindex_course(
            CourseFactory.create(
                slug=slug, language=language, title=title, translation_group=group, objectives=[]
            )
        )
    community = CommunityFactory.create(name="Infection prevention on the ward")
    thread = ThreadFactory.create(community=community, title="Gloves for blood draws?")
    PostFactory.create(thread=thread, body="Gloves for blood, hand hygiene for the rest.")
    community_search.index_thread(thread)


@pytest.mark.parametrize(
    ("language", "query", "first_course", "direction"),
    [
        ("en", "hand hygene", "Hand hygiene in health facilities", "ltr"),
        ("ar", "نظافه اليدين", "نظافة اليدين في المرافق الصحية", "rtl"),
    ],
)
def test_search_from_the_header_on_a_phone(
    page: Page,
    live_server: LiveServer,
    indexed: None,
    language: str,
    query: str,
    first_course: str,
    direction: str,
) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    page.goto("/")
    page.locator(".site-header .search-link").click()
    page.locator("input[name=q]").fill(query)
    with page.expect_navigation():
        page.locator("form[role=search] button[type=submit]").click()
    assert page.locator("html").get_attribute("dir") == direction
    assert page.locator("#results-courses + ul a").first.inner_text() == first_course
    assert page.locator("#results-threads + ul a").first.inner_text() == ("Gloves for blood draws?")
    header = page.locator(".site-header").bounding_box()
    assert header is not None
    assert header["height"] <= 64
    assert sideways(page) == 0
    assert_accessible(page)


@pytest.mark.parametrize("width", [360, 1280])
def test_the_search_field_fills_its_row_with_the_button_beside_it(
    page: Page, live_server: LiveServer, indexed: None, width: int
) -> None:
    # The field took the width of its label and the button stood past the label's end, a hand
    # away from the field on a desktop.
    page.set_viewport_size({"width": width, "height": 740})
    page.goto("/search/?q=gloves")
    form = page.locator("form[role=search]").bounding_box()
    field = page.locator("form[role=search] input[name=q]").bounding_box()
    button = page.locator("form[role=search] button[type=submit]").bounding_box()
    assert form is not None and field is not None and button is not None
    # One row: the field, then the button a small gap after it, at the row's end.
    assert 0 <= button["x"] - (field["x"] + field["width"]) <= 16
    assert abs((button["x"] + button["width"]) - (form["x"] + form["width"])) <= 1
    # Their bottoms in line.
    assert abs((field["y"] + field["height"]) - (button["y"] + button["height"])) <= 2
