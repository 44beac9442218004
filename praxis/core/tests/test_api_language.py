"""API messages speak the caller's interface language when the request names none."""

import pytest
from django.test import Client
from django.utils import translation

from praxis.accounts.models import User
from praxis.accounts.services import create_api_token
from praxis.accounts.tests.factories import UserFactory
from praxis.core.errors import NotFound

pytestmark = pytest.mark.django_db


def not_found_in(language: str) -> str:
    with translation.override(language):
        return str(NotFound().message)


@pytest.fixture
def french_reader() -> User:
    return UserFactory.create(preferred_language="fr")


def test_a_token_caller_without_accept_language_reads_their_interface_language(
    client: Client, french_reader: User
) -> None:
    assert not_found_in("fr") != not_found_in("en")  # the French catalogue has this message
    token = create_api_token(french_reader, "phone")[1]
    response = client.get("/api/v1/me/gaps/nope", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 404
    assert response.json()["error"]["message"] == not_found_in("fr")
    assert response["Content-Language"] == "fr"


def test_a_session_caller_without_accept_language_reads_their_interface_language(
    client: Client, french_reader: User
) -> None:
    client.force_login(french_reader)
    response = client.get("/api/v1/me/gaps/nope")
    assert response.json()["error"]["message"] == not_found_in("fr")


def test_an_explicit_accept_language_wins_over_the_interface_language(
    client: Client, french_reader: User
) -> None:
    token = create_api_token(french_reader, "phone")[1]
    response = client.get(
        "/api/v1/me/gaps/nope", HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_ACCEPT_LANGUAGE="es"
    )
    assert response.json()["error"]["message"] == not_found_in("es")


def test_an_anonymous_caller_reads_the_site_language(client: Client) -> None:
    response = client.get("/api/v1/courses/nope")
    assert response.json()["error"]["message"] == not_found_in("en")
