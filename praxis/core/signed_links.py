"""Links sent by e-mail that name one row by its key, signed so that nobody can make one.

A token is django.core.signing's: the key as JSON, a timestamp, and an HMAC with SECRET_KEY
under a salt of the link's own purpose, so a token made for one purpose is refused for another
and nothing is stored. Each app keeps its own rules: which row the key finds, who may use the
link, when it expires, and the refusal its users are shown.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar
from uuid import UUID

from django.core import signing

from praxis.core.errors import PraxisError

# What a link names its row by: its UUID, or its primary key.
K = TypeVar("K", UUID, int)


@dataclass(frozen=True)
class SignedLink(Generic[K]):
    """One purpose of link: its salt, the type of key it names its row by, the refusal of a
    token not made for it, and, when the token itself expires, its lifetime and the refusal of
    an expired one.

    `key_name` puts the key in a one-entry object under that name instead of alone: the form
    some links have always had, kept so that the links already sent still work."""

    salt: str
    key_type: type[K]
    invalid: Callable[[], PraxisError]
    max_age: datetime.timedelta | None = None
    expired: Callable[[], PraxisError] | None = None
    key_name: str = ""

    def token(self, key: K) -> str:
        """The token naming the row whose key is `key`."""
        value = str(key) if isinstance(key, UUID) else key
        return signing.dumps({self.key_name: value} if self.key_name else value, salt=self.salt)

    def key(self, token: str) -> K:
        """The key `token` names; raises `invalid()` if it is forged, altered, garbled or made
        for another purpose, and `expired()` once it is older than `max_age`."""
        try:
            value = signing.loads(token, salt=self.salt, max_age=self.max_age)
        except signing.SignatureExpired as error:
            raise (self.expired or self.invalid)() from error
        except (signing.BadSignature, ValueError) as error:
            raise self.invalid() from error
        if self.key_name:
            value = value.get(self.key_name) if isinstance(value, dict) else None
        # Read from its text, a key of any other form than the one made here is refused.
        try:
            return self.key_type(str(value))
        except ValueError as error:
            raise self.invalid() from error
