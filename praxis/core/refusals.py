"""Showing a service's refusal on a page: as flash messages, or as errors on the form.

Views call a service and, when it refuses with a `PraxisError`, tell the person why on the page
they return to; these two helpers are that one shape.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.http import HttpRequest

from praxis.core.errors import PraxisError

T = TypeVar("T")


def attempt(
    request: HttpRequest,
    action: Callable[[], Any],
    success: str = "",
    *,
    field_messages: bool = False,
) -> bool:
    """Run a service call; show its refusal as an error message (and, with `field_messages`,
    each field's message too), or `success` when given. True when it went through."""
    try:
        action()
    except PraxisError as error:
        messages.error(request, str(error.message))
        if field_messages:
            for messages_of_field in error.fields.values():
                for message in messages_of_field:
                    messages.error(request, str(message))
        return False
    if success:
        messages.success(request, success)
    return True


def result_of(request: HttpRequest, action: Callable[[], T]) -> T | None:
    """The service call's result; None when it refused, its refusal shown as an error message.
    For actions that return a value, never None, when they go through."""
    try:
        return action()
    except PraxisError as error:
        messages.error(request, str(error.message))
        return None


def show_form_errors(form: forms.Form, error: PraxisError) -> None:
    """Show a refusal on the form: on the fields it names (above the form for a field the form
    lacks), or its message above the form when it names none."""
    placed = False
    for name, messages_of_field in error.fields.items():
        for message in messages_of_field:
            form.add_error(name if name in form.fields else None, str(message))
            placed = True
    if not placed:
        form.add_error(None, str(error.message))


def flash_form_errors(request: HttpRequest, form: forms.Form) -> None:
    """Show each error of a form posted from a row of a list, whose page the person is sent back
    to, as an error message there."""
    for field_errors in form.errors.values():
        for message in field_errors:
            messages.error(request, str(message))
