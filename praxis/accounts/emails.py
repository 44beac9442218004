"""E-mails to a person, rendered from templates in the language they chose."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse

from praxis.accounts import links
from praxis.accounts.models import User
from praxis.core.mail import email_from_templates


def send_to(user: User, template: str, context: dict[str, Any]) -> None:
    """Send accounts/email/<template>_subject.txt and _body.txt to `user` in their language."""
    email_from_templates(
        user.email,
        f"accounts/email/{template}",
        {"user": user, "site_name": settings.SITE_NAME, **context},
        language=user.preferred_language,
    ).send()


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
