"""The audit log of security events on people's accounts.

Every app may call `record` for an event on a person's account (exports and erasures, say);
the person sees their own events on their account page, platform admins see all in the admin.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from praxis.accounts.models import SecurityEvent, SecurityEventKind, User
from praxis.core.ratelimit import client_ip

# Details are short facts (a token's name, an address); anything longer is cut.
DETAIL_MAX_LENGTH = 200


def _short(value: Any) -> Any:
    if isinstance(value, str):
        return value[:DETAIL_MAX_LENGTH]
    if isinstance(value, bool | int | float) or value is None:
        return value
    if isinstance(value, list | tuple):
        return [_short(item) for item in value][:20]
    return str(value)[:DETAIL_MAX_LENGTH]


def record(
    person: User | None,
    kind: SecurityEventKind,
    *,
    by: User | None = None,
    request: HttpRequest | None = None,
    client_address: str = "",
    **details: str | int | bool | list[str] | None,
) -> SecurityEvent:
    """Add `kind` to `person`'s audit log, with who did it (`by`, when not themself), the
    client address (of `request`, when given), and short `details` (JSON values)."""
    if request is not None:
        client_address = client_ip(request)
    return SecurityEvent.objects.create(
        person=person,
        kind=SecurityEventKind(kind),
        by=by if by is not None and (person is None or by.pk != person.pk) else None,
        client_address=client_address[:45],
        details={key: _short(value) for key, value in details.items()},
    )
