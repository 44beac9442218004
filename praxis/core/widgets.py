"""Form widgets shared by every app."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe


@lru_cache(maxsize=64)
def _options(choices: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    return tuple(format_html('<option value="{}">{}</option>', *pair) for pair in choices)


class LongSelect(forms.Select):
    """A drop-down of hundreds of plain options (countries, time zones).

    Django renders each option through its own templates, about a millisecond per hundred
    options on every page that shows the list. These are rendered once per list of choices (and
    so once per language where the names are translated) and the chosen one marked on each
    render. Groups of options are not supported: the choices are (value, label) pairs."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        choices = tuple((str(code), str(label)) for code, label in self.choices)
        chosen = "" if value in (None, []) else str(value[0] if isinstance(value, list) else value)
        attributes = flatatt({**self.build_attrs(self.attrs, attrs), "name": name})
        parts: list[str] = [format_html("<select{}>", attributes)]
        for (code, _label), option in zip(choices, _options(choices), strict=True):
            parts.append(
                option.replace("<option ", "<option selected ", 1) if code == chosen else option
            )
        parts.append("</select>")
        return mark_safe("\n".join(parts))  # noqa: S308 - each part escaped by format_html
