"""My gaps on a phone: a target role with a long name keeps the page within the screen."""

import pytest
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from conftest import sideways, sign_in
from praxis.accounts.tests.factories import UserFactory
from praxis.competencies import skeletons
from praxis.competencies.models import (
    Association,
    CompetencyItem,
    Framework,
    ProficiencyScale,
    TargetProfile,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_NAME = "Специалист по инфекционному контролю и профилактике в многопрофильном стационаре"


def test_a_long_target_role_does_not_widen_the_page_on_a_phone(
    page: Page, live_server: LiveServer
) -> None:
    skeletons.ensure_loaded(Framework, CompetencyItem, Association, ProficiencyScale)
    framework = Framework.objects.get(slug="who-gcof-uhc-2022")
    TargetProfile.objects.create(slug="ipc", names={"en": LONG_NAME}, framework=framework)
    page.set_viewport_size({"width": 360, "height": 740})
    sign_in(page, live_server, UserFactory.create())
    page.goto("/my-competencies/gaps/")
    chooser = page.get_by_label("Target role")
    chooser.select_option("ipc")
    assert sideways(page) == 0
    box = chooser.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 360
