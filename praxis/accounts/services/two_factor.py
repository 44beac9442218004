"""Two-factor authentication: a time-based one-time password (TOTP) app, and recovery codes.

The app is django-otp's `TOTPDevice`, one confirmed per person; recovery codes are kept hashed
(services.recovery_codes); passkeys are the other second factor (services.passkeys). Anyone may
turn it on; staff and platform admins must.
"""

from __future__ import annotations

import base64

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from praxis.accounts.models import Passkey, SecurityEventKind, User
from praxis.accounts.permissions import edit_profile
from praxis.accounts.services import recovery_codes
from praxis.accounts.services.audit import record
from praxis.accounts.services.login import record_failure
from praxis.core.errors import Conflict, ErrorCode, PermissionDenied, RateLimited, ValidationFailed
from praxis.core.permissions import require
from praxis.core.ratelimit import RateLimit

RECOVERY_CODE_COUNT = recovery_codes.COUNT
TOTP_NAME = "app"
# Wrong codes allowed per person in a quarter of an hour, whichever way they are tried.
CODE_LIMIT = RateLimit("second_factor", limit=5, window=900)


def required_for(user: User) -> bool:
    """Whether `user` must use a second factor: academy staff and platform admins."""
    return bool(user.is_staff or user.is_superuser)


def has_app(user: User) -> bool:
    """Whether `user` has a confirmed authenticator app."""
    exists: bool = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    return exists


def has_passkey(user: User) -> bool:
    exists: bool = Passkey.objects.filter(person=user).exists()
    return exists


def has_two_factor(user: User) -> bool:
    """Whether `user` has a second factor: a confirmed authenticator app or a passkey."""
    return has_app(user) or has_passkey(user)


def secret_of(device: TOTPDevice) -> str:
    """The device's secret as the Base32 text authenticator apps accept, in groups of four."""
    text = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def recovery_codes_left(user: User) -> int:
    return recovery_codes.left(user)


def begin_setup(user: User) -> TOTPDevice:
    """The unconfirmed authenticator `user` is setting up (the same one until confirmed)."""
    require(edit_profile, user, user)
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)


def _normalised(code: object) -> str:
    if not isinstance(code, str) or len(code) > 40:
        return ""
    return "".join(code.split()).replace("-", "").lower()


def _wrong_code(user: User, request: HttpRequest | None) -> ValidationFailed:
    CODE_LIMIT.hit(str(user.pk))
    record(user, SecurityEventKind.SECOND_FACTOR_FAILED, request=request)
    return ValidationFailed(
        ErrorCode.INVALID_SECOND_FACTOR_CODE,
        fields={"code": [_("This code is not right, or has expired. Try the newest one.")]},
    )


def confirm_setup(user: User, code: object, *, request: HttpRequest | None = None) -> list[str]:
    """Turn two-factor authentication on once the app's first code is right; returns the new
    recovery codes (shown once). A previous app stops working.

    Raises Conflict(NO_TWO_FACTOR_SETUP) without a setup begun, RateLimited after too many
    wrong codes, ValidationFailed(INVALID_SECOND_FACTOR_CODE) on "code".
    """
    require(edit_profile, user, user)
    CODE_LIMIT.check(str(user.pk))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        raise Conflict(
            ErrorCode.NO_TWO_FACTOR_SETUP,
            _("Start again: the setup has already been finished or was not begun."),
        )
    token = _normalised(code)
    if not (token.isdigit() and len(token) == device.digits and device.verify_token(token)):
        raise _wrong_code(user, request)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = recovery_codes.new_codes(user)
        record(user, SecurityEventKind.TWO_FACTOR_ENABLED, request=request)
    return codes


def check_code(user: User, code: object, *, request: HttpRequest | None = None) -> None:
    """Accept the current code of `user`'s app, or one of their unused recovery codes (which
    then stops working). Raises RateLimited after too many wrong codes,
    ValidationFailed(INVALID_SECOND_FACTOR_CODE) on "code" otherwise."""
    CODE_LIMIT.check(str(user.pk))
    token = _normalised(code)
    if token.isdigit():
        for device in TOTPDevice.objects.filter(user=user, confirmed=True):
            if not device.verify_is_allowed()[0]:
                raise RateLimited()
            if device.verify_token(token):
                CODE_LIMIT.reset(str(user.pk))
                return
    elif token and recovery_codes.use(user, token):
        CODE_LIMIT.reset(str(user.pk))
        left = recovery_codes_left(user)
        record(user, SecurityEventKind.RECOVERY_CODE_USED, request=request, left=left)
        return
    raise _wrong_code(user, request)


def renew_recovery_codes(user: User, *, request: HttpRequest | None = None) -> list[str]:
    """New recovery codes for `user` (the old ones stop working); Conflict without 2FA on."""
    require(edit_profile, user, user)
    if not has_two_factor(user):
        raise Conflict(ErrorCode.NO_TWO_FACTOR_SETUP, _("Turn two-factor authentication on first."))
    with transaction.atomic():
        codes = recovery_codes.new_codes(user)
        record(user, SecurityEventKind.RECOVERY_CODES_RENEWED, request=request)
    return codes


def turn_off(user: User, password: object, *, request: HttpRequest | None = None) -> None:
    """Remove `user`'s app and recovery codes after checking their password.

    Raises PermissionDenied(SECOND_FACTOR_REQUIRED) for staff and platform admins, who must
    keep it; ValidationFailed(INVALID_CREDENTIALS) on "password" when it is wrong.
    """
    require(edit_profile, user, user)
    if required_for(user):
        raise PermissionDenied(
            ErrorCode.SECOND_FACTOR_REQUIRED,
            _("Staff and platform admins must keep two-factor authentication on."),
        )
    if not isinstance(password, str) or not user.check_password(password):
        record_failure(user.email)
        raise ValidationFailed(
            ErrorCode.INVALID_CREDENTIALS,
            fields={"password": [_("Your password is not right.")]},
        )
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        Passkey.objects.filter(person=user).delete()
        recovery_codes.forget(user)
        record(user, SecurityEventKind.TWO_FACTOR_DISABLED, request=request)
