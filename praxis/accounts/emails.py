"""E-mails to a person, rendered from templates in the language they chose."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from praxis.accounts import links
from praxis.accounts.models import User


def send_to(user: User, template: str, context: dict[str, Any]) -> None:
    """Send accounts/email/<template>_subject.txt and _body.txt to `user` in their language."""
    with translation.override(user.preferred_language):
        context = {"user": user, "site_name": settings.SITE_NAME, **context}
        subject = render_to_string(f"accounts/email/{template}_subject.txt", context)
        body = render_to_string(f"accounts/email/{template}_body.txt", context)
    send_mail(
        " ".join(subject.split()),  # one line, as mail headers need
        body,
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
    )


def send_verification(user: User) -> None:
    days = links.EMAIL_VERIFICATION_MAX_AGE.days
    send_to(user, "verify_email", {"link": links.verification_url(user), "days": days})


def send_password_reset(user: User) -> None:
    days = max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
    send_to(user, "password_reset", {"link": links.reset_url(user), "days": days})


def send_password_changed(user: User, revoked_tokens: list[str]) -> None:
    context = {
        "tokens": revoked_tokens,
        "tokens_link": settings.SITE_URL + reverse("accounts:tokens"),
        "reset_link": settings.SITE_URL + reverse("accounts:password_reset"),
    }
    send_to(user, "password_changed", context)


def send_signup_attempt(user: User) -> None:
    context = {
        "login_link": settings.SITE_URL + reverse("accounts:login"),
        "reset_link": settings.SITE_URL + reverse("accounts:password_reset"),
    }
    send_to(user, "signup_attempt", context)
