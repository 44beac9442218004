"""Amounts of credits and hours written in the reader's language, plural forms included; long
words people wrote made to wrap."""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from typing import Any

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
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


# A word longer than this may break after every this many characters.
LONGEST_UNBROKEN = 24
# Characters that belong to the one before them: never a place to break.
JOINING = {"\u200d", "\u034f"}


def _joins_previous(character: str) -> bool:
    return (
        unicodedata.category(character).startswith("M")
        or character in JOINING
        or "\ufe00" <= character <= "\ufe0f"
    )


@register.filter(needs_autoescape=True)
def breakable(text: Any, autoescape: bool = True) -> SafeString:
    """`text` escaped, with a line-break opportunity (<wbr>) every LONGEST_UNBROKEN characters
    of a longer word, so that a long unbroken word people wrote wraps in a table's cell (on the
    page and in a PDF) instead of widening it. Copied or read aloud, the text is unchanged."""
    escape = conditional_escape if autoescape else str
    pieces: list[str] = []
    start = run = 0
    value = str(text)
    for index, character in enumerate(value):
        if character.isspace():
            run = 0
            continue
        if run >= LONGEST_UNBROKEN and not _joins_previous(character):
            pieces.append(escape(value[start:index]))
            start, run = index, 0
        run += 1
    pieces.append(escape(value[start:]))
    return mark_safe("<wbr>".join(pieces))  # noqa: S308 - every piece is escaped above
