"""What events hold about a person: registrations (with their answers and tickets), attendance,
calendar feed, abstracts and reviews, and their name on a programme as a speaker."""

from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from praxis.core.people import Person
from praxis.core.personal_data import Erasing, Erasure, File, Holding, Row, register
from praxis.events.models import (
    Abstract,
    Attendance,
    CalendarFeed,
    Exhibitor,
    Material,
    RegistrantMessage,
    Registration,
    Review,
    ReviewerInvitation,
    Speaker,
    Track,
)
from praxis.events.programme_cache import programme_changed
from praxis.events.tickets import ticket_code, ticket_svg


def _registrations(person: Person) -> Iterator[Row]:
    registrations = Registration.objects.filter(person=person).select_related("event")
    for registration in registrations.order_by("created_at", "pk"):
        attended = Attendance.objects.filter(registration=registration).first()
        yield {
            "event": registration.event.title,
            "starts_at": registration.event.starts_at,
            "status": registration.status,
            "registered_at": registration.created_at,
            "answers": registration.answers,
            "ticket": ticket_code(registration),
            "attended_at": attended.recorded_at if attended else None,
        }


def _tickets(person: Person) -> Iterator[File]:
    for registration in Registration.objects.filter(person=person).order_by("pk"):
        yield f"tickets/{registration.uuid}.svg", ticket_svg(registration)


def _erase_speaker(erasing: Erasing) -> None:
    speakers = Speaker.objects.filter(person=erasing.person)
    programme_changed(speakers.values_list("event_id", flat=True))
    speakers.update(person=None, name=erasing.former_member.full_name, organisation_name="")


def _erase_reviewer_invitations(erasing: Erasing) -> None:
    person = erasing.person
    ReviewerInvitation.objects.filter(email__iexact=person.email).delete()
    ReviewerInvitation.objects.filter(invited_by=person).update(invited_by=None)


def _erase_exhibitor_contact(erasing: Erasing) -> None:
    Exhibitor.objects.filter(contact_email__iexact=erasing.person.email).update(contact_email="")


register(
    Holding(
        Registration,
        ("person",),
        Erasure.DELETE,
        kind="event-registrations",
        label=_("Event registrations and tickets"),
        export=_registrations,
        files=_tickets,
    ),
    Holding(Attendance, ("recorded_by",), Erasure.DETACH),
    # Organisers' work stays with the event, credited to nobody once its author is erased.
    Holding(Material, ("added_by",), Erasure.DETACH),
    Holding(RegistrantMessage, ("sent_by",), Erasure.DETACH),
    Holding(CalendarFeed, ("person",), Erasure.DELETE),
    Holding(Track, ("reviewers",), Erasure.DELETE),
    Holding(
        ReviewerInvitation,
        ("email", "invited_by"),
        Erasure.CUSTOM,
        erase=_erase_reviewer_invitations,
    ),
    Holding(
        Abstract,
        ("submitter",),
        Erasure.DELETE,
        kind="event-abstracts",
        label=_("Abstracts submitted"),
        fields=("event__title", "title", "body", "authors", "status", "created_at"),
    ),
    Holding(Review, ("reviewer",), Erasure.DELETE),
    Holding(
        Speaker,
        ("person",),
        Erasure.CUSTOM,
        kind="event-speaking",
        label=_("Events you spoke at"),
        fields=("event__title", "name", "organisation_name"),
        erase=_erase_speaker,
    ),
    Holding(Exhibitor, ("contact_email",), Erasure.CUSTOM, erase=_erase_exhibitor_contact),
)
