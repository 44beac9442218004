"""What a download shows before it starts and what the device then keeps: the size shown is the
bytes kept, and what the learner did on another device or online comes along."""

from __future__ import annotations

import itertools
import re

import pytest
from django.urls import reverse
from playwright.sync_api import BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import sign_in
from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.assessments.models import Attempt
from praxis.catalog import services as catalog
from praxis.catalog.models import Course, Lesson
from praxis.catalog.tests.factories import LessonFileFactory
from praxis.offline.tests.conftest import WRONG, lessons_of
from praxis.offline.tests.test_offline_browser import PHONE, download, sent_all, worker_ready

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHECKS = itertools.count()

# The cache a course is read from: the newest of its caches ("praxis-course-<slug>~<stamp>",
# or without a stamp when downloaded before there were stamps) that holds its bundle.
IN_USE = """(slug, bundleUrl) => caches.keys().then(names => names
    .filter(name => name.split("~")[0] === "praxis-course-" + slug)
    .sort((a, b) => Number(b.split("~")[1] || 0) - Number(a.split("~")[1] || 0)))
    .then(names => names.reduce((found, name) => found.then(cache => cache ||
        caches.open(name).then(each => each.match(bundleUrl).then(kept => kept ? each : null))),
        Promise.resolve(null)))"""
KEPT = f"""slug => ({IN_USE})(slug, "/api/v1/offline/courses/" + slug).then(cache => cache.keys()
    .then(keys => Promise.all(keys.map(key => cache.match(key).then(kept => kept.arrayBuffer())
        .then(body => [new URL(key.url).pathname, body.byteLength])))))"""


def test_the_size_shown_is_what_the_device_keeps(
    page: Page, live_server: LiveServer, media_course: Course
) -> None:
    learner = UserFactory.create()
    catalog.enrol(learner, media_course)
    page.set_viewport_size(PHONE)
    sign_in(page, live_server, learner)
    page.goto(f"/courses/{media_course.slug}/")
    page.get_by_role("link", name="Download for offline").click()
    worker_ready(page)
    shown = page.locator("#download-title ~ p data")
    expect(shown).to_have_text(re.compile(r"^Download size: \d+ kB$"))
    shown_bytes = int(shown.get_attribute("value") or "")
    page.get_by_role("button", name=re.compile(r"^Download \(")).click()
    expect(page.locator("#offline-status")).to_have_text(
        "Downloaded. You can follow this course without a connection."
    )

    kept = dict(page.evaluate(KEPT, media_course.slug))
    assert sum(kept.values()) == shown_bytes
    assert shown.inner_text() == f"Download size: {int(shown_bytes / 1024 + 0.5)} kB"
    # The pictures, captions and files are among what is kept, not only the lessons' text.
    slug = media_course.slug
    kinds = sorted(
        re.sub(r"/[^/]*$", "", re.sub(r"/([0-9a-f-]{32,36}|[0-9]+)/", "/…/", path)) for path in kept
    )
    assert kinds == [
        "/api/v1/offline/courses",
        f"/courses/{slug}/image",
        f"/courses/{slug}/lessons/…/captions",
        f"/courses/{slug}/lessons/…/files/…",
        "/courses/files/…",
        "/courses/lesson-images",
    ], kinds

    # Offline, the pictures come from the device.
    page.context.set_offline(True)
    page.goto(f"/courses/{media_course.slug}/")
    expect(page.get_by_role("img", name="Hands under a tap")).to_be_visible()
    page.get_by_role("link", name="Washing hands").click()
    picture = page.get_by_role("img", name="A handrub dispenser")
    expect(picture).to_be_visible()
    assert picture.evaluate("image => image.complete && image.naturalWidth") == 640


def wait_until(page: Page, check: str, arg: object) -> None:
    """Wait until the promise that the script `check` returns for `arg` comes true.

    `wait_for_function` takes a promise for true at once: here each poll starts the check and
    looks at what the checks started so far have found."""
    found = f"praxisCheck{next(CHECKS)}"
    page.wait_for_function(
        f"arg => {{ ({check})(arg).then(result => {{ if (result) {{ window.{found} = true; }} }});"
        f" return window.{found} === true; }}",
        arg=arg,
        polling=100,
    )


def marks(page: Page, name: str | re.Pattern[str]) -> str:
    """The text of the course page's list item that links to `name`."""
    item = page.get_by_role("listitem").filter(has=page.get_by_role("link", name=name))
    return item.inner_text()


def test_what_was_done_elsewhere_shows_as_done_offline(
    page: Page, phone: BrowserContext, live_server: LiveServer, course: Course, learner: User
) -> None:
    first = lessons_of(course)[0]
    # Online on a computer: the first lesson done.
    sign_in(page, live_server, learner)
    page.goto(f"/courses/{course.slug}/lessons/{first.uuid}/")
    page.get_by_role("button", name="Mark as complete and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lesson 1.2")

    # The phone downloads the course and loses the connection: the first lesson is done there.
    tab = phone.new_page()
    download(tab, live_server, course, learner)
    phone.set_offline(True)
    tab.goto(f"/courses/{course.slug}/")
    expect(tab.get_by_role("heading", level=1)).to_have_text("Hand hygiene")
    assert marks(tab, "Lesson 1.1") == "Lesson 1.1 · Done"
    assert marks(tab, "Lesson 1.2") == "Lesson 1.2"
    # The quiz answered wrongly on the phone: done as far as the phone knows.
    quiz = re.compile("Check your understanding")
    tab.get_by_role("link", name=quiz).click()
    tab.get_by_label(WRONG).check()
    tab.get_by_role("button", name="Submit answers").click()
    tab.get_by_role("link", name="Back to the course").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Hand hygiene")
    assert marks(tab, quiz).endswith(" · Done")

    # Meanwhile the second lesson is done online; the phone reconnects and syncs. The learner
    # opens the downloads page first, still offline: the page open when the connection returns
    # is the one told that everything was sent (a page left just then may be told instead).
    page.get_by_role("button", name="Mark as complete").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hand hygiene")
    tab.goto("/offline/")
    expect(tab.get_by_role("heading", level=1)).to_have_text("Downloaded courses")
    phone.set_offline(False)
    sent_all(tab)
    assert Attempt.objects.get(learner=learner).passed is False

    # Offline again, the marks are the server's: both lessons done, the quiz not passed.
    phone.set_offline(True)
    tab.goto(f"/courses/{course.slug}/")
    expect(tab.get_by_role("heading", level=1)).to_have_text("Hand hygiene")
    assert marks(tab, "Lesson 1.1") == "Lesson 1.1 · Done"
    assert marks(tab, "Lesson 1.2") == "Lesson 1.2 · Done"
    assert not marks(tab, quiz).endswith(" · Done")


OLD_DOWNLOAD = """slug => fetch("/api/v1/offline/courses/" + slug).then(response => response.json())
    .then(bundle => {
        delete bundle.done; delete bundle.downloads; delete bundle.course.image;
        return caches.open("praxis-course-" + slug).then(cache => cache.put(
            "/api/v1/offline/courses/" + slug, new Response(JSON.stringify(bundle))));
    })"""
UP_TO_DATE = f"""slug => ({IN_USE})(slug, "/api/v1/offline/courses/" + slug)
    .then(cache => cache.match("/api/v1/offline/courses/" + slug))
    .then(kept => kept.json()).then(bundle => Array.isArray(bundle.done))"""


def test_a_course_downloaded_before_progress_came_along_is_brought_up_to_date(
    page: Page, live_server: LiveServer, course: Course, learner: User
) -> None:
    catalog.complete_lesson(learner, lessons_of(course)[0])
    page.set_viewport_size(PHONE)
    sign_in(page, live_server, learner)
    page.goto("/offline/")
    worker_ready(page)
    page.evaluate(OLD_DOWNLOAD, course.slug)
    # Offline as it was kept: the course still opens, without the server's marks.
    page.context.set_offline(True)
    page.goto(f"/courses/{course.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hand hygiene")
    assert marks(page, "Lesson 1.1") == "Lesson 1.1"
    # Online, the downloaded courses page fetches it anew.
    page.context.set_offline(False)
    page.goto("/offline/")
    expect(page.get_by_role("link", name="Hand hygiene")).to_be_visible()
    wait_until(page, UP_TO_DATE, course.slug)
    page.context.set_offline(True)
    page.goto(f"/courses/{course.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hand hygiene")
    assert marks(page, "Lesson 1.1") == "Lesson 1.1 · Done"


UPDATED = f"""([slug, address]) => caches.keys().then(names => names
    .filter(name => name.split("~")[0] === "praxis-course-" + slug).length === 1
    && ({KEPT})(slug).then(kept => kept.some(([path]) => path === address)))"""


def test_an_update_cut_short_leaves_the_course_as_it_was(
    page: Page, live_server: LiveServer, media_course: Course
) -> None:
    learner = UserFactory.create()
    catalog.enrol(learner, media_course)
    slug = media_course.slug
    page.set_viewport_size(PHONE)
    sign_in(page, live_server, learner)
    page.goto(f"/offline/?download={slug}")
    worker_ready(page)
    page.get_by_role("button", name=re.compile(r"^Download \(")).click()
    expect(page.locator("#offline-status")).to_have_text(
        "Downloaded. You can follow this course without a connection."
    )
    # The downloads page checks its courses for changes as soon as it lists them: left first,
    # so that the file attached next is found by the visit below and not by that check.
    page.goto(f"/courses/{slug}/")
    # A file is attached to the lesson since: the next visit online fetches the course again,
    # and the connection drops while that file comes.
    lesson = Lesson.objects.get(module__course=media_course)
    leaflet = LessonFileFactory.create(lesson=lesson, title="Leaflet", size=0)
    address = reverse("catalog:lesson_file", args=[slug, lesson.uuid, leaflet.pk])
    page.context.route(f"**{address}", lambda route: route.abort("internetdisconnected"))
    # The service worker's update runs after the page has loaded: on a loaded machine it may
    # take longer than the usual wait.
    with page.context.expect_event(
        "requestfailed", lambda request: address in request.url, timeout=45_000
    ):
        page.goto("/offline/")
    page.context.set_offline(True)
    page.goto(f"/courses/{slug}/")
    # The copy kept before is whole: the course, its pictures and its files open offline.
    expect(page.get_by_role("img", name="Hands under a tap")).to_be_visible()
    page.get_by_role("link", name="Washing hands").click()
    expect(page.get_by_role("img", name="A handrub dispenser")).to_be_visible()
    expect(page.get_by_role("link", name="Checklist", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Leaflet")).to_have_count(0)

    # Online again with the file at hand, the update is kept whole, and it is the only copy.
    page.context.unroute(f"**{address}")
    page.context.set_offline(False)
    page.goto("/offline/")
    wait_until(page, UPDATED, [slug, address])
    page.context.set_offline(True)
    page.goto(f"/courses/{slug}/lessons/{lesson.uuid}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Washing hands")
    expect(page.get_by_role("link", name="Leaflet")).to_be_visible()
