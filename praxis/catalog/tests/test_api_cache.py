"""The API's course list is made once per catalogue version, language and search, like the page."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.core.cache import cache
from pytest_django import DjangoAssertNumQueries

from conftest import SchemaCheckedClient
from praxis.catalog import services
from praxis.catalog.models import Course
from praxis.catalog.tests.factories import CourseFactory, TranslationGroupFactory
from praxis.organisations.tests.factories import OrganisationFactory

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db


@pytest.fixture
def courses() -> list[Course]:
    # Four courses, two in English and two in French, each translated: the API lists each
    # course once, in the reader's language where it has one.
    made = [
        CourseFactory.create(
            title=f"Course {n}",
            language=["en", "fr"][n % 2],
            translation_group=TranslationGroupFactory.create(),
        )
        for n in range(4)
    ]
    for course in made:
        CourseFactory.create(
            title=f"Translation of {course.title}",
            language="ar",
            translation_group=course.translation_group,
        )
    for course in made:
        course.organisations.add(OrganisationFactory.create())
    return made


def titles(response: Response) -> list[str]:
    return [item["title"] for item in response.json()["items"]]


def test_a_second_caller_gets_the_list_without_a_query(
    api_client: SchemaCheckedClient,
    courses: list[Course],
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    first = api_client.get("/api/v1/courses", {"size": 3})
    with django_assert_num_queries(0):
        second = api_client.get("/api/v1/courses", {"size": 3})
    assert second.content == first.content and len(titles(second)) == 3
    assert second["Content-Type"] == first["Content-Type"] == "application/json; charset=utf-8"


def test_each_search_page_and_language_is_its_own_answer(
    api_client: SchemaCheckedClient, courses: list[Course]
) -> None:
    english = titles(api_client.get("/api/v1/courses", {"language": "en"}))
    french = titles(api_client.get("/api/v1/courses", {"language": "fr"}))
    assert english == ["Course 0", "Course 2"] and french == ["Course 1", "Course 3"]
    assert titles(api_client.get("/api/v1/courses", {"size": 1, "page": 2})) != titles(
        api_client.get("/api/v1/courses", {"size": 1, "page": 1})
    )
    named = api_client.get("/api/v1/courses", {"size": 1}, HTTP_ACCEPT_LANGUAGE="fr").json()
    assert named["items"][0]["language"]["name"].lower() in {"anglais", "français"}


def test_an_archived_course_leaves_the_list_at_once(
    api_client: SchemaCheckedClient, courses: list[Course]
) -> None:
    assert "Course 0" in titles(api_client.get("/api/v1/courses"))
    services.archive_course(courses[0])
    assert "Course 0" not in titles(api_client.get("/api/v1/courses"))


def test_the_list_is_made_again_when_the_cache_is_lost(
    api_client: SchemaCheckedClient, courses: list[Course]
) -> None:
    first = api_client.get("/api/v1/courses").content
    cache.clear()
    assert api_client.get("/api/v1/courses").content == first
