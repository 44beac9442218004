"""Co-creation in a real browser: the draft page, the lesson editor with its preview and a
conflict, and the review checklist, each accessible."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from conftest import assert_accessible
from praxis.accounts.models import User
from praxis.authoring import services
from praxis.authoring.tests.conftest import Team

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page: Page, live_server: LiveServer, user: User) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_author_previews_saves_and_sees_a_conflict(
    page: Page, live_server: LiveServer, team: Team
) -> None:
    log_in(page, live_server, team.author)
    page.goto(f"/authoring/drafts/{team.draft.uuid}/")
    assert_accessible(page)
    page.click("text=Recognising distress")
    page.fill("#l-body", "Ask **open** questions.")
    page.click("button[value=preview]")
    assert page.locator(".lesson-body strong").inner_text() == "open"
    assert_accessible(page)
    lesson = team.lessons[0]
    lesson.refresh_from_db()
    services.save_lesson(
        lesson, team.co_author, revision=lesson.revision, title=lesson.title, body="Brian was here"
    )
    page.click("button[value=save]")
    assert page.get_by_text("Your changes conflict with a newer save").is_visible()
    assert "Brian was here" in page.content()
    assert_accessible(page)


def test_reviewer_checklist_is_accessible(page: Page, live_server: LiveServer, team: Team) -> None:
    services.submit_for_review(team.draft, team.author)
    services.assign_reviewer(team.draft, team.reviewer, team.staff)
    log_in(page, live_server, team.reviewer)
    page.goto(f"/authoring/drafts/{team.draft.uuid}/review/")
    assert_accessible(page)
    for radio in page.locator("input[value=pass]").all():
        radio.check()
    page.click("button[value=approved]")
    assert page.get_by_text("Your review is recorded.").is_visible()


def test_author_adds_a_quiz_with_a_question(
    page: Page, live_server: LiveServer, team: Team
) -> None:
    log_in(page, live_server, team.author)
    page.goto(f"/authoring/drafts/{team.draft.uuid}/")
    page.fill("#new-quiz", "Check your understanding")
    page.click("text=Add a quiz")
    assert page.get_by_text("Quiz added. Now add its questions.").is_visible()
    assert_accessible(page)
    page.fill("#new-stem", "When do you clean your hands?")
    page.fill("#new-options", "* Before touching a patient | Moment 1.\nOnly after lunch")
    page.click("text=Add the question")
    assert page.get_by_text("Question added.").is_visible()
    assert page.locator("#questions-heading + ol li span[dir=auto]").inner_text() == (
        "When do you clean your hands?"
    )
    assert_accessible(page)
    page.goto(f"/authoring/drafts/{team.draft.uuid}/")
    assert page.get_by_text("1 question", exact=False).first.is_visible()
