"""Language tags in templates: `{{ code|language_tag }}` writes "zh-hans" as "zh-Hans",
`{{ code|language_direction }}` gives "rtl" or "ltr" for a dir attribute, and
`{{ code|language_named }}` the language's name in the reader's language."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from praxis.core.languages import canonical_tag, direction_of, language_name, suggested_languages

register = template.Library()


@register.filter
def language_tag(code: str) -> str:
    """A language code in the canonical case of BCP 47, for lang and hreflang attributes."""
    return canonical_tag(str(code or ""))


@register.filter
def language_direction(code: str) -> str:
    """The direction text in `code` is written in ("rtl" for Urdu, Persian, Hebrew...)."""
    return direction_of(str(code or ""))


@register.filter
def language_named(code: str) -> str:
    """The name of the language of `code`, in the active language ("bn" → "Bengali")."""
    return language_name(str(code or ""))


@register.simple_tag
def language_suggestions(list_id: str) -> SafeString:
    """A <datalist> of the suggested languages (tag and names) for a text box typed a tag."""
    options = format_html_join("", '<option value="{}">{}</option>', suggested_languages())
    return format_html('<datalist id="{}">{}</datalist>', list_id, options)
