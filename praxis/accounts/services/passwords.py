"""Changing and resetting passwords."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praxis.accounts import links, tasks
from praxis.accounts.models import ApiToken, SecurityEventKind, User
from praxis.accounts.permissions import edit_profile
from praxis.accounts.services import login
from praxis.accounts.services.audit import record
from praxis.accounts.services.sessions import end_other_sessions
from praxis.accounts.services.tokens import revoke_all_api_tokens
from praxis.accounts.validation import FieldError, clean_email, clean_password, invalid
from praxis.core.errors import ErrorCode, RateLimited, ValidationFailed
from praxis.core.permissions import require
from praxis.core.ratelimit import RateLimit

# Reset e-mails asked for one address: enough for a lost message, too few to flood a mailbox.
RESET_LIMIT = RateLimit("password_reset", limit=3, window=3600)


@dataclass(frozen=True)
class PasswordChanged:
    """The person whose password changed, and the API tokens that stopped working with it."""

    user: User
    revoked_tokens: list[ApiToken]


def _set_password(
    user: User, new_password: str, kind: SecurityEventKind, *fields: str
) -> PasswordChanged:
    """Save the new password, revoke the person's API tokens, and e-mail them both facts."""
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password", *fields, "updated_at"])
        record(user, kind)
        revoked = revoke_all_api_tokens(user)
        transaction.on_commit(
            partial(tasks.send_password_changed_email.delay, user.pk, [t.pk for t in revoked])
        )
    return PasswordChanged(user, revoked)


def request_password_reset(email: str) -> None:
    """E-mail a reset link if an active account has this address.

    Answers the same whether or not the account exists (so it reveals nothing); only a malformed
    address raises ValidationFailed. Past a few requests an hour for one address, it quietly
    sends nothing.
    """
    try:
        address = clean_email(email)
    except FieldError as error:
        raise invalid("email", error) from error
    if RESET_LIMIT.exceeded(address):
        return
    RESET_LIMIT.hit(address)
    user = User.objects.filter(email__iexact=address, is_active=True).first()
    if user is not None:
        transaction.on_commit(partial(tasks.send_password_reset_email.delay, user.pk))


def reset_password(token: str, new_password: str) -> PasswordChanged:
    """Set a new password with a reset link; the link then stops working.

    The person's API tokens are revoked (whoever knew the old password may have made one) and
    an e-mail tells them so.

    Raises ValidationFailed(INVALID_TOKEN) for a bad, expired or used link, and
    ValidationFailed(WEAK_PASSWORD) on "new_password" for a password the validators refuse.
    Opening the link proves the mailbox, so the address counts as verified too.
    """
    try:
        user = links.read_reset_token(token)
    except links.BadToken as error:
        raise ValidationFailed(
            ErrorCode.INVALID_TOKEN,
            _("This link is not valid, has been used or has expired. Ask for a new one."),
        ) from error
    try:
        clean_password(new_password, user)
    except FieldError as error:
        raise invalid("new_password", error) from error
    user.email_verified_at = user.email_verified_at or timezone.now()
    changed = _set_password(
        user, new_password, SecurityEventKind.PASSWORD_RESET, "email_verified_at"
    )
    end_other_sessions(user)  # whoever knew the old password is signed out everywhere
    login.forget_failures(user.email)
    return changed


def change_password(user: User, old_password: str, new_password: str) -> PasswordChanged:
    """Change `user`'s password after checking the current one.

    Raises ValidationFailed(INVALID_CREDENTIALS) on "old_password" if it is wrong (counted like
    a failed login), ValidationFailed(WEAK_PASSWORD) on "new_password", RateLimited past the
    login limit. Other sessions of the person end, because the session hash changes, and their
    API tokens are revoked; an e-mail tells them so. The caller keeps its own session
    (`update_session_auth_hash`) and ends the others (`sessions.end_other_sessions`).
    """
    require(edit_profile, user, user)
    if login.failures_exceeded(user.email):
        raise RateLimited()
    if not isinstance(old_password, str) or not user.check_password(old_password):
        login.record_failure(user.email)
        raise ValidationFailed(
            ErrorCode.INVALID_CREDENTIALS,
            fields={"old_password": [_("Your current password is not right.")]},
        )
    try:
        clean_password(new_password, user)
    except FieldError as error:
        raise invalid("new_password", error) from error
    return _set_password(user, new_password, SecurityEventKind.PASSWORD_CHANGED)
