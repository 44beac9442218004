"""A quiz answered offline with its ordering and matching questions left blank is kept and then
recorded with them unanswered, as online; an ordering half done is refused in the page, before
anything is kept; and what the server refuses once the connection is back is named."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from praxis.accounts.tests.factories import UserFactory
from praxis.assessments.models import Attempt, Question
from praxis.assessments.tests.factories import OptionFactory, QuestionFactory, quiz_with
from praxis.assessments.tests.test_matching_names import PAIRS
from praxis.catalog import services as catalog
from praxis.catalog.tests.factories import course_with_lessons
from praxis.offline.tests.test_offline_browser import download

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUIZ = "Steps of hand washing"
# The answers of each quiz statement kept on the device, by question.
KEPT_ANSWERS = """caches.open("praxis-outbox").then(box => box.keys()
    .then(keys => keys.filter(key => key.url.includes("/offline/outbox/")))
    .then(keys => Promise.all(keys.map(key => box.match(key).then(kept => kept.json())))))
    .then(statements => statements.map(said => Object.values(said.result.extensions)[0]))"""


def test_blank_orderings_and_matchings_are_recorded_unanswered_and_a_refusal_names_the_quiz(
    page: Page, live_server: LiveServer
) -> None:
    course = course_with_lessons(modules=1, lessons_per_module=1, title="Hand hygiene")
    ordering = QuestionFactory.create(kind=Question.Kind.ORDERING, stem="Put the steps in order")
    for n in range(3):
        OptionFactory.create(question=ordering, position=n, text=f"Step {n + 1}")
    matching = QuestionFactory.create(kind=Question.Kind.MATCHING, stem="Match each to its use")
    for n, (text, match) in enumerate(PAIRS):
        OptionFactory.create(question=matching, position=n, text=text, match=match)
    quiz = quiz_with([ordering, matching], course=course, title=QUIZ, max_attempts=1)
    learner = UserFactory.create()
    catalog.enrol(learner, course)
    download(page, live_server, course, learner)

    page.context.set_offline(True)
    page.goto(f"/quizzes/{quiz.uuid}/")
    # Half an ordering would be refused once sent, and the attempt lost: it is refused here.
    page.get_by_label("Position 1").select_option(label="Step 2")
    page.get_by_role("button", name="Submit answers").click()
    expect(page.get_by_text("Put every item in order, each once.")).to_be_visible()
    expect(page.get_by_label("Position 1")).to_be_focused()
    assert page.evaluate(KEPT_ANSWERS) == []
    # Left blank, every drop-down at "—": kept without an answer to either question.
    page.get_by_label("Position 1").select_option(label="—")
    page.get_by_role("button", name="Submit answers").click()
    expect(page.get_by_text("Your answers are kept on this device.", exact=False)).to_be_visible()
    assert page.evaluate(KEPT_ANSWERS) == [{}]
    # A second go, which the quiz's one attempt leaves no room for.
    page.goto(f"/quizzes/{quiz.uuid}/")
    page.get_by_role("button", name="Submit answers").click()
    expect(page.get_by_text("Your answers are kept on this device.", exact=False)).to_be_visible()

    page.goto("/offline/")
    page.context.set_offline(False)
    expect(page.locator("#offline-status")).to_have_text(
        re.compile(f"^Not recorded: “\u2068?{QUIZ}\u2069?”\\. You have used all the attempts"),
        timeout=45_000,
    )
    attempt = Attempt.objects.get(learner=learner)
    assert attempt.status == Attempt.Status.SUBMITTED
    assert [item.response for item in attempt.items.all()] == [None, None]
