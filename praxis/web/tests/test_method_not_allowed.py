"""Opening by its address a page that only takes a form's submission (a link copied from the
address bar, a bookmark) says what to do, in the person's language, instead of a blank page."""

import pytest
from django.test import Client

from praxis.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_visit_to_an_address_that_takes_a_submission_is_explained(client: Client) -> None:
    client.force_login(UserFactory.create())
    response = client.get("/notifications/1/read/", HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "use the page&#x27;s button or form" in page
    assert "method_not_allowed" in page
    assert 'href="/"' in page


def test_the_explanation_is_in_the_readers_language(client: Client) -> None:
    response = client.post("/robots.txt", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 405
    assert "bouton" in response.content.decode()


def test_the_api_answers_a_wrong_method_in_its_own_shape(client: Client) -> None:
    response = client.put("/api/v1/courses")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"
