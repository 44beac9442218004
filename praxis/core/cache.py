"""A Redis cache that an outage turns into misses, not errors.

Everything Praxis keeps in the cache can be recomputed or lost: rendered pages, the
catalogue's version, verification results, rate-limit counters, the cached copy of a session
(sessions live in the database, `cached_db`). So while Redis is unreachable a read is a miss and
a write does nothing; the first failure of an outage is logged, and the next success ends it.
Rate limits do not count during an outage (they fail open), which the log makes visible.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

#: The errors that mean "Redis cannot be reached now" (not a programming error).
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)

T = TypeVar("T")


class KeptClient(RedisCacheClient):
    """Django's Redis client, which makes a new redis-py client for every command: redis-py 8
    fills each new one with its 169 response callbacks, half the CPU of a GET (about 0.1 ms of
    0.2). One client per server is kept instead; it holds no connection of its own, taking one
    from the server's pool for each command, as Django's do."""

    def __init__(self, servers: list[str], **options: Any) -> None:
        super().__init__(servers, **options)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]  # Django's, not in its stubs
        client = self._clients.get(id(pool))  # a pool is kept for the process's life
        if client is None:
            make = self._client  # type: ignore[attr-defined]  # redis.Redis, not in Django's stubs
            client = self._clients[id(pool)] = make(connection_pool=pool)
        return client


class FailSoftRedisCache(RedisCache):
    """Django's Redis cache, answering as an empty cache while Redis is unreachable."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = params.setdefault("OPTIONS", {})
        # A dead host must not hold a request for long: give up on it within a second.
        options.setdefault("socket_connect_timeout", 1)
        options.setdefault("socket_timeout", 1)
        super().__init__(server, params)
        self._class = KeptClient
        self.location = server

    # Django makes one backend per alias and thread; an outage is logged once per server.
    _failing: set[str] = set()

    def _soft(self, call: Callable[[], T], fallback: T) -> T:
        try:
            answer = call()
        except UNREACHABLE as error:
            if self.location not in self._failing:
                self._failing.add(self.location)
                logger.error("Cache unreachable; serving without it until it answers: %s", error)
            return fallback
        if self.location in self._failing:
            self._failing.discard(self.location)
            logger.warning("Cache reachable again.")
        return answer

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> Any:
        return self._soft(
            lambda: super(FailSoftRedisCache, self).add(key, value, timeout, version), False
        )

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        return self._soft(
            lambda: super(FailSoftRedisCache, self).get(key, default, version), default
        )

    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> None:
        self._soft(lambda: super(FailSoftRedisCache, self).set(key, value, timeout, version), None)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> Any:
        return self._soft(
            lambda: super(FailSoftRedisCache, self).touch(key, timeout, version), False
        )

    def delete(self, key: Any, version: Any = None) -> Any:
        return self._soft(lambda: super(FailSoftRedisCache, self).delete(key, version), False)

    def get_many(self, keys: Any, version: Any = None) -> Any:
        return self._soft(lambda: super(FailSoftRedisCache, self).get_many(keys, version), {})

    def has_key(self, key: Any, version: Any = None) -> Any:
        return self._soft(lambda: super(FailSoftRedisCache, self).has_key(key, version), False)

    def incr(self, key: Any, delta: int = 1, version: Any = None) -> Any:
        return self._soft(lambda: super(FailSoftRedisCache, self).incr(key, delta, version), delta)

    def set_many(self, data: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> Any:
        return self._soft(
            lambda: super(FailSoftRedisCache, self).set_many(data, timeout, version), list(data)
        )

    def delete_many(self, keys: Any, version: Any = None) -> None:
        self._soft(lambda: super(FailSoftRedisCache, self).delete_many(keys, version), None)

    def clear(self) -> None:
        self._soft(lambda: super(FailSoftRedisCache, self).clear(), None)

    def ping(self) -> None:
        """Raise if Redis cannot be reached now (for the readiness check)."""
        self._cache.get_client(write=True).ping()
