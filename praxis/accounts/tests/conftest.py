"""Fixtures for the people tests."""

from __future__ import annotations

from typing import Any

import pytest

from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory


@pytest.fixture
def person(db: Any) -> User:
    """A verified learner with the factories' default password."""
    return UserFactory(full_name="Amina Diallo", email="amina@example.org")


@pytest.fixture
def person_client(client: Any, person: User) -> Any:
    """The test client, logged in as `person`."""
    client.force_login(person)
    return client


@pytest.fixture
def person_api_client(api_client: Any, person: User) -> Any:
    """The schema-checked API client, logged in as `person` through the session."""
    api_client.force_login(person)
    return api_client
