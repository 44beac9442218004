"""The low-bandwidth budget, measured as a browser loads the pages on a cold cache.

A nurse on a 2G connection pays for every byte: the catalogue page and a lesson page must each
load in at most 60 KB compressed (HTML + CSS + JS), with no request to any other host.
"""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from praxis.accounts.services.legal import accept_documents_in_force
from praxis.accounts.tests.factories import UserFactory
from praxis.catalog.cache import catalogue_changed
from praxis.catalog.models import Course, Lesson
from praxis.catalog.services import enrol
from praxis.catalog.views import CATALOGUE_PAGE_SIZE
from praxis.web.tests.main_pages import load_and_weigh

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

BUDGET = 60 * 1024


@pytest.fixture
def demo(live_server: LiveServer, demo_ecosystem: None) -> None:
    """The demo ecosystem, served."""


@pytest.fixture
def full_catalogue(demo: None) -> None:
    """The demo with its catalogue's first page full: its courses are listed once whatever the
    number of languages they are in (8 cards), so the French and Arabic versions are made
    courses of their own, each with its picture."""
    Course.objects.filter(language__in=["fr", "ar"]).update(translation_group=None)
    catalogue_changed()


def heaviest_lesson() -> Lesson:
    return max(
        Lesson.objects.filter(module__course__status=Course.Status.PUBLISHED),
        key=lambda lesson: len(lesson.body_html) + len(lesson.transcript),
    )


@pytest.mark.parametrize("language", ["en", "ar", "zh-hans"])
def test_catalogue_loads_within_60_kb_from_this_site_only(
    page: Page, full_catalogue: None, live_server: LiveServer, language: str
) -> None:
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    sizes, hosts = load_and_weigh(page, "/courses/")
    assert page.locator(".cards > li").count() == CATALOGUE_PAGE_SIZE
    assert hosts == {urlsplit(live_server.url).netloc}
    assert sum(sizes.values()) <= BUDGET, sizes


@pytest.mark.parametrize("language", ["en", "ar"])
def test_catalogue_stays_within_60_kb_even_with_every_thumbnail_fetched(
    page: Page, full_catalogue: None, live_server: LiveServer, language: str
) -> None:
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    sizes, hosts = load_and_weigh(page, "/courses/", every_image=True)
    thumbnails = [url for url in sizes if "/image/" in url]
    assert len(thumbnails) == page.locator(".cards > li img").count() == CATALOGUE_PAGE_SIZE
    assert hosts == {urlsplit(live_server.url).netloc}
    assert sum(sizes.values()) <= BUDGET, sizes


def test_heaviest_demo_lesson_loads_within_60_kb_from_this_site_only(
    page: Page, demo: None, live_server: LiveServer
) -> None:
    lesson = heaviest_lesson()
    course = lesson.module.course
    # A learner enrolled on the course, logged in through a session cookie: the cache stays cold.
    learner = UserFactory.create()
    enrol(learner, course)
    accept_documents_in_force(learner, True)  # as at sign-up: the terms page comes first else
    client = Client()
    client.force_login(learner)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "url": live_server.url,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
            }
        ]
    )
    sizes, hosts = load_and_weigh(page, f"/courses/{course.slug}/lessons/{lesson.uuid}/")
    assert page.locator("h1").inner_text() == lesson.title
    assert hosts == {urlsplit(live_server.url).netloc}
    assert sum(sizes.values()) <= BUDGET, sizes
