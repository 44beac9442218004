"""Signing up and verifying the e-mail address."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praxis.accounts import links, tasks
from praxis.accounts.models import User
from praxis.accounts.permissions import edit_profile
from praxis.accounts.services import legal
from praxis.accounts.validation import (
    FieldError,
    clean_email,
    clean_fields,
    clean_password,
    raise_for,
)
from praxis.core.errors import ErrorCode, ValidationFailed
from praxis.core.permissions import require
from praxis.core.ratelimit import RateLimit
from praxis.lrs import services as lrs
from praxis.lrs.vocabulary import ACTIVITY_PLATFORM, VERB_REGISTERED

# Resending the link is cheap to ask for and costly to receive: a few per hour.
RESEND_LIMIT = RateLimit("resend_verification", limit=3, window=3600)
# Sign-ups from one client address: a training session in a clinic behind one address may sign
# many people up in an hour; a script may not sign up thousands.
SIGNUP_ADDRESS_LIMIT = RateLimit("sign_up_address", limit=30, window=3600)
# Sign-ups naming one e-mail address: each sends that mailbox a message.
SIGNUP_EMAIL_LIMIT = RateLimit("sign_up_email", limit=3, window=3600)
# How long the same sign-up sent again (a double click, a form re-sent on a slow connection,
# someone trying again while the first message is still on its way, which can take a few
# minutes) is taken as the first one: a second message would only confuse. Later, the owner of
# the address is told, as for any sign-up with an address that has an account.
REPEATED_SIGN_UP_WINDOW = timedelta(minutes=10)


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
    client_address: str = "",
    accept_terms: bool = False,
) -> User | None:
    """Create a person's account, record that they registered, and e-mail a verification link.

    For an address that has an account already, nothing is created: the owner is e-mailed that
    someone tried, and None is returned, so that a caller can answer exactly as for a new
    account and tell an outsider nothing; the same sign-up sent again (same address and
    password, the account unconfirmed and made within REPEATED_SIGN_UP_WINDOW) is answered
    the same and sends nothing more. Raises RateLimited past a few attempts an hour for the
    address or from `client_address`; ValidationFailed (WEAK_PASSWORD, UNKNOWN_*,
    INVALID_INPUT) with every field at fault, named as the argument, and nothing is written
    then. The e-mails leave only after commit. While terms or a privacy notice are in force,
    `accept_terms` must be True (TERMS_NOT_ACCEPTED on "accept_terms" otherwise), and the
    acceptance is recorded.
    """
    documents = legal.documents_in_force()
    cleaned, errors = _checked_sign_up(
        {
            "full_name": full_name,
            "occupation": occupation,
            "country": country,
            "languages": list(languages) if not isinstance(languages, str) else languages,
            "preferred_language": preferred_language,
            "organisation_name": organisation_name,
        },
        email=email,
        password=password,
        accept_terms=accept_terms,
        terms_in_force=bool(documents),
    )
    SIGNUP_ADDRESS_LIMIT.check_and_hit(client_address)
    SIGNUP_EMAIL_LIMIT.check_and_hit(cleaned.get("email", ""))
    raise_for(errors)

    owner = User.objects.filter(email__iexact=cleaned["email"]).first()
    if owner is not None:
        if not _is_repeated(owner, password):
            transaction.on_commit(partial(tasks.send_signup_attempt_email.delay, owner.pk))
        return None
    try:
        with transaction.atomic():
            user = User.objects.create_user(password=password, **cleaned)
            lrs.record(
                lrs.account_agent(str(user.uuid), user.full_name),
                VERB_REGISTERED,
                platform_activity(),
            )
            if documents:
                legal.accept_documents_in_force(user, True)
            transaction.on_commit(partial(tasks.send_verification_email.delay, user.pk))
    except IntegrityError:
        # Another sign-up with the same address won the race between our check and insert.
        return None
    return user


def _is_repeated(owner: User, password: str) -> bool:
    """Whether this sign-up is the one that made `owner`, sent again: the address still
    unconfirmed, the account made moments ago, the same password. Hashes `password` exactly
    once either way, as long as creating an account takes, so that timing tells nothing."""
    if owner.email_verified_at is None and owner.created_at >= (
        timezone.now() - REPEATED_SIGN_UP_WINDOW
    ):
        return check_password(password, owner.password)
    make_password(password)
    return False


def sign_up_problems(
    *, email: str, password: str, full_name: str, accept_terms: bool = False
) -> dict[str, list[str]]:
    """What `sign_up` would refuse in these fields, by field (empty when nothing): for a form
    that lists every problem together with those it finds itself. Counts no attempt."""
    errors = _checked_sign_up(
        {"full_name": full_name},
        email=email,
        password=password,
        accept_terms=accept_terms,
        terms_in_force=bool(legal.documents_in_force()),
    )[1]
    return {name: [str(message) for message in error.messages] for name, error in errors.items()}


def _checked_sign_up(
    profile: dict[str, Any],
    *,
    email: str,
    password: str,
    accept_terms: bool,
    terms_in_force: bool,
) -> tuple[dict[str, Any], dict[str, FieldError]]:
    """The account's fields cleaned, and every problem found in them by field."""
    cleaned, errors = clean_fields(profile)
    try:
        cleaned["email"] = clean_email(email)
    except FieldError as error:
        errors["email"] = error
    candidate = User(email=cleaned.get("email", ""), full_name=cleaned.get("full_name", ""))
    try:
        clean_password(password, candidate)
    except FieldError as error:
        errors["password"] = error
    if terms_in_force and accept_terms is not True:
        errors["accept_terms"] = FieldError(
            ErrorCode.TERMS_NOT_ACCEPTED,
            _("Please accept the terms of use and the privacy notice."),
        )
    return cleaned, errors


def verify_email(token: str) -> User:
    """Mark the address named by a verification link as verified; idempotent.

    Raises ValidationFailed(INVALID_TOKEN) for a malformed, tampered, expired or stale link.
    """
    return confirm_email(token)[0]


def confirm_email(token: str) -> tuple[User, bool]:
    """As verify_email, and whether this link is what verified the address (its first use)."""
    try:
        user = links.read_verification_token(token)
    except links.BadToken as error:
        raise ValidationFailed(
            ErrorCode.INVALID_TOKEN,
            _("This link is not valid or has expired. Ask for a new one from your account page."),
        ) from error
    if user.email_verified_at is not None:
        return user, False
    user.email_verified_at = timezone.now()
    user.save(update_fields=["email_verified_at", "updated_at"])
    return user, True


def resend_verification(user: User) -> None:
    """E-mail `user` a fresh verification link, unless verified already; a few times an hour."""
    require(edit_profile, user, user)
    if user.email_verified:
        return
    RESEND_LIMIT.check_and_hit(str(user.pk))
    transaction.on_commit(partial(tasks.send_verification_email.delay, user.pk))
