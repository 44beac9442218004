"""Form widgets shared by every app."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe


# Room for every list in every language: countries, time zones, each filter's choices.
@lru_cache(maxsize=256)
def _options(choices: tuple[tuple[Any, Any], ...]) -> str:
    """Every option, one a line, none selected."""
    return "\n".join(format_html('<option value="{}">{}</option>', *pair) for pair in choices)


class LongSelect(forms.Select):
    """A drop-down of hundreds of plain options (countries, time zones).

    Django renders each option through its own templates, about a millisecond per hundred
    options on every page that shows the list. These are rendered once per list of choices (and
    so once per language where the names are translated) and the chosen one marked on each
    render. Groups of options are not supported: the choices are (value, label) pairs."""

    def _pairs(self) -> tuple[tuple[Any, Any], ...]:
        # Choices given as a function (a field's `choices=function`) are asked of it directly:
        # Django's iterator over them normalises every pair again on each pass.
        make = getattr(self.choices, "func", None)
        given = make() if make is not None else self.choices
        if isinstance(given, tuple):
            return given
        return tuple((str(code), str(label)) for code, label in given)

    def use_required_attribute(self, initial: Any) -> bool:
        # As Django's Select: `required` only when the first choice is a blank one.
        pairs = self._pairs()
        return not self.is_hidden and bool(pairs) and pairs[0][0] in (None, "")

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        choices = self._pairs()
        chosen = "" if value in (None, []) else str(value[0] if isinstance(value, list) else value)
        attributes = flatatt({**self.build_attrs(self.attrs, attrs), "name": name})
        # Each value is written once: the chosen option is the one with its value (the blank
        # one when none is chosen).
        unselected = format_html('<option value="{}">', chosen)
        options = _options(choices).replace(unselected, f"<option selected {unselected[8:]}", 1)
        parts = [format_html("<select{}>", attributes), options, "</select>"]
        return mark_safe("\n".join(parts))  # noqa: S308 - each part escaped by format_html
