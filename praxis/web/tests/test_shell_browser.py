"""The site shell in a real browser: language switching, right-to-left, accessibility."""

import pytest
from playwright.sync_api import Page

from accessibility import assert_accessible
from conftest import open_menu

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_home_page_is_accessible(page: Page) -> None:
    page.goto("/")
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_switching_to_arabic_lays_the_page_out_right_to_left(page: Page) -> None:
    page.goto("/")
    open_menu(page)
    with page.expect_navigation():
        page.select_option("#language-select", "ar")
    html = page.locator("html")
    assert html.get_attribute("lang") == "ar"
    assert html.get_attribute("dir") == "rtl"
    header = page.locator(".site-header").bounding_box()
    brand = page.locator(".brand").bounding_box()
    assert header is not None and brand is not None
    # The brand sits at the start of the header, which in Arabic is the right-hand side.
    assert brand["x"] + brand["width"] > header["width"] / 2
    assert_accessible(page)
