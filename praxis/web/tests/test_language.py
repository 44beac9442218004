"""Choosing the interface language: a GET form that needs no CSRF token, and no open redirect."""

import pytest
from django.conf import settings
from django.test import Client


@pytest.mark.django_db
def test_choosing_a_language_remembers_it_and_goes_back(client: Client) -> None:
    response = client.get("/language", {"language": "ar", "next": "/courses/?q=hygiene"})
    assert response.status_code == 302
    assert response["Location"] == "/courses/?q=hygiene"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"
    assert 'lang="ar" dir="rtl"' in client.get("/").content.decode()


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "\\\\evil.example",
        "javascript:alert(1)",
        "",
        "x" * 5000,
    ],
)
def test_never_goes_back_anywhere_but_this_site(client: Client, next_url: str) -> None:
    response = client.get("/language", {"language": "fr", "next": next_url})
    assert response["Location"] == "/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"


@pytest.mark.parametrize("language", ["klingon", "", "EN" * 500])
def test_an_unknown_language_changes_nothing(client: Client, language: str) -> None:
    response = client.get("/language", {"language": language, "next": "/courses/"})
    assert response["Location"] == "/courses/"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_choosing_a_language_is_never_cached(client: Client) -> None:
    response = client.get("/language", {"language": "es", "next": "/"})
    assert "no-cache" in response["Cache-Control"]


def test_only_get_is_accepted(client: Client) -> None:
    assert client.post("/language", {"language": "fr", "next": "/"}).status_code == 405
