"""Grades and progress: per course and across courses, in pages and the API, each learner's own."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries, DjangoCaptureOnCommitCallbacks

from conftest import SchemaCheckedClient
from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.assessments import services
from praxis.assessments.models import Attempt, Quiz
from praxis.assessments.tests.factories import choice_question, quiz_with
from praxis.catalog import services as catalog
from praxis.catalog.models import Course, Lesson
from praxis.catalog.tests.factories import course_with_lessons
from praxis.credentials.models import Credential

pytestmark = pytest.mark.django_db


def answer(learner: User, quiz: Quiz, right: bool) -> Attempt:
    attempt = services.start_attempt(learner, quiz)
    answers = {
        str(item.question.uuid): item.question.options.get(correct=right).id
        for item in attempt.items.select_related("question")
    }
    return services.submit_attempt(learner, attempt, answers)


@pytest.fixture
def required(course: Course) -> Quiz:
    return quiz_with(
        [choice_question(texts=("Soap", "Air"))],
        course=course,
        title="Final check",
        required_for_completion=True,
        max_attempts=3,
    )


def complete_every_lesson(learner: User, course: Course, on_commit: Any) -> None:
    for lesson in Lesson.objects.filter(module__course=course):
        with on_commit(execute=True):
            catalog.complete_lesson(learner, lesson)


def test_course_grades_show_best_and_last_scores_and_what_is_left(
    api_client: SchemaCheckedClient, enrolled: User, course: Course, required: Quiz
) -> None:
    answer(enrolled, required, right=True)
    answer(enrolled, required, right=False)
    api_client.force_login(enrolled)
    body = api_client.get(f"/api/v1/me/grades/{course.slug}").json()
    (grade,) = body["quizzes"]
    assert (grade["best_percent"], grade["last_percent"], grade["attempts"]) == (100, 0, 2)
    assert (grade["passed"], grade["attempts_left"]) == (True, 1)
    assert body["lessons_left"] == 1 and body["still_open"] == []
    assert body["certificate"] is None


def test_a_required_quiz_not_passed_is_still_open(
    api_client: SchemaCheckedClient, enrolled: User, course: Course, required: Quiz
) -> None:
    answer(enrolled, required, right=False)
    api_client.force_login(enrolled)
    body = api_client.get(f"/api/v1/me/grades/{course.slug}").json()
    assert [item["title"] for item in body["still_open"]] == ["Final check"]
    assert body["quizzes"][0]["passed"] is False


def test_completed_course_links_its_certificate_everywhere(
    api_client: SchemaCheckedClient,
    client: Client,
    enrolled: User,
    course: Course,
    required: Quiz,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        answer(enrolled, required, right=True)
    complete_every_lesson(enrolled, course, django_capture_on_commit_callbacks)
    credential = Credential.objects.get(learner=enrolled)
    address = reverse("credentials:credential", args=[credential.uuid])
    api_client.force_login(enrolled)
    (grades,) = api_client.get("/api/v1/me/grades").json()
    assert grades["certificate"].endswith(address) and grades["status"] == "completed"
    assert (
        api_client.get("/api/v1/me/learning")
        .json()["completed"][0]["certificate"]
        .endswith(address)
    )
    client.force_login(enrolled)
    for page in (
        reverse("assessments:grades"),
        reverse("assessments:course_grades", args=[course.slug]),
        reverse("catalog:course", args=[course.slug]),
        reverse("catalog:my_learning"),
    ):
        assert f'href="{address}"' in client.get(page).content.decode(), page


def test_grades_page_lists_every_course_with_its_quizzes(
    client: Client, enrolled: User, course: Course, required: Quiz
) -> None:
    other = course_with_lessons(title="Malaria rapid tests")
    catalog.enrol(enrolled, other)
    answer(enrolled, required, right=False)
    client.force_login(enrolled)
    page = client.get(reverse("assessments:grades")).content.decode()
    assert "Malaria rapid tests" in page and course.title in page
    assert "Final check" in page and "not passed yet" in page and "2 left" in page
    assert "Still to do before the course is complete:" in page


def test_grades_page_queries_stay_fixed(
    client: Client, learner: User, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    for _ in range(4):
        course = course_with_lessons(modules=1, lessons_per_module=1)
        quiz_with([choice_question()], course=course)
        catalog.enrol(learner, course)
    client.force_login(learner)
    client.get(reverse("assessments:grades"))
    # session, user, unread notifications, enrolments, completed lessons, quizzes, attempts
    # (each course's lessons are kept from the first view), and for each course in progress its
    # required quizzes (none here)
    with django_assert_num_queries(7 + 4):
        response = client.get(reverse("assessments:grades"))
    assert response.status_code == 200


def test_another_learner_sees_only_their_own_grades(
    api_client: SchemaCheckedClient, enrolled: User, course: Course, required: Quiz
) -> None:
    answer(enrolled, required, right=True)
    stranger = UserFactory.create()
    api_client.force_login(stranger)
    assert api_client.get("/api/v1/me/grades").json() == []
    refused = api_client.get(f"/api/v1/me/grades/{course.slug}")
    assert refused.status_code == 404
    assert refused.json()["error"]["code"] == "not_enrolled"


def test_grades_need_a_signed_in_learner(
    api_client: SchemaCheckedClient, client: Client, course: Course
) -> None:
    assert api_client.get("/api/v1/me/grades").status_code == 401
    assert api_client.get(f"/api/v1/me/grades/{course.slug}").status_code == 401
    response = client.get(reverse("assessments:grades"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("slug", ["no-such-course", "x" * 300])
def test_grades_of_an_unknown_course_are_not_found(
    api_client: SchemaCheckedClient, enrolled: User, slug: str
) -> None:
    api_client.force_login(enrolled)
    assert api_client.get(f"/api/v1/me/grades/{slug}").status_code == 404


def test_grades_page_of_a_course_not_followed_sends_back_to_the_course(
    client: Client, learner: User, course: Course
) -> None:
    client.force_login(learner)
    response = client.get(reverse("assessments:course_grades", args=[course.slug]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("catalog:course", args=[course.slug])
    assert "You are not enrolled in this course." in response.content.decode()


def test_course_page_links_the_grades_for_an_enrolled_learner_only(
    client: Client, learner: User, course: Course
) -> None:
    client.force_login(learner)
    link = reverse("assessments:course_grades", args=[course.slug])
    assert link not in client.get(reverse("catalog:course", args=[course.slug])).content.decode()
    catalog.enrol(learner, course)
    assert link in client.get(reverse("catalog:course", args=[course.slug])).content.decode()
