"""State, activity profile and agent profile documents with ETag concurrency."""

import hashlib
import json
from urllib.parse import urlencode

import pytest

from praxis.lrs.models import Document
from praxis.lrs.tests.factories import Xapi

pytestmark = pytest.mark.django_db

AGENT = json.dumps({"mbox": "mailto:amina@example.org"})
ACTIVITY = "https://academy.example/courses/hand-hygiene"


def state_url(state_id: str = "bookmark", **extra: str) -> str:
    return "activities/state?" + urlencode(
        {"activityId": ACTIVITY, "agent": AGENT, "stateId": state_id, **extra}
    )


def profile_url(profile_id: str = "preferences") -> str:
    return "agents/profile?" + urlencode({"agent": AGENT, "profileId": profile_id})


def test_state_round_trip_with_sha1_etag(xapi: Xapi) -> None:
    assert xapi.put(state_url(), {"page": 3}).status_code == 204

    response = xapi.client.get("/xapi/" + state_url(), **xapi.headers)

    assert json.loads(response.content) == {"page": 3}
    sha1 = hashlib.sha1(response.content).hexdigest()  # noqa: S324 - xAPI ETags are SHA-1
    assert response["ETag"] == f'"{sha1}"'
    assert response["Last-Modified"]


def test_post_merges_json_objects(xapi: Xapi) -> None:
    xapi.post(state_url(), {"page": 3, "score": 1})
    xapi.post(state_url(), {"page": 4})

    response = xapi.client.get("/xapi/" + state_url(), **xapi.headers)

    assert json.loads(response.content) == {"page": 4, "score": 1}


def test_post_of_json_onto_plain_text_is_refused(xapi: Xapi) -> None:
    xapi.put(state_url(), "plain", content_type="text/plain")

    assert xapi.post(state_url(), {"page": 1}).status_code == 400
    assert bytes(Document.objects.get().content) == b"plain"


def test_if_match_with_a_stale_etag_fails_and_changes_nothing(xapi: Xapi) -> None:
    xapi.put(profile_url(), {"theme": "dark"}, HTTP_IF_NONE_MATCH="*")

    response = xapi.put(profile_url(), {"theme": "light"}, HTTP_IF_MATCH='"0000"')

    assert response.status_code == 412
    assert json.loads(bytes(Document.objects.get().content)) == {"theme": "dark"}


def test_if_none_match_star_fails_when_the_document_exists(xapi: Xapi) -> None:
    xapi.put(profile_url(), {"theme": "dark"}, HTTP_IF_NONE_MATCH="*")

    assert xapi.put(profile_url(), {"x": 1}, HTTP_IF_NONE_MATCH="*").status_code == 412


def test_profile_put_without_precondition_is_refused(xapi: Xapi) -> None:
    assert xapi.put(profile_url(), {"theme": "dark"}).status_code == 400
    xapi.put(profile_url(), {"theme": "dark"}, HTTP_IF_NONE_MATCH="*")
    assert xapi.put(profile_url(), {"theme": "light"}).status_code == 409


def test_put_with_the_current_etag_replaces_the_profile(xapi: Xapi) -> None:
    xapi.put(profile_url(), {"theme": "dark"}, HTTP_IF_NONE_MATCH="*")
    etag = Document.objects.get().etag

    assert xapi.put(profile_url(), {"theme": "light"}, HTTP_IF_MATCH=f'"{etag}"').status_code == 204


def test_state_ids_list_and_delete_all(xapi: Xapi) -> None:
    xapi.put(state_url("a"), {"n": 1})
    xapi.put(state_url("b"), {"n": 2})
    listing = "activities/state?" + urlencode({"activityId": ACTIVITY, "agent": AGENT})

    assert xapi.client.get("/xapi/" + listing, **xapi.headers).json() == ["a", "b"]
    assert xapi.delete(listing).status_code == 204
    assert not Document.objects.exists()


def test_state_without_agent_is_refused(xapi: Xapi) -> None:
    url = "activities/state?" + urlencode({"activityId": ACTIVITY, "stateId": "a"})
    assert xapi.put(url, {"n": 1}).status_code == 400
    assert not Document.objects.exists()


def test_missing_document_is_404(xapi: Xapi) -> None:
    assert xapi.client.get("/xapi/" + state_url("none"), **xapi.headers).status_code == 404


def test_xapi_2_state_put_over_an_existing_document_needs_a_precondition(xapi2: Xapi) -> None:
    xapi2.put(state_url(), {"page": 1})

    assert xapi2.put(state_url(), {"page": 2}).status_code == 409
