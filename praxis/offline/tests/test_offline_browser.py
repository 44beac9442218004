"""A learner on a phone downloads a course, loses the connection, follows every lesson and
answers the quiz, gets the connection back, and the server then holds what an online learner's
record would: progress, marks, completion and certificate, each statement once."""

from __future__ import annotations

import random
import re

import pytest
from playwright.sync_api import BrowserContext, Page, Route, ViewportSize, expect
from pytest_django.live_server_helper import LiveServer

from conftest import sign_in
from praxis.accounts.models import User
from praxis.catalog import services as catalog
from praxis.catalog.models import Course, Enrolment
from praxis.credentials.models import Credential
from praxis.lrs.models import Statement
from praxis.offline.tests.conftest import RIGHT, the_quiz
from praxis.web import offline_app

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE: ViewportSize = {"width": 390, "height": 844}


def worker_ready(page: Page) -> None:
    """Wait until the service worker is active: the pages opened next, with or without a
    connection, go through it. Downloading needs no worker, and whether the page the worker was
    registered from comes under it too depends on when the worker took charge."""
    active = "() => navigator.serviceWorker.ready.then(registration => !!registration.active)"
    assert page.evaluate(active)


def download(page: Page, live_server: LiveServer, course: Course, learner: User) -> None:
    page.set_viewport_size(PHONE)
    sign_in(page, live_server, learner)
    page.goto(f"/courses/{course.slug}/")
    page.get_by_role("link", name="Download for offline").click()
    worker_ready(page)
    page.get_by_role("button", name=re.compile(r"^Download \(")).click()
    expect(page.locator("#offline-status")).to_have_text(
        "Downloaded. You can follow this course without a connection."
    )
    expect(page.get_by_role("link", name="Hand hygiene")).to_be_visible()


def sent_all(page: Page) -> None:
    # The service worker sends what was kept, and the server records each statement, completes
    # the course and signs its certificate: on a loaded machine that may take a while.
    expect(page.locator("#offline-status")).to_have_text(
        "Everything you did offline has been sent.", timeout=45_000
    )


def first_lesson_done_offline(page: Page, course: Course) -> None:
    """Without a connection, open the downloaded course and mark its first lesson done, as a
    learner does: from the course's page."""
    page.context.set_offline(True)
    page.goto(f"/courses/{course.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hand hygiene")
    page.get_by_role("link", name="Lesson 1.1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lesson 1.1")
    page.get_by_role("button", name="Mark as done and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lesson 1.2")


def test_a_course_followed_offline_on_a_phone_is_recorded_as_online(
    page: Page, live_server: LiveServer, course: Course, learner: User
) -> None:
    download(page, live_server, course, learner)
    first_lesson_done_offline(page, course)
    page.get_by_role("button", name="Mark as done and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hand hygiene")
    page.get_by_role("link", name=re.compile("Check your understanding")).click()
    expect(page.get_by_text("Marked online: no answers are kept on this device.")).to_be_visible()
    page.get_by_label(RIGHT).check()
    page.get_by_role("button", name="Submit answers").click()
    expect(page.get_by_text("Your answers are kept on this device.", exact=False)).to_be_visible()
    # Nothing reached the server while offline.
    assert Enrolment.objects.get(learner=learner).status == Enrolment.Status.ACTIVE
    page.goto("/offline/")
    expect(page.locator("#offline-status")).to_have_text("Done offline, waiting to be sent: 3")

    page.context.set_offline(False)
    sent_all(page)
    enrolment = Enrolment.objects.get(learner=learner)
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert catalog.course_percent(learner, course)[0] == 100
    assert Credential.objects.filter(learner=learner).count() == 1
    verbs = sorted(
        verb.rsplit("/", 1)[-1]
        for verb in Statement.objects.filter(registration=enrolment.registration).values_list(
            "verb_id", flat=True
        )
    )
    # As online: a progressed statement per lesson, the quiz passed, the course completed.
    assert verbs.count("progressed") == 2
    assert verbs.count("passed") == 1
    assert verbs.count("completed") == 1


def test_what_could_not_be_sent_when_the_connection_came_back_is_sent_soon_after(
    page: Page, live_server: LiveServer, course: Course, learner: User
) -> None:
    download(page, live_server, course, learner)
    first_lesson_done_offline(page, course)
    page.goto("/offline/")
    expect(page.locator("#offline-status")).to_have_text("Done offline, waiting to be sent: 1")
    # The connection is back for the page, not yet for the way to the server: the first two
    # sends reach nothing, whichever of the page and the browser asked for them.
    cut: list[str] = []

    def half_back(route: Route) -> None:
        if len(cut) < 2:
            cut.append(route.request.url)
            route.abort("internetdisconnected")
        else:
            route.continue_()

    page.context.route("**/api/v1/offline/sync", half_back)
    page.context.set_offline(False)
    sent_all(page)
    assert len(cut) == 2
    registration = Enrolment.objects.get(learner=learner).registration
    sent = Statement.objects.filter(registration=registration, verb_id__endswith="/progressed")
    assert sent.count() == 1


KEPT_IDS = """caches.open("praxis-outbox").then(box => box.keys()).then(keys => keys
    .filter(key => key.url.includes("/offline/outbox/"))
    .map(key => key.url.split("/offline/outbox/")[1]))"""
FLIPS = 100


@pytest.mark.long
def test_flipping_the_connection_loses_and_doubles_nothing(
    phone: BrowserContext, live_server: LiveServer, course: Course, learner: User
) -> None:
    # The same two pages a hundred times: checked by axe in the other tests, not at every flip.
    page = phone.new_page()
    download(page, live_server, course, learner)
    quiz_url = f"/quizzes/{the_quiz(course).uuid}/"
    flips = random.Random(20)
    made: set[str] = set()
    answered = 0
    for _step in range(FLIPS):
        offline = flips.random() < 0.6
        page.context.set_offline(offline)
        if offline:
            # Answered without a connection: the answers are kept with a new id.
            page.goto(quiz_url)
            page.get_by_label(RIGHT).check()
            page.get_by_role("button", name="Submit answers").click()
            expect(
                page.get_by_text("Your answers are kept on this device.", exact=False)
            ).to_be_visible()
            answered += 1
            # What is still kept at this moment (the service worker may already have sent some).
            made.update(page.evaluate(KEPT_IDS))
        else:
            # Back online for a moment: the page asks for what is kept to be sent, and the
            # connection may go again before the reply comes.
            page.goto("/offline/")
    page.context.set_offline(False)
    page.goto("/offline/")
    sent_all(page)
    assert page.evaluate(KEPT_IDS) == []
    finished = Statement.objects.filter(verb_id__regex=r"/(passed|failed)$")
    stored = {str(statement_id) for statement_id in finished.values_list("id", flat=True)}
    # Each quiz answered offline is on the server exactly once: as many statements and attempts
    # as answers given, every id the device was seen to keep among them.
    assert len(stored) == learner.quiz_attempts.count() == answered
    assert made <= stored


def test_downloaded_courses_work_right_to_left_in_arabic(
    page: Page, live_server: LiveServer, course: Course, learner: User
) -> None:
    page.set_viewport_size(PHONE)
    sign_in(page, live_server, learner, "ar")
    page.goto(f"/offline/?download={course.slug}")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.locator("#download-title ~ button").click()
    expect(page.get_by_role("link", name="Hand hygiene")).to_be_visible()
    page.context.set_offline(True)
    page.goto(f"/courses/{course.slug}/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.get_by_role("link", name="Lesson 1.1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lesson 1.1")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")


def test_a_new_version_of_the_app_is_offered_and_taken_on_reload(
    page: Page, live_server: LiveServer, learner: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    sign_in(page, live_server, learner)
    page.goto("/")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    prompt = page.get_by_text("A new version of Praxis is ready.")
    expect(prompt).to_be_hidden()
    # A deploy: the service worker's text changes with its version.
    monkeypatch.setattr(offline_app, "app_version", lambda: "next-release")
    page.evaluate("() => navigator.serviceWorker.getRegistration().then(r => r.update())")
    expect(prompt).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Reload").click()
    expect(prompt).to_be_hidden()
    script = page.evaluate("() => navigator.serviceWorker.controller.scriptURL")
    assert script.endswith("/sw.js")
    assert page.evaluate(
        "() => caches.keys().then(names => names.includes('praxis-shell-next-release'))"
    )
