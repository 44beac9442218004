"""Template filters for running text."""

from __future__ import annotations

import re

from django import template

register = template.Library()

# A full stop right after one that ends an abbreviation ("5 p.m." at the end of a sentence);
# an ellipsis ("...") is left alone.
DOUBLE_FULL_STOP = re.compile(r"(?<!\.)\.\.(?!\.)")


@register.filter(is_safe=True)
def one_full_stop(text: str) -> str:
    """`text` with a doubled full stop made one: for sentences that may end with a date or
    time whose format ends in a full stop itself."""
    return DOUBLE_FULL_STOP.sub(".", text)
