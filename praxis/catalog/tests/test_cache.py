"""The catalogue served from the cache: the same for every visitor, current after every change."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.test import Client, RequestFactory
from pytest_django import DjangoAssertNumQueries, DjangoCaptureOnCommitCallbacks

from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.catalog import services
from praxis.catalog.cache import VERSION_KEY, version
from praxis.catalog.models import Course
from praxis.catalog.tests.factories import CourseFactory, TopicFactory, TranslationGroupFactory
from praxis.organisations.services import update_organisation
from praxis.organisations.tests.factories import OrganisationFactory

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db


def text(response: Response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def course() -> Course:
    course = CourseFactory.create(slug="hand-hygiene", title="Hand hygiene")
    course.topics.add(TopicFactory.create(slug="ipc", names={"en": "Infection control"}))
    services.reindex_course(course)
    return course


def test_a_second_visitor_gets_the_catalogue_without_a_query(
    client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    for _ in range(3):
        course = CourseFactory.create(translation_group=TranslationGroupFactory.create())
        course.organisations.add(OrganisationFactory.create())
    first = client.get("/courses/", {"language": "en"})
    with django_assert_num_queries(0):
        second = client.get("/courses/", {"language": "en"})
    assert second.content == first.content
    assert "3 courses" in text(second)


def test_a_search_written_differently_is_the_same_search(
    client: Client, course: Course, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    client.get("/courses/", {"q": "hygiene"})
    with django_assert_num_queries(0):
        page = text(client.get("/courses/?q=++hygiene+&utm_source=newsletter&page=1&level="))
    assert "1 course" in page and "Hand hygiene" in page
    assert "utm_source" not in page


def test_pager_links_keep_the_search_and_nothing_else(client: Client) -> None:
    for n in range(25):
        CourseFactory.create(title=f"Course {n:02}", language="fr")
    page = text(client.get("/courses/?language=fr&utm_source=newsletter"))
    assert 'href="?language=fr&amp;page=2"' in page


def test_a_published_course_shows_at_once(client: Client, course: Course) -> None:
    draft = CourseFactory.create(title="Oxygen therapy", status=Course.Status.DRAFT)
    assert "Oxygen therapy" not in text(client.get("/courses/"))
    services.publish_course(draft)
    assert "Oxygen therapy" in text(client.get("/courses/"))


def test_an_archived_course_leaves_at_once(client: Client, course: Course) -> None:
    assert "Hand hygiene" in text(client.get("/courses/", {"q": "hygiene"}))
    services.archive_course(course)
    page = text(client.get("/courses/", {"q": "hygiene"}))
    assert "Hand hygiene" not in page and "No course matches your search" in page


def test_a_new_title_topic_and_translation_show_at_once(client: Client, course: Course) -> None:
    client.get("/courses/")
    course.title = "Clean hands save lives"
    course.translation_group = TranslationGroupFactory.create()
    course.save()
    CourseFactory.create(
        slug="hygiene-fr", language="fr", translation_group=course.translation_group
    )
    course.topics.add(TopicFactory.create(slug="wash", names={"en": "Water and sanitation"}))
    services.reindex_course(course)
    page = text(client.get("/courses/"))
    assert "Clean hands save lives" in page
    assert "Water and sanitation" in page
    assert '<a href="/courses/hygiene-fr/" hreflang="fr">French</a>' in page


def test_a_renamed_co_creating_organisation_shows_at_once(client: Client, course: Course) -> None:
    organisation = OrganisationFactory.create(name="Nairobi School of Public Health")
    course.organisations.add(organisation)
    services.reindex_course(course)
    assert "Nairobi School of Public Health" in text(client.get("/courses/"))
    update_organisation(organisation, StaffFactory.create(), name="Nairobi School of Global Health")
    page = text(client.get("/courses/"))
    assert "Nairobi School of Global Health" in page
    assert "Nairobi School of Public Health" not in page


def test_a_change_made_in_another_worker_shows_here(client: Client, course: Course) -> None:
    client.get("/courses/")
    Course.objects.filter(pk=course.pk).update(title="Clean hands save lives")
    # Another worker's service replaced the version in the cache that every process shares.
    caches["shared"].set(VERSION_KEY, "set-by-another-worker", timeout=None)
    assert "Clean hands save lives" in text(client.get("/courses/"))


def test_the_version_changes_again_when_the_change_commits(
    course: Course, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    # A worker that renders between the change and its commit stores what it saw under the
    # version of that moment; the commit moves every worker past it.
    with django_capture_on_commit_callbacks() as callbacks:
        services.archive_course(course)
        during = version()
    for callback in callbacks:
        callback()
    assert version() != during


def test_each_language_has_its_own_catalogue(client: Client, course: Course) -> None:
    english = text(client.get("/courses/"))
    french = text(client.get("/courses/", HTTP_ACCEPT_LANGUAGE="fr"))
    assert "<h1>Courses</h1>" in english
    assert "<h1>Cours</h1>" in french


def test_a_logged_in_learner_sees_their_own_header_around_the_shared_results(
    client: Client, course: Course, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    client.get("/courses/")  # an anonymous visit fills the cache
    learner = UserFactory.create()
    client.force_login(learner)
    with django_assert_num_queries(2):  # the session and the user, nothing of the catalogue
        page = text(client.get("/courses/"))
    assert "Hand hygiene" in page
    assert "My learning" in page and "Log out" in page
    client.logout()
    assert "Log out" not in text(client.get("/courses/"))


def test_a_visitor_with_a_message_sees_it_on_the_catalogue(client: Client, course: Course) -> None:
    client.get("/courses/")
    storage = CookieStorage(RequestFactory().get("/"))
    client.cookies["messages"] = storage._encode([Message(constants.INFO, "Welcome back")])  # type: ignore[attr-defined]  # private, not in stubs
    assert "Welcome back" in text(client.get("/courses/"))
    del client.cookies["messages"]
    assert "Welcome back" not in text(client.get("/courses/"))


def test_the_catalogue_sets_no_cookie_and_says_it_depends_on_cookies(
    client: Client, course: Course
) -> None:
    response = client.get("/courses/")
    assert not response.cookies
    assert "Cookie" in response["Vary"]
    assert '<form class="language" method="get" action="/language">' in text(response)
    assert 'name="csrfmiddlewaretoken"' not in text(response)


def test_the_language_switcher_comes_back_to_the_same_search(
    client: Client, course: Course
) -> None:
    page = text(client.get("/courses/?utm_source=x&q=hygiene"))
    assert '<input type="hidden" name="next" value="/courses/?q=hygiene">' in page


def test_no_form_of_the_shared_page_goes_back_to_another_visitors_address(
    client: Client, course: Course
) -> None:
    # The first visitor's address renders the page every later visitor is served: its forms
    # (the language chooser, the data saver) come back to the search written the normal way.
    client.get("/courses/?q=hygiene&utm_source=private-mailing")
    page = text(Client().get("/courses/?q=hygiene"))
    assert "Hand hygiene" in page
    assert "private-mailing" not in page
    assert 'name="next" value="/courses/?q=hygiene"' in page
