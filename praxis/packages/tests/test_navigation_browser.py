"""A two-SCO SCORM 2004 package played in a real browser: the first SCO asks whether it may
continue, sets adl.nav.request to "continue" and terminates, and the second SCO opens; the
second asks for "previous", and the first opens again. The player's own Next link goes the
same way; a refused request leaves the learner where they were, and a SCO can choose another."""

import io

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import sign_in
from praxis.accounts.tests.factories import UserFactory
from praxis.catalog.services import enrol
from praxis.catalog.tests.factories import LessonFactory
from praxis.packages.models import Attempt
from praxis.packages.services import import_package
from praxis.packages.tests import crafting
from praxis.packages.tests.player import sco_frame

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("package_origin"),
]


def test_a_sco_continues_to_the_next_and_the_next_goes_back_with_previous(
    page: Page, live_server: LiveServer
) -> None:
    package = import_package(
        io.BytesIO(crafting.scorm_2004(first="continue", second="previous")), by=None
    )
    lesson = LessonFactory.create(package=package, title="Triage")
    learner = UserFactory.create(full_name="Amina Yusuf")
    enrol(learner, lesson.module.course)
    sign_in(page, live_server, learner)

    page.goto(f"/courses/{lesson.module.course.slug}/lessons/{lesson.uuid}/")
    expect(sco_frame(page).get_by_role("heading", name="one")).to_be_visible()
    expect(
        sco_frame(page).get_by_text(
            "may continue: true, may go back: false, "
            "may choose part two: true, may choose part nine: false"
        )
    ).to_be_visible()
    sco_frame(page).get_by_role("button", name="Finish").click()

    expect(sco_frame(page).get_by_role("heading", name="two")).to_be_visible()
    expect(sco_frame(page).get_by_text("may continue: true, may go back: true")).to_be_visible()
    player = page.frame_locator("iframe.package-frame")
    expect(player.get_by_role("link", name="Part two")).to_have_attribute("aria-current", "page")
    assert Attempt.objects.get(learner=learner, sco="part-1").success_status == "passed"
    sco_frame(page).get_by_role("button", name="Finish").click()

    expect(sco_frame(page).get_by_role("heading", name="one")).to_be_visible()
    expect(player.get_by_role("link", name="Part one")).to_have_attribute("aria-current", "page")
    assert Attempt.objects.get(learner=learner, sco="part-2").success_status == "passed"
    # The player's own Next goes where "continue" went.
    player.get_by_role("link", name="Next").click()
    expect(sco_frame(page).get_by_role("heading", name="two")).to_be_visible()


def test_previous_from_the_first_sco_is_refused_and_nothing_moves(
    page: Page, live_server: LiveServer
) -> None:
    package = import_package(io.BytesIO(crafting.scorm_2004(first="previous")), by=None)
    lesson = LessonFactory.create(package=package, title="Triage")
    learner = UserFactory.create()
    enrol(learner, lesson.module.course)
    sign_in(page, live_server, learner)

    page.goto(f"/courses/{lesson.module.course.slug}/lessons/{lesson.uuid}/")
    sco_frame(page).get_by_role("button", name="Finish").click()
    player = page.frame_locator("iframe.package-frame")
    expect(
        player.get_by_text("This is the first part: there is nothing before it.")
    ).to_be_visible()
    expect(player.get_by_role("link", name="Part one")).to_have_attribute("aria-current", "page")
    expect(sco_frame(page).get_by_text("finished")).to_be_visible()


def test_a_sco_chooses_another_by_its_identifier(page: Page, live_server: LiveServer) -> None:
    package = import_package(
        io.BytesIO(crafting.scorm_2004(first="{target=part-2}choice", second="suspendAll")),
        by=None,
    )
    lesson = LessonFactory.create(package=package, title="Triage")
    learner = UserFactory.create()
    enrol(learner, lesson.module.course)
    sign_in(page, live_server, learner)

    page.goto(f"/courses/{lesson.module.course.slug}/lessons/{lesson.uuid}/")
    sco_frame(page).get_by_role("button", name="Finish").click()
    expect(sco_frame(page).get_by_role("heading", name="two")).to_be_visible()
    sco_frame(page).get_by_role("button", name="Finish").click()
    player = page.frame_locator("iframe.package-frame")
    expect(player.get_by_text("You have left this part of the package")).to_be_visible()
