"""Versions of what shared pages show, kept where every worker sees them."""

from __future__ import annotations

import pytest
from django.core.cache import caches

from praxis.core import fragments

pytestmark = pytest.mark.django_db


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
