"""When the application fails, the person is told so plainly, in their language, with a stable
code: not that their request was refused."""

import pytest
from django.test import Client

from praxis.catalog import listing as catalog

pytestmark = pytest.mark.django_db


def broken(*args: object, **kwargs: object) -> None:
    raise RuntimeError("the database went away")


@pytest.mark.parametrize(
    ("language", "words"), [("en", "Something went wrong on our side"), ("fr", "notre côté")]
)
def test_a_failure_is_a_500_page_that_says_so(
    monkeypatch: pytest.MonkeyPatch, language: str, words: str
) -> None:
    monkeypatch.setattr(catalog, "newest_courses", broken)
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE=language)
    response = client.get("/")
    page = response.content.decode()
    assert response.status_code == 500
    assert "server_error" in page
    assert words in page
    assert "could not be accepted" not in page
