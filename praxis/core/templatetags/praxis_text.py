"""Template filters for running text."""

from __future__ import annotations

from itertools import groupby

from django import template

register = template.Library()


@register.filter(is_safe=True)
def one_full_stop(text: str) -> str:
    """`text` with a doubled full stop made one: for sentences that may end with a date or
    time whose format ends in a full stop itself ("5 p.m." at the end of a sentence). An
    ellipsis ("...") or any longer run of full stops is left alone."""
    pieces = []
    for is_stop, run in groupby(str(text), key=lambda character: character == "."):
        written = "".join(run)
        pieces.append("." if is_stop and len(written) == 2 else written)
    return "".join(pieces)
