"""A statement stored by another request between this request's check of its ids and its insert."""

import uuid
from typing import Any

import pytest

from praxis.lrs.models import Statement, StatementRelation
from praxis.lrs.services import statements as statement_service
from praxis.lrs.services.rows import insert_statements
from praxis.lrs.tests.factories import Xapi, statement

pytestmark = pytest.mark.django_db


def test_an_id_inserted_meanwhile_is_checked_again_not_answered_with_an_error(
    xapi: Xapi, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked_ids = statement_service._void_targets
    raced: list[uuid.UUID] = []

    def insert_first(rows: list[Statement], *args: Any, **kwargs: Any) -> None:
        # The ids were found free; the same rows arrive now, as if from another request.
        if not raced:
            raced.extend(row.id for row in rows)
            insert_statements(rows)
        checked_ids(rows, *args, **kwargs)

    monkeypatch.setattr(statement_service, "_void_targets", insert_first)
    batch = [
        statement(id=str(uuid.uuid4()), context={"instructor": {"mbox": "mailto:t@example.org"}}),
        statement(id=str(uuid.uuid4())),
    ]

    response = xapi.post("statements", batch)

    assert response.status_code == 200
    assert response.json() == [s["id"] for s in batch]
    assert raced == [uuid.UUID(s["id"]) for s in batch]
    assert Statement.objects.count() == 2
    assert StatementRelation.objects.filter(key="mbox|mailto:t@example.org").count() == 1
