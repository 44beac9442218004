"""E-mail to one person: a subject and a plain-text body from the site's address, rendered from
an app's `<name>_subject.txt` and `<name>_body.txt` templates when it keeps them."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context, Engine
from django.utils import translation


def email(
    address: str, subject: str, body: str, *, headers: dict[str, str] | None = None
) -> EmailMultiAlternatives:
    """A message to `address` from the site's sender address; `subject` is already one line."""
    return EmailMultiAlternatives(
        subject, body, settings.DEFAULT_FROM_EMAIL, [address], headers=headers
    )


def render_plain(name: str, context: dict[str, Any]) -> str:
    """The text template `name` rendered without HTML escaping: an e-mail is plain text, where
    an organisation named "A & B" must read so, not "A &amp; B"."""
    template = Engine.get_default().get_template(name)
    return str(template.render(Context(context, autoescape=False)))


def email_from_templates(
    address: str,
    name: str,
    context: dict[str, Any],
    *,
    language: str | None = None,
    headers: dict[str, str] | None = None,
) -> EmailMultiAlternatives:
    """Render `<name>_subject.txt` and `<name>_body.txt` in `language` (the active one when
    None) and address them to `address`; the subject is folded onto one line, as headers need."""
    in_language: AbstractContextManager[Any] = (
        nullcontext() if language is None else translation.override(language)
    )
    with in_language:
        subject = render_plain(f"{name}_subject.txt", context)
        body = render_plain(f"{name}_body.txt", context)
    return email(address, " ".join(subject.split()), body, headers=headers)
