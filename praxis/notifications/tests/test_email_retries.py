"""A notice e-mail that fails to send is tried again later, each time after a longer wait, until
it goes or is given up; each failure is recorded, and staff see the undelivered ones."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoCaptureOnCommitCallbacks
from pytest_django import Settings as SettingsWrapper

from praxis.accounts.models import User
from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.community.notices import mention
from praxis.notifications import delivery, services
from praxis.notifications.models import Notice, Preference
from praxis.notifications.tasks import retry_notice_emails
from praxis.web.navigation import work_of

pytestmark = pytest.mark.django_db

FLAKY = "praxis.events.tests.test_reminders.FlakyBackend"  # refuses @unreachable.example


@pytest.fixture(autouse=True)
def _flaky_mail(settings: SettingsWrapper) -> None:
    settings.EMAIL_BACKEND = FLAKY


def _unreachable() -> User:
    person = UserFactory.create(email="nurse@unreachable.example")
    Preference.objects.create(person=person, kind="mention", delivery="email")
    return person


def _mention(person: User, capture: DjangoCaptureOnCommitCallbacks) -> Notice:
    with capture(execute=True):
        notice = services.notify(person, mention, "/community/t/x/", actor="Chen", thread="Gowns")
    assert notice is not None
    notice.refresh_from_db()
    return notice


def _reachable(person: User) -> None:
    person.email = "nurse@example.org"
    person.save(update_fields=["email"])


def test_a_failed_send_is_recorded_and_sent_when_its_wait_is_over(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    person = _unreachable()
    notice = _mention(person, django_capture_on_commit_callbacks)
    assert not mail.outbox
    assert notice.emailed_at is None
    assert notice.email_attempts == 1
    assert notice.email_error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert notice.email_retry_at is not None
    wait = notice.email_retry_at - timezone.now()
    assert timedelta(minutes=4) < wait <= timedelta(minutes=5)

    _reachable(person)
    assert delivery.retry_emails() == 0  # not before its wait is over
    later = timezone.now() + timedelta(minutes=6)
    assert delivery.retry_emails(now=later) == 1
    assert [m.to for m in mail.outbox] == [["nurse@example.org"]]
    notice.refresh_from_db()
    assert notice.emailed_at == later and notice.email_retry_at is None
    assert delivery.retry_emails(now=later + timedelta(hours=1)) == 0  # never twice
    assert len(mail.outbox) == 1


def test_each_wait_is_longer_until_the_e_mail_is_given_up(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    notice = _mention(_unreachable(), django_capture_on_commit_callbacks)
    waits = []
    moment = timezone.now()
    while notice.email_retry_at is not None:
        waits.append(notice.email_retry_at - moment)
        moment = notice.email_retry_at
        assert delivery.retry_emails(now=moment) == 0
        notice.refresh_from_db()
    assert [round(w.total_seconds() / 60) for w in waits] == [5, 10, 20, 40, 80]
    assert notice.email_attempts == delivery.MAX_ATTEMPTS
    assert list(delivery.undelivered()) == [notice]
    # Given up: later runs leave it alone.
    assert delivery.retry_emails(now=moment + timedelta(days=2)) == 0
    notice.refresh_from_db()
    assert notice.email_attempts == delivery.MAX_ATTEMPTS
    assert not mail.outbox


def test_a_queued_e_mail_whose_job_was_lost_is_swept_up() -> None:
    person = UserFactory.create(email="midwife@example.org")
    Preference.objects.create(person=person, kind="mention", delivery="email")
    # Made without its job ever running (no commit callbacks here).
    notice = services.notify(person, mention, "/community/t/x/", actor="Chen", thread="Gowns")
    assert notice is not None
    assert retry_notice_emails.delay().get() == 0  # the job may yet run
    later = timezone.now() + delivery.LOST_AFTER + timedelta(minutes=1)
    assert delivery.retry_emails(now=later) == 1
    assert [m.to for m in mail.outbox] == [["midwife@example.org"]]


def test_in_app_and_digest_notices_are_never_swept_into_an_e_mail_at_once() -> None:
    person = UserFactory.create()
    Preference.objects.create(person=person, kind="mention", delivery="daily")
    services.notify(person, mention, "/", actor="Chen", thread="Gowns")
    services.notify(UserFactory.create(), mention, "/", actor="Chen", thread="Masks")
    assert delivery.retry_emails(now=timezone.now() + timedelta(days=1)) == 0
    assert not mail.outbox


def test_staff_see_undelivered_e_mails_and_can_send_them_again(
    client: Client, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    person = _unreachable()
    notice = _mention(person, django_capture_on_commit_callbacks)
    Notice.objects.filter(pk=notice.pk).update(
        email_attempts=delivery.MAX_ATTEMPTS, email_retry_at=None
    )
    staff = StaffFactory.create(is_superuser=True)
    # Their menu leads them there while any is undelivered.
    changelist = reverse("admin:notifications_notice_changelist")
    assert {"kind": "undelivered", "url": changelist + "?email=failed", "name": ""} in work_of(
        staff
    )
    assert not [item for item in work_of(person) if item["kind"] == "undelivered"]

    client.force_login(staff)
    page = client.get(changelist, {"email": "failed"}).content.decode()
    assert "nurse@unreachable.example" in page
    assert "SMTPServerDisconnected: Connection unexpectedly closed" in page

    _reachable(person)
    response = client.post(
        changelist, {"action": "email_again", "_selected_action": [str(notice.pk)]}, follow=True
    )
    assert "1 of 1 e-mail sent." in response.content.decode()
    assert [m.to for m in mail.outbox] == [["nurse@example.org"]]
    notice.refresh_from_db()
    assert notice.emailed_at is not None
    assert not delivery.undelivered().exists()
    assert not [item for item in work_of(staff) if item["kind"] == "undelivered"]


def test_people_who_are_not_staff_cannot_see_the_notices_of_others(client: Client) -> None:
    client.force_login(UserFactory.create())
    response = client.get(reverse("admin:notifications_notice_changelist"))
    assert response.status_code == 302 and "login" in response["Location"]
