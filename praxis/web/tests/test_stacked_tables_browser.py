"""A table that becomes a list of "label: value" on a phone, in a real browser: a value written
in the other direction from the interface (an Arabic organisation on an English page, an English
one on an Arabic page) keeps its own direction, while its label stays on the interface's side
and in its direction."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, ViewportSize
from pytest_django.live_server_helper import LiveServer

from conftest import sign_in
from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.events.tests.factories import EventFactory, RegistrationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE: ViewportSize = {"width": 360, "height": 740}

# Where the value of a cell is, with its label shown and then hidden; and the label's direction.
MEASURE = """cell => {
  const range = document.createRange();
  range.selectNodeContents(cell);
  const shown = range.getBoundingClientRect().left;
  const labelDirection = getComputedStyle(cell, "::before").direction;
  // Through the style sheet itself: the page's Content-Security-Policy refuses a <style> added.
  const sheet = [...document.styleSheets].find(each => (each.href || "").includes("/praxis/site"));
  const at = sheet.insertRule(".stack td::before{content:none !important}", sheet.cssRules.length);
  const hidden = range.getBoundingClientRect().left;
  sheet.deleteRule(at);
  return {labelDirection, labelOnTheLeft: hidden < shown};
}"""


@pytest.mark.parametrize(
    ("language", "organisation", "label_direction"),
    [("en", "مستشفى الزرقاء", "ltr"), ("ar", "WHO Collaborating Centre", "rtl")],
)
def test_a_stacked_cell_keeps_its_label_in_the_interface_direction(
    page: Page, live_server: LiveServer, language: str, organisation: str, label_direction: str
) -> None:
    event = EventFactory.create(slug="ipc-week", running=True)
    RegistrationFactory.create(
        event=event, person=UserFactory.create(organisation_name=organisation)
    )
    sign_in(page, live_server, StaffFactory.create(), language)
    page.set_viewport_size(PHONE)
    page.goto(f"/events/{event.slug}/registrants/")

    cell = page.locator("td", has_text=organisation)
    found = cell.evaluate(MEASURE)

    assert found["labelDirection"] == label_direction
    # The label comes first in the interface's reading order: on the left in English, on the
    # right in Arabic, whichever way the value itself runs.
    assert found["labelOnTheLeft"] is (label_direction == "ltr")
