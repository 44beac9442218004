"""A learner's grades, rating and end-of-course survey, and the course team's results, in a real
browser: without JavaScript, and accessible."""

import pytest
from playwright.sync_api import Locator, Page, expect
from pytest_django.live_server_helper import LiveServer

from accessibility import assert_accessible
from conftest import sign_in
from praxis.accounts.tests.factories import UserFactory
from praxis.assessments import services as assessments
from praxis.assessments.tests.factories import choice_question, quiz_with
from praxis.catalog import services as catalog
from praxis.catalog.models import Enrolment
from praxis.catalog.tests.factories import EnrolmentFactory, course_with_lessons
from praxis.feedback import services
from praxis.organisations.models import Role
from praxis.organisations.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_learner_follows_grades_rates_and_answers_the_survey(
    page: Page, live_server: LiveServer
) -> None:
    course = course_with_lessons(slug="triage", title="Emergency triage", modules=1)
    quiz = quiz_with(
        [choice_question(texts=("Airway", "Paperwork"))],
        course=course,
        title="Triage check",
        required_for_completion=True,
        max_attempts=3,
    )
    learner = UserFactory.create()
    catalog.enrol(learner, course)
    attempt = assessments.start_attempt(learner, quiz)
    wrong = attempt.items.get().question.options.get(correct=False)
    assessments.submit_attempt(learner, attempt, {str(attempt.items.get().question.uuid): wrong.id})
    sign_in(page, live_server, learner)

    page.goto("/courses/triage/")
    with page.expect_navigation():
        page.get_by_role("link", name="Your grades and progress").click()
    expect(page.get_by_role("heading", name="Grades and progress")).to_be_visible()
    expect(page.get_by_role("row", name="Triage check")).to_contain_text("not passed yet")
    expect(page.get_by_text("required quiz, not yet passed")).to_be_visible()
    assert_accessible(page)

    page.goto("/courses/triage/")
    with page.expect_navigation():
        page.get_by_role("link", name="Ratings and reviews: none yet").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Save your rating").click()
    expect(page.get_by_role("alert")).to_contain_text("Choose a rating from 1 to 5 stars.")
    assert_accessible(page)
    page.get_by_label("4 stars").check()
    page.get_by_label("Short review (optional)").fill("Clear steps, good cases.")
    with page.expect_navigation():
        page.get_by_role("button", name="Save your rating").click()
    expect(page.get_by_text("Clear steps, good cases.").last).to_be_visible()
    page.goto("/courses/triage/")
    expect(page.get_by_role("link", name="Rated 4.0 of 5 by 1 learner")).to_be_visible()

    Enrolment.objects.filter(learner=learner).update(status=Enrolment.Status.COMPLETED)
    page.goto("/feedback/courses/triage/")
    page.get_by_role("group", name="The course was relevant to my work.").get_by_label(
        "Strongly agree"
    ).check()
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Send your answers").click()
    expect(page.get_by_text("You have answered the end-of-course survey.")).to_be_visible()


def test_course_team_reads_the_survey_results(page: Page, live_server: LiveServer) -> None:
    organisation = OrganisationFactory.create()
    course = course_with_lessons(slug="triage", title="Emergency triage", modules=1)
    course.organisations.add(organisation)
    for point in [3] * 7 + [4, 4, 5, 5]:
        learner = UserFactory.create()
        EnrolmentFactory.create(learner=learner, course=course, status=Enrolment.Status.COMPLETED)
        services.answer_survey(learner, course, {"relevant": point})
    author = MembershipFactory.create(organisation=organisation, role=Role.AUTHOR).user
    sign_in(page, live_server, author)
    page.goto("/feedback/courses/triage/")
    with page.expect_navigation():
        page.get_by_role("link", name="Survey results for the course team").click()
    expect(page.get_by_text("11 responses.")).to_be_visible()
    relevant = page.get_by_role("region", name="The course was relevant to my work.")

    def row(label: str) -> Locator:
        header = page.get_by_role("rowheader", name=label, exact=True)
        return relevant.get_by_role("row").filter(has=header)

    expect(row("Neither agree nor disagree")).to_contain_text("7")
    expect(row("Agree")).to_contain_text("fewer than 5")
    expect(row("Strongly agree")).to_contain_text("fewer than 5")
    assert_accessible(page)
