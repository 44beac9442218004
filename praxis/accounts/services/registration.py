"""Signing up and verifying the e-mail address."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praxis.accounts import links, tasks
from praxis.accounts.models import User
from praxis.accounts.permissions import edit_profile
from praxis.accounts.validation import (
    FieldError,
    clean_email,
    clean_fields,
    clean_password,
    invalid,
    raise_for,
)
from praxis.core.errors import ErrorCode, ValidationFailed
from praxis.core.permissions import require
from praxis.core.ratelimit import RateLimit
from praxis.lrs import services as lrs
from praxis.lrs.vocabulary import ACTIVITY_PLATFORM, VERB_REGISTERED

# Resending the link is cheap to ask for and costly to receive: a few per hour.
RESEND_LIMIT = RateLimit("resend_verification", limit=3, window=3600)


def _email_taken() -> FieldError:
    return FieldError(
        ErrorCode.EMAIL_TAKEN,
        _("An account with this e-mail address exists already. Log in, or reset its password."),
    )


def platform_activity() -> dict[str, object]:
    """The platform itself as an xAPI activity: what a person registers with."""
    return lrs.activity(
        settings.SITE_URL + "/",
        ACTIVITY_PLATFORM,
        name={lrs.language_tag(settings.LANGUAGE_CODE): settings.SITE_NAME},
    )


def sign_up(
    *,
    email: str,
    password: str,
    full_name: str,
    occupation: str | None = None,
    country: str = "",
    languages: Iterable[str] = (),
    preferred_language: str = "en",
    organisation_name: str = "",
) -> User:
    """Create a person's account, record that they registered, and e-mail a verification link.

    Raises ValidationFailed (EMAIL_TAKEN, WEAK_PASSWORD, UNKNOWN_*, INVALID_INPUT) with the
    fields at fault; nothing is written then. The e-mail leaves only once the account exists.
    """
    cleaned, errors = clean_fields(
        {
            "full_name": full_name,
            "occupation": occupation,
            "country": country,
            "languages": list(languages) if not isinstance(languages, str) else languages,
            "preferred_language": preferred_language,
            "organisation_name": organisation_name,
        }
    )
    try:
        cleaned["email"] = clean_email(email)
    except FieldError as error:
        errors["email"] = error
    else:
        if User.objects.filter(email__iexact=cleaned["email"]).exists():
            errors["email"] = _email_taken()
    candidate = User(email=cleaned.get("email", ""), full_name=cleaned.get("full_name", ""))
    try:
        clean_password(password, candidate)
    except FieldError as error:
        errors["password"] = error
    raise_for(errors)

    try:
        with transaction.atomic():
            user = User.objects.create_user(password=password, **cleaned)
            lrs.record(
                lrs.account_agent(str(user.uuid), user.full_name),
                VERB_REGISTERED,
                platform_activity(),
            )
            transaction.on_commit(partial(tasks.send_verification_email.delay, user.pk))
    except IntegrityError as error:
        # Another sign-up with the same address won the race between our check and insert.
        raise invalid("email", _email_taken()) from error
    return user


def verify_email(token: str) -> User:
    """Mark the address named by a verification link as verified; idempotent.

    Raises ValidationFailed(INVALID_TOKEN) for a malformed, tampered, expired or stale link.
    """
    try:
        user = links.read_verification_token(token)
    except links.BadToken as error:
        raise ValidationFailed(
            ErrorCode.INVALID_TOKEN,
            _("This link is not valid or has expired. Ask for a new one from your account page."),
        ) from error
    if user.email_verified_at is None:
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email_verified_at", "updated_at"])
    return user


def resend_verification(user: User) -> None:
    """E-mail `user` a fresh verification link, unless verified already; a few times an hour."""
    require(edit_profile, user, user)
    if user.email_verified:
        return
    RESEND_LIMIT.check_and_hit(str(user.pk))
    transaction.on_commit(partial(tasks.send_verification_email.delay, user.pk))
