"""Django's SQLite backend, waiting for the write lock by asking again promptly.

SQLite lets one connection write at a time. A transaction (`BEGIN IMMEDIATE`, see
`transaction_mode` in the settings) that finds another writing is handed to SQLite's busy
handler, which sleeps 1, 2, 5, 10, 15, 20, 25… milliseconds between tries. Two workers taking
turns at write-heavy requests then leave the lock free while the one waiting sleeps, and the
one that keeps writing takes it again first: the other's request waited hundreds of
milliseconds. Here a transaction asks for the lock again after 50 microseconds, then after
twice as long each time up to a millisecond, for as long as the connection's busy timeout
allows; any other statement keeps SQLite's own wait. A wait that has lasted longer (many
writers at once: threads of one process, where every try takes the interpreter's lock from
the writer holding SQLite's) asks less often, never pausing longer than a tenth of the time
waited so far, nor than 20 milliseconds.
"""

from __future__ import annotations

import sqlite3
import time

from django.db import OperationalError
from django.db.backends.sqlite3 import base

FIRST_PAUSE = 0.00005
LONGEST_PAUSE = 0.001
WAITED_SHARE = 0.1
SLOWEST_PAUSE = 0.02


def lock_taken(error: OperationalError) -> bool:
    return getattr(error.__cause__, "sqlite_errorcode", None) == sqlite3.SQLITE_BUSY


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params: dict[str, object]) -> sqlite3.Connection:
        connection: sqlite3.Connection = super().get_new_connection(conn_params)
        # As the settings' init_command (or Python's `timeout`) left it.
        (self.busy_timeout_ms,) = connection.execute("PRAGMA busy_timeout").fetchone()
        return connection

    def _start_transaction_under_autocommit(self) -> None:
        raw = self.connection
        timeout_ms = self.busy_timeout_ms
        started = time.monotonic()
        deadline = started + timeout_ms / 1000
        pause = FIRST_PAUSE
        raw.execute("PRAGMA busy_timeout=0")
        try:
            while True:
                try:
                    super()._start_transaction_under_autocommit()  # type: ignore[misc]  # Django's, missing from its type stubs
                    return
                except OperationalError as error:
                    if not lock_taken(error) or time.monotonic() >= deadline:
                        raise
                time.sleep(pause)
                waited = time.monotonic() - started
                longest = max(LONGEST_PAUSE, min(waited * WAITED_SHARE, SLOWEST_PAUSE))
                pause = min(2 * pause, longest)
        finally:
            raw.execute(f"PRAGMA busy_timeout={int(timeout_ms)}")
