"""Ticket codes: the registration's number and an HMAC of it, so codes cannot be guessed or
forged, short enough to type. Whether a ticket was used is kept in the database (attendance)."""

from __future__ import annotations

import base64
import hmac
from io import BytesIO

from django.utils.crypto import salted_hmac

from praxis.events.models import Registration

SALT = "praxis.events.ticket"
MAC_CHARACTERS = 16  # 80 bits of base32


def _mac(registration_id: int, registration_uuid: str) -> str:
    digest = salted_hmac(SALT, f"{registration_id}:{registration_uuid}", algorithm="sha256")
    return base64.b32encode(digest.digest()).decode()[:MAC_CHARACTERS]


def ticket_code(registration: Registration) -> str:
    """The code printed under the QR code, e.g. "1234-ABCD-EFGH-IJKL-MNOP"."""
    mac = _mac(registration.pk, str(registration.uuid))
    return "-".join([str(registration.pk), *(mac[i : i + 4] for i in range(0, len(mac), 4))])


def parse_ticket_code(code: str) -> tuple[int, str] | None:
    """(registration id, MAC) from a scanned or typed code; None when it cannot be one."""
    cleaned = code.upper().replace("-", " ").split()
    if len(cleaned) < 2 or not cleaned[0].isdigit() or len(cleaned[0]) > 18:
        return None
    mac = "".join(cleaned[1:])
    if len(mac) != MAC_CHARACTERS:
        return None
    return int(cleaned[0]), mac


def ticket_matches(registration: Registration, mac: str) -> bool:
    return hmac.compare_digest(_mac(registration.pk, str(registration.uuid)), mac)


def ticket_svg(registration: Registration) -> bytes:
    """The ticket code as a QR code in SVG."""
    import segno  # imported on the first QR code, not at start-up: few requests draw one

    buffer = BytesIO()
    segno.make(ticket_code(registration), error="m").save(
        buffer, kind="svg", scale=6, border=2, xmldecl=False, title=""
    )
    return buffer.getvalue()
