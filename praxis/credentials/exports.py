"""Files a learner takes away: the PDF certificate, and the CPD record as PDF and CSV.

PDFs are rendered by WeasyPrint (Pango shapes Arabic and lays out right-to-left) with the Noto
fonts from the operating system (Debian: fonts-noto-core, fonts-noto-cjk).
"""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, get_language_bidi

from praxis.core.people import Person
from praxis.credentials.models import CpdActivity, Credential
from praxis.credentials.queries import SystemTotal


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    """The PDF of an HTML template, rendered in the active language (any app's printouts)."""
    html = render_to_string(
        template,
        {
            **context,
            "LANGUAGE_CODE": get_language() or "en",
            "LANGUAGE_BIDI": get_language_bidi(),
            "SITE_NAME": settings.SITE_NAME,
        },
    )
    # Imported on the first PDF, not at start-up: WeasyPrint (Pango, fonts, its CSS engine)
    # adds about 47 MB to every process and seconds to every `manage.py` command, and most
    # processes never make a PDF.
    from weasyprint import HTML

    pdf: bytes = HTML(string=html, base_url=settings.SITE_URL).write_pdf()
    return pdf


def verification_link(credential: Credential) -> str:
    """The address the certificate's QR code opens: the credential's page, which verifies it."""
    return settings.SITE_URL + reverse("credentials:credential", args=[credential.uuid])


def certificate_pdf(credential: Credential) -> bytes:
    """The certificate: learner, achievement, issuers, date, credits, statement, ID, QR code."""
    import segno  # imported on the first QR code, not at start-up: few requests draw one

    link = verification_link(credential)
    qr = segno.make(link, error="m").svg_data_uri(scale=4, border=2)
    lines = list(credential.cpd_activities.all())
    return render_pdf(
        "credentials/pdf/certificate.html",
        {
            "credential": credential,
            "achievement": credential.achievement,
            "organisations": list(credential.achievement.organisations.all()),
            "credits": lines,
            "statements": sorted(
                {
                    line.system.accreditation_statement
                    for line in lines
                    if line.system.accreditation_statement
                }
            ),
            "qr": qr,
            "link": link,
        },
    )


def cpd_pdf(
    learner: Person, record: list[SystemTotal], start: date | None, end: date | None
) -> bytes:
    return render_pdf(
        "credentials/pdf/cpd.html",
        {
            "learner": learner,
            "record": record,
            "start": start,
            "end": end,
            "generated": timezone.now(),
        },
    )


CSV_COLUMNS = [
    "date",
    "activity",
    "provider",
    "credit_system",
    "credits",
    "evidence",
    "self_reported",
    "certificate_id",
]


def spreadsheet_safe(value: str) -> str:
    """`value` as a CSV cell that a spreadsheet shows as text, never runs as a formula."""
    # Spreadsheets run a cell that starts with one of these as a formula.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def cpd_csv(lines: list[CpdActivity]) -> str:
    """The CPD lines as CSV (UTF-8 with a byte-order mark so spreadsheets read the script)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for line in lines:
        # A certificate's line: its verification page; a self-reported one: the link the
        # learner gave and the name of the file they attached.
        evidence = "; ".join(part for part in (line.evidence_url, line.evidence_name) if part)
        if line.credential is not None:
            evidence = verification_link(line.credential)
        writer.writerow(
            [
                line.date.isoformat(),
                spreadsheet_safe(line.title),
                spreadsheet_safe(line.provider),
                line.system.code,
                str(line.credits),
                spreadsheet_safe(evidence),
                "yes" if line.self_reported else "no",
                str(line.credential.uuid) if line.credential is not None else "",
            ]
        )
    return out.getvalue()
