"""A credential's verification page as every visitor without a session sees it, rendered once.

The page shows the signed document, the verdict on it and the achievement it attests. The
credential's own row (revocation, suspension and their reason) is read afresh on every request
and is part of the key, so a change of status shows at once. The verdict also turns with time
(not yet valid, then valid, then expired): a page is kept no later than the next of those
moments. Achievements, their credits and organisations, CPD records and signing keys replace
one version shared by every credential's page whenever one is saved or deleted.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from praxis.core import fragments
from praxis.credentials.models import (
    Achievement,
    AchievementCredit,
    CpdActivity,
    Credential,
    CreditSystem,
    SigningKey,
)
from praxis.organisations.models import Organisation

SCOPE = "credentials:pages"


def pages_changed() -> None:
    """Show every credential's page afresh."""
    fragments.changed(SCOPE)


def organisation_changed(*, organisation: Organisation) -> None:
    """Answers `organisations.hooks.changed`: the issuing organisations are named on every
    credential's page, so each is shown afresh."""
    pages_changed()


def _moments(document: Any) -> list[datetime]:
    if not isinstance(document, dict):
        return []
    found = []
    for name in ("validFrom", "validUntil"):
        value = document.get(name)
        moment = parse_datetime(value) if isinstance(value, str) else None
        if moment is not None and moment.tzinfo is not None:
            found.append(moment)
    return found


def seconds_valid(document: Any, now: datetime | None = None) -> int:
    """How long a verdict on `document` given now holds: until its next validity boundary."""
    now = now or timezone.now()
    ahead = [moment for moment in _moments(document) if moment > now]
    if not ahead:
        return fragments.TIMEOUT_SECONDS
    return min(fragments.TIMEOUT_SECONDS, math.floor((min(ahead) - now).total_seconds()))


def cached_credential_page(
    credential: Credential, parts: list[str], render: Callable[[], str]
) -> str:
    """The HTML that `render` makes of the credential's page for these parts (language,
    address of the site), made at most once per version and status of the credential."""
    row = (
        credential.pk,
        credential.revoked_at,
        credential.suspended_at,
        credential.status_reason,
        credential.updated_at,
    )
    return fragments.cached_text(
        SCOPE, (repr(row), *parts), render, seconds_valid(credential.document)
    )


def connect() -> None:
    fragments.changes_with(
        SCOPE, (Achievement, AchievementCredit, CreditSystem, CpdActivity, SigningKey)
    )
