"""Times in templates: `{% if moment|within_a_minute %}` tells a time that Django's `timesince`
would give as "0 minutes", so that the page can say "now" instead of "0 minutes ago"."""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone

register = template.Library()

A_MINUTE = datetime.timedelta(minutes=1)


@register.filter
def within_a_minute(moment: datetime.datetime | None) -> bool:
    """Whether `moment` lies less than a minute from now, before or after it (a clock a little
    ahead): `timesince` counts whole minutes and gives such a moment as "0 minutes"."""
    if moment is None:
        return False
    return abs(timezone.now() - moment) < A_MINUTE
