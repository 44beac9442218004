"""The level chart in a right-to-left page: every bar keeps its label in sight."""

import pytest
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from conftest import in_language, sign_in
from praxis.accounts.tests.factories import UserFactory
from praxis.competencies.tests.factories import CompetencyItemFactory, EvidenceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_each_bar_of_the_chart_is_labelled_inside_the_chart(
    page: Page, live_server: LiveServer, language: str
) -> None:
    learner = UserFactory.create()
    for code, level in (("PA1.15", 3), ("6", 2)):
        EvidenceFactory.create(
            learner=learner, item=CompetencyItemFactory.create(code=code), level=level
        )
    in_language(page, live_server, language)
    sign_in(page, live_server, learner)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/my-competencies/")
    chart = page.locator("figure.chart svg").bounding_box()
    assert chart is not None
    labels = page.locator("figure.chart svg text[font-size='12']")
    assert labels.count() == 2
    for index in range(2):
        box = labels.nth(index).bounding_box()
        assert box is not None and box["width"] > 0
        assert chart["x"] <= box["x"] and box["x"] + box["width"] <= chart["x"] + chart["width"]
