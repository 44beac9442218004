"""Checking a login attempt, under rate limits on failures.

Failures are counted per account and per client address separately. A browser that has logged in
to an account before carries a signed "known client" cookie for it; such a client is judged by
its own failures only, so a lockout that someone else's guesses caused (on the account, or from
a clinic's shared address) does not keep the account's owner out.
"""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth import authenticate
from django.core import signing
from django.utils.translation import gettext_lazy as _

from praxis.accounts.models import SecurityEventKind, User
from praxis.accounts.services import audit
from praxis.core.errors import ErrorCode, RateLimited, ValidationFailed
from praxis.core.ratelimit import RateLimit

# Many health workers share one public address (a hospital's network, a mobile carrier's NAT),
# so an address may fail several times as often as one account before it is held back.
ADDRESS_ALLOWANCE = 4
KNOWN_CLIENT_COOKIE = "praxis_known_client"
KNOWN_CLIENT_SALT = "praxis.accounts.known_client"
KNOWN_CLIENT_MAX_AGE = 365 * 24 * 3600
# A shared computer in a clinic may be known to a few people's accounts; older ones drop off.
KNOWN_CLIENT_ACCOUNTS = 10


def email_limit() -> RateLimit:
    """Failed logins allowed per account (the e-mail address tried), from unknown clients."""
    return RateLimit.from_settings("login_email", "LOGIN_RATE_LIMIT", "LOGIN_RATE_WINDOW")


def address_limit() -> RateLimit:
    """Failed logins allowed per client address, whatever the accounts tried."""
    per_email = email_limit()
    return RateLimit("login_address", per_email.limit * ADDRESS_ALLOWANCE, per_email.window)


def known_client_limit() -> RateLimit:
    """Failed logins allowed to one known client."""
    per_email = email_limit()
    return RateLimit("login_known_client", per_email.limit, per_email.window)


def _email_key(email: str) -> str:
    return email.strip().lower()


def _account_mark(email_key: str) -> str:
    return hashlib.sha256(email_key.encode()).hexdigest()[:20]


def _read_known_client(cookie: str) -> tuple[str, list[str]]:
    """The client's id and the accounts it logged in to, or ("", []) for a missing or bad cookie."""
    try:
        value = signing.loads(cookie, salt=KNOWN_CLIENT_SALT, max_age=KNOWN_CLIENT_MAX_AGE)
        client_id, accounts = str(value["id"]), [str(a) for a in value["accounts"]]
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return "", []
    return client_id, accounts


def _known_client_of(cookie: str, email_key: str) -> str:
    client_id, accounts = _read_known_client(cookie)
    return client_id if _account_mark(email_key) in accounts else ""


def check_credentials(
    *, email: str, password: str, client_address: str, known_client: str = ""
) -> User:
    """The active person with this e-mail address and password.

    `known_client` is the KNOWN_CLIENT_COOKIE the browser sent, if any. Raises RateLimited,
    before looking at the password, once the client is held back: a client known to this
    account after its own failures; any other client after failures on the account, or from
    its address. ValidationFailed(INVALID_CREDENTIALS) otherwise, which says nothing about
    whether the address has an account.
    """
    key = _email_key(email)
    client_id = _known_client_of(known_client, key)
    if client_id:
        held_back = known_client_limit().exceeded(client_id)
    else:
        held_back = email_limit().exceeded(key) or address_limit().exceeded(client_address)
    if held_back:
        raise RateLimited()
    user = authenticate(None, email=key, password=password)
    if not isinstance(user, User):
        owner = User.objects.filter(email=key).first()
        if owner is not None:
            audit.record(owner, SecurityEventKind.LOGIN_FAILED, client_address=client_address)
        if client_id:
            known_client_limit().hit(client_id)
        else:
            email_limit().hit(key)
            address_limit().hit(client_address)
        raise ValidationFailed(
            ErrorCode.INVALID_CREDENTIALS,
            _("The e-mail address or the password is not right."),
        )
    if client_id:
        known_client_limit().reset(client_id)
    else:
        forget_failures(key)
    return user


def remember_client(known_client: str, user: User) -> str:
    """The KNOWN_CLIENT_COOKIE value to set after `user` logged in with this browser."""
    client_id, accounts = _read_known_client(known_client)
    mark = _account_mark(_email_key(user.email))
    others = [a for a in accounts if a != mark][-(KNOWN_CLIENT_ACCOUNTS - 1) :]
    accounts = [*others, mark]
    value = {"id": client_id or secrets.token_urlsafe(16), "accounts": accounts}
    return signing.dumps(value, salt=KNOWN_CLIENT_SALT, compress=True)


def record_failure(email: str) -> None:
    """Count a wrong password given elsewhere (e.g. when changing it) against the account."""
    email_limit().hit(_email_key(email))


def failures_exceeded(email: str) -> bool:
    return email_limit().exceeded(_email_key(email))


def forget_failures(email: str) -> None:
    """Clear the account's failed attempts, after a login or a password reset."""
    email_limit().reset(_email_key(email))
