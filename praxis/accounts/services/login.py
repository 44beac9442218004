"""Checking a login attempt, under a rate limit on failures."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _

from praxis.accounts.models import User
from praxis.core.errors import ErrorCode, RateLimited, ValidationFailed
from praxis.core.ratelimit import RateLimit

# Many health workers share one public address (a hospital's network, a mobile carrier's NAT),
# so an address may fail several times as often as one account before it is held back.
ADDRESS_ALLOWANCE = 4


def email_limit() -> RateLimit:
    """Failed logins allowed per e-mail address tried."""
    return RateLimit.from_settings("login_email", "LOGIN_RATE_LIMIT", "LOGIN_RATE_WINDOW")


def address_limit() -> RateLimit:
    """Failed logins allowed per client address."""
    per_email = email_limit()
    return RateLimit("login_address", per_email.limit * ADDRESS_ALLOWANCE, per_email.window)


def _email_key(email: str) -> str:
    return email.strip().lower()


def check_credentials(*, email: str, password: str, client_address: str) -> User:
    """The active person with this e-mail address and password.

    Raises RateLimited, before looking at the password, once the address tried or the client has
    failed too often in the current window; ValidationFailed(INVALID_CREDENTIALS) otherwise, which
    says nothing about whether the address has an account.
    """
    key = _email_key(email)
    if email_limit().exceeded(key) or address_limit().exceeded(client_address):
        raise RateLimited()
    user = authenticate(None, email=key, password=password)
    if not isinstance(user, User):
        email_limit().hit(key)
        address_limit().hit(client_address)
        raise ValidationFailed(
            ErrorCode.INVALID_CREDENTIALS,
            _("The e-mail address or the password is not right."),
        )
    forget_failures(key)
    return user


def record_failure(email: str) -> None:
    """Count a wrong password given elsewhere (e.g. when changing it) against the account."""
    email_limit().hit(_email_key(email))


def failures_exceeded(email: str) -> bool:
    return email_limit().exceeded(_email_key(email))


def forget_failures(email: str) -> None:
    """Clear the account's failed attempts, after a login or a password reset."""
    email_limit().reset(_email_key(email))
