"""Reminder e-mails: marked as sent only once the mail server took them, so a failed send is
tried again on the next run and nobody gets two."""

import smtplib
from collections.abc import Sequence
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone
from pytest_django import Settings as SettingsWrapper

from praxis.accounts.tests.factories import UserFactory
from praxis.events.models import Event
from praxis.events.tasks import send_reminders
from praxis.events.tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


class FlakyBackend(EmailBackend):
    """A mail server that drops the connection for addresses at unreachable.example."""

    def send_messages(self, messages: Sequence[EmailMessage]) -> int:
        if any(to.endswith("@unreachable.example") for message in messages for to in message.to):
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture(autouse=True)
def _flaky_mail(settings: SettingsWrapper) -> None:
    settings.EMAIL_BACKEND = f"{__name__}.FlakyBackend"


@pytest.fixture
def soon() -> Event:
    return EventFactory.create(starts_at=timezone.now() + timedelta(hours=3))


def test_a_failed_reminder_stays_due_and_goes_on_the_next_run(soon: Event) -> None:
    person = UserFactory.create(email="amina@unreachable.example")
    registration = RegistrationFactory.create(event=soon, person=person)
    assert send_reminders() == 0
    registration.refresh_from_db()
    assert registration.reminded_at is None and not mail.outbox
    person.email = "amina@example.org"
    person.save()
    assert send_reminders() == 1
    registration.refresh_from_db()
    assert registration.reminded_at is not None
    assert [message.to for message in mail.outbox] == [["amina@example.org"]]
    assert send_reminders() == 0 and len(mail.outbox) == 1


def test_one_failed_reminder_does_not_hold_back_the_others_nor_repeat_them(soon: Event) -> None:
    failing = RegistrationFactory.create(
        event=soon, person=UserFactory.create(email="x@unreachable.example")
    )
    RegistrationFactory.create(event=soon, person=UserFactory.create(email="bola@example.org"))
    assert send_reminders() == 1
    assert [message.to for message in mail.outbox] == [["bola@example.org"]]
    failing.person.email = "c@example.org"
    failing.person.save()
    assert send_reminders() == 1
    assert sorted(message.to[0] for message in mail.outbox) == [
        "bola@example.org",
        "c@example.org",
    ]
