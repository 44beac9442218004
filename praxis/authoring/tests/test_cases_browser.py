"""Writing a clinical case in a real browser: add it on the draft's page, edit its vignette,
and have a question join it."""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accessibility import assert_accessible
from conftest import sign_in
from praxis.authoring import quizzes
from praxis.authoring.inputs import QuizSettings
from praxis.authoring.models import DraftCase
from praxis.authoring.tests.conftest import Team

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_author_adds_and_edits_a_case_and_a_question_joins_it(
    page: Page, live_server: LiveServer, team: Team
) -> None:
    quiz = quizzes.add_quiz(
        team.draft, team.author, QuizSettings.read({"title": "Cases in practice"})
    )
    sign_in(page, live_server, team.author)
    page.goto(f"/authoring/drafts/{team.draft.uuid}/")
    page.fill("#case-title", "A new mother")
    page.fill("#case-vignette", "Mrs K. has not slept for a week.")
    page.get_by_role("button", name="Add a clinical case").click()
    expect(page.get_by_text("Clinical case added.")).to_be_visible()
    assert_accessible(page)

    page.fill("#case-vignette", "Mrs K., 34, has not slept for a week since the birth.")
    page.get_by_role("button", name="Save the case").click()
    expect(page.get_by_text("Clinical case saved.")).to_be_visible()
    assert page.input_value("#case-vignette") == (
        "Mrs K., 34, has not slept for a week since the birth."
    )

    page.goto(f"/authoring/drafts/{team.draft.uuid}/quizzes/{quiz.key}/")
    page.fill("#question-stem", "What do you do first?")
    page.fill("#question-options", "* Ask about thoughts of self-harm\nWait a week")
    page.select_option("#question-case", label="A new mother")
    page.click("text=Add the question")
    expect(page.get_by_text("Question added.")).to_be_visible()
    case = DraftCase.objects.get()
    page.goto(f"/authoring/drafts/{team.draft.uuid}/cases/{case.key}/")
    questions = page.locator("#case-questions-heading ~ ul li a")
    assert questions.all_inner_texts() == ["What do you do first?"]
    assert_accessible(page)
