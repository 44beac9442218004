"""An H5P package written here, played by a learner in a real browser: the lesson's page frames
the H5P player on the package origin, the content's own script answers through H5P's event
dispatcher, and the statement reaches Praxis's LRS as the learner's, completing the lesson."""

import io

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import eventually, other_origin, sign_in
from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.catalog.models import Enrolment, Lesson, LessonProgress
from praxis.catalog.services import enrol
from praxis.catalog.tests.factories import LessonFactory
from praxis.catalog.xapi import lesson_activity_id
from praxis.lrs.models import Statement
from praxis.packages import h5p
from praxis.packages.models import Attempt, ContentUserData, Package, Session
from praxis.packages.services import import_package
from praxis.packages.tests import crafting_h5p

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("package_origin"),
]


def _h5p_lesson_and_its_learner() -> tuple[Package, Lesson, User, Enrolment]:
    """The crafted H5P content as a lesson, and Amina enrolled in its course."""
    package = import_package(io.BytesIO(crafting_h5p.h5p_zip()), by=None)
    lesson = LessonFactory.create(package=package, title="Measuring blood pressure")
    learner = UserFactory.create(full_name="Amina Diallo")
    return package, lesson, learner, enrol(learner, lesson.module.course)


def test_a_learner_answers_h5p_content_and_the_lesson_is_done(
    page: Page, live_server: LiveServer
) -> None:
    package, lesson, learner, enrolment = _h5p_lesson_and_its_learner()
    course = lesson.module.course
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text) if message.type in {"error", "warning"} else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    sign_in(page, live_server, learner)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto(f"/courses/{course.slug}/lessons/{lesson.uuid}/")
    src = page.locator("iframe.package-frame").get_attribute("src") or ""
    assert src.startswith(other_origin(live_server.url) + "/packages/play/")
    expect(
        page.get_by_text("completed when you finish the interactive content above.")
    ).to_be_visible()
    content = page.frame_locator("iframe.package-frame").frame_locator("iframe.h5p-iframe")
    expect(content.get_by_text("Which cuff size fits an adult arm?")).to_be_visible()
    content.get_by_role("button", name="The adult cuff").click()
    expect(content.get_by_role("status")).to_have_text("Answered")

    eventually(
        lambda: LessonProgress.objects.filter(
            learner=learner, lesson=lesson, completed_at__isnull=False
        ).exists()
    )
    attempt = Attempt.objects.get(learner=learner, package=package)
    assert (attempt.completion_status, attempt.success_status) == ("completed", "passed")
    assert attempt.score_scaled == 1.0
    session = Session.objects.get(learner=learner, package=package)
    answered = Statement.objects.get(
        verb_id="http://adlnet.gov/expapi/verbs/answered", registration=enrolment.registration
    )
    said = answered.data
    assert said["actor"]["account"]["name"] == str(learner.uuid)
    assert said["object"]["id"] == h5p.content_activity_id(package)
    assert said["result"]["score"] == {"min": 0, "max": 2, "raw": 2, "scaled": 1}
    parents = [item["id"] for item in said["context"]["contextActivities"]["parent"]]
    assert parents == [lesson_activity_id(lesson)]
    assert session.client is not None
    assert said["authority"]["account"]["name"] == session.client.key
    # Everything the player and the content loaded came from Praxis's two origins.
    origins = {live_server.url, other_origin(live_server.url)}
    assert all(
        any(url.startswith(origin) for origin in origins)
        for url in requested
        if url.startswith("http")
    )
    assert problems == []

    # The learner's own learning record holds the answer.
    record = page.request.get(live_server.url + "/api/v1/me/learning-record").json()
    assert str(answered.id) in {statement["id"] for statement in record["statements"]}


def test_the_learners_unfinished_work_is_there_when_they_come_back(
    page: Page, live_server: LiveServer
) -> None:
    package, lesson, learner, _enrolment = _h5p_lesson_and_its_learner()
    course = lesson.module.course
    someone_else = UserFactory.create(full_name="Brian Otieno")
    enrol(someone_else, course)
    sign_in(page, live_server, learner)
    lesson_page = f"/courses/{course.slug}/lessons/{lesson.uuid}/"
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))

    page.goto(lesson_page)
    content = page.frame_locator("iframe.package-frame").frame_locator("iframe.h5p-iframe")
    content.get_by_label("Your note").fill("Cuff at heart level")
    # Leaving the lesson: the player sends the content's state as it closes.
    page.goto(f"/courses/{course.slug}/")
    eventually(
        lambda: ContentUserData.objects.filter(
            learner=learner, package=package, data__contains="Cuff at heart level"
        ).exists()
    )

    page.goto(lesson_page)
    expect(content.get_by_label("Your note")).to_have_value("Cuff at heart level")

    # Another learner of the course opens the same content without the learner's note.
    page.context.clear_cookies()
    sign_in(page, live_server, someone_else)
    page.goto(lesson_page)
    expect(content.get_by_text("Which cuff size fits an adult arm?")).to_be_visible()
    expect(content.get_by_label("Your note")).to_have_value("")
    assert problems == []
