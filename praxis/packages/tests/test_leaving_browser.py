"""A SCO that saves its state only as its page goes away (in "beforeunload", when the browser
refuses a synchronous request), left through a link of the site: its last commit reaches the
learner's record as a beacon."""

import io

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import eventually, sign_in
from praxis.accounts.tests.factories import UserFactory
from praxis.catalog.services import enrol
from praxis.catalog.tests.factories import LessonFactory
from praxis.packages.models import Attempt
from praxis.packages.services import import_package
from praxis.packages.tests import crafting

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("package_origin"),
]


def test_what_a_sco_saves_as_the_learner_leaves_for_another_page_is_kept(
    page: Page, live_server: LiveServer
) -> None:
    package = import_package(io.BytesIO(crafting.scorm_12_saving_on_leaving()), by=None)
    lesson = LessonFactory.create(package=package, title="Leaving")
    learner = UserFactory.create(full_name="Kwame Asante")
    enrol(learner, lesson.module.course)
    sign_in(page, live_server, learner)

    page.goto(f"/courses/{lesson.module.course.slug}/lessons/{lesson.uuid}/")
    sco = page.frame_locator("iframe.package-frame").frame_locator("#content")
    expect(sco.get_by_text("reading")).to_be_visible()
    eventually(
        lambda: Attempt.objects.filter(learner=learner, package=package, location="page-1").exists()
    )

    page.get_by_role("link", name="My learning").first.click()
    expect(page.get_by_role("heading", name="My learning")).to_be_visible()

    def saved() -> bool:
        attempt = Attempt.objects.get(learner=learner, package=package)
        return (attempt.location, attempt.completion_status, attempt.score_raw) == (
            "page-7",
            "completed",
            75,
        )

    eventually(saved)
