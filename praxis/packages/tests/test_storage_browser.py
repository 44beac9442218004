"""Package pages that read web storage without a guard, in a browser that refuses the package
origin's frame its own storage (Chromium does, the lesson page being of another site): the
storage script served first in each page gives them one kept in memory, shared by the pages of
the package as the learner moves between them."""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import eventually
from praxis.catalog.models import LessonProgress
from praxis.packages.models import Attempt
from praxis.packages.tests import crafting, player

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("package_origin"),
]


def test_a_sco_that_keeps_its_place_in_web_storage_is_completed(
    page: Page, live_server: LiveServer
) -> None:
    opened = player.open_as_learner(
        page, live_server, crafting.scorm_12_with_storage(), "Storage", "Kwame Asante"
    )
    learner, package, lesson = opened.learner, opened.package, opened.lesson
    sco = player.sco_frame(page)
    sco.get_by_role("link", name="Go on").click()

    expect(sco.get_by_text("kept: 2 open")).to_be_visible()
    attempt = Attempt.objects.get(learner=learner, package=package)
    assert (attempt.completion_status, attempt.location) == ("completed", "2 open")
    eventually(
        lambda: LessonProgress.objects.filter(
            learner=learner, lesson=lesson, completed_at__isnull=False
        ).exists()
    )
