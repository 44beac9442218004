"""A write transaction on SQLite waits for another writer by asking again promptly."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import OperationalError, connections

from praxis.core.sqlite import base


def connect(path: Path, busy_timeout_ms: int) -> base.DatabaseWrapper:
    settings = {
        **connections["default"].settings_dict,
        "NAME": str(path),
        "OPTIONS": {
            "init_command": f"PRAGMA journal_mode=WAL; PRAGMA busy_timeout={busy_timeout_ms}",
            "transaction_mode": "IMMEDIATE",
        },
    }
    ours = base.DatabaseWrapper(settings, alias="sqlite-lock-test")
    ours.ensure_connection()
    return ours


@pytest.fixture(autouse=True)
def _own_database(django_db_blocker: Any) -> Iterator[None]:
    """These tests open their own database file, not the test database."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def other_writer(tmp_path: Path) -> sqlite3.Connection:
    """A second connection to a new database, in the middle of writing to it."""
    other = sqlite3.connect(tmp_path / "db.sqlite3", isolation_level=None)
    other.execute("PRAGMA journal_mode=WAL")
    other.execute("CREATE TABLE notes (text TEXT)")
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO notes VALUES ('theirs')")
    return other


def notes(path: Path) -> list[str]:
    with sqlite3.connect(path) as reader:
        return [text for (text,) in reader.execute("SELECT text FROM notes ORDER BY rowid")]


def test_a_transaction_begins_as_soon_as_the_other_writer_is_done(
    tmp_path: Path, other_writer: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    ours = connect(tmp_path / "db.sqlite3", busy_timeout_ms=5000)
    pauses: list[float] = []

    def pause(seconds: float) -> None:
        pauses.append(seconds)
        if len(pauses) == 3:
            other_writer.execute("COMMIT")

    monkeypatch.setattr("praxis.core.sqlite.base.time.sleep", pause)
    ours._start_transaction_under_autocommit()
    with ours.cursor() as cursor:
        cursor.execute("INSERT INTO notes VALUES ('ours')")
        cursor.execute("COMMIT")
        # The connection's own wait for any other statement is as it was.
        assert cursor.execute("PRAGMA busy_timeout").fetchone() == (5000,)
    ours.close()

    assert notes(tmp_path / "db.sqlite3") == ["theirs", "ours"]
    # Asked again within a third of a millisecond of the lock being free, where SQLite's own
    # wait would have slept 1, 2 and 5 ms.
    assert sum(pauses) < 0.0004


def test_a_long_wait_asks_less_often_but_never_pauses_past_a_tenth_of_the_time_waited(
    tmp_path: Path, other_writer: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    ours = connect(tmp_path / "db.sqlite3", busy_timeout_ms=5000)
    now = [1000.0]
    pauses: list[tuple[float, float]] = []  # (waited before the pause, the pause)

    def pause(seconds: float) -> None:
        pauses.append((now[0] - 1000.0, seconds))
        now[0] += seconds
        if now[0] - 1000.0 >= 2.0:  # the other writer holds the lock for two seconds
            other_writer.execute("COMMIT")

    monkeypatch.setattr("praxis.core.sqlite.base.time.monotonic", lambda: now[0])
    monkeypatch.setattr("praxis.core.sqlite.base.time.sleep", pause)
    ours._start_transaction_under_autocommit()
    ours.cursor().execute("COMMIT")
    ours.close()

    # Promptly at first, as above; then at most a tenth of the time waited, and 20 ms.
    assert all(seconds <= max(0.001, waited / 10) + 1e-9 for waited, seconds in pauses)
    assert max(seconds for _waited, seconds in pauses) == pytest.approx(0.02)
    # Two seconds asked 135 times, where a millisecond's pause would ask 2,000 times.
    assert len(pauses) < 200


def test_a_transaction_still_gives_up_after_the_busy_timeout(
    tmp_path: Path, other_writer: sqlite3.Connection
) -> None:
    ours = connect(tmp_path / "db.sqlite3", busy_timeout_ms=30)

    with pytest.raises(OperationalError, match="locked"):
        ours._start_transaction_under_autocommit()

    with ours.cursor() as cursor:
        assert cursor.execute("PRAGMA busy_timeout").fetchone() == (30,)
    ours.close()
    other_writer.execute("COMMIT")
    assert notes(tmp_path / "db.sqlite3") == ["theirs"]
