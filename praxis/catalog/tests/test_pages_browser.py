"""The catalogue, course, lesson and "My learning" pages in a real browser: accessible, in
English and in Arabic (right to left), and usable without JavaScript."""

import uuid

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accessibility import assert_accessible
from conftest import open_menu, sign_in
from praxis.accounts.tests.factories import UserFactory
from praxis.catalog import services
from praxis.catalog.models import Course, Lesson
from praxis.catalog.tests.factories import (
    TopicFactory,
    TranslationGroupFactory,
    course_with_lessons,
)
from praxis.catalog.versions import CourseContent, LessonContent, ModuleContent, publish_version

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def course() -> Course:
    group = TranslationGroupFactory.create()
    course = course_with_lessons(slug="hand-hygiene", title="Hand hygiene", translation_group=group)
    course.topics.add(
        TopicFactory.create(slug="ipc", names={"en": "Infection control", "ar": "مكافحة العدوى"})
    )
    course_with_lessons(
        slug="hand-hygiene-ar", title="نظافة اليدين", language="ar", translation_group=group
    )
    lesson = Lesson.objects.filter(module__course=course).first()
    assert lesson is not None
    services.save_lesson_body(lesson, "## Why\n\nClean hands **save lives**.")
    services.set_lesson_video(lesson, "https://video.example.org/1", "Wet your hands, then soap.")
    assert course.translation_group is not None
    for each in (course, course.translation_group.courses.get(language="ar")):
        services.reindex_course(each)
    return course


def test_catalogue_search_works_and_is_accessible(page: Page, course: Course) -> None:
    page.goto("/courses/")
    page.get_by_label("Search courses").fill("hygiene")
    with page.expect_navigation():
        page.get_by_role("button", name="Search").click()
    assert page.get_by_role("link", name="Hand hygiene").count() == 1
    assert_accessible(page)


def test_course_lesson_and_my_learning_pages_are_accessible_to_a_learner(
    page: Page, live_server: LiveServer, course: Course
) -> None:
    learner = UserFactory.create()
    sign_in(page, live_server, learner)
    page.goto("/courses/hand-hygiene/")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Enrol").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Start the first lesson").click()
    assert page.locator("h1").inner_text() == "Lesson 1.1"
    page.locator("summary", has_text="Transcript").click()
    expect(page.get_by_text("Wet your hands, then soap.")).to_be_visible()
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Mark as complete and continue").click()
    assert page.locator("h1").inner_text() == "Lesson 1.2"
    page.goto("/courses/my-learning/")
    expect(page.get_by_text("1 of 4 lessons done")).to_be_visible()
    assert_accessible(page)


def test_arabic_course_page_is_right_to_left_and_accessible(page: Page, course: Course) -> None:
    page.goto("/courses/hand-hygiene-ar/")
    open_menu(page)
    with page.expect_navigation():
        page.select_option("#language-select", "ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("h1").inner_text() == "نظافة اليدين"
    assert_accessible(page)


def test_the_notice_of_a_new_version_is_accessible_and_goes_away(
    page: Page, live_server: LiveServer
) -> None:
    def version(*titles: tuple[uuid.UUID, str]) -> CourseContent:
        lessons = [LessonContent(key=key, title=title, body=title) for key, title in titles]
        return CourseContent(
            title="Hand hygiene",
            summary="Clean hands save lives.",
            language="en",
            modules=[ModuleContent(title="Basics", lessons=lessons)],
        )

    wash, masks = uuid.uuid4(), uuid.uuid4()
    course = publish_version(None, version((wash, "When to wash"))).course
    learner = UserFactory.create()
    services.enrol(learner, course)
    publish_version(course, version((wash, "When to wash, 2025"), (masks, "Masks")))
    sign_in(page, live_server, learner)

    page.goto(f"/courses/{course.slug}/")
    notice = page.locator("section.updates")
    assert notice.get_by_role("listitem").count() == 2
    assert "Masks" in notice.inner_text()
    assert_accessible(page)
    open_menu(page)
    with page.expect_navigation():
        page.select_option("#language-select", "ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("section.updates").get_by_role("listitem").count() == 2
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("section.updates").get_by_role("button").click()
    assert page.locator("section.updates").count() == 0
