"""Health and outages: /healthz (liveness), /readyz (each dependency), and pages that keep
working while Redis cannot be reached (a closed port stands for it)."""

from collections.abc import Iterator
from typing import NoReturn

import pytest
from django.core.cache import caches
from django.db import OperationalError
from django.test import Client
from pytest_django import Settings as SettingsWrapper

from praxis.accounts.tests.factories import UserFactory
from praxis.catalog.tests.factories import course_with_lessons
from praxis.core.cache import FailSoftRedisCache

pytestmark = pytest.mark.django_db

CLOSED_PORT = "redis://127.0.0.1:1/0"


@pytest.fixture
def redis_down(settings: SettingsWrapper) -> Iterator[None]:
    """Production's cache and session settings, with Redis at an address where nothing listens."""
    redis = {"BACKEND": "praxis.core.cache.FailSoftRedisCache", "LOCATION": CLOSED_PORT}
    settings.CACHES = {"default": redis, "shared": redis, "counters": redis}
    settings.SESSION_ENGINE = "praxis.accounts.session_engines.cached_db"
    FailSoftRedisCache._failing.clear()  # each test starts before the outage is noticed
    yield
    for cache in caches.all():
        cache.clear()


def test_readyz_reports_every_configured_dependency_as_ok(client: Client) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == {"status": "ok"}
    assert body["checks"]["cache"] == {"status": "ok"}
    assert body["checks"]["storage"] == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_readyz_says_the_cache_is_down_while_healthz_stays_ok(
    client: Client, redis_down: None
) -> None:
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["cache"]["status"] == "error"
    assert "127.0.0.1" not in body["checks"]["cache"]["reason"]
    assert body["checks"]["database"] == {"status": "ok"}
    assert client.get("/healthz").content == b"ok"


def test_readyz_asks_the_broker_when_workers_are_configured(
    client: Client, settings: SettingsWrapper
) -> None:
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = CLOSED_PORT
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["broker"]["status"] == "error"


def test_catalogue_did_document_and_login_work_while_redis_is_down(
    client: Client, redis_down: None, caplog: pytest.LogCaptureFixture
) -> None:
    course_with_lessons(slug="hand-hygiene", title="Hand hygiene")
    assert client.get("/courses/").status_code == 200
    assert client.get("/courses/").status_code == 200
    assert client.get("/.well-known/did.json").status_code == 200
    UserFactory.create(email="amina@example.org", password="a long passphrase 42")
    response = client.post(
        "/accounts/login/", {"email": "amina@example.org", "password": "a long passphrase 42"}
    )
    assert response.status_code == 302
    assert client.get("/api/v1/me").status_code == 200  # the session holds
    outage_logs = [r for r in caplog.records if "Cache unreachable" in r.getMessage()]
    assert len(outage_logs) == 1  # logged once per outage, not once per request


def test_an_unreachable_database_is_a_translated_503_page(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> NoReturn:
        raise OperationalError("could not connect to server")

    monkeypatch.setattr("praxis.web.front_door.home_for", refuse)
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert b"service_unavailable" in response.content
    api = client.get("/api/v1/me", HTTP_ACCEPT="application/json")
    assert api.status_code == 401  # the API is unaffected by a page's failure


def test_the_redis_cache_keeps_one_client_for_every_command_and_survives_an_outage() -> None:
    # Django's makes a client for each command; ours keeps one per server, which takes a
    # connection from the server's pool for each command, so an outage ends as soon as Redis
    # answers again.
    cache = FailSoftRedisCache(CLOSED_PORT, {})
    client = cache._cache.get_client(write=True)
    assert cache._cache.get_client("a-key") is client
    assert cache.get("a-key", "missed") == "missed"
    assert cache._cache.get_client("a-key", write=True) is client
