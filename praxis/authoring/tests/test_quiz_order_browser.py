"""Reordering a draft's quizzes and a quiz's questions in a real browser, with the buttons."""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accessibility import assert_accessible
from conftest import sign_in
from praxis.authoring import quizzes
from praxis.authoring.inputs import QuestionInput, QuizSettings
from praxis.authoring.tests.conftest import Team

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHOICES = [{"text": "Yes", "correct": True}, {"text": "No"}]


def test_author_moves_a_quiz_and_a_question(
    page: Page, live_server: LiveServer, team: Team
) -> None:
    first = quizzes.add_quiz(
        team.draft, team.author, QuizSettings.read({"title": "Before you start"})
    )
    quizzes.add_quiz(team.draft, team.author, QuizSettings.read({"title": "Final check"}))
    for stem in ("Who listens first?", "When do you refer?"):
        quizzes.add_question(
            first,
            team.author,
            QuestionInput.read({"kind": "single", "stem": stem, "options": CHOICES}),
        )
    sign_in(page, live_server, team.author)
    page.goto(f"/authoring/drafts/{team.draft.uuid}/")
    quiz_list = page.locator("#quizzes-heading + ol > li > a")
    assert quiz_list.all_inner_texts() == ["Before you start", "Final check"]
    page.get_by_role("button", name="Move up Final check").click()
    expect(page.get_by_text("Quiz moved.")).to_be_visible()
    assert quiz_list.all_inner_texts() == ["Final check", "Before you start"]
    assert_accessible(page)

    page.click("text=Before you start")
    page.get_by_role("button", name="Move down Who listens first?").click()
    expect(page.get_by_text("Question moved.")).to_be_visible()
    stems = page.locator("#questions-heading + ol > li > span[dir=auto]")
    assert stems.all_inner_texts() == ["When do you refer?", "Who listens first?"]
    assert_accessible(page)
