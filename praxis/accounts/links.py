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
