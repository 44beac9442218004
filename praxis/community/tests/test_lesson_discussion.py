"""A discussion per lesson: its thread in the course's space is opened by the first post about
the lesson and linked from the lesson's page; only the course's learners (and staff) see it."""

import pytest
from django.test import Client
from django.urls import reverse

from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.catalog.models import Course, Lesson
from praxis.catalog.services import enrol
from praxis.catalog.tests.factories import course_with_lessons
from praxis.community.models import Community, Post, Thread
from praxis.community.services import lessons
from praxis.core.errors import ErrorCode, PermissionDenied, PraxisError

pytestmark = pytest.mark.django_db


@pytest.fixture
def course() -> Course:
    return course_with_lessons(modules=1, lessons_per_module=2, slug="malaria-rdt")


def _lesson(course: Course) -> Lesson:
    lesson = Lesson.objects.filter(module__course=course).order_by("position").first()
    assert lesson is not None
    return lesson


def _url(course: Course, lesson: Lesson) -> str:
    return reverse("community:lesson_discussion", args=[course.slug, lesson.uuid])


def test_the_first_post_opens_the_lessons_thread_and_later_ones_reply(
    client: Client, course: Course
) -> None:
    lesson = _lesson(course)
    first, second = UserFactory.create(), UserFactory.create()
    enrol(first, course)
    enrol(second, course)
    client.force_login(first)
    lesson_page = client.get(reverse("catalog:lesson", args=[course.slug, lesson.uuid])).text
    assert f'href="{_url(course, lesson)}"' in lesson_page
    form = client.get(_url(course, lesson)).text
    assert "No one has posted about this lesson yet" in form
    opened = client.post(_url(course, lesson), {"body": "Which test do you use at night?"})
    thread = Thread.objects.get(lesson=lesson)
    assert opened["Location"] == reverse("community:thread", args=[thread.uuid])
    assert thread.community == Community.objects.get(course=course)
    assert thread.title == lesson.title
    client.force_login(second)
    assert client.get(_url(course, lesson))["Location"] == opened["Location"]
    client.post(_url(course, lesson), {"body": "The same one, with a torch."})
    assert Thread.objects.filter(lesson=lesson).count() == 1
    assert Post.objects.filter(thread=thread).count() == 2
    page = client.get(opened["Location"]).text
    assert "The discussion of the lesson" in page
    assert reverse("catalog:lesson", args=[course.slug, lesson.uuid]) in page


def test_each_lesson_has_its_own_thread(course: Course) -> None:
    learner = UserFactory.create()
    enrol(learner, course)
    one, two = Lesson.objects.filter(module__course=course).order_by("position")[:2]
    assert lessons.post_about_lesson(learner, one, "First") != lessons.post_about_lesson(
        learner, two, "Second"
    )


def test_an_empty_post_opens_nothing(client: Client, course: Course) -> None:
    learner = UserFactory.create()
    enrol(learner, course)
    client.force_login(learner)
    response = client.post(_url(course, _lesson(course)), {"body": "   "})
    assert response.status_code == 400
    assert 'role="alert"' in response.text
    assert not Thread.objects.exists()


def test_only_the_courses_learners_take_part(client: Client, course: Course) -> None:
    lesson = _lesson(course)
    outsider = UserFactory.create()
    with pytest.raises(PraxisError):
        lessons.post_about_lesson(outsider, lesson, "Hello")
    client.force_login(outsider)
    assert client.get(_url(course, lesson)).status_code in {403, 404}
    assert client.post(_url(course, lesson), {"body": "Hello"}).status_code in {403, 404}
    assert not Thread.objects.exists()
    staff = StaffFactory.create()
    with pytest.raises(PermissionDenied) as refused:
        lessons.post_about_lesson(staff, lesson, "Hello")
    assert refused.value.code == ErrorCode.NOT_ENROLLED


def test_a_lesson_of_another_course_is_not_found(client: Client, course: Course) -> None:
    other = course_with_lessons(modules=1, lessons_per_module=1, slug="other-course")
    learner = UserFactory.create()
    enrol(learner, course)
    client.force_login(learner)
    assert client.get(_url(course, _lesson(other))).status_code == 404


def test_visitors_are_asked_to_log_in(client: Client, course: Course) -> None:
    response = client.get(_url(course, _lesson(course)))
    assert response.status_code == 302 and "login" in response["Location"]
