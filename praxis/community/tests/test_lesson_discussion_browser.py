"""A lesson's discussion in a real browser: a learner opens it from the lesson's page with the
first post (an empty one is refused), and another learner finds the thread and replies."""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accessibility import assert_accessible
from conftest import sign_in
from praxis.accounts.tests.factories import UserFactory
from praxis.catalog.models import Lesson
from praxis.catalog.services import enrol
from praxis.catalog.tests.factories import course_with_lessons

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_learners_discuss_a_lesson(page: Page, live_server: LiveServer) -> None:
    course = course_with_lessons(modules=1, lessons_per_module=2, slug="malaria-rdt")
    lesson = Lesson.objects.filter(module__course=course).order_by("position").first()
    assert lesson is not None
    first = UserFactory.create(full_name="Fatima Bello")
    second = UserFactory.create(full_name="Joseph Mensah")
    enrol(first, course)
    enrol(second, course)

    sign_in(page, live_server, first)
    page.goto(f"/courses/{course.slug}/lessons/{lesson.uuid}/")
    page.get_by_role("link", name="Discuss this lesson").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Discuss this lesson"
    assert_accessible(page)
    page.get_by_label("Your post").fill("   ")
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.get_by_role("alert").first).to_be_visible()
    assert page.get_by_role("heading", level=1).inner_text() == "Discuss this lesson"
    page.get_by_label("Your post").fill("Which test do you use at night?")
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.get_by_text("Which test do you use at night?")).to_be_visible()
    thread_url = page.url
    assert "/community/" in thread_url
    assert_accessible(page)

    sign_in(page, live_server, second)
    page.goto(f"/courses/{course.slug}/lessons/{lesson.uuid}/")
    page.get_by_role("link", name="Discuss this lesson").click()
    assert page.url == thread_url
    page.get_by_label("Your reply").fill("The same one, with a torch.")
    page.get_by_role("button", name="Post reply").click()
    expect(page.get_by_text("The same one, with a torch.")).to_be_visible()
    expect(page.get_by_text("Which test do you use at night?")).to_be_visible()
