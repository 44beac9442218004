"""Versions of what shared pages show, kept where every worker sees them."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from django.core.cache import caches
from pytest_django import Settings as SettingsWrapper

from praxis.core import fragments

pytestmark = pytest.mark.django_db

LOCMEM = "django.core.cache.backends.locmem.LocMemCache"


def test_every_scope_keeps_its_version_however_many_there_are() -> None:
    # A site shows thousands of courses, threads and credentials, each kept under its version:
    # making a new scope's version must never drop another's (which would throw away the pages
    # kept under it).
    caches["shared"].clear()
    scopes = [f"course-page:{number}" for number in range(1_200)]
    first = [fragments.version(scope) for scope in scopes]
    assert [fragments.version(scope) for scope in scopes] == first
    fragments.changed(scopes[0])
    assert fragments.version(scopes[0]) != first[0]
    assert [fragments.version(scope) for scope in scopes[1:]] == first[1:]


@pytest.fixture
def two_layers(settings: SettingsWrapper) -> Iterator[None]:
    """A default cache apart from each worker's memory, as Redis is, and the worker's own."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": LOCMEM, "LOCATION": "as-redis"},
        "shared": {"BACKEND": LOCMEM, "LOCATION": "as-redis-shared"},
        "local": {"BACKEND": LOCMEM, "LOCATION": "worker"},
    }
    yield
    for each in caches.all():
        each.clear()


def test_a_page_read_once_from_the_default_cache_is_then_read_from_the_workers_memory(
    two_layers: None,
) -> None:
    renders: list[str] = []

    def render() -> str:
        renders.append("rendered")
        return f"<p>page {len(renders)}</p>"

    assert fragments.cached_text("course-page:1", ["en"], render) == "<p>page 1</p>"
    caches["default"].clear()  # as if Redis had lost it: the worker still has its copy
    assert fragments.cached_text("course-page:1", ["en"], render) == "<p>page 1</p>"
    assert renders == ["rendered"]
    # Another language is another page; a change shows at once in every worker.
    assert fragments.cached_text("course-page:1", ["ar"], render) == "<p>page 2</p>"
    fragments.changed("course-page:1")
    assert fragments.cached_text("course-page:1", ["en"], render) == "<p>page 3</p>"


def test_a_worker_keeps_its_copy_no_longer_than_the_page_may_be_kept(two_layers: None) -> None:
    # A credential's page is kept until its next validity boundary: the worker's copy too.
    fragments.cached_text("credential:1", ["en"], lambda: "valid", timeout=1)
    time.sleep(1.1)
    assert fragments.cached_text("credential:1", ["en"], lambda: "expired", timeout=1) == "expired"
    # Another worker that read the page from the default cache keeps it no longer.
    caches["local"].clear()
    fragments.cached_text("credential:2", ["en"], lambda: "valid", timeout=1)
    caches["local"].clear()
    assert fragments.cached_text("credential:2", ["en"], lambda: "valid?", timeout=1) == "valid"
    time.sleep(1.1)
    assert fragments.cached_text("credential:2", ["en"], lambda: "expired", timeout=1) == "expired"


def test_a_timeout_of_zero_keeps_nothing_and_reads_nothing_kept(two_layers: None) -> None:
    # A credential past its validity boundary passes 0; a search kept for 0 seconds is found
    # afresh every time, even when an earlier setting kept it.
    assert fragments.cached_text("search", ["tb"], lambda: "kept") == "kept"
    assert fragments.cached_text("search", ["tb"], lambda: "afresh", timeout=0) == "afresh"
    assert fragments.cached_text("search", ["hiv"], lambda: "first", timeout=0) == "first"
    assert fragments.cached_text("search", ["hiv"], lambda: "second") == "second"
