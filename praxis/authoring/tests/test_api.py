"""The co-creation API: revisions, stale saves and permissions, checked against OpenAPI."""

import pytest

from praxis.authoring.tests.factories import member
from praxis.organisations.models import Role
from praxis.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _url(team, lesson):
    return f"/api/v1/authoring/drafts/{team.draft.uuid}/lessons/{lesson.key}"


def test_lesson_is_saved_with_its_revision_and_a_stale_save_gets_409(api_client, team):
    lesson = team.lessons[0]
    api_client.force_login(team.author)
    read = api_client.get(_url(team, lesson)).json()
    saved = api_client.put(
        _url(team, lesson), data={"revision": read["revision"], "title": "T", "body": "**B**"}
    )
    assert saved.status_code == 200
    assert saved.json()["revision"] == read["revision"] + 1
    assert "<strong>B</strong>" in saved.json()["body_html"]
    stale = api_client.put(
        _url(team, lesson), data={"revision": read["revision"], "title": "T", "body": "old"}
    )
    assert stale.status_code == 409
    assert stale.json()["error"]["code"] == "stale_save"


def test_malformed_save_is_400(api_client, team):
    api_client.force_login(team.author)
    response = api_client.put(_url(team, team.lessons[0]), data={"revision": "x", "title": 5})
    assert response.status_code == 400


def test_another_organisations_member_gets_403(api_client, team):
    api_client.force_login(member(OrganisationFactory(), Role.AUTHOR))
    response = api_client.put(
        _url(team, team.lessons[0]), data={"revision": 1, "title": "T", "body": ""}
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"


def test_anonymous_gets_401(api_client, team):
    assert api_client.get(_url(team, team.lessons[0])).status_code == 401
