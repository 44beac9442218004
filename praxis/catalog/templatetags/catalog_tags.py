"""Template filters for amounts that need the right plural form, fractions included, the
responsive <picture> of a course image, and what the data saver holds back until asked."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.template.defaultfilters import floatformat
from django.utils.safestring import SafeString
from django.utils.translation import get_language, ngettext

from praxis.catalog import held, images

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
    """A course's CPD credits as the learner's CPD record counts them, in CPD hours (the
    credit system a course's credits are recorded in): "1 CPD hour", "2.5 CPD hours"."""
    amount = Decimal(amount)
    return ngettext("%(amount)s CPD hour", "%(amount)s CPD hours", _plural_count(amount)) % {
        "amount": floatformat(amount, -2)
    }


@register.inclusion_tag("catalog/_picture.html", takes_context=True)
def course_image(
    context: template.Context, slug: str, image: dict[str, Any], sizes: str, lazy: bool = True
) -> dict[str, Any]:
    """A course image in the widths kept, as WebP with a JPEG fallback; `sizes` says how wide
    it is shown, so that the browser fetches the smallest that fills it. With the data saver
    on, a "Show image" link instead, unless this is the image asked for."""
    key = f"image-{slug}"
    return {
        "picture": images.course_picture(slug, image),
        "sizes": sizes,
        "lazy": lazy,
        "held": held.is_held(context, key),
        "key": key,
        "show_url": held.show_url(context, key),
        "language": get_language(),
    }


@register.simple_tag(takes_context=True)
def show_url(context: template.Context, key: str) -> str:
    """This page again, showing the held-back item `key` (and only it)."""
    return held.show_url(context, key)


@register.simple_tag(takes_context=True)
def is_held(context: template.Context, key: str) -> bool:
    """True when the data saver holds back the item `key` on this page."""
    return held.is_held(context, key)


@register.simple_tag(takes_context=True)
def lesson_body(context: template.Context, body_html: str) -> SafeString:
    """A lesson's sanitised HTML; with the data saver on, each picture is a "Show image" link
    unless it is the one asked for."""
    return held.hold_pictures(context, body_html)
