"""A service's refusal, told to the person: as messages on the page they are sent back to, or on
the fields of the form that was sent.

Most forms of the workspace that send a file have that one file field, and a refusal of the
upload is about it even when the service names another field ("file") or none (a package it
cannot read): it is told beside the file field, which is then marked invalid, rather than above
the form only.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest

from praxis.core.errors import ErrorCode, PraxisError


def messages_of(error: PraxisError) -> list[str]:
    """What to tell the person of a refusal: each field's message, which says what to change
    ("Give the lesson a title."), once; the refusal's own message when it names no field."""
    found = [
        str(message) for messages_of_field in error.fields.values() for message in messages_of_field
    ]
    return list(dict.fromkeys(found)) or [str(error.message)]


def flash_refusal(request: HttpRequest, error: PraxisError) -> None:
    """Show the refusal on the page the person is sent back to (`messages_of`)."""
    for message in messages_of(error):
        messages.error(request, message)


def file_field(form: forms.Form) -> str | None:
    """The name of the form's first file field, if it has one."""
    return next(
        (name for name, field in form.fields.items() if isinstance(field, forms.FileField)), None
    )


def show_refusal(form: forms.Form, error: PraxisError) -> None:
    """Show `error` on the form: each field's messages on that field; a field the form lacks,
    and the refusal's own message when it names no field, on the form's file field (above the
    form when it has none). A file refused as too large is told by the refusal's own message,
    which gives the limit, rather than only that it is too large."""
    main = file_field(form)
    if error.code == ErrorCode.FILE_TOO_LARGE and main is not None:
        form.add_error(main, str(error.message))
        return
    told: set[tuple[str | None, str]] = set()
    for name, field_messages in error.fields.items():
        target = name if name in form.fields else main
        for message in field_messages:
            if (target, str(message)) not in told:
                told.add((target, str(message)))
                form.add_error(target, str(message))
    if not told:
        form.add_error(main, str(error.message))
