"""Changing one's e-mail address: confirmed from the new mailbox, undoable from the old one.

Nothing is stored while a change waits: the link sent to the new address is signed and names
both addresses, so it stops working once the address has changed. The old address is then told,
with a link that restores it for EMAIL_UNDO_MAX_AGE and ends every session.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praxis.accounts import links, tasks
from praxis.accounts.models import SecurityEventKind, User
from praxis.accounts.permissions import edit_profile
from praxis.accounts.services import login
from praxis.accounts.services.audit import record
from praxis.accounts.services.sessions import end_other_sessions
from praxis.accounts.services.tokens import revoke_all_api_tokens
from praxis.accounts.validation import FieldError, clean_email, invalid
from praxis.core.errors import (
    Conflict,
    ErrorCode,
    PermissionDenied,
    RateLimited,
    ValidationFailed,
)
from praxis.core.permissions import require
from praxis.core.ratelimit import RateLimit

# Changes of address one person may ask for in an hour (each sends a confirmation e-mail).
CHANGE_LIMIT = RateLimit("email_change", limit=3, window=3600)


def _taken() -> Conflict:
    return Conflict(
        ErrorCode.EMAIL_TAKEN,
        fields={"new_email": [_("Another account uses this address.")]},
    )


def _address_in_use(address: str, *, apart_from: User) -> bool:
    return User.objects.filter(email__iexact=address).exclude(pk=apart_from.pk).exists()


def request_email_change(
    user: User, new_email: object, password: object, *, request: HttpRequest | None = None
) -> str:
    """E-mail a confirmation link to `new_email`; returns the cleaned address. Nothing changes
    until the link is followed.

    Raises ValidationFailed on "new_email" (malformed: INVALID_INPUT; the current address:
    EMAIL_UNCHANGED), Conflict(EMAIL_TAKEN) on "new_email", ValidationFailed(INVALID_CREDENTIALS)
    on "password", RateLimited past a few requests an hour.
    """
    require(edit_profile, user, user)
    try:
        address = clean_email(new_email)
    except FieldError as error:
        raise invalid("new_email", error) from error
    if address == user.email.lower():
        raise ValidationFailed(
            ErrorCode.EMAIL_UNCHANGED,
            fields={"new_email": [_("This is your address already.")]},
        )
    if login.failures_exceeded(user.email):
        raise RateLimited()
    if not isinstance(password, str) or not user.check_password(password):
        login.record_failure(user.email)
        raise ValidationFailed(
            ErrorCode.INVALID_CREDENTIALS,
            fields={"password": [_("Your password is not right.")]},
        )
    # Counted before the address is looked up: asking about addresses that have an account
    # counts too, so this page cannot be used to find out, address after address, who has one.
    CHANGE_LIMIT.check_and_hit(str(user.pk))
    if _address_in_use(address, apart_from=user):
        raise _taken()
    record(user, SecurityEventKind.EMAIL_CHANGE_REQUESTED, request=request, new=address)
    transaction.on_commit(partial(tasks.send_email_change_email.delay, user.pk, address))
    return address


def _bad_link() -> ValidationFailed:
    return ValidationFailed(
        ErrorCode.INVALID_TOKEN,
        _("This link is not valid, has been used or has expired. Ask for a new one."),
    )


def read_change_link(token: str, *, viewer: User | None = None) -> tuple[User, str]:
    """The person and new address a confirmation link names, if it still applies.

    Raises ValidationFailed(INVALID_TOKEN) for a tampered, expired or used link, and
    PermissionDenied(WRONG_ACCOUNT) when `viewer`, logged in, is someone else.
    """
    try:
        user, new = links.read_email_change_token(token)
    except links.BadToken as error:
        raise _bad_link() from error
    if viewer is not None and viewer.pk != user.pk:
        raise PermissionDenied(
            ErrorCode.WRONG_ACCOUNT,
            _("This link is for another account. Log out, then open it again."),
        )
    return user, new


@dataclass(frozen=True)
class EmailChanged:
    user: User
    old_email: str
    sessions_ended: int


def confirm_email_change(
    token: str,
    *,
    viewer: User | None = None,
    end_other_sessions_too: bool = False,
    keep_session: str = "",
    request: HttpRequest | None = None,
) -> EmailChanged:
    """Change the address as the link says; it counts as verified. The old address is told,
    with an undo link. With `end_other_sessions_too`, every session but `keep_session` ends.

    Raises as read_change_link, and Conflict(EMAIL_TAKEN) if the address was taken meanwhile.
    """
    user, new = read_change_link(token, viewer=viewer)
    old = user.email
    try:
        with transaction.atomic():
            locked = User.objects.select_for_update().get(pk=user.pk)
            if locked.email != old:
                raise _bad_link()
            if _address_in_use(new, apart_from=user):
                raise _taken()
            locked.email = new
            locked.email_verified_at = timezone.now()
            locked.save(update_fields=["email", "email_verified_at", "updated_at"])
            record(locked, SecurityEventKind.EMAIL_CHANGED, request=request, old=old, new=new)
            ended = end_other_sessions(locked, keep=keep_session) if end_other_sessions_too else 0
            transaction.on_commit(partial(tasks.send_email_changed_notice.delay, locked.pk, old))
    except IntegrityError as error:  # taken between the check and the write
        raise _taken() from error
    login.forget_failures(old)
    return EmailChanged(locked, old, ended)


def read_undo_link(token: str) -> tuple[User, str]:
    """The person and the address an undo link restores; ValidationFailed(INVALID_TOKEN)."""
    try:
        return links.read_email_undo_token(token)
    except links.BadToken as error:
        raise _bad_link() from error


def undo_email_change(token: str, *, request: HttpRequest | None = None) -> User:
    """Restore the old address named by an undo link, end every session and revoke every API
    token (whoever changed the address may hold them). Works once.

    Raises ValidationFailed(INVALID_TOKEN), or Conflict(EMAIL_TAKEN) if another account took
    the old address meanwhile.
    """
    user, old = read_undo_link(token)
    try:
        with transaction.atomic():
            locked = User.objects.select_for_update().get(pk=user.pk)
            changed_to = locked.email
            if changed_to != user.email:
                raise _bad_link()
            if _address_in_use(old, apart_from=user):
                raise _taken()
            locked.email = old
            locked.email_verified_at = timezone.now()
            locked.save(update_fields=["email", "email_verified_at", "updated_at"])
            record(
                locked,
                SecurityEventKind.EMAIL_CHANGE_UNDONE,
                request=request,
                restored=old,
                replaced=changed_to,
            )
            end_other_sessions(locked)
            revoke_all_api_tokens(locked)
    except IntegrityError as error:
        raise _taken() from error
    return locked
