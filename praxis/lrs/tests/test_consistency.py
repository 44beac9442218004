"""X-Experience-API-Consistent-Through: the stored time up to which every statement can be read,
so that a client polling with `since` misses none that was still being written."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django import Settings as SettingsWrapper

from praxis.lrs.models import Statement
from praxis.lrs.tests.factories import Xapi, statement

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db


def _header_time(response: Response) -> datetime:
    return datetime.fromisoformat(response["X-Experience-API-Consistent-Through"])


def test_consistent_through_leaves_the_write_window_for_statements_still_committing(
    xapi: Xapi, settings: SettingsWrapper
) -> None:
    settings.XAPI_WRITE_WINDOW_SECONDS = 30
    before = timezone.now()

    response = xapi.get("statements")

    after = timezone.now()
    assert response.status_code == 200
    window = timedelta(seconds=30)
    assert before - window <= _header_time(response) <= after - window


def test_every_statement_stored_up_to_consistent_through_is_returned(
    xapi: Xapi, settings: SettingsWrapper
) -> None:
    settings.XAPI_WRITE_WINDOW_SECONDS = 5
    (stored_id,) = xapi.post("statements", statement()).json()
    later = timezone.now() + timedelta(seconds=6)

    with mock.patch("praxis.lrs.queries.timezone.now", return_value=later):
        response = xapi.get("statements")

    stored = Statement.objects.get(id=stored_id).stored
    assert stored <= _header_time(response)
    assert [s["id"] for s in response.json()["statements"]] == [stored_id]


def test_a_write_that_outlasts_the_window_is_refused_and_stores_nothing(
    xapi: Xapi, settings: SettingsWrapper
) -> None:
    settings.XAPI_WRITE_WINDOW_SECONDS = 5
    start = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
    clock = [start, start + timedelta(seconds=6)]

    with mock.patch("praxis.lrs.services.statements.timezone.now", side_effect=clock):
        response = xapi.post("statements", statement())

    assert response.status_code == 503
    assert "error" in response.json()
    assert not Statement.objects.exists()


def test_the_about_resource_names_no_consistency_time(client: Client, db: None) -> None:
    response = client.get("/xapi/about")

    assert "X-Experience-API-Consistent-Through" not in response
