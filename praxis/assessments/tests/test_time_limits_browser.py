"""A timed quiz in a real browser: the countdown shows the time left and hands the answers in
when it reaches zero."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accessibility import assert_accessible
from conftest import sign_in
from praxis.accounts.tests.factories import UserFactory
from praxis.assessments import services
from praxis.assessments.models import Attempt
from praxis.assessments.tests.factories import choice_question, quiz_with
from praxis.catalog.tests.factories import EnrolmentFactory, course_with_lessons

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_countdown_submits_the_chosen_answer_when_the_time_is_up(
    page: Page, live_server: LiveServer
) -> None:
    course = course_with_lessons(slug="triage", title="Triage")
    quiz = quiz_with(
        [choice_question(texts=("Airway first", "Paperwork first"))],
        course=course,
        time_limit_minutes=5,
        max_attempts=2,
    )
    learner = UserFactory.create()
    EnrolmentFactory.create(learner=learner, course=course)
    attempt = services.start_attempt(learner, quiz)
    # Six seconds left: long enough to answer, short enough to watch the page hand it in.
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() + timedelta(seconds=6))
    sign_in(page, live_server, learner)
    page.goto(f"/attempts/{attempt.uuid}/")
    page.get_by_label("Airway first").check()
    expect(page.get_by_role("timer")).to_have_text(re.compile(r"^0:0\d$"))
    expect(page.get_by_text("Score: 1 of 1 (100%).")).to_be_visible(timeout=15_000)
    expect(page.get_by_text("1 attempt left.")).to_be_visible()
    assert_accessible(page)
    assert Attempt.objects.get(pk=attempt.pk).timed_out is False
