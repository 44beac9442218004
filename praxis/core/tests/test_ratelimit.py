"""The cache-based fixed-window rate limit."""

from __future__ import annotations

import multiprocessing
import time

import pytest
from django.test import RequestFactory
from pytest_django import Settings as SettingsWrapper

from praxis.core.errors import RateLimited
from praxis.core.ratelimit import RateLimit, client_ip


def test_limit_is_exceeded_after_the_allowed_number_of_events() -> None:
    limit = RateLimit("test", limit=2, window=60)

    limit.hit("a")
    assert not limit.exceeded("a")
    limit.hit("a")

    assert limit.exceeded("a")
    assert not limit.exceeded("b")


def test_any_exceeded_identity_exceeds_the_limit() -> None:
    limit = RateLimit("test", limit=1, window=60)
    limit.hit("address")

    assert limit.exceeded("someone", "address")


def test_scopes_are_counted_apart() -> None:
    RateLimit("login", limit=1, window=60).hit("a")

    assert not RateLimit("reset", limit=1, window=60).exceeded("a")


def test_a_new_window_starts_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    limit = RateLimit("test", limit=1, window=60)
    monkeypatch.setattr(time, "time", lambda: 1_000_000.0)
    limit.hit("a")
    assert limit.exceeded("a")

    monkeypatch.setattr(time, "time", lambda: 1_000_060.0)

    assert not limit.exceeded("a")


def test_reset_forgets_the_events() -> None:
    limit = RateLimit("test", limit=1, window=60)
    limit.hit("a")

    limit.reset("a")

    assert limit.count("a") == 0


def test_check_and_hit_refuses_past_the_limit() -> None:
    limit = RateLimit("test", limit=2, window=60)
    limit.check_and_hit("a")
    limit.check_and_hit("a")

    with pytest.raises(RateLimited) as error:
        limit.check_and_hit("a")

    assert error.value.status == 429
    assert limit.count("a") == 2


def test_empty_identities_are_ignored() -> None:
    limit = RateLimit("test", limit=1, window=60)
    limit.hit("")

    assert not limit.exceeded("")


def test_limit_from_settings_reads_them_when_made(settings: SettingsWrapper) -> None:
    settings.LOGIN_RATE_LIMIT = 7
    settings.LOGIN_RATE_WINDOW = 30

    limit = RateLimit.from_settings("login", "LOGIN_RATE_LIMIT", "LOGIN_RATE_WINDOW")

    assert (limit.limit, limit.window) == (7, 30)


def test_client_ip_ignores_forwarded_header_without_trusted_proxies(
    settings: SettingsWrapper,
) -> None:
    settings.TRUSTED_PROXY_HOPS = 0
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")

    assert client_ip(request) == "10.0.0.1"


def test_client_ip_behind_one_proxy_takes_the_address_it_saw(settings: SettingsWrapper) -> None:
    settings.TRUSTED_PROXY_HOPS = 1
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5"
    )

    assert client_ip(request) == "203.0.113.5"


def _hit(scope: str, identity: str, times: int) -> None:
    limit = RateLimit(scope, limit=1000, window=600)
    for _ in range(times):
        limit.hit(identity)


def _in_worker_processes(workers: int, times: int) -> None:
    """Count as `workers` separate processes would (gunicorn's workers are forked alike)."""
    context = multiprocessing.get_context("fork")
    processes = [
        context.Process(target=_hit, args=("login", "clinic", times)) for _ in range(workers)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
        assert process.exitcode == 0


def test_counts_made_in_another_worker_process_hold_here() -> None:
    _in_worker_processes(workers=1, times=5)

    limit = RateLimit("login", limit=5, window=600)
    assert limit.count("clinic") == 5
    assert limit.exceeded("clinic")


def test_workers_counting_at_once_lose_no_count() -> None:
    _in_worker_processes(workers=4, times=25)

    assert RateLimit("login", limit=5, window=600).count("clinic") == 100


@pytest.mark.parametrize(
    ("window", "said"),
    [
        (600, "Please wait a few minutes and try again."),
        (3600, "You can try again within 60 minutes."),
        (86400, "You can try again within 24 hours."),
    ],
)
def test_a_refusal_says_the_longest_wait_of_its_window(window: int, said: str) -> None:
    limit = RateLimit(f"test-window-{window}", limit=1, window=window)
    limit.hit("someone@example.org")
    with pytest.raises(RateLimited) as refused:
        limit.check("someone@example.org")
    assert said in str(refused.value.message)
