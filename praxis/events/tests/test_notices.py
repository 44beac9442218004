"""Registrants are told, by notice and e-mail as they chose, of reminders and of sessions that
move."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from pytest_django import DjangoCaptureOnCommitCallbacks

from praxis.accounts.tests.factories import UserFactory
from praxis.events import services
from praxis.events.models import Registration
from praxis.events.tasks import send_reminders
from praxis.events.tests.factories import EventFactory, RegistrationFactory, SessionFactory
from praxis.notifications.models import Notice, Preference

pytestmark = pytest.mark.django_db


def test_a_reminder_is_a_notice_with_the_start_in_the_events_zone() -> None:
    event = EventFactory.create(
        title="Sepsis seminar",
        starts_at=(timezone.now() + timedelta(hours=3)).replace(second=0, microsecond=0),
    )
    person = RegistrationFactory.create(event=event).person
    assert send_reminders() == 1
    notice = Notice.objects.get(person=person, kind="event_reminder")
    assert notice.text.startswith("Reminder: “Sepsis seminar” starts on ")
    assert notice.text.endswith("(Europe/Zurich).")
    assert notice.link == f"/events/{event.slug}/"
    assert [m.to for m in mail.outbox] == [[person.email]]
    assert mail.outbox[0].subject == notice.text


def test_a_reminder_follows_the_persons_choice() -> None:
    event = EventFactory.create(starts_at=timezone.now() + timedelta(hours=3))
    in_app, never = RegistrationFactory.create(event=event), RegistrationFactory.create(event=event)
    Preference.objects.create(person=in_app.person, kind="event_reminder", delivery="app")
    Preference.objects.create(person=never.person, kind="event_reminder", delivery="never")
    assert send_reminders() == 2
    assert not mail.outbox
    assert Notice.objects.filter(person=in_app.person).count() == 1
    assert not Notice.objects.filter(person=never.person).exists()
    assert send_reminders() == 0  # each registration is reminded once, whatever the choice


def test_moving_a_session_tells_confirmed_registrants(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    event = EventFactory.create(title="IPC days")
    session = SessionFactory.create(event=event, title="Opening")
    confirmed = RegistrationFactory.create(event=event)
    cancelled = RegistrationFactory.create(event=event, status=Registration.Status.CANCELLED)
    organiser = UserFactory.create(is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.save_session(
            event,
            session=session,
            title="Opening",
            starts_at=session.starts_at + timedelta(hours=2),
            ends_at=session.ends_at + timedelta(hours=2),
            by=organiser,
        )
    notice = Notice.objects.get(person=confirmed.person)
    assert notice.text.startswith("The programme of “IPC days” changed: “Opening” is now on ")
    assert [m.to for m in mail.outbox] == [[confirmed.person.email]]
    assert not Notice.objects.filter(person=cancelled.person).exists()


def test_renaming_a_session_without_moving_it_tells_nobody() -> None:
    event = EventFactory.create()
    session = SessionFactory.create(event=event, title="Opening")
    RegistrationFactory.create(event=event)
    services.save_session(
        event,
        session=session,
        title="Opening words",
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        by=UserFactory.create(is_staff=True),
    )
    services.save_session(
        event,
        title="A new talk",
        starts_at=session.starts_at + timedelta(hours=2),
        ends_at=session.ends_at + timedelta(hours=2),
        by=UserFactory.create(is_staff=True),
    )
    assert not Notice.objects.exists()
