"""A database connection lost between requests (or under one) costs a reader nothing: a GET
is run again once on a new connection; a write is never repeated."""

from collections.abc import Callable

import psycopg
import pytest
from django.conf import settings
from django.db import OperationalError, connection
from django.test import Client

from praxis.accounts.tests.factories import UserFactory
from praxis.catalog.models import Enrolment
from praxis.catalog.tests.factories import course_with_lessons

pytestmark = pytest.mark.django_db(transaction=True)


def test_persistent_connections_are_checked_before_reuse() -> None:
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def fail_first_query(
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[list[str], Callable[..., object]]:
    """The next query fails as on a connection the server closed; later ones succeed."""
    failures: list[str] = []

    def lost(
        execute: Callable[..., object], sql: str, params: object, many: bool, context: object
    ) -> object:
        if not failures:
            failures.append(sql)
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    return failures, lost


def test_a_read_is_run_again_once_when_its_connection_is_lost(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    course_with_lessons(slug="hand-hygiene", title="Hand hygiene")
    failures, lost = fail_first_query(monkeypatch)
    with connection.execute_wrapper(lost):
        response = client.get("/api/v1/courses/hand-hygiene")
    assert response.status_code == 200
    assert response.json()["slug"] == "hand-hygiene"
    assert len(failures) == 1


def test_a_write_is_not_repeated_when_its_connection_is_lost(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    course_with_lessons(slug="hand-hygiene", title="Hand hygiene")
    client.force_login(UserFactory.create())
    failures, lost = fail_first_query(monkeypatch)
    with connection.execute_wrapper(lost):
        response = client.post("/api/v1/courses/hand-hygiene/enrolment")
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "service_unavailable"
    assert len(failures) == 1
    assert not Enrolment.objects.exists()


if connection.vendor == "postgresql":

    def test_a_page_survives_its_connection_being_terminated_by_the_server(client: Client) -> None:
        course_with_lessons(slug="hand-hygiene", title="Hand hygiene")
        assert client.get("/api/v1/courses/hand-hygiene").status_code == 200
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        params = connection.get_connection_params()
        params.pop("cursor_factory", None)
        params.pop("context", None)
        with psycopg.connect(**params, autocommit=True) as other:
            other.execute("SELECT pg_terminate_backend(%s)", [pid])
        response = client.get("/api/v1/courses/hand-hygiene")
        assert response.status_code == 200
        assert response.json()["title"] == "Hand hygiene"
        assert connection.is_usable()
