"""Co-creation in a real browser: the draft page, the lesson editor with its preview and a
conflict, and the review checklist, each accessible."""

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from accessibility import assert_accessible
from conftest import sign_in
from praxis.authoring import services
from praxis.authoring.tests.conftest import Team

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_author_previews_saves_and_sees_a_conflict(
    page: Page, live_server: LiveServer, team: Team
) -> None:
    sign_in(page, live_server, team.author)
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
    expect(page.get_by_text("Your changes conflict with a newer save")).to_be_visible()
    assert "Brian was here" in page.content()
    assert_accessible(page)


def test_reviewer_checklist_is_accessible(page: Page, live_server: LiveServer, team: Team) -> None:
    services.submit_for_review(team.draft, team.author)
    services.assign_reviewer(team.draft, team.reviewer, team.staff)
    sign_in(page, live_server, team.reviewer)
    page.goto(f"/authoring/drafts/{team.draft.uuid}/review/")
    assert_accessible(page)
    for radio in page.locator("input[value=pass]").all():
        radio.check()
    page.click("button[value=approved]")
    expect(page.get_by_text("Your review is recorded.")).to_be_visible()


def test_author_adds_a_quiz_with_a_question(
    page: Page, live_server: LiveServer, team: Team
) -> None:
    sign_in(page, live_server, team.author)
    page.goto(f"/authoring/drafts/{team.draft.uuid}/")
    page.fill("#new-quiz-title", "Check your understanding")
    page.click("text=Add a quiz")
    expect(page.get_by_text("Quiz added. Now add its questions.")).to_be_visible()
    assert_accessible(page)
    page.fill("#question-stem", "When do you clean your hands?")
    page.fill("#question-options", "* Before touching a patient | Moment 1.\nOnly after lunch")
    page.click("text=Add the question")
    expect(page.get_by_text("Question added.")).to_be_visible()
    assert page.locator("#questions-heading + ol li span[dir=auto]").inner_text() == (
        "When do you clean your hands?"
    )
    assert_accessible(page)
    page.goto(f"/authoring/drafts/{team.draft.uuid}/")
    expect(page.get_by_text("1 question", exact=False).first).to_be_visible()


def test_the_markdown_toolbar_writes_markdown_and_the_editor_spans_the_page(
    page: Page, live_server: LiveServer, team: Team
) -> None:
    sign_in(page, live_server, team.author)
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"/authoring/drafts/{team.draft.uuid}/lessons/{team.lessons[0].key}/")
    toolbar = page.get_by_role("toolbar", name="Formatting")
    page.fill("#l-body", "")
    toolbar.get_by_role("button", name="Bold").click()
    toolbar.get_by_role("button", name="Numbered list").click()
    assert page.input_value("#l-body") == "**bold**\n1. item"
    width = page.locator("#l-body").bounding_box()
    assert width is not None and width["width"] > 1100  # wider than the 64rem page column
    assert_accessible(page)
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0
    assert_accessible(page)


def test_without_javascript_the_editor_is_a_plain_textarea(
    chromium: Browser, live_server: LiveServer, team: Team
) -> None:
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    tab = context.new_page()
    sign_in(tab, live_server, team.author)
    tab.goto(f"/authoring/drafts/{team.draft.uuid}/lessons/{team.lessons[0].key}/")
    assert tab.get_by_role("toolbar").count() == 0
    assert tab.locator("#l-body").is_editable()
    context.close()
