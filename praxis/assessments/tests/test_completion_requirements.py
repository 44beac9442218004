"""A course held back by a required quiz says so: the course page, the end of the lesson page,
My learning and the progress API name the quiz and link to it, until it is passed."""

import pytest
from django.test import Client
from django.urls import reverse

from conftest import SchemaCheckedClient
from praxis.accounts.models import User
from praxis.assessments import services
from praxis.assessments.models import Quiz
from praxis.assessments.tests.factories import choice_question, quiz_with
from praxis.catalog.models import Course, Enrolment, Lesson
from praxis.catalog.services import complete_lesson

pytestmark = pytest.mark.django_db


@pytest.fixture
def stuck(enrolled: User, course: Course) -> Quiz:
    """Every lesson done, the required quiz not yet taken."""
    quiz = quiz_with(
        [choice_question()], course=course, required_for_completion=True, title="Final check"
    )
    complete_lesson(enrolled, Lesson.objects.get(module__course=course))
    return quiz


def _pass(learner: User, quiz: Quiz) -> None:
    attempt = services.start_attempt(learner, quiz)
    answers = {
        str(item.question.uuid): item.question.options.get(correct=True).id
        for item in attempt.items.select_related("question")
    }
    services.submit_attempt(learner, attempt, answers)


def _quiz_link(quiz: Quiz) -> str:
    return f'href="{reverse("assessments:quiz", args=[quiz.uuid])}"'


def test_course_page_names_the_quiz_still_required_and_links_to_it(
    client: Client, enrolled: User, course: Course, stuck: Quiz
) -> None:
    client.force_login(enrolled)
    html = client.get(reverse("catalog:course", args=[course.slug])).content.decode()
    assert "To complete this course, pass" in html
    assert "Final check" in html
    assert _quiz_link(stuck) in html


def test_the_last_lessons_page_ends_with_the_quiz_still_required(
    client: Client, enrolled: User, course: Course, stuck: Quiz
) -> None:
    lesson = Lesson.objects.get(module__course=course)
    client.force_login(enrolled)
    html = client.get(reverse("catalog:lesson", args=[course.slug, lesson.uuid])).content.decode()
    end = html[html.index("Mark as complete") :]
    assert "To complete this course, pass" in end
    assert _quiz_link(stuck) in end


def test_my_learning_shows_the_way_on_for_a_course_at_100_percent(
    client: Client, enrolled: User, stuck: Quiz
) -> None:
    client.force_login(enrolled)
    html = client.get(reverse("catalog:my_learning")).content.decode()
    assert "To complete this course, pass" in html
    assert _quiz_link(stuck) in html


def test_progress_api_lists_what_is_still_required_until_the_quiz_is_passed(
    api_client: SchemaCheckedClient, enrolled: User, course: Course, stuck: Quiz
) -> None:
    api_client.client.force_login(enrolled)
    body = api_client.get(f"/api/v1/courses/{course.slug}/progress").json()
    assert body["percent"] == 100
    assert body["enrolment"]["status"] == "active"
    assert body["still_required"] == [
        {
            "kind": "quiz",
            "title": "Final check",
            "url": reverse("assessments:quiz", args=[stuck.uuid]),
        }
    ]
    mine = api_client.get("/api/v1/me/learning").json()
    assert mine["in_progress"][0]["still_required"][0]["title"] == "Final check"

    _pass(enrolled, stuck)
    after = api_client.get(f"/api/v1/courses/{course.slug}/progress").json()
    assert after["still_required"] == []
    assert after["enrolment"]["status"] == "completed"
    assert Enrolment.objects.get(learner=enrolled).status == Enrolment.Status.COMPLETED


def test_nothing_is_said_when_no_quiz_is_required(
    client: Client, enrolled: User, course: Course
) -> None:
    quiz_with([choice_question()], course=course, title="Optional practice")
    client.force_login(enrolled)
    html = client.get(reverse("catalog:course", args=[course.slug])).content.decode()
    assert "To complete this course, pass" not in html
