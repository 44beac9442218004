"""Files organisers take away: the registrants as CSV, and badges to print as PDF (A4, one a
page, or a sheet of eight labels) through the same WeasyPrint stack as certificates."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.utils.translation import gettext as _

from praxis.credentials.exports import render_pdf, spreadsheet_safe
from praxis.events.models import Event, Registration
from praxis.events.tickets import ticket_code

BADGE_LAYOUTS = ("a4", "labels")
LABELS_PER_SHEET = 8


def registrants_csv(event: Event, registrations: Iterable[Registration]) -> str:
    """One row a registration, the event's own questions as columns; every cell a spreadsheet
    shows as text (names and answers may start with =, +, - or @). UTF-8 with a byte-order mark
    so spreadsheets read every script."""
    questions = list(event.questions.all())
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(
        [
            _("Name"),
            _("E-mail"),
            _("Organisation"),
            _("Status"),
            # The times are the event's own: its zone is named once, in the heading.
            _("Registered (%(zone)s)") % {"zone": event.zone},
            _("Attended (%(zone)s)") % {"zone": event.zone},
            *(question.label for question in questions),
        ]
    )
    for registration in registrations:
        person = registration.person
        attendance = getattr(registration, "attendance", None)
        answers = registration.answers or {}
        writer.writerow(
            [
                spreadsheet_safe(person.full_name),
                spreadsheet_safe(person.email),
                spreadsheet_safe(person.organisation_name),
                registration.get_status_display(),
                registration.created_at.astimezone(event.zone).strftime("%Y-%m-%d %H:%M"),
                attendance.recorded_at.astimezone(event.zone).strftime("%Y-%m-%d %H:%M")
                if attendance
                else "",
                *(spreadsheet_safe(_answer(answers.get(str(q.pk), ""))) for q in questions),
            ]
        )
    return out.getvalue()


def _answer(value: object) -> str:
    """An answer as a reader of the sheet reads it: a ticked box "Yes", an unticked one "No"."""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return str(value)


def badges_pdf(event: Event, registrations: Iterable[Registration], layout: str) -> bytes:
    """The badges of `registrations`: name, organisation, the event, and the ticket's QR code so
    the badge checks its wearer in."""
    import segno  # imported on the first QR code, not at start-up: few requests draw one

    badges = [
        {
            "name": registration.person.full_name,
            "organisation": registration.person.organisation_name,
            "qr": segno.make(ticket_code(registration), error="m").svg_data_uri(scale=3, border=1),
        }
        for registration in registrations
    ]
    sheets = (
        [badges[i : i + LABELS_PER_SHEET] for i in range(0, len(badges), LABELS_PER_SHEET)]
        if layout == "labels"
        else [[badge] for badge in badges]
    )
    return render_pdf(
        "events/pdf/badges.html", {"event": event, "sheets": sheets, "layout": layout}
    )
