"""What organisers do around an event: check people in found by name, put up, replace and
remove slides and recordings of a session, set its video-conference link, write to
registrants, and tell them when the event moves or is cancelled."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import IO, Any

from django.core.files.base import File
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praxis.core.errors import Conflict, ErrorCode, NotFound, ValidationFailed
from praxis.core.languages import in_sentence
from praxis.core.people import Person
from praxis.core.permissions import require
from praxis.events import materials, notices, tasks
from praxis.events.models import (
    Attendance,
    Event,
    Material,
    RegistrantMessage,
    Registration,
    Session,
)
from praxis.events.permissions import manage_event
from praxis.events.services.attendance import attend, check_in_open
from praxis.events.services.programme import clean_conference_url
from praxis.notifications.services import notify_all

MESSAGE_STATUSES = (
    Registration.Status.CONFIRMED,
    Registration.Status.PENDING,
    Registration.Status.WAITLISTED,
)
# What a message to registrants may be; the form shows the same words beside its fields.
SUBJECT_MESSAGE = _("Give a subject of up to 150 characters.")
BODY_MESSAGE = _("Write a message of up to 2,000 characters.")
STATUSES_MESSAGE = _("Choose among confirmed, awaiting approval and waiting list.")


def _as_uuid(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


@transaction.atomic
def check_in_registration(registration_uuid: Any, event: Event, *, by: Person) -> Attendance:
    """Check in a confirmed registrant found by name at the desk (no ticket to scan), once,
    while check-in is open; as with a ticket, the attendance is recorded and credited."""
    require(manage_event, by, event)
    check_in_open(event, timezone.now())
    key = _as_uuid(registration_uuid)
    registration = (
        None
        if key is None
        else Registration.objects.select_for_update()
        .select_related("event", "person")
        .filter(uuid=key, event=event)
        .first()
    )
    if registration is None:
        raise NotFound(message=_("No such registrant of this event."))
    if registration.status != Registration.Status.CONFIRMED:
        raise Conflict(
            ErrorCode.TICKET_INVALID, _("This registration is not confirmed; no entry with it.")
        )
    if Attendance.objects.filter(registration=registration).exists():
        raise Conflict(
            ErrorCode.ALREADY_ATTENDED,
            _("%(name)s is checked in already.")
            % {"name": in_sentence(registration.person.full_name)},
        )
    return attend(registration, Attendance.Method.TICKET, by)


def _material_error(message: Any, field: str = "file") -> ValidationFailed:
    return ValidationFailed(ErrorCode.MATERIAL_NOT_ALLOWED, message, fields={field: [message]})


def _clean_title(title: str) -> str:
    title = (title or "").strip()
    if not title or len(title) > 200:
        raise ValidationFailed(fields={"title": [_("Give a title of up to 200 characters.")]})
    return title


def _put_content(material: Material, file: IO[bytes] | None, file_name: str, url: str) -> None:
    """Give `material` its uploaded file (its type told by its content) or its https link,
    one of the two; refused input leaves the material and the storage as they were."""
    if material.kind not in Material.Kind.values:
        raise _material_error(_("Choose slides or a recording."), "kind")
    if (file is None) == (not url):
        raise _material_error(_("Upload a file or give a link, one of the two."))
    if file is not None:
        size = getattr(file, "size", None)
        if size is not None and size > materials.MAX_BYTES:
            raise ValidationFailed(
                ErrorCode.FILE_TOO_LARGE,
                _("The file is larger than 200 MB."),
                fields={"file": [_("The file is larger than 200 MB.")]},
            )
        content_type = materials.sniff(file, material.kind)
        if content_type is None:
            raise _material_error(
                _("Slides are PDF, ODP or PPTX files; recordings MP4, WebM or MP3 files.")
                if material.kind == Material.Kind.SLIDES
                else _("Recordings are MP4, WebM or MP3 files; slides PDF, ODP or PPTX files.")
            )
        material.url = ""
        material.content_type = content_type
        material.file.save(file_name.rsplit("/", 1)[-1][:100] or "material", File(file), save=False)
    else:
        try:
            material.url = clean_conference_url(url)
        except ValidationFailed as error:
            raise _material_error(_("A link must be a full https:// address."), "url") from error
        material.file = None
        material.content_type = ""


def _forget_file_on_commit(material: Material, name: str) -> None:
    if name:
        storage = material.file.storage
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def add_material(
    session: Session,
    *,
    by: Person,
    kind: str,
    title: str,
    file: IO[bytes] | None = None,
    file_name: str = "",
    url: str = "",
) -> Material:
    """Put up slides or a recording of `session` once it has started: an uploaded file (its
    type told by its content) or an https link, one of the two."""
    require(manage_event, by, session.event)
    if kind not in Material.Kind.values:
        raise _material_error(_("Choose slides or a recording."), "kind")
    title = _clean_title(title)
    if session.starts_at > timezone.now():
        raise Conflict(
            ErrorCode.MATERIAL_NOT_ALLOWED,
            _("Slides and recordings are put up once the session has started."),
        )
    material = Material(session=session, kind=kind, title=title, added_by=by)
    _put_content(material, file, file_name, url)
    material.save()
    return material


@transaction.atomic
def replace_material(
    material: Material,
    *,
    by: Person,
    kind: str,
    title: str,
    file: IO[bytes] | None = None,
    file_name: str = "",
    url: str = "",
) -> Material:
    """Put a new file or link, title and kind in place of a session's material, keeping its
    address; the file it replaces leaves the storage once the change is committed."""
    require(manage_event, by, material.session.event)
    if kind not in Material.Kind.values:
        raise _material_error(_("Choose slides or a recording."), "kind")
    title = _clean_title(title)
    replaced = material.file.name or ""
    material.kind, material.title, material.added_by = kind, title, by
    _put_content(material, file, file_name, url)
    material.save()
    _forget_file_on_commit(material, replaced)
    return material


@transaction.atomic
def remove_material(material: Material, *, by: Person) -> None:
    """Take a material off its session; its file leaves the storage once that is committed."""
    require(manage_event, by, material.session.event)
    _forget_file_on_commit(material, material.file.name or "")
    material.delete()


@transaction.atomic
def set_conference_link(session: Session, url: str, *, by: Person) -> Session:
    """Set (or, empty, remove) the video-conference link of `session`: any provider, https."""
    require(manage_event, by, session.event)
    session.conference_url = clean_conference_url(url)
    session.save(update_fields=["conference_url"])
    return session


@transaction.atomic
def message_registrants(
    event: Event, *, by: Person, subject: str, body: str, statuses: list[str] | None = None
) -> RegistrantMessage:
    """Write to the registrants of `event` of `statuses` (confirmed by default): kept on the
    event and delivered through the notification centre by a background job after commit."""
    require(manage_event, by, event)
    subject, body = (subject or "").strip(), (body or "").strip()
    errors: dict[str, list[Any]] = {}
    if not subject or len(subject) > 150:
        errors["subject"] = [SUBJECT_MESSAGE]
    if not body or len(body) > 2000:
        errors["body"] = [BODY_MESSAGE]
    chosen = list(dict.fromkeys(statuses or [Registration.Status.CONFIRMED]))
    if not all(status in MESSAGE_STATUSES for status in chosen):
        errors["statuses"] = [STATUSES_MESSAGE]
    if errors:
        raise ValidationFailed(ErrorCode.EMPTY_MESSAGE, fields=errors)
    message = RegistrantMessage.objects.create(
        event=event, subject=subject, body=body, statuses=chosen, sent_by=by
    )
    transaction.on_commit(lambda: tasks.send_registrant_message.delay(message.pk))
    return message


@transaction.atomic
def announce_event_change(
    event: Event, *, by: Person, was_starting_at: datetime, was_ending_at: datetime, was_status: str
) -> int:
    """Tell the event's live registrants (confirmed, awaiting approval, waiting) that it has been
    cancelled, or moved to other times, since it was as given; returns how many were told.
    A moved event's reminder is due again for its new start."""
    require(manage_event, by, event)
    cancelled = event.status == Event.Status.CANCELLED and was_status != Event.Status.CANCELLED
    moved = event.status == Event.Status.PUBLISHED and (
        (was_starting_at, was_ending_at) != (event.starts_at, event.ends_at)
    )
    if not (cancelled or moved):
        return 0
    live = event.registrations.filter(status__in=MESSAGE_STATUSES)
    if moved:
        live.update(reminded_at=None)
    people = [registration.person for registration in live.select_related("person")]
    notify_all(
        people,
        notices.event_changed,
        reverse("events:detail", args=[event.slug]),
        event=event.title,
        starts_at=event.starts_at.isoformat(),
        zone=event.time_zone,
        cancelled=cancelled,
    )
    return len(people)
