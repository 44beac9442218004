"""Language tags in templates: `{{ code|language_tag }}` writes "zh-hans" as "zh-Hans"."""

from __future__ import annotations

from django import template

from praxis.core.languages import canonical_tag

register = template.Library()


@register.filter
def language_tag(code: str) -> str:
    """A language code in the canonical case of BCP 47, for lang and hreflang attributes."""
    return canonical_tag(str(code or ""))
