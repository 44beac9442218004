"""Fixtures for the demo tests: the demo ecosystem loaded once per module, not once per test."""

import io
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from pytest_django import DjangoDbBlocker
from pytest_django import Settings as SettingsWrapper

# Argon2 is deliberately slow; the demo's accounts are hashed afresh whenever it is loaded.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: SettingsWrapper) -> None:
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(scope="module")
def _demo_loaded_once(
    django_db_setup: None,
    django_db_blocker: DjangoDbBlocker,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[str]:
    """Load the demo inside a transaction that stays open for the module's tests and is rolled
    back after the last one (as Django's setUpTestData does). Each test runs in a savepoint of
    it, so what one test changes the next does not see."""
    output = io.StringIO()
    with (
        django_db_blocker.unblock(),
        override_settings(
            PASSWORD_HASHERS=FAST_HASHERS,
            MEDIA_ROOT=tmp_path_factory.mktemp("media"),
            PACKAGE_ROOT=str(tmp_path_factory.mktemp("packages")),
        ),
        transaction.atomic(),
    ):
        call_command("load_demo", stdout=output)
        yield output.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_loaded_once: str, db: None) -> str:
    """The demo ecosystem, loaded; its value is what `load_demo` printed."""
    return _demo_loaded_once
