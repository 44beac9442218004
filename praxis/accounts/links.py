"""Signed, expiring links sent by e-mail: verifying an address and resetting a password.

Tokens are made with django.core.signing (HMAC with SECRET_KEY, a timestamp, a salt per
purpose), so nothing is stored. A verification token names the address it verifies, so it dies
when the address changes; a reset token carries a fingerprint of the current password hash, so
it works once and dies when the password changes.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

from praxis.accounts.models import User

VERIFY_SALT = "praxis.accounts.verify_email"
RESET_SALT = "praxis.accounts.reset_password"
EMAIL_VERIFICATION_MAX_AGE = datetime.timedelta(days=7)
CHANGE_EMAIL_SALT = "praxis.accounts.change_email"
UNDO_EMAIL_SALT = "praxis.accounts.undo_email_change"
EMAIL_CHANGE_MAX_AGE = datetime.timedelta(days=2)
EMAIL_UNDO_MAX_AGE = datetime.timedelta(days=7)


class BadToken(Exception):
    """The token is malformed, tampered with, expired or no longer applies."""


def _password_fingerprint(user: User) -> str:
    return salted_hmac(RESET_SALT, f"{user.pk}:{user.password}").hexdigest()[:20]


def make_verification_token(user: User) -> str:
    return signing.dumps({"u": str(user.uuid), "e": user.email}, salt=VERIFY_SALT)


def read_verification_token(token: str) -> User:
    """The person whose current address the token verifies; raises BadToken otherwise."""
    try:
        data = signing.loads(token, salt=VERIFY_SALT, max_age=EMAIL_VERIFICATION_MAX_AGE)
        user = User.objects.get(uuid=data["u"], is_active=True)
    except (signing.BadSignature, User.DoesNotExist, KeyError, TypeError, ValueError) as error:
        raise BadToken from error
    if user.email != data["e"]:
        raise BadToken
    return user


# Kept over Django's PasswordResetTokenGenerator: it needs the user id beside the token in the
# URL and also expires on login, so links already sent in this one-token format would break.
def make_reset_token(user: User) -> str:
    return signing.dumps({"u": str(user.uuid), "p": _password_fingerprint(user)}, salt=RESET_SALT)


def read_reset_token(token: str) -> User:
    """The person the token lets set a new password; raises BadToken otherwise."""
    try:
        data = signing.loads(token, salt=RESET_SALT, max_age=settings.PASSWORD_RESET_TIMEOUT)
        user = User.objects.get(uuid=data["u"], is_active=True)
    except (signing.BadSignature, User.DoesNotExist, KeyError, TypeError, ValueError) as error:
        raise BadToken from error
    if not constant_time_compare(str(data["p"]), _password_fingerprint(user)):
        raise BadToken
    return user


def verification_url(user: User) -> str:
    token = make_verification_token(user)
    return settings.SITE_URL + reverse("accounts:verify_email", kwargs={"token": token})


def reset_url(user: User) -> str:
    token = make_reset_token(user)
    return settings.SITE_URL + reverse("accounts:password_reset_confirm", kwargs={"token": token})


# A change link names the address it replaces and the new one: it stops working once the
# address has changed (by it, or otherwise). An undo link names the address it restores and the
# one it replaces: it works while that change is still in place, once.
def make_email_change_token(user: User, new_email: str) -> str:
    data = {"u": str(user.uuid), "old": user.email, "new": new_email}
    return signing.dumps(data, salt=CHANGE_EMAIL_SALT)


def make_email_undo_token(user: User, old_email: str) -> str:
    data = {"u": str(user.uuid), "old": old_email, "new": user.email}
    return signing.dumps(data, salt=UNDO_EMAIL_SALT)


def _read_email_token(
    token: str, salt: str, max_age: datetime.timedelta, current: str
) -> tuple[User, dict[str, str]]:
    """The person and the token's addresses, if the person's address is still `current`'s."""
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
        user = User.objects.get(uuid=data["u"], is_active=True)
        addresses = {"old": str(data["old"]), "new": str(data["new"])}
    except (signing.BadSignature, User.DoesNotExist, KeyError, TypeError, ValueError) as error:
        raise BadToken from error
    if user.email != addresses[current]:
        raise BadToken
    return user, addresses


def read_email_change_token(token: str) -> tuple[User, str]:
    """The person and the new address the token confirms; BadToken once it no longer applies."""
    user, addresses = _read_email_token(token, CHANGE_EMAIL_SALT, EMAIL_CHANGE_MAX_AGE, "old")
    return user, addresses["new"]


def read_email_undo_token(token: str) -> tuple[User, str]:
    """The person and the address the token restores; BadToken once it no longer applies."""
    user, addresses = _read_email_token(token, UNDO_EMAIL_SALT, EMAIL_UNDO_MAX_AGE, "new")
    return user, addresses["old"]


def email_change_url(user: User, new_email: str) -> str:
    token = make_email_change_token(user, new_email)
    return settings.SITE_URL + reverse("accounts:email_change_confirm", kwargs={"token": token})


def email_undo_url(user: User, old_email: str) -> str:
    token = make_email_undo_token(user, old_email)
    return settings.SITE_URL + reverse("accounts:email_change_undo", kwargs={"token": token})
