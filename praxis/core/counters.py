"""A cache backend for counters in one SQLite file: how rate limits are shared without Redis.

Gunicorn's workers each have their own local-memory cache, so counting there multiplies every
limit by the number of workers. Django's file and database caches are shared but increment by
reading then writing, so two workers counting at once lose a count; the database cache would
also roll a count back with the request's transaction. Here every change is one SQLite
statement under the file's write lock (an upsert, or UPDATE … RETURNING), so increments from
any number of processes on this machine add up, and nothing else touches the file. It holds
integers only. Several machines share their counters through Redis instead (REDIS_URL).
"""

from __future__ import annotations

import math
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS counter "
    "(key TEXT PRIMARY KEY, value INTEGER NOT NULL, expires REAL NOT NULL)"
)


class CounterCache(BaseCache):
    """Integer values with expiry in the SQLite file named by LOCATION."""

    def __init__(self, location: str, params: dict[str, Any]) -> None:
        super().__init__(params)
        self._path = Path(location)
        self._local = threading.local()

    def _db(self) -> sqlite3.Connection:
        # One connection per thread and process: a forked worker must not share its parent's.
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None or getattr(self._local, "pid", None) != os.getpid():
            self._path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self._path, timeout=10, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute(SCHEMA)
            self._local.connection, self._local.pid = connection, os.getpid()
        return connection

    def _expiry(self, timeout: Any) -> float:
        expires = self.get_backend_timeout(timeout)
        return math.inf if expires is None else float(expires)

    @staticmethod
    def _integer(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError("this cache holds integer counters only")
        return value

    def add(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        key = self.make_and_validate_key(key, version=version)
        now = time.time()
        db = self._db()
        db.execute("DELETE FROM counter WHERE expires <= ?", (now,))
        cursor = db.execute(
            "INSERT INTO counter (key, value, expires) VALUES (?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires = excluded.expires "
            "WHERE counter.expires <= ?",
            (key, self._integer(value), self._expiry(timeout), now),
        )
        return cursor.rowcount > 0

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        key = self.make_and_validate_key(key, version=version)
        row = (
            self._db()
            .execute("SELECT value FROM counter WHERE key = ? AND expires > ?", (key, time.time()))
            .fetchone()
        )
        return default if row is None else row[0]

    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> None:
        key = self.make_and_validate_key(key, version=version)
        self._db().execute(
            "INSERT OR REPLACE INTO counter (key, value, expires) VALUES (?, ?, ?)",
            (key, self._integer(value), self._expiry(timeout)),
        )

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        cursor = self._db().execute(
            "UPDATE counter SET expires = ? WHERE key = ? AND expires > ?",
            (self._expiry(timeout), key, time.time()),
        )
        return cursor.rowcount > 0

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        validated = self.make_and_validate_key(key, version=version)
        row = (
            self._db()
            .execute(
                "UPDATE counter SET value = value + ? WHERE key = ? AND expires > ? "
                "RETURNING value",
                (self._integer(delta), validated, time.time()),
            )
            .fetchone()
        )
        if row is None:
            raise ValueError(f"Key '{key}' not found")
        return int(row[0])

    def delete(self, key: Any, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return self._db().execute("DELETE FROM counter WHERE key = ?", (key,)).rowcount > 0

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self.get(key, version=version) is not None

    def clear(self) -> None:
        self._db().execute("DELETE FROM counter")

    def close(self, **kwargs: Any) -> None:
        """Connections stay open for the process's life: opening one costs more than a count."""
