"""Fixtures shared by the events tests."""

import pytest
from django.test import Client

from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory


@pytest.fixture
def person(client: Client) -> User:
    """A signed-in person with no role: a visitor who may register, as the test client."""
    user = UserFactory.create()
    client.force_login(user)
    return user
