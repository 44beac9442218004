"""Fixtures for the people tests."""

from __future__ import annotations

import pytest
from django.test import Client

from conftest import SchemaCheckedClient
from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory


@pytest.fixture
def person(db: None) -> User:
    """A verified learner with the factories' default password."""
    return UserFactory.create(full_name="Amina Diallo", email="amina@example.org")


@pytest.fixture
def person_client(client: Client, person: User) -> Client:
    """The test client, logged in as `person`."""
    client.force_login(person)
    return client


@pytest.fixture
def person_api_client(api_client: SchemaCheckedClient, person: User) -> SchemaCheckedClient:
    """The schema-checked API client, logged in as `person` through the session."""
    api_client.force_login(person)
    return api_client
