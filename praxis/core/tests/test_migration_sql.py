"""The per-database migration step runs the statements of the database in use, and undoes them."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

from praxis.core.migration_sql import per_database

OPERATION = per_database(
    {"sqlite": ["CREATE VIRTUAL TABLE t USING fts5(a)"], "postgresql": ["CREATE TABLE t ()", "X"]},
    {"sqlite": ["DROP TABLE t"], "postgresql": ["DROP TABLE t"]},
)


def _run(direction: Callable[..., None] | None, vendor: str) -> list[str]:
    assert direction is not None
    executed: list[str] = []
    editor = SimpleNamespace(connection=SimpleNamespace(vendor=vendor), execute=executed.append)
    direction(None, editor)
    return executed


def test_each_database_gets_its_own_statements_in_order() -> None:
    assert _run(OPERATION.code, "sqlite") == ["CREATE VIRTUAL TABLE t USING fts5(a)"]
    assert _run(OPERATION.code, "postgresql") == ["CREATE TABLE t ()", "X"]


def test_the_step_is_reversible() -> None:
    assert OPERATION.reversible
    assert _run(OPERATION.reverse_code, "postgresql") == ["DROP TABLE t"]


def test_a_database_not_listed_gets_nothing() -> None:
    assert _run(OPERATION.code, "mysql") == []
