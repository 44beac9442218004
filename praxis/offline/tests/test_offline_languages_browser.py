"""Offline, a downloaded course speaks the learner's interface language, not the one the app was
installed in: a French learner whose phone first opened Praxis in English gets the course, its
lessons and the list of downloads in French. The list names a version only when the course has
one, and a course without quizzes shows no heading for them."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import in_language, sign_in
from praxis.accounts.models import User
from praxis.catalog import services as catalog
from praxis.catalog.models import Course
from praxis.catalog.tests.factories import course_with_lessons
from praxis.offline.tests.test_offline_browser import PHONE, worker_ready

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The pages the service worker keeps to draw what was downloaded, by address.
SHELL_PAGES = """caches.keys()
    .then(names => Promise.all(names.filter(name => name.startsWith("praxis-shell-"))
        .map(name => caches.open(name).then(cache => cache.keys()))))
    .then(all => all.flat().map(key => new URL(key.url)).filter(url => url.pathname === "/offline/")
        .map(url => url.pathname + url.search))"""


def download_here(page: Page, course: Course) -> None:
    """Download `course` from the downloads page, in whatever language it is shown."""
    page.goto(f"/offline/?download={course.slug}")
    worker_ready(page)
    page.locator("#download-title ~ button").click()
    expect(page.get_by_role("link", name=course.title)).to_be_visible()


def test_a_course_downloaded_in_french_is_in_french_offline(
    page: Page, live_server: LiveServer, course: Course, learner: User
) -> None:
    plain = course_with_lessons(modules=1, lessons_per_module=1, title="Gloves")
    catalog.enrol(learner, plain)
    page.set_viewport_size(PHONE)
    sign_in(page, live_server, learner)
    # The phone's first visit is in English: the app is installed then.
    page.goto("/")
    worker_ready(page)
    # The learner's interface is French (as their login sets it).
    in_language(page, live_server, "fr")
    download_here(page, course)
    expect(page.locator("#offline-status")).to_have_text(
        "Téléchargé. Vous pouvez suivre ce cours sans connexion."
    )
    download_here(page, plain)
    # One offline page is kept, not one per language.
    assert page.evaluate(SHELL_PAGES) == ["/offline/"]

    page.context.set_offline(True)
    page.goto(f"/courses/{course.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hand hygiene")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.get_by_role("heading", level=2, name="Leçons")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Quiz")).to_be_visible()
    expect(page.get_by_text("Correction en ligne : aucune réponse", exact=False)).to_be_visible()
    page.get_by_role("link", name="Lesson 1.1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lesson 1.1")
    expect(page.get_by_role("button", name="Marquer comme terminée et continuer")).to_be_visible()

    # A course without quizzes: its lessons, and no heading over nothing.
    page.goto(f"/courses/{plain.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gloves")
    expect(page.get_by_role("heading", level=2)).to_have_text(["Leçons"])

    # The downloads, in French, with no "Version 0" for courses never published as versions.
    page.goto("/offline/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cours téléchargés")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator(".downloads li")).to_have_count(2)
    expect(page.locator(".downloads")).not_to_contain_text("Version")
