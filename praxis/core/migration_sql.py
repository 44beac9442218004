"""A migration step whose SQL depends on the database in use, such as the search index tables
(an FTS5 table on SQLite, a tsvector table on PostgreSQL) that live beside the models."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import migrations


def per_database(
    forwards: Mapping[str, Sequence[str]], backwards: Mapping[str, Sequence[str]]
) -> migrations.RunPython:
    """A reversible operation that runs the statements listed for the database vendor in use
    ("sqlite", "postgresql"); a database not listed gets none."""

    def run(statements: Mapping[str, Sequence[str]]) -> Any:
        def apply(apps: Any, schema_editor: Any) -> None:
            for statement in statements.get(schema_editor.connection.vendor, ()):
                schema_editor.execute(statement)

        return apply

    return migrations.RunPython(run(forwards), run(backwards))
