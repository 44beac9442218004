"""Template filters for running text."""

from __future__ import annotations

from itertools import groupby
from urllib.parse import quote

from django import template
from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext, pgettext

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


@register.filter
def percent(number: object) -> str:
    """`number` as a percentage, written as the page's language writes one: "70%" in English,
    "70 %" in French (a narrow no-break space), "%70" in Turkish."""
    if number is None or number == "":
        return ""
    return pgettext("a percentage", "%(number)s%%") % {"number": formats.localize(number)}


@register.simple_tag
def did_you_mean(suggestion: str) -> SafeString:
    """The question "Did you mean …?" with `suggestion` as a link to search for it, written as
    one sentence for translators (a Spanish question opens with "¿", a Chinese one ends with
    "？")."""
    link = format_html('<a href="?q={}" dir="auto">{}</a>', quote(suggestion), suggestion)
    before, _marker, after = gettext("Did you mean %(suggestion)s?").partition("%(suggestion)s")
    return format_html("{}{}{}", before, link, after)
