"""E-mails to a person, rendered from templates in the language they chose."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.urls import reverse

from praxis.accounts import links
from praxis.accounts.models import User
from praxis.core.mail import email_from_templates


def send_to(user: User, template: str, context: dict[str, Any], *, address: str = "") -> None:
    """Send accounts/email/<template>_subject.txt and _body.txt to `user` in their language,
    at `address` when given (another of theirs), at their account's address otherwise."""
    email_from_templates(
        address or user.email,
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


def send_email_change(user: User, new_email: str) -> None:
    days = links.EMAIL_CHANGE_MAX_AGE.days
    context = {
        "link": links.email_change_url(user, new_email),
        "new_email": new_email,
        "days": days,
    }
    send_to(user, "email_change", context, address=new_email)


def send_email_changed_notice(user: User, old_email: str) -> None:
    context = {
        "old_email": old_email,
        "new_email": user.email,
        "undo_link": links.email_undo_url(user, old_email),
        "days": links.EMAIL_UNDO_MAX_AGE.days,
        "reset_link": settings.SITE_URL + reverse("accounts:password_reset"),
    }
    send_to(user, "email_changed", context, address=old_email)


def send_erasure_requested(user: User, erase_after: datetime.datetime) -> None:
    """Tell the person their account is due to be deleted, and how to stop it: asked from a
    session someone else holds, this is how they learn of it."""
    context = {
        "erase_after": erase_after,
        "login_link": settings.SITE_URL + reverse("accounts:login"),
        "reset_link": settings.SITE_URL + reverse("accounts:password_reset"),
    }
    send_to(user, "erasure_requested", context)
