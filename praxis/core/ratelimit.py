"""Fixed-window rate limits kept in the cache, for login and other write endpoints.

A `RateLimit` counts events (failed logins, reset requests, posts…) per identity — a client
address, an e-mail address, a person — in windows of `window` seconds. Callers ask `exceeded()`
before doing the expensive or sensitive work, and `hit()` when an event should count. Counts live
in the "counters" cache, shared by every worker: Redis in production, so the limit holds across
machines; without Redis, a SQLite file in var/ shared by the workers of this machine.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest

from praxis.core.errors import RateLimited


@dataclass(frozen=True)
class RateLimit:
    """At most `limit` events per identity in each window of `window` seconds."""

    scope: str
    limit: int
    window: int

    @classmethod
    def from_settings(cls, scope: str, limit_setting: str, window_setting: str) -> RateLimit:
        """A limit whose numbers are read from settings now (so tests may override them)."""
        return cls(scope, getattr(settings, limit_setting), getattr(settings, window_setting))

    def _key(self, identity: str) -> str:
        # Hashed so that e-mail addresses never appear in cache keys, and keys stay short.
        digest = hashlib.sha256(identity.encode()).hexdigest()[:32]
        current = int(time.time() // self.window)
        return f"ratelimit:{self.scope}:{current}:{digest}"

    def count(self, identity: str) -> int:
        """Events counted for `identity` in the current window."""
        return int(caches["counters"].get(self._key(identity), 0))

    def exceeded(self, *identities: str) -> bool:
        """Whether any of `identities` has used up its allowance in the current window."""
        keys = [self._key(identity) for identity in identities if identity]
        counts = caches["counters"].get_many(keys)
        return any(int(value) >= self.limit for value in counts.values())

    def hit(self, *identities: str) -> None:
        """Count one event against each of `identities`."""
        for identity in identities:
            if not identity:
                continue
            key = self._key(identity)
            # add() is a no-op when the key exists; incr() is atomic on Redis and the counter file.
            store = caches["counters"]
            store.add(key, 0, timeout=self.window)
            try:
                store.incr(key)
            except ValueError:  # expired between add() and incr()
                store.set(key, 1, timeout=self.window)

    def reset(self, *identities: str) -> None:
        """Forget the events counted for `identities` in the current window."""
        caches["counters"].delete_many([self._key(identity) for identity in identities if identity])

    def check(self, *identities: str) -> None:
        """Raise RateLimited if any of `identities` has used up its allowance."""
        if self.exceeded(*identities):
            raise RateLimited.within(self.window)

    def check_and_hit(self, *identities: str) -> None:
        """For endpoints where every attempt counts: refuse when over the limit, else count."""
        self.check(*identities)
        self.hit(*identities)


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the address our own proxies saw.

    With TRUSTED_PROXY_HOPS = n (the number of proxies in front of the application that append
    to X-Forwarded-For), the n-th address from the right is the client as the outermost proxy
    saw it; anything further left was written by the client and cannot be trusted.
    """
    hops = settings.TRUSTED_PROXY_HOPS
    if hops > 0:
        forwarded = [
            part.strip()
            for part in request.headers.get("X-Forwarded-For", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return str(request.META.get("REMOTE_ADDR", ""))
