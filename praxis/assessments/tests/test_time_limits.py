"""Timed quizzes: the countdown a page is given, and the server as the authority on the time."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import SchemaCheckedClient
from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.assessments import services
from praxis.assessments.models import Attempt
from praxis.assessments.tests.factories import choice_question, quiz_with
from praxis.catalog.models import Course
from praxis.catalog.tests.factories import EnrolmentFactory

pytestmark = pytest.mark.django_db


def timed_attempt(learner: User, course: Course, minutes: int = 10) -> Attempt:
    quiz = quiz_with([choice_question()], course=course, time_limit_minutes=minutes)
    return services.start_attempt(learner, quiz)


def expire(attempt: Attempt) -> None:
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=5))


def right_answer(attempt: Attempt) -> dict[str, object]:
    item = attempt.items.select_related("question").get()
    return {str(item.question.uuid): item.question.options.get(correct=True).id}


def test_api_gives_the_seconds_left_as_the_server_counts_them(
    api_client: SchemaCheckedClient, enrolled: User, course: Course
) -> None:
    attempt = timed_attempt(enrolled, course, minutes=10)
    api_client.force_login(enrolled)
    body = api_client.get(f"/api/v1/attempts/{attempt.uuid}").json()
    assert 500 < body["seconds_left"] <= 600
    assert body["deadline"] is not None


def test_an_untimed_attempt_has_no_countdown(
    api_client: SchemaCheckedClient, enrolled: User, course: Course
) -> None:
    quiz = quiz_with([choice_question()], course=course)
    api_client.force_login(enrolled)
    body = api_client.post(f"/api/v1/quizzes/{quiz.uuid}/attempts").json()
    assert body["seconds_left"] is None


def test_late_api_submission_is_refused_with_a_stable_code_and_closes_the_attempt(
    api_client: SchemaCheckedClient, enrolled: User, course: Course
) -> None:
    attempt = timed_attempt(enrolled, course)
    expire(attempt)
    api_client.force_login(enrolled)
    response = api_client.post(
        f"/api/v1/attempts/{attempt.uuid}/submission", data={"answers": right_answer(attempt)}
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "attempt_time_up"
    after = api_client.get(f"/api/v1/attempts/{attempt.uuid}").json()
    assert (after["status"], after["timed_out"], after["score"]) == ("submitted", True, 0.0)
    assert after["seconds_left"] is None


def test_reading_an_expired_attempt_through_the_api_closes_it(
    api_client: SchemaCheckedClient, enrolled: User, course: Course
) -> None:
    attempt = timed_attempt(enrolled, course)
    expire(attempt)
    api_client.force_login(enrolled)
    body = api_client.get(f"/api/v1/attempts/{attempt.uuid}").json()
    assert (body["status"], body["timed_out"]) == ("submitted", True)


def test_another_learner_cannot_read_or_submit_a_timed_attempt(
    api_client: SchemaCheckedClient, enrolled: User, course: Course
) -> None:
    attempt = timed_attempt(enrolled, course)
    other = UserFactory.create()
    EnrolmentFactory.create(learner=other, course=course)
    api_client.force_login(other)
    assert api_client.get(f"/api/v1/attempts/{attempt.uuid}").status_code == 404
    submitted = api_client.post(
        f"/api/v1/attempts/{attempt.uuid}/submission", data={"answers": right_answer(attempt)}
    )
    assert submitted.status_code == 404
    assert Attempt.objects.get(pk=attempt.pk).status == "open"


def test_attempt_page_carries_the_countdown_and_the_time_to_submit_by(
    client: Client, enrolled: User, course: Course
) -> None:
    attempt = timed_attempt(enrolled, course, minutes=20)
    client.force_login(enrolled)
    page = client.get(reverse("assessments:attempt", args=[attempt.uuid])).content.decode()
    found = re.search(r'data-countdown="(\d+)"', page)
    assert found is not None and 1000 < int(found.group(1)) <= 1200
    assert "answers sent later are not accepted" in page
    assert 'id="attempt-form"' in page


def test_late_form_submission_shows_the_refusal_and_the_closed_attempt(
    client: Client, enrolled: User, course: Course
) -> None:
    attempt = timed_attempt(enrolled, course)
    expire(attempt)
    client.force_login(enrolled)
    item = attempt.items.select_related("question").get()
    response = client.post(
        reverse("assessments:attempt", args=[attempt.uuid]),
        {f"q-{item.question.uuid}": "whatever"},
        follow=True,
    )
    page = response.content.decode()
    assert "your answers were not accepted" in page
    assert "The time ran out before the answers were submitted." in page
    assert "data-countdown" not in page
