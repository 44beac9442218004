"""Look-ups on reference data."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils import timezone

from praxis.reference.models import Occupation, RegionMembership


def who_region(country: str, on: datetime.date | None = None) -> str | None:
    """The WHO region code of a country (ISO alpha-2) on a date, or None if not a Member State."""
    if not country:
        return None
    day = on or timezone.now().date()
    membership = (
        RegionMembership.objects.filter(country=country.upper())
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))
        .values_list("region", flat=True)
        .first()
    )
    return membership


def countries_in_region(region: str, on: datetime.date | None = None) -> list[str]:
    day = on or timezone.now().date()
    return list(
        RegionMembership.objects.filter(region=region)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))
        .values_list("country", flat=True)
    )


def occupations() -> list[Occupation]:
    return list(Occupation.objects.all())
