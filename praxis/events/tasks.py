"""Background jobs for events: e-mails to registrants, authors and exhibitors, and reminders.
Each takes ids and is safe to run twice (reminders are marked as sent once the send succeeded)."""

from __future__ import annotations

import logging
import smtplib
from datetime import datetime, timedelta

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from praxis.core.mail import email
from praxis.core.people import Person
from praxis.events import notices
from praxis.events.models import Abstract, Event, Exhibitor, RegistrantMessage, Registration
from praxis.notifications.services import notify_all, notify_and_email_now

REMINDER_AHEAD = timedelta(hours=24)

logger = logging.getLogger(__name__)


def _send(person: Person, event: Event, template: str, context: dict[str, object]) -> None:
    language = getattr(person, "preferred_language", "en")
    with translation.override(language), timezone.override(event.zone):
        body = render_to_string(
            template,
            {"event": event, **context, "person": person, "site_url": settings.SITE_URL},
        )
        subject, _blank, text = body.strip().partition("\n")
        email(person.email, subject.strip(), text.strip()).send()


@shared_task
def send_registration_email(registration_id: int, kind: str) -> None:
    """Confirm a registration, a place on the waiting list, a promotion or an approval."""
    registration = (
        Registration.objects.select_related("event", "person").filter(pk=registration_id).first()
    )
    if registration is None or registration.status == Registration.Status.CANCELLED:
        return
    _send(
        registration.person,
        registration.event,
        "events/email/registration.txt",
        {"registration": registration, "kind": kind},
    )


@shared_task
def send_reminders() -> int:
    """Remind confirmed registrants of events starting within a day (run it every hour), by a
    notice delivered as each chose (e-mail at once unless they chose otherwise).

    Each reminder is marked as sent in the same transaction that sends it: the row stays
    locked while the mail server is talked to, so a concurrent run waits and then finds it
    sent, and a failed send rolls the mark back, leaving the reminder due for the next run.
    Returns how many went."""
    now = timezone.now()
    due = Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        reminded_at__isnull=True,
        event__status=Event.Status.PUBLISHED,
        event__starts_at__gt=now,
        event__starts_at__lte=now + REMINDER_AHEAD,
    )
    sent = 0
    for registration_id in due.values_list("pk", flat=True):
        try:
            sent += _remind(registration_id, now)
        except (smtplib.SMTPException, OSError):
            logger.warning(
                "Reminder for registration %s not sent; retried next run", registration_id
            )
    return sent


def _remind(registration_id: int, now: datetime) -> int:
    with transaction.atomic():
        # The update takes the row (or, on SQLite, the database) for the transaction, and
        # matches nothing if another run has reminded this person meanwhile.
        claimed = Registration.objects.filter(pk=registration_id, reminded_at__isnull=True).update(
            reminded_at=now
        )
        if not claimed:
            return 0
        registration = Registration.objects.select_related("event", "person").get(
            pk=registration_id
        )
        event = registration.event
        # A notice, e-mailed at once by default (each person chooses): the e-mail is sent inside
        # this transaction, so a failed send rolls the mark back.
        notify_and_email_now(
            registration.person,
            notices.event_reminder,
            reverse("events:detail", args=[event.slug]),
            event=event.title,
            starts_at=event.starts_at.isoformat(),
            zone=event.time_zone,
        )
    return 1


@shared_task
def send_abstract_decision(abstract_id: int) -> None:
    """Tell the submitter what was decided about their abstract."""
    abstract = Abstract.objects.select_related("event", "submitter").filter(pk=abstract_id).first()
    if abstract is None or abstract.status == Abstract.Status.SUBMITTED:
        return
    _send(
        abstract.submitter,
        abstract.event,
        "events/email/abstract_decision.txt",
        {"abstract": abstract},
    )


@shared_task
def send_exhibitor_message(
    exhibitor_id: int, sender_name: str, sender_email: str, text: str
) -> None:
    """Pass a visitor's message from the virtual booth to the exhibitor."""
    exhibitor = (
        Exhibitor.objects.select_related("event", "organisation").filter(pk=exhibitor_id).first()
    )
    if exhibitor is None or not exhibitor.contact_email:
        return
    subject = _("Message from a visitor to your booth at %(event)s") % {
        "event": exhibitor.event.title
    }
    body = f"{sender_name} <{sender_email}>\n\n{text}"
    email(exhibitor.contact_email, subject, body).send()


@shared_task
def send_registrant_message(message_id: int) -> int:
    """Deliver an organisers' message to the registrants of the statuses it names, through the
    notification centre (each reads or is e-mailed it as they chose). Claimed by marking it sent
    in the same transaction, so a second run sends nothing. Returns how many were told."""
    with transaction.atomic():
        claimed = RegistrantMessage.objects.filter(pk=message_id, sent_at__isnull=True).update(
            sent_at=timezone.now()
        )
        message = RegistrantMessage.objects.select_related("event").filter(pk=message_id).first()
        if not claimed or message is None:
            return 0
        people = [
            registration.person
            for registration in message.event.registrations.filter(
                status__in=message.statuses
            ).select_related("person")
        ]
        notify_all(
            people,
            notices.organiser_message,
            reverse("events:detail", args=[message.event.slug]),
            event=message.event.title,
            subject=message.subject,
            body=message.body,
        )
        message.recipients = len(people)
        message.save(update_fields=["recipients"])
    return len(people)
