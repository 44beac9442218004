"""A learner downloads their whole learning record from the account page and the API."""

import pytest
from django.test import Client

from conftest import SchemaCheckedClient
from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.lrs.services import account_agent, activity, record
from praxis.lrs.vocabulary import ACTIVITY_COURSE, VERB_COMPLETED

pytestmark = pytest.mark.django_db


def _complete(user: User, course_id: str) -> None:
    record(
        account_agent(str(user.uuid), user.full_name),
        VERB_COMPLETED,
        activity(course_id, ACTIVITY_COURSE, {"en": "Triage"}),
    )


def test_learner_downloads_only_their_own_record(
    api_client: SchemaCheckedClient, client: Client
) -> None:
    amina, jonas = UserFactory.create(), UserFactory.create()
    _complete(amina, "https://academy.example/courses/1")
    _complete(amina, "https://academy.example/courses/2")
    _complete(jonas, "https://academy.example/courses/1")
    client.force_login(amina)

    response = api_client.get("/api/v1/me/learning-record?download=true")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    body = response.json()
    assert body["count"] == 2
    assert [s["object"]["id"] for s in body["statements"]] == [
        "https://academy.example/courses/2",
        "https://academy.example/courses/1",
    ]


def test_learning_record_needs_a_signed_in_person(api_client: SchemaCheckedClient) -> None:
    assert api_client.get("/api/v1/me/learning-record").status_code == 401


def test_account_page_links_to_the_download(client: Client) -> None:
    client.force_login(UserFactory.create())

    page = client.get("/accounts/profile/").content.decode()

    assert "/api/v1/me/learning-record?download=true" in page
