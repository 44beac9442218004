"""What every app's forms share."""

from __future__ import annotations

from typing import Any, TypeVar

from django import forms

F = TypeVar("F", bound=forms.Form)


def row_form(form_class: type[F], key: object, **kwargs: Any) -> F:
    """The empty form of one row of a list (a note with each decision, a reason with each
    action), its field ids ending in the row's `key` so that no two fields of the page share
    an id."""
    return form_class(auto_id=f"id_%s_{key}", **kwargs)
