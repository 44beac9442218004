"""Amounts of credits and hours written in the reader's language, plural forms included."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.translation import ngettext

from praxis.credentials.models import plural_count, written_amount

register = template.Library()


@register.filter
def in_units(amount: Decimal, system: Any) -> str:
    """ "2.5 hours" for `amount` credits of `system` (a CreditSystem)."""
    return str(system.amount(Decimal(amount)))


@register.filter
def contact_hours(amount: Decimal) -> str:
    """ "1 hour", "2.5 hours"."""
    amount = Decimal(amount)
    return ngettext("%(amount)s hour", "%(amount)s hours", plural_count(amount)) % {
        "amount": written_amount(amount)
    }
