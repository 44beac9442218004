"""The registration part of an event's page: the questions' messages, cancelling in two steps,
and the links to the call for abstracts."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.events.models import Event, Question, Registration
from praxis.events.tests.factories import (
    AbstractFactory,
    EventFactory,
    QuestionFactory,
    RegistrationFactory,
    TrackFactory,
)

pytestmark = pytest.mark.django_db


def field_errors(page: str, field_id: str) -> str:
    """The text of the error paragraph beside the field with id `field_id`, or ""."""
    marker = f'id="{field_id}_error"'
    if marker not in page:
        return ""
    start = page.index(">", page.index(marker)) + 1
    return page[start : page.index("</p>", start)]


def test_each_unanswered_question_says_one_thing(client: Client, person: User) -> None:
    event = EventFactory.create()
    job = QuestionFactory.create(event=event, label="Your job", required=True)
    country = QuestionFactory.create(
        event=event, label="Country", kind=Question.Kind.COUNTRY, required=True
    )
    agree = QuestionFactory.create(
        event=event, label="I agree", kind=Question.Kind.CHECKBOX, required=True
    )
    response = client.post(
        f"/events/{event.slug}/registration/", {}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "此字段为必填项。" not in page  # Django's "This field is required."
    for question in (job, country):
        assert field_errors(page, f"id_{question.field_name}") == "此问题需要回答。"
    assert field_errors(page, f"id_{agree.field_name}") == "请勾选此框以报名。"
    english = client.post(f"/events/{event.slug}/registration/", {}).content.decode()
    assert "This field is required." not in english
    assert field_errors(english, f"id_{job.field_name}") == "This question needs an answer."
    # Each of the two questions once beside it and once in the summary above the form.
    assert english.count("This question needs an answer.") == 2 * 2
    assert not Registration.objects.exists()


def test_too_long_an_answer_gets_one_length_message(client: Client, person: User) -> None:
    event = EventFactory.create()
    job = QuestionFactory.create(event=event, label="Your job", required=True)
    response = client.post(f"/events/{event.slug}/registration/", {job.field_name: "n" * 2500})
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        field_errors(page, f"id_{job.field_name}")
        == "Answers can be at most 2,000 characters long."
    )
    assert "Ensure this value has at most" not in page
    assert not Registration.objects.exists()


def test_a_registrant_changing_answers_sees_one_message_too(client: Client, person: User) -> None:
    registration = RegistrationFactory.create(person=person)
    job = QuestionFactory.create(event=registration.event, label="Your job", required=True)
    response = client.post(f"/events/{registration.event.slug}/registration/", {})
    assert response.status_code == 400
    page = response.content.decode()
    assert field_errors(page, f"id_{job.field_name}") == "This question needs an answer."
    assert "This field is required." not in page


def test_cancelling_is_asked_twice_on_the_page(client: Client, person: User) -> None:
    registration = RegistrationFactory.create(person=person)
    QuestionFactory.create(event=registration.event, label="Your job")
    page = client.get(f"/events/{registration.event.slug}/").content.decode()
    save_form = page[page.index('action="/events/') : page.index("Save my answers")]
    assert "cancellation" not in save_form
    start = page.index('<details class="confirm">')
    step = page[start : page.index("</details>", start)]
    assert "<summary>Cancel my registration</summary>" in step
    assert "You give up your place" in step
    assert f'action="/events/{registration.event.slug}/cancellation/"' in step
    assert "Yes, cancel my registration</button>" in step
    # The only way to the cancellation is the button inside that step.
    assert page.count(f'action="/events/{registration.event.slug}/cancellation/"') == 1


def test_someone_waiting_is_told_they_lose_their_turn(client: Client, person: User) -> None:
    registration = RegistrationFactory.create(person=person, status=Registration.Status.WAITLISTED)
    page = client.get(f"/events/{registration.event.slug}/").content.decode()
    assert "You leave the waiting list and lose your turn on it." in page


def call_for_abstracts() -> Event:
    return EventFactory.create(abstracts_deadline=timezone.now() + timedelta(days=3))


def test_review_link_is_only_for_the_events_reviewers(client: Client, person: User) -> None:
    event = call_for_abstracts()
    track = TrackFactory.create(event=event)
    page = client.get(f"/events/{event.slug}/").content.decode()
    assert "Submit an abstract" in page and "Review abstracts" not in page
    assert client.get(f"/events/{event.slug}/abstracts/review/").status_code == 403
    reviewer = UserFactory.create()
    track.reviewers.add(reviewer)
    AbstractFactory.create(event=event, track=track, title="Masks in paediatric wards")
    client.force_login(reviewer)
    page = client.get(f"/events/{event.slug}/").content.decode()
    assert f'<a href="/events/{event.slug}/abstracts/review/">Review abstracts</a>' in page
    review = client.get(f"/events/{event.slug}/abstracts/review/").content.decode()
    assert "Masks in paediatric wards" in review


def test_a_reviewer_of_another_event_sees_no_review_link(client: Client) -> None:
    event = call_for_abstracts()
    TrackFactory.create(event=event)
    elsewhere = TrackFactory.create(event=call_for_abstracts())
    reviewer = UserFactory.create()
    elsewhere.reviewers.add(reviewer)
    client.force_login(reviewer)
    assert "Review abstracts" not in client.get(f"/events/{event.slug}/").content.decode()
    assert client.get(f"/events/{event.slug}/abstracts/review/").status_code == 403


def test_a_reviewer_added_or_removed_later_sees_the_link_come_and_go(client: Client) -> None:
    event = call_for_abstracts()
    track = TrackFactory.create(event=event)
    reviewer = UserFactory.create()
    client.force_login(reviewer)
    assert "Review abstracts" not in client.get(f"/events/{event.slug}/").content.decode()
    reviewer.reviewed_tracks.add(track)  # from the person's side
    assert "Review abstracts" in client.get(f"/events/{event.slug}/").content.decode()
    track.reviewers.clear()  # from the track's side
    assert "Review abstracts" not in client.get(f"/events/{event.slug}/").content.decode()
    track.reviewers.add(reviewer)
    assert "Review abstracts" in client.get(f"/events/{event.slug}/").content.decode()
    reviewer.reviewed_tracks.clear()
    assert "Review abstracts" not in client.get(f"/events/{event.slug}/").content.decode()


def test_a_visitor_sees_no_review_link(client: Client) -> None:
    event = call_for_abstracts()
    TrackFactory.create(event=event)
    assert "Review abstracts" not in client.get(f"/events/{event.slug}/").content.decode()
