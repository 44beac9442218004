"""A cmi5 AU written here, played by a learner in a real browser: launched from the lesson's
page on the package origin, it fetches its credential, reads LMS.LaunchData from Praxis's
LRS, says initialized, completed, passed and terminated, and goes back to the returnURL; the
lesson is completed because its moveOn (Passed) is met."""

import io

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import eventually, other_origin, sign_in
from praxis.accounts.tests.factories import UserFactory
from praxis.catalog.models import LessonProgress
from praxis.catalog.services import enrol
from praxis.catalog.tests.factories import LessonFactory
from praxis.lrs.models import Statement
from praxis.packages import cmi5
from praxis.packages.models import Attempt, Session
from praxis.packages.services import import_package
from praxis.packages.tests import crafting

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("package_origin"),
]


def test_a_learner_plays_a_cmi5_unit_and_its_move_on_completes_the_lesson(
    page: Page, live_server: LiveServer
) -> None:
    package = import_package(io.BytesIO(crafting.cmi5_course()), by=None)
    lesson = LessonFactory.create(package=package, title="Malaria diagnosis")
    course = lesson.module.course
    learner = UserFactory.create(full_name="Kwame Mensah")
    enrolment = enrol(learner, course)
    sign_in(page, live_server, learner)

    page.goto(f"/courses/{course.slug}/lessons/{lesson.uuid}/")
    frame = page.frame_locator("iframe.package-frame")
    src = page.locator("iframe.package-frame").get_attribute("src") or ""
    assert src.startswith(other_origin(live_server.url) + "/packages/play/")
    frame.get_by_role("button", name="Start").click()
    expect(frame.get_by_text("initialized, Normal")).to_be_visible()
    session = Session.objects.get(learner=learner)
    assert session.fetched_at is not None and session.initialized_at is not None
    assert str(session.registration) == str(enrolment.registration)

    frame.get_by_role("button", name="Finish").click()
    # The AU goes back to the returnURL: the list of units, this one now done.
    expect(frame.get_by_text("Done")).to_be_visible()
    eventually(
        lambda: LessonProgress.objects.filter(
            learner=learner, lesson=lesson, completed_at__isnull=False
        ).exists()
    )
    attempt = Attempt.objects.get(learner=learner, package=package)
    assert (attempt.completion_status, attempt.success_status) == ("completed", "passed")
    assert attempt.score_scaled == 0.9
    session.refresh_from_db()
    assert session.terminated_at is not None
    said = set(
        Statement.objects.filter(registration=enrolment.registration).values_list(
            "verb_id", flat=True
        )
    )
    assert {
        cmi5.VERB_LAUNCHED,
        "http://adlnet.gov/expapi/verbs/initialized",
        "http://adlnet.gov/expapi/verbs/completed",
        "http://adlnet.gov/expapi/verbs/passed",
        "http://adlnet.gov/expapi/verbs/terminated",
        cmi5.VERB_SATISFIED,
    } <= said
