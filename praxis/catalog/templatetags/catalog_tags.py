"""Template filters for amounts that need the right plural form, fractions included."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat
from django.utils.translation import ngettext

register = template.Library()


def _plural_count(amount: Decimal) -> int:
    # gettext plural rules take whole numbers. A fraction takes the form of 102 in the languages
    # we ship: the plural in English, French and Spanish, the genitive singular in Russian
    # ("2,5 часа") and the general form in Arabic (not the dual that 2 would pick).
    return int(amount) if amount == amount.to_integral_value() else 102


@register.filter
def hours(amount: Decimal) -> str:
    """ "1 hour", "2.5 hours", in the page's language."""
    amount = Decimal(amount)
    return ngettext("%(amount)s hour", "%(amount)s hours", _plural_count(amount)) % {
        "amount": floatformat(amount, -1)
    }


@register.filter
def cpd_credits(amount: Decimal) -> str:
    """ "1 CPD credit", "2.5 CPD credits", in the page's language."""
    amount = Decimal(amount)
    return ngettext("%(amount)s CPD credit", "%(amount)s CPD credits", _plural_count(amount)) % {
        "amount": floatformat(amount, -2)
    }
