"""Registering for events: custom answers, capacity, approval, the waiting list.

Capacity is kept by locking the event's row for the length of the transaction (SELECT ... FOR
UPDATE on PostgreSQL; SQLite runs one writer at a time), so two people can never take the last
place at once.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from praxis.core.errors import Conflict, ErrorCode, NotAuthenticated, ValidationFailed
from praxis.core.people import Person, Visitor, signed_in
from praxis.core.permissions import require
from praxis.events import tasks, xapi
from praxis.events.models import Attendance, CalendarFeed, Event, Question, Registration
from praxis.events.permissions import manage_event, register_for_event

MAX_ANSWER_LENGTH = 2000


def current_registration(person: Visitor, event: Event) -> Registration | None:
    """The person's live (not cancelled or declined) registration for `event`, if any."""
    if not signed_in(person):
        return None
    return (
        Registration.objects.filter(event=event, person=person)
        .exclude(status__in=[Registration.Status.CANCELLED, Registration.Status.DECLINED])
        .first()
    )


def clean_answers(event: Event, raw: dict[str, Any]) -> dict[str, Any]:
    """The answers to the event's questions, keyed by question id; ValidationFailed otherwise.

    `raw` maps "q<id>" (form field names) or "<id>" to the answer."""
    if not isinstance(raw, dict):
        raise ValidationFailed(ErrorCode.ANSWERS_INVALID)
    errors: dict[str, list[str | Promise]] = {}
    answers: dict[str, Any] = {}
    for question in event.questions.all():
        name = question.field_name
        value = raw.get(name, raw.get(str(question.pk)))
        if question.kind == Question.Kind.CHECKBOX:
            if value in (True, "on", "true", "1", 1):
                answers[str(question.pk)] = True
            elif value in (None, False, "", "false", "0", 0):
                if question.required:
                    errors[name] = [_("Tick this box to register.")]
                else:
                    answers[str(question.pk)] = False
            else:
                errors[name] = [_("Answer yes or no.")]
            continue
        if value is None or (isinstance(value, str) and not value.strip()):
            if question.required:
                errors[name] = [_("This question needs an answer.")]
            continue
        if not isinstance(value, str):
            errors[name] = [_("Answer with text.")]
            continue
        value = value.strip()
        if len(value) > MAX_ANSWER_LENGTH:
            errors[name] = [_("Answers can be at most 2,000 characters long.")]
        elif question.kind == Question.Kind.CHOICE and value not in question.choices:
            errors[name] = [_("Choose one of the options given.")]
        elif question.kind == Question.Kind.COUNTRY and value.upper() not in dict(countries):
            errors[name] = [_("Choose a country from the list.")]
        else:
            answers[str(question.pk)] = (
                value.upper() if question.kind == Question.Kind.COUNTRY else value
            )
    if errors:
        raise ValidationFailed(
            ErrorCode.ANSWERS_INVALID, _("Some answers need fixing."), fields=errors
        )
    return answers


def _held_places(event: Event) -> int:
    return event.registrations.filter(status__in=Registration.HOLDING).count()


def _lock(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def registration_open(event: Event) -> bool:
    """Whether `event` takes registrations now: published, open, before its deadline (its end
    when it sets none)."""
    now = timezone.now()
    deadline = event.registration_deadline or event.ends_at
    return event.registration_opens and now < deadline and event.status == Event.Status.PUBLISHED


@transaction.atomic
def register(person: Person, event: Event, answers: dict[str, Any] | None = None) -> Registration:
    """Register `person`: confirmed (or awaiting approval) while places last, then on the
    waiting list if the event keeps one; refused when full without one, closed, or twice."""
    if not signed_in(person):
        raise NotAuthenticated()
    require(register_for_event, person, event)
    event = _lock(event)
    if not registration_open(event):
        raise Conflict(ErrorCode.REGISTRATION_CLOSED, _("Registration for this event is closed."))
    if current_registration(person, event) is not None:
        raise Conflict(ErrorCode.ALREADY_REGISTERED, _("You are already registered."))
    cleaned = clean_answers(event, answers or {})
    now = timezone.now()
    if event.capacity is None or _held_places(event) < event.capacity:
        status = (
            Registration.Status.PENDING
            if event.approval_required
            else Registration.Status.CONFIRMED
        )
    elif event.waitlist:
        status = Registration.Status.WAITLISTED
    else:
        raise Conflict(ErrorCode.EVENT_FULL, _("This event is full."))
    try:
        # No savepoint: on a duplicate the whole transaction is given up anyway.
        registration = Registration.objects.create(
            event=event,
            person=person,
            status=status,
            answers=cleaned,
            waitlisted_at=now if status == Registration.Status.WAITLISTED else None,
        )
    except IntegrityError as error:  # the same person, in another tab, a moment earlier
        raise Conflict(ErrorCode.ALREADY_REGISTERED, _("You are already registered.")) from error
    registration.event = event
    xapi.registered(registration)
    _notify(registration, "registered")
    return registration


@transaction.atomic
def update_answers(person: Person, event: Event, answers: dict[str, Any]) -> Registration:
    """Change one's answers while registration is open."""
    registration = current_registration(person, event)
    if registration is None:
        raise Conflict(ErrorCode.NOT_REGISTERED, _("You are not registered for this event."))
    if not registration_open(event):
        raise Conflict(ErrorCode.REGISTRATION_CLOSED, _("Registration for this event is closed."))
    registration.answers = clean_answers(event, answers)
    registration.save(update_fields=["answers", "updated_at"])
    return registration


@transaction.atomic
def cancel_registration(person: Person, event: Event) -> Registration:
    """Cancel one's registration, unless one attended already (ALREADY_ATTENDED); a place freed
    goes to the first person waiting."""
    if not signed_in(person):
        raise NotAuthenticated()
    event = _lock(event)
    registration = current_registration(person, event)
    if registration is None:
        raise Conflict(ErrorCode.NOT_REGISTERED, _("You are not registered for this event."))
    # Locked as check-in locks it, so a check-in at the same moment is seen or sees us.
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if Attendance.objects.filter(registration=registration).exists():
        # Attending earned a credential and CPD credits; they stand, and so does the place.
        raise Conflict(
            ErrorCode.ALREADY_ATTENDED,
            _("You attended this event, so your registration can no longer be cancelled."),
        )
    held = registration.status in Registration.HOLDING
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at", "updated_at"])
    if held:
        _promote_waiting(event)
    return registration


def _promote_waiting(event: Event) -> None:
    """Give free places to the people waiting longest. The event's row is locked."""
    free = None if event.capacity is None else event.capacity - _held_places(event)
    waiting = event.registrations.filter(status=Registration.Status.WAITLISTED).order_by(
        "waitlisted_at", "id"
    )
    for registration in waiting if free is None else waiting[: max(0, free)]:
        registration.status = (
            Registration.Status.PENDING
            if event.approval_required
            else Registration.Status.CONFIRMED
        )
        registration.save(update_fields=["status", "updated_at"])
        _notify(registration, "promoted")


@transaction.atomic
def approve_registration(registration: Registration, *, by: Person) -> Registration:
    """An event manager confirms a registration that awaited approval."""
    require(manage_event, by, registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Registration.Status.PENDING:
        raise Conflict(message=_("Only registrations awaiting approval can be approved."))
    registration.status = Registration.Status.CONFIRMED
    registration.save(update_fields=["status", "updated_at"])
    _notify(registration, "approved")
    return registration


def _notify(registration: Registration, kind: str) -> None:
    transaction.on_commit(lambda: tasks.send_registration_email.delay(registration.pk, kind))


@transaction.atomic
def calendar_feed_token(person: Person) -> str:
    """The secret token of the person's own calendar feed, made on first use."""
    feed, _made = CalendarFeed.objects.get_or_create(
        person=person, defaults={"token": secrets.token_urlsafe(32)}
    )
    return feed.token
