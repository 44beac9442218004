"""Every change to frameworks and to a learner's competency evidence."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praxis.competencies import case
from praxis.competencies.models import (
    Association,
    CompetencyItem,
    Evidence,
    Framework,
    ProficiencyScale,
)
from praxis.competencies.permissions import manage_frameworks
from praxis.core.errors import ErrorCode, NotAuthenticated, ValidationFailed
from praxis.core.people import Person, signed_in
from praxis.core.permissions import require

# How long evidence counts unless its source says otherwise.
EVIDENCE_LIFETIME = timedelta(days=3 * 365)
SELF_ASSESSMENT_LIFETIME = timedelta(days=365)
MAX_LEVEL = 5


@transaction.atomic
def import_framework(raw: bytes | str | dict[str, Any], *, by: Person) -> Framework:
    """Create a framework from a CASE 1.1 CFPackage (staff). Bad JSON, a schema violation, an
    unknown node or an isChildOf cycle is refused with its code and writes nothing."""
    require(manage_frameworks, by)
    data = case.parse_package(raw)
    framework: Framework = case.store_package(
        data,
        framework_model=Framework,
        item_model=CompetencyItem,
        association_model=Association,
        scale_model=ProficiencyScale,
    )
    return framework


def _check_level(level: Any) -> int:
    if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= MAX_LEVEL:
        raise ValidationFailed(
            ErrorCode.LEVEL_OUT_OF_SCALE,
            _("Choose a level from 1 to 5."),
            fields={"level": [_("Choose a level from 1 to 5.")]},
        )
    return level


@transaction.atomic
def record_evidence(
    learner: Person,
    items: list[CompetencyItem],
    *,
    source: str,
    reference: str,
    title: str,
    level: int,
    observed_at: datetime | None = None,
    lifetime: timedelta | None = EVIDENCE_LIFETIME,
) -> int:
    """Record (or renew) evidence from one source for each item; return how many were kept.
    Called by the apps that hold the source (assessments, events)."""
    _check_level(level)
    when = observed_at or timezone.now()
    expires = when + lifetime if lifetime is not None else None
    for item in items:
        Evidence.objects.update_or_create(
            learner=learner,
            item=item,
            source=source,
            reference=reference,
            defaults={
                "title": title[:300],
                "level": level,
                "observed_at": when,
                "expires_at": expires,
            },
        )
    return len(items)


@transaction.atomic
def assess_self(learner: Person, item: CompetencyItem, level: Any) -> Evidence:
    """The learner's own view of their level; it counts for a year."""
    if not signed_in(learner):
        raise NotAuthenticated()
    now = timezone.now()
    return Evidence.objects.create(
        learner=learner,
        item=item,
        source=Evidence.Source.SELF,
        reference="self",
        title=str(_("Self-assessment")),
        level=_check_level(level),
        observed_at=now,
        expires_at=now + SELF_ASSESSMENT_LIFETIME,
    )
