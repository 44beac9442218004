"""Registering: answers, capacity, approval, the waiting list, cancelling, e-mails."""

from collections.abc import Callable
from datetime import timedelta
from typing import ParamSpec

import pytest
from django.core import mail
from django.utils import timezone
from pytest_django import DjangoCaptureOnCommitCallbacks

from praxis.accounts.tests.factories import UserFactory
from praxis.core.errors import ErrorCode, PraxisError
from praxis.events import services
from praxis.events.models import Event, Question, Registration
from praxis.events.tests.factories import EventFactory, QuestionFactory
from praxis.events.xapi import event_activity_id
from praxis.lrs.models import Statement

P = ParamSpec("P")

pytestmark = pytest.mark.django_db


def refused(code: str, call: Callable[P, object], *args: P.args, **kwargs: P.kwargs) -> PraxisError:
    with pytest.raises(PraxisError) as caught:
        call(*args, **kwargs)
    assert caught.value.code == code
    return caught.value


def test_registering_confirms_a_place_and_records_the_statement(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    event, person = EventFactory.create(), UserFactory.create()
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.register(person, event)
    assert registration.status == Registration.Status.CONFIRMED
    statement = Statement.objects.get(activity_id=event_activity_id(event))
    assert statement.verb_id.endswith("/registered")
    assert len(mail.outbox) == 1 and event.title in mail.outbox[0].subject


def test_no_email_is_sent_before_the_transaction_commits(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    person, event = UserFactory.create(), EventFactory.create()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.register(person, event)
    assert mail.outbox == [] and callbacks
    for callback in callbacks:
        callback()
    assert [message.to for message in mail.outbox] == [[person.email]]


def test_registering_twice_is_refused() -> None:
    event, person = EventFactory.create(), UserFactory.create()
    services.register(person, event)
    refused(ErrorCode.ALREADY_REGISTERED, services.register, person, event)
    assert Registration.objects.filter(event=event).count() == 1


def test_registering_after_the_deadline_is_refused() -> None:
    event = EventFactory.create(registration_deadline=timezone.now() - timedelta(minutes=1))
    refused(ErrorCode.REGISTRATION_CLOSED, services.register, UserFactory.create(), event)
    assert not Registration.objects.exists()


def test_registering_for_an_event_that_has_ended_is_refused() -> None:
    event = EventFactory.create(
        starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() - timedelta(days=1)
    )
    refused(ErrorCode.REGISTRATION_CLOSED, services.register, UserFactory.create(), event)


def test_full_event_without_waitlist_refuses_new_registrant() -> None:
    event = EventFactory.create(capacity=1, waitlist=False)
    services.register(UserFactory.create(), event)
    refused(ErrorCode.EVENT_FULL, services.register, UserFactory.create(), event)
    assert Registration.objects.filter(event=event).count() == 1


def test_full_event_puts_new_registrant_on_waitlist() -> None:
    event = EventFactory.create(capacity=1)
    services.register(UserFactory.create(), event)
    second = services.register(UserFactory.create(), event)
    assert second.status == Registration.Status.WAITLISTED


def test_cancelling_promotes_the_first_person_waiting(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    event = EventFactory.create(capacity=1)
    first, second, third = UserFactory.create(), UserFactory.create(), UserFactory.create()
    services.register(first, event)
    services.register(second, event)
    services.register(third, event)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(first, event)
    statuses = dict(Registration.objects.values_list("person_id", "status"))
    assert statuses[second.pk] == Registration.Status.CONFIRMED
    assert statuses[third.pk] == Registration.Status.WAITLISTED
    assert [m.to for m in mail.outbox] == [[second.email]]


def test_cancelling_a_waiting_place_promotes_nobody() -> None:
    event = EventFactory.create(capacity=1)
    services.register(UserFactory.create(), event)
    waiting = UserFactory.create()
    services.register(waiting, event)
    services.cancel_registration(waiting, event)
    assert Registration.objects.filter(status=Registration.Status.CONFIRMED).count() == 1


def test_cancelled_person_can_register_again() -> None:
    event, person = EventFactory.create(), UserFactory.create()
    services.register(person, event)
    services.cancel_registration(person, event)
    assert services.register(person, event).status == Registration.Status.CONFIRMED


def test_cancelling_without_registration_is_refused() -> None:
    refused(
        ErrorCode.NOT_REGISTERED,
        services.cancel_registration,
        UserFactory.create(),
        EventFactory.create(),
    )


def test_approval_required_holds_the_place_until_approved() -> None:
    event = EventFactory.create(capacity=1, approval_required=True)
    pending = services.register(UserFactory.create(), event)
    assert pending.status == Registration.Status.PENDING
    assert services.register(UserFactory.create(), event).status == Registration.Status.WAITLISTED
    staff = UserFactory.create(is_staff=True)
    assert services.approve_registration(pending, by=staff).status == "confirmed"


def test_only_staff_approve_registrations() -> None:
    event = EventFactory.create(approval_required=True)
    pending = services.register(UserFactory.create(), event)
    refused(
        ErrorCode.PERMISSION_DENIED, services.approve_registration, pending, by=UserFactory.create()
    )


def test_draft_event_refuses_registration() -> None:
    event = EventFactory.create(status=Event.Status.DRAFT)
    refused(ErrorCode.PERMISSION_DENIED, services.register, UserFactory.create(), event)


def test_anonymous_visitor_cannot_register() -> None:
    from django.contrib.auth.models import AnonymousUser

    refused(
        ErrorCode.NOT_AUTHENTICATED,
        services.register,
        AnonymousUser(),  # type: ignore[arg-type]  # anonymous on purpose
        EventFactory.create(),
    )


@pytest.fixture
def event_with_questions() -> Event:
    event = EventFactory.create()
    QuestionFactory.create(event=event, label="Job", kind=Question.Kind.TEXT, required=True)
    QuestionFactory.create(
        event=event, label="Diet", kind=Question.Kind.CHOICE, choices=["none", "vegetarian"]
    )
    QuestionFactory.create(event=event, label="Photos", kind=Question.Kind.CHECKBOX, required=True)
    QuestionFactory.create(event=event, label="Country", kind=Question.Kind.COUNTRY)
    return event


def answers(event: Event, **by_label: object) -> dict[str, object]:
    return {q.field_name: by_label[q.label] for q in event.questions.all() if q.label in by_label}


def test_answers_are_kept_with_the_registration(event_with_questions: Event) -> None:
    event = event_with_questions
    registration = services.register(
        UserFactory.create(),
        event,
        answers(event, Job="Nurse", Diet="vegetarian", Photos="on", Country="ke"),
    )
    by_label = {q.label: registration.answers[str(q.pk)] for q in event.questions.all()}
    assert by_label == {"Job": "Nurse", "Diet": "vegetarian", "Photos": True, "Country": "KE"}


@pytest.mark.parametrize(
    ("given", "field"),
    [
        ({"Photos": "on"}, "Job"),
        ({"Job": "   ", "Photos": "on"}, "Job"),
        ({"Job": "Nurse"}, "Photos"),
        ({"Job": "Nurse", "Photos": "on", "Diet": "everything"}, "Diet"),
        ({"Job": "Nurse", "Photos": "on", "Country": "XX"}, "Country"),
        ({"Job": "x" * 2001, "Photos": "on"}, "Job"),
        ({"Job": ["Nurse"], "Photos": "on"}, "Job"),
        ({"Job": "Nurse", "Photos": "maybe"}, "Photos"),
    ],
)
def test_missing_or_bad_answers_are_refused_and_nothing_is_written(
    event_with_questions: Event, given: dict[str, object], field: str
) -> None:
    event = event_with_questions
    error = refused(
        ErrorCode.ANSWERS_INVALID,
        services.register,
        UserFactory.create(),
        event,
        answers(event, **given),
    )
    question = event.questions.get(label=field)
    assert question.field_name in error.fields
    assert not Registration.objects.exists() and not Statement.objects.exists()


def test_answers_that_are_not_a_mapping_are_refused(event_with_questions: Event) -> None:
    refused(
        ErrorCode.ANSWERS_INVALID,
        services.register,
        UserFactory.create(),
        event_with_questions,
        ["Nurse"],  # type: ignore[arg-type]  # not a mapping, on purpose
    )


def test_registrant_changes_answers_before_the_deadline(event_with_questions: Event) -> None:
    event, person = event_with_questions, UserFactory.create()
    services.register(person, event, answers(event, Job="Nurse", Photos="on"))
    changed = services.update_answers(person, event, answers(event, Job="Midwife", Photos="on"))
    job = event.questions.get(label="Job")
    assert changed.answers[str(job.pk)] == "Midwife"


def test_answers_cannot_change_after_the_deadline(event_with_questions: Event) -> None:
    event, person = event_with_questions, UserFactory.create()
    services.register(person, event, answers(event, Job="Nurse", Photos="on"))
    Event.objects.filter(pk=event.pk).update(
        registration_deadline=timezone.now() - timedelta(seconds=1)
    )
    event.refresh_from_db()
    refused(
        ErrorCode.REGISTRATION_CLOSED,
        services.update_answers,
        person,
        event,
        answers(event, Job="Midwife", Photos="on"),
    )


def test_reminders_go_once_to_confirmed_registrants_of_events_starting_within_a_day() -> None:
    from praxis.events.tasks import send_reminders

    soon = EventFactory.create(starts_at=timezone.now() + timedelta(hours=3))
    later = EventFactory.create()
    services.register(UserFactory.create(), soon)
    services.register(UserFactory.create(), later)
    mail.outbox.clear()
    assert send_reminders() == 1
    assert send_reminders() == 0
    assert len(mail.outbox) == 1 and "Reminder" in mail.outbox[0].subject
