"""The pages people use most, taken from the demo ecosystem: the phone, page-weight and
Lighthouse checks all walk this one list."""

from __future__ import annotations

import gzip
from typing import NamedTuple
from urllib.parse import urlsplit

from django.conf import settings
from django.test import Client
from playwright.sync_api import Page, Response

from praxis.accounts.models import User
from praxis.accounts.services.legal import accept_documents_in_force
from praxis.assessments.models import Quiz
from praxis.catalog.models import Course, Lesson
from praxis.catalog.services import current_enrolment, enrol
from praxis.community.models import Community, Thread
from praxis.credentials.models import Credential
from praxis.events.models import Event

LEARNER = "grace@praxis.example"


class MainPage(NamedTuple):
    name: str
    path: str
    signed_in: bool


def main_pages() -> list[MainPage]:
    """Each page with its path, and whether the demo learner is signed in to see it."""
    learner = User.objects.get(email=LEARNER)
    accept_documents_in_force(learner, True)  # as at sign-up: the terms page comes first else
    lesson = (
        Lesson.objects.filter(module__course__status=Course.Status.PUBLISHED)
        .select_related("module__course")
        .order_by("id")
        .first()
    )
    assert lesson is not None
    if current_enrolment(learner, lesson.module.course) is None:
        enrol(learner, lesson.module.course)
    quiz = Quiz.objects.order_by("id").first()
    event = Event.objects.filter(status=Event.Status.PUBLISHED, sessions__isnull=False).first()
    thread = Thread.objects.filter(
        community__access=Community.Access.OPEN, community__course__isnull=True
    ).first()
    course = Course.objects.filter(status=Course.Status.PUBLISHED).order_by("id").first()
    credential = Credential.objects.order_by("id").first()
    assert quiz is not None
    assert event is not None
    assert thread is not None
    assert course is not None
    assert credential is not None
    return [
        MainPage("home", "/", False),
        MainPage("catalogue", "/courses/", False),
        MainPage("course", f"/courses/{course.slug}/", False),
        MainPage("lesson", f"/courses/{lesson.module.course.slug}/lessons/{lesson.uuid}/", True),
        MainPage("quiz", f"/quizzes/{quiz.uuid}/", True),
        MainPage("event", f"/events/{event.slug}/", False),
        MainPage("timetable", f"/events/{event.slug}/timetable/", False),
        MainPage("thread", f"/community/t/{thread.uuid}/", True),
        MainPage("verification", f"/credentials/{credential.uuid}", False),
        MainPage("dashboard", "/courses/my-learning/", True),
        MainPage("home signed in", "/", True),
    ]


def learner_session() -> str:
    """A session key for the demo learner, signed in."""
    client = Client()
    client.force_login(User.objects.get(email=LEARNER))
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def load_and_weigh(
    tab: Page, path: str, *, every_image: bool = False
) -> tuple[dict[str, int], set[str]]:
    """Load `path` and return {url: compressed bytes} of every response and the hosts asked.

    Only what the page loads by itself counts: the responses are read once the network is idle,
    and anything a later step fetches (the accessibility check scrolls lazy images into view) is
    left out. With `every_image`, the lazy images out of view are fetched too: how far ahead
    a browser loads them depends on the connection it estimates, so this is the most a first
    visit can weigh."""
    responses: list[Response] = []

    def on_response(response: Response) -> None:
        responses.append(response)

    tab.on("response", on_response)
    tab.goto(path)
    tab.wait_for_load_state("networkidle")
    if every_image:
        lazy = tab.locator("img[loading=lazy]")
        assert lazy.count(), "no lazy image on the page"
        for image in lazy.all():
            image.scroll_into_view_if_needed()
        tab.wait_for_function("() => Array.from(document.images).every((img) => img.complete)")
        tab.wait_for_load_state("networkidle")
    tab.remove_listener("response", on_response)
    sizes: dict[str, int] = {}
    for response in responses:
        body = response.body()
        sizes[response.url] = len(gzip.compress(body, compresslevel=6)) if body else 0
    # The app's manifest and service worker are fetched by the browser itself (not as the page's
    # responses) on a first visit; they count in the budget all the same.
    assert tab.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(tab.url))
    for app_file in ("/manifest.webmanifest", "/sw.js"):
        body = tab.request.get(app_file).body()
        sizes[origin + app_file] = len(gzip.compress(body, compresslevel=6))
    return sizes, {urlsplit(response.url).netloc for response in responses}
