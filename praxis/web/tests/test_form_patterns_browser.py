"""A form that fails, in a real browser, in English and in Arabic: the error summary on top takes
the focus, and each of its links puts the focus in the field it names."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext, pgettext
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import in_language

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_error_summary_takes_the_focus_and_its_links_focus_their_field(
    page: Page, live_server: LiveServer, language: str
) -> None:
    in_language(page, live_server, language)
    page.goto("/accounts/signup/")
    page.locator("#id_full_name").fill("Grace Mwangi")
    page.locator("#id_email").fill("grace@example.org")
    page.locator("#id_password").fill("password")  # too common: refused by the server
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()

    assert page.locator("html").get_attribute("lang") == language
    with translation.override(language):
        title = gettext("There is a problem")
    summary = page.get_by_role("alert").filter(has_text=title)
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    link = summary.locator("a").first
    target = (link.get_attribute("href") or "").lstrip("#")
    assert target == "id_password"
    field = page.locator(f"#{target}")
    expect(field).to_have_attribute("aria-invalid", "true")
    described = (field.get_attribute("aria-describedby") or "").split()
    assert f"{target}_error" in described
    # The summary names the field by its label; beside the field, the error alone.
    label = link.locator("bdi").inner_text()
    expect(page.locator(f"label[for={target}]")).to_contain_text(label)
    with translation.override(language):
        line = pgettext("form error summary", "%(label)s: %(message)s")
    before_message = line.split("%(message)s")[0] % {"label": label}
    message = link.inner_text().removeprefix(before_message)
    assert message and message != link.inner_text()
    expect(page.locator(f"#{target}_error")).to_contain_text(message)
    link.click()
    expect(field).to_be_focused()
