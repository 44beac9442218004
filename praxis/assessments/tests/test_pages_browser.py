"""Taking a quiz, the framework browser, my competencies and my gaps in a real browser:
without JavaScript, and accessible."""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accessibility import assert_accessible
from conftest import sideways, sign_in
from praxis.accounts.tests.factories import UserFactory
from praxis.assessments.services import start_attempt, submit_attempt
from praxis.assessments.tests.factories import AlignmentFactory, choice_question, quiz_with
from praxis.catalog.models import Lesson
from praxis.catalog.services import complete_lesson
from praxis.catalog.tests.factories import EnrolmentFactory, course_with_lessons
from praxis.competencies import skeletons
from praxis.competencies.models import (
    Association,
    CompetencyItem,
    Framework,
    ProficiencyScale,
    TargetProfile,
    TargetRequirement,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def frameworks() -> Framework:
    """Transactional tests empty every table; put the shipped skeletons back."""
    skeletons.ensure_loaded(Framework, CompetencyItem, Association, ProficiencyScale)
    return Framework.objects.get(slug="who-gcof-uhc-2022")


def test_learner_takes_a_quiz_and_sees_the_review(
    page: Page, live_server: LiveServer, frameworks: Framework
) -> None:
    course = course_with_lessons(slug="hand-hygiene", title="Hand hygiene")
    question = choice_question(texts=("Before touching a patient", "Only after lunch"))
    question.competencies.add(frameworks.items.get(code="6"))
    quiz = quiz_with([question], course=course, title="Check your hands")
    learner = UserFactory.create()
    EnrolmentFactory.create(learner=learner, course=course)
    sign_in(page, live_server, learner)
    page.goto(f"/quizzes/{quiz.uuid}/")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Start or resume").click()
    assert_accessible(page)
    page.get_by_label("Before touching a patient").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Submit answers").click()
    expect(page.get_by_text("Score: 1 of 1 (100%).")).to_be_visible()
    assert_accessible(page)
    page.goto("/my-competencies/")
    assert page.locator("svg[role=img]").count() == 1
    assert page.get_by_role("cell", name="2").count() >= 1
    assert_accessible(page)


def test_framework_browser_is_accessible(page: Page, frameworks: Framework) -> None:
    page.goto("/competencies/")
    with page.expect_navigation():
        page.get_by_role("link", name=frameworks.title).click()
    expect(page.get_by_text("People-centredness").first).to_be_visible()
    assert_accessible(page)


def test_gaps_page_compares_with_a_target_and_recommends(
    page: Page, live_server: LiveServer, frameworks: Framework
) -> None:
    item = frameworks.items.get(code="PA1.1")
    target = TargetProfile.objects.create(
        slug="chw", names={"en": "Community health worker"}, framework=frameworks
    )
    TargetRequirement.objects.create(profile=target, item=item, level=3)
    course = course_with_lessons(slug="triage", title="Emergency triage")
    AlignmentFactory.create(course=course, item=item, level=3)
    learner = UserFactory.create()
    sign_in(page, live_server, learner)
    page.goto("/my-competencies/gaps/")
    page.get_by_label("Target role").select_option("chw")
    with page.expect_navigation():
        page.get_by_role("button", name="Compare").click()
    expect(page.get_by_role("link", name="Emergency triage")).to_be_visible()
    assert_accessible(page)


def test_a_failed_attempt_reviews_accessibly_and_the_learner_tries_again(
    page: Page, live_server: LiveServer
) -> None:
    course = course_with_lessons(slug="ward-safety", title="Ward safety")
    question = choice_question(texts=("Before touching a patient", "Only after lunch"))
    quiz = quiz_with(
        [question], course=course, title="Final check", max_attempts=2, required_for_completion=True
    )
    learner = UserFactory.create()
    EnrolmentFactory.create(learner=learner, course=course)
    for lesson in Lesson.objects.filter(module__course=course):
        complete_lesson(learner, lesson)
    sign_in(page, live_server, learner)
    page.goto("/courses/my-learning/")
    expect(page.get_by_role("link", name="Final check")).to_be_visible()
    assert_accessible(page)
    page.goto("/courses/ward-safety/")
    with page.expect_navigation():
        page.get_by_role("link", name="Final check").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Start or resume").click()
    page.get_by_label("Only after lunch").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Submit answers").click()
    expect(page.get_by_text("1 attempt left.")).to_be_visible()
    expect(page.get_by_text("Feedback on Only after lunch")).to_be_visible()
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Try again").click()
    expect(page.get_by_role("heading", name="Attempt 2")).to_be_visible()
    assert quiz.attempts.count() == 2


def test_item_analysis_scrolls_in_its_own_region_on_a_phone_with_words_whole(
    page: Page, live_server: LiveServer
) -> None:
    course = course_with_lessons(slug="triage", title="Emergency triage")
    questions = [choice_question() for _ in range(3)]
    quiz = quiz_with(questions, course=course, title="Triage check")
    for row in ["111", "110", "010"]:
        learner = UserFactory.create()
        EnrolmentFactory.create(learner=learner, course=course)
        attempt = start_attempt(learner, quiz)
        answers: dict[str, object] = {
            str(question.uuid): question.options.get(position=0 if mark == "1" else 1).id
            for question, mark in zip(questions, row, strict=True)
        }
        submit_attempt(learner, attempt, answers)
    sign_in(page, live_server, UserFactory.create(is_staff=True))
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/quizzes/{quiz.uuid}/analysis/")
    assert sideways(page) <= 0  # the page itself never scrolls sideways ...
    region = page.get_by_role("region", name="Per question")
    # ... its table of figures does, inside its own region
    assert region.evaluate("element => element.scrollWidth > element.clientWidth")
    # A heading of one word, and a figure, each stay on one line: no word is broken inside.
    for name in ["Question", "Difficulty", "Choices"]:
        heading = page.get_by_role("columnheader", name=name)
        assert (
            heading.evaluate(
                "cell => { const range = document.createRange(); range.selectNodeContents(cell);"
                " return range.getClientRects().length }"
            )
            == 1
        ), name
    figure = page.get_by_role("cell", name="0.67", exact=True).first
    assert (
        figure.evaluate(
            "cell => { const range = document.createRange(); range.selectNodeContents(cell);"
            " return range.getClientRects().length }"
        )
        == 1
    )
    assert_accessible(page)
