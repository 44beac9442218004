"""Recovery codes: ten single-use codes that stand in for the second factor when the phone or
passkey is lost.

Only a keyed digest of each code is stored (HMAC-SHA256 under a key derived from SECRET_KEY), so
a copy of the database alone does not give the codes away, nor lets them be guessed offline. A
code is checked against every one of the person's digests with a constant-time comparison, and
deleted when used: a second use finds nothing. Rotating SECRET_KEY keeps codes working while the
old key is listed in SECRET_KEY_FALLBACKS.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import transaction
from django.utils.crypto import constant_time_compare, salted_hmac

from praxis.accounts.models import RecoveryCode, User

COUNT = 10
LENGTH = 8
# Lower-case Base32: no 0/1/8/9 to mistake for O/I/B/g.
ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"
DIGEST_SALT = "praxis.accounts.recovery_code"


def digest(code: str, secret: str | None = None) -> str:
    """The stored form of `code` (normalised: no spaces or dashes, lower case)."""
    return salted_hmac(DIGEST_SALT, code, secret=secret, algorithm="sha256").hexdigest()


def _digests(code: str) -> list[str]:
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [digest(code, key) for key in keys]


def new_codes(user: User) -> list[str]:
    """Replace `user`'s recovery codes by COUNT new ones, returned to be shown once."""
    codes = ["".join(secrets.choice(ALPHABET) for _i in range(LENGTH)) for _n in range(COUNT)]
    with transaction.atomic():
        RecoveryCode.objects.filter(person=user).delete()
        RecoveryCode.objects.bulk_create(RecoveryCode(person=user, digest=digest(c)) for c in codes)
    return codes


def use(user: User, code: str) -> bool:
    """Spend `code` (already normalised) if it is one of `user`'s unused codes."""
    if len(code) != LENGTH:
        return False
    candidates = _digests(code)
    match = None
    # Every stored digest is compared, whichever matches, so timing tells nothing.
    for pk, stored in RecoveryCode.objects.filter(person=user).values_list("pk", "digest"):
        for candidate in candidates:
            if constant_time_compare(stored, candidate):
                match = pk
    if match is None:
        return False
    # Deleting is the spending: of two requests racing with the same code, one deletes it.
    deleted, _kinds = RecoveryCode.objects.filter(pk=match).delete()
    return deleted > 0


def left(user: User) -> int:
    count: int = RecoveryCode.objects.filter(person=user).count()
    return count


def forget(user: User) -> None:
    RecoveryCode.objects.filter(person=user).delete()
