"""The JSON API: every answer checked against the OpenAPI document by `api_client`."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from conftest import SchemaCheckedClient
from praxis.accounts.models import User
from praxis.accounts.services import create_api_token
from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.catalog import services
from praxis.catalog.models import Course, CourseVersion, Enrolment, Lesson
from praxis.catalog.tests.factories import (
    CourseFactory,
    TopicFactory,
    TranslationGroupFactory,
    course_with_lessons,
)
from praxis.catalog.versions import CourseContent, LessonContent, ModuleContent, publish_version
from praxis.lrs.models import Statement
from praxis.lrs.vocabulary import VERB_REGISTERED
from praxis.organisations.tests.factories import OrganisationFactory

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(api_client: SchemaCheckedClient) -> User:
    user = UserFactory.create()
    api_client.force_login(user)
    return user


@pytest.fixture
def course() -> Course:
    course = course_with_lessons(slug="hand-hygiene", title="Hand hygiene")
    services.reindex_course(course)
    return course


def error_code(response: Response) -> str:
    code: str = response.json()["error"]["code"]
    return code


def test_course_list_is_public_and_searchable(
    api_client: SchemaCheckedClient, course: Course
) -> None:
    CourseFactory.create(slug="oxygen", title="Oxygen therapy")
    response = api_client.get("/api/v1/courses?q=hygiene")
    assert response.status_code == 200
    body = response.json()
    assert [item["slug"] for item in body["items"]] == ["hand-hygiene"]
    assert body["items"][0]["language"] == {"code": "en", "name": "English", "direction": "ltr"}
    assert body["total"] == 1 and body["page"] == 1


def test_course_list_names_languages_in_the_visitors_language(
    api_client: SchemaCheckedClient, course: Course
) -> None:
    response = api_client.get("/api/v1/courses", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.json()["items"][0]["language"]["name"] == "Anglais"


def test_course_list_filters_and_pages(api_client: SchemaCheckedClient) -> None:
    for n in range(3):
        CourseFactory.create(language="es", title=f"Curso {n}")
    CourseFactory.create(language="en")
    response = api_client.get("/api/v1/courses?language=es&size=2&page=2")
    body = response.json()
    assert body["total"] == 3 and body["pages"] == 2 and len(body["items"]) == 1
    assert body["items"][0]["language"]["code"] == "es"


def test_a_page_past_any_list_is_the_last_page_of_a_search(api_client: SchemaCheckedClient) -> None:
    for n in range(3):
        services.reindex_course(CourseFactory.create(title=f"Hand hygiene {n}"))
    # Beyond what a database's offset can hold.
    response = api_client.get(f"/api/v1/courses?q=hygiene&size=2&page={10**37}")
    body = response.json()
    assert body["page"] == 2 and len(body["items"]) == 1 and body["total"] == 3


@pytest.mark.parametrize(
    "query",
    ["page=abc", "page=0", "size=1000", "level=expert", "language=en--", "duration=forever"],
)
def test_course_list_refuses_bad_parameters_with_400(
    api_client: SchemaCheckedClient, query: str
) -> None:
    response = api_client.get(f"/api/v1/courses?{query}")
    assert response.status_code == 400
    assert error_code(response) == "invalid_input"


@pytest.mark.parametrize("query", ["?!", "x" * 2000, "%27%22%3B--"])
def test_course_list_takes_any_search_text(
    api_client: SchemaCheckedClient, course: Course, query: str
) -> None:
    assert api_client.get(f"/api/v1/courses?q={query}").status_code == 200


def test_course_list_takes_a_fixed_number_of_queries(
    api_client: SchemaCheckedClient, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    organisation = OrganisationFactory.create()
    for n in range(12):
        group = TranslationGroupFactory.create()
        CourseFactory.create(language="ar", translation_group=group)
        course = CourseFactory.create(language=["en", "fr", "ru"][n % 3], translation_group=group)
        course.organisations.add(organisation)
        course.topics.add(TopicFactory.create())
    with django_assert_num_queries(4):
        response = api_client.get("/api/v1/courses")
    items = response.json()["items"]
    assert len(items) == 12
    assert all(len(item["also_available_in"]) == 1 for item in items)


def test_course_detail_has_the_syllabus(api_client: SchemaCheckedClient, course: Course) -> None:
    body = api_client.get("/api/v1/courses/hand-hygiene").json()
    assert body["title"] == "Hand hygiene"
    assert [module["title"] for module in body["modules"]] == ["Module 1", "Module 2"]
    assert body["modules"][0]["lessons"][0]["title"] == "Lesson 1.1"


def test_a_draft_course_is_not_found_except_by_staff(api_client: SchemaCheckedClient) -> None:
    CourseFactory.create(slug="draft", status=Course.Status.DRAFT)
    assert api_client.get("/api/v1/courses/draft").status_code == 404
    api_client.force_login(StaffFactory.create())
    assert api_client.get("/api/v1/courses/draft").json()["status"] == "draft"


def test_an_unknown_course_is_not_found(api_client: SchemaCheckedClient) -> None:
    response = api_client.get("/api/v1/courses/no-such-course")
    assert response.status_code == 404 and error_code(response) == "not_found"


def test_enrolling_returns_201_with_the_registration(
    api_client: SchemaCheckedClient, learner: User, course: Course
) -> None:
    response = api_client.post("/api/v1/courses/hand-hygiene/enrolment")
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "active" and body["course"] == "hand-hygiene"
    registration = Statement.objects.get(verb_id=VERB_REGISTERED).registration
    assert registration is not None
    assert registration.hex == body["registration"].replace("-", "")


def test_enrolling_twice_answers_409_already_enrolled(
    api_client: SchemaCheckedClient, learner: User, course: Course
) -> None:
    api_client.post("/api/v1/courses/hand-hygiene/enrolment")
    response = api_client.post("/api/v1/courses/hand-hygiene/enrolment")
    assert response.status_code == 409 and error_code(response) == "already_enrolled"


def test_enrolling_in_a_draft_is_not_found_for_learners(
    api_client: SchemaCheckedClient, learner: User
) -> None:
    CourseFactory.create(slug="draft", status=Course.Status.DRAFT)
    response = api_client.post("/api/v1/courses/draft/enrolment")
    assert response.status_code == 404
    assert not Enrolment.objects.exists()


def test_staff_enrolling_in_a_draft_get_course_not_published(
    api_client: SchemaCheckedClient,
) -> None:
    CourseFactory.create(slug="draft", status=Course.Status.DRAFT)
    api_client.force_login(StaffFactory.create())
    response = api_client.post("/api/v1/courses/draft/enrolment")
    assert response.status_code == 409 and error_code(response) == "course_not_published"


def test_enrolling_needs_a_login(api_client: SchemaCheckedClient, course: Course) -> None:
    response = api_client.post("/api/v1/courses/hand-hygiene/enrolment")
    assert response.status_code == 401 and error_code(response) == "not_authenticated"


def test_withdrawing_keeps_the_row(
    api_client: SchemaCheckedClient, learner: User, course: Course
) -> None:
    api_client.post("/api/v1/courses/hand-hygiene/enrolment")
    response = api_client.delete("/api/v1/courses/hand-hygiene/enrolment")
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"
    assert Enrolment.objects.filter(learner=learner).count() == 1


def test_withdrawing_when_not_enrolled_answers_not_enrolled(
    api_client: SchemaCheckedClient, learner: User, course: Course
) -> None:
    response = api_client.delete("/api/v1/courses/hand-hygiene/enrolment")
    assert response.status_code == 403 and error_code(response) == "not_enrolled"


def test_completing_a_lesson_and_reading_progress(
    api_client: SchemaCheckedClient, learner: User, course: Course
) -> None:
    api_client.post("/api/v1/courses/hand-hygiene/enrolment")
    lesson = Lesson.objects.filter(module__course=course).first()
    assert lesson is not None
    response = api_client.post(f"/api/v1/lessons/{lesson.uuid}/completion")
    assert response.status_code == 200
    assert response.json()["course_percent"] == 25

    progress = api_client.get("/api/v1/courses/hand-hygiene/progress").json()
    assert progress["percent"] == 25
    assert progress["completed_lessons"] == 1 and progress["total_lessons"] == 4
    assert progress["lessons"][0] == {
        "uuid": str(lesson.uuid),
        "title": "Lesson 1.1",
        "completed": True,
    }
    assert progress["resume_lesson"] == progress["lessons"][1]["uuid"]


def test_completing_a_lesson_of_a_course_not_enrolled_in_answers_not_enrolled(
    api_client: SchemaCheckedClient, learner: User, course: Course
) -> None:
    lesson = Lesson.objects.filter(module__course=course).first()
    assert lesson is not None
    response = api_client.post(f"/api/v1/lessons/{lesson.uuid}/completion")
    assert response.status_code == 403 and error_code(response) == "not_enrolled"


@pytest.mark.parametrize(
    ("uuid", "status"), [("not-a-uuid", 400), ("00000000-0000-0000-0000-000000000000", 404)]
)
def test_completing_an_unknown_lesson_is_refused(
    api_client: SchemaCheckedClient, learner: User, uuid: str, status: int
) -> None:
    response = api_client.post(f"/api/v1/lessons/{uuid}/completion")
    assert response.status_code == status


def test_completing_a_lesson_of_a_draft_is_not_found(
    api_client: SchemaCheckedClient, learner: User
) -> None:
    course = course_with_lessons(status=Course.Status.DRAFT)
    lesson = Lesson.objects.filter(module__course=course).first()
    assert lesson is not None
    assert api_client.post(f"/api/v1/lessons/{lesson.uuid}/completion").status_code == 404


def test_progress_when_not_enrolled_answers_not_enrolled(
    api_client: SchemaCheckedClient, learner: User, course: Course
) -> None:
    response = api_client.get("/api/v1/courses/hand-hygiene/progress")
    assert response.status_code == 404 and error_code(response) == "not_enrolled"


def test_progress_is_always_the_callers_own(
    api_client: SchemaCheckedClient, learner: User, course: Course
) -> None:
    other = UserFactory.create()
    services.enrol(other, course)
    first = Lesson.objects.filter(module__course=course).first()
    assert first is not None
    services.complete_lesson(other, first)
    # The caller is not enrolled: nothing of the other learner's progress shows.
    response = api_client.get("/api/v1/courses/hand-hygiene/progress")
    assert response.status_code == 404


def test_progress_and_my_learning_need_a_login(
    api_client: SchemaCheckedClient, course: Course
) -> None:
    assert api_client.get("/api/v1/courses/hand-hygiene/progress").status_code == 401
    assert api_client.get("/api/v1/me/learning").status_code == 401


def test_my_learning_lists_the_callers_courses(
    api_client: SchemaCheckedClient, learner: User, course: Course
) -> None:
    api_client.post("/api/v1/courses/hand-hygiene/enrolment")
    body = api_client.get("/api/v1/me/learning").json()
    assert [entry["course"]["slug"] for entry in body["in_progress"]] == ["hand-hygiene"]
    assert body["in_progress"][0]["percent"] == 0
    assert body["completed"] == [] and body["earlier"] == []


def test_a_body_sent_to_enrolment_is_ignored_even_if_malformed(
    api_client: SchemaCheckedClient, learner: User, course: Course
) -> None:
    response = api_client.post("/api/v1/courses/hand-hygiene/enrolment", data="{not json")
    assert response.status_code == 201


def test_a_personal_api_token_can_enrol_and_read_progress(
    api_client: SchemaCheckedClient, course: Course
) -> None:
    learner = UserFactory.create()
    _token, plaintext = create_api_token(learner, "phone app")
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}
    assert api_client.post("/api/v1/courses/hand-hygiene/enrolment", **bearer).status_code == 201
    assert api_client.get("/api/v1/courses/hand-hygiene/progress", **bearer).json()["percent"] == 0
    assert Enrolment.objects.get().learner == learner


def test_a_session_post_without_the_csrf_token_is_refused(client: Client, course: Course) -> None:
    client.handler.enforce_csrf_checks = True
    client.force_login(UserFactory.create())
    api_client = SchemaCheckedClient(client)
    response = api_client.post("/api/v1/courses/hand-hygiene/enrolment")
    assert response.status_code == 403 and error_code(response) == "csrf_failed"
    assert not Enrolment.objects.exists()


def test_enrolments_name_the_course_version_enrolled_on_and_completed(
    api_client: SchemaCheckedClient, learner: User
) -> None:
    key = uuid.uuid4()
    lessons = [LessonContent(key=key, title="Before touching a patient", body="Wash.")]
    version = publish_version(
        None,
        CourseContent(
            title="Hand hygiene",
            summary="Clean hands.",
            language="en",
            modules=[ModuleContent(title="Basics", lessons=lessons)],
        ),
    )
    slug = version.course.slug
    enrolled = api_client.post(f"/api/v1/courses/{slug}/enrolment").json()
    assert (enrolled["version"], enrolled["completed_version"]) == (1, None)
    done = api_client.post(f"/api/v1/lessons/{key}/completion").json()["enrolment"]
    assert (done["version"], done["completed_version"]) == (1, 1)
    learning = api_client.get("/api/v1/me/learning").json()
    assert learning["completed"][0]["enrolment"]["completed_version"] == 1


def test_enrolments_in_a_course_without_versions_name_none(
    api_client: SchemaCheckedClient, learner: User, course: Course
) -> None:
    enrolled = api_client.post("/api/v1/courses/hand-hygiene/enrolment").json()
    assert enrolled["version"] is None and enrolled["completed_version"] is None


def _version(course: Course | None, *lessons: tuple[uuid.UUID, str]) -> CourseVersion:
    return publish_version(
        course,
        CourseContent(
            title="Hand hygiene",
            summary="Clean hands.",
            language="en",
            modules=[
                ModuleContent(
                    title="Basics",
                    lessons=[LessonContent(key=k, title=t, body=t) for k, t in lessons],
                )
            ],
        ),
    )


def test_a_learner_reads_what_changed_and_says_they_saw_it(
    api_client: SchemaCheckedClient, learner: User
) -> None:
    wash, masks = uuid.uuid4(), uuid.uuid4()
    course = _version(None, (wash, "When to wash")).course
    url = f"/api/v1/courses/{course.slug}/updates"
    api_client.post(f"/api/v1/courses/{course.slug}/enrolment")
    assert api_client.get(url).json() == {
        "newest_version": None,
        "seen_version": None,
        "changes": [],
        "more_changes": 0,
    }
    _version(course, (wash, "When to wash, 2025"), (masks, "Masks"))
    updates = api_client.get(url).json()
    assert updates["newest_version"] == 2
    assert {(c["kind"], c["item"], c["title"]) for c in updates["changes"]} == {
        ("changed", "lesson", "When to wash, 2025"),
        ("added", "lesson", "Masks"),
    }
    seen = api_client.post(f"{url}/seen", data={"version": 2})
    assert seen.status_code == 200
    assert seen.json()["seen_version"] == 2 and seen.json()["changes"] == []
    again = api_client.post(f"{url}/seen", data={"version": 1})  # never goes back
    assert again.json()["seen_version"] == 2


@pytest.mark.parametrize(
    ("data", "status"), [({"version": 9}, 400), ({"version": "two"}, 400), ({}, 400)]
)
def test_saying_a_bad_version_was_seen_is_refused(
    api_client: SchemaCheckedClient, learner: User, data: dict[str, object], status: int
) -> None:
    course = _version(None, (uuid.uuid4(), "When to wash")).course
    api_client.post(f"/api/v1/courses/{course.slug}/enrolment")
    response = api_client.post(f"/api/v1/courses/{course.slug}/updates/seen", data=data)
    assert response.status_code == status
    assert Enrolment.objects.get().seen_version is None


def test_only_an_enrolled_learner_says_they_saw_the_changes(
    api_client: SchemaCheckedClient,
) -> None:
    course = _version(None, (uuid.uuid4(), "When to wash")).course
    url = f"/api/v1/courses/{course.slug}/updates/seen"
    assert api_client.post(url, data={"version": 1}).status_code == 401
    api_client.force_login(UserFactory.create())
    refused = api_client.post(url, data={"version": 1})
    assert refused.status_code == 403 and error_code(refused) == "not_enrolled"
    assert api_client.get("/api/v1/courses/no-such-course/updates").status_code == 404


def test_a_learner_not_enrolled_is_told_so_when_reading_a_courses_updates(
    api_client: SchemaCheckedClient,
) -> None:
    course = _version(None, (uuid.uuid4(), "When to wash")).course
    api_client.force_login(UserFactory.create())

    refused = api_client.get(f"/api/v1/courses/{course.slug}/updates")

    assert refused.status_code == 403 and error_code(refused) == "not_enrolled"
