"""The co-creation API for settings, the course image, recordings and captions, and the
learner's lesson media API, checked against OpenAPI."""

from typing import Any

import pytest
from django.test.client import encode_multipart

from conftest import SchemaCheckedClient
from praxis.accounts.tests.factories import UserFactory
from praxis.authoring import services
from praxis.authoring.tests.conftest import Team, approve
from praxis.authoring.tests.factories import member
from praxis.authoring.tests.test_media import ARABIC, ENGLISH, MP4_HEAD, _picture, _video, _vtt
from praxis.catalog.models import Topic
from praxis.catalog.services import enrol
from praxis.organisations.models import Role
from praxis.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
FORM_BOUNDARY = "PraxisFormBoundary"


def _send(api_client: SchemaCheckedClient, url: str, fields: dict[str, Any]) -> Any:
    """POST a multipart form (files and text), checked against OpenAPI like the rest."""
    return api_client.post(
        url,
        data=encode_multipart(FORM_BOUNDARY, fields),
        content_type=f"multipart/form-data; boundary={FORM_BOUNDARY}",
    )


def _lesson(team: Team) -> str:
    return f"/api/v1/authoring/drafts/{team.draft.uuid}/lessons/{team.lessons[0].key}"


def test_settings_are_read_and_saved_with_topics_licence_and_prerequisites(
    api_client: SchemaCheckedClient, team: Team
) -> None:
    Topic.objects.create(slug="mental-health", names={"en": "Mental health"})
    api_client.force_login(team.author)
    url = f"/api/v1/authoring/drafts/{team.draft.uuid}/settings"
    read = api_client.get(url).json()
    assert read["topics"] == [] and read["image"] is None
    saved = api_client.put(
        url,
        data={
            "revision": read["revision"],
            "title": read["title"],
            "topics": ["mental-health"],
            "licence": "CC BY 4.0",
            "prerequisites": ["Basic first aid"],
        },
    )
    assert saved.status_code == 200
    assert saved.json()["topics"] == ["mental-health"]
    assert saved.json()["prerequisites"] == ["Basic first aid"]
    unknown = api_client.put(
        url, data={"revision": saved.json()["revision"], "title": "x", "topics": ["nope"]}
    )
    assert unknown.status_code == 400
    assert "topics" in unknown.json()["error"]["fields"]
    stale = api_client.put(url, data={"revision": read["revision"], "title": "x"})
    assert stale.status_code == 409


def test_the_image_is_uploaded_with_its_description(
    api_client: SchemaCheckedClient, team: Team
) -> None:
    api_client.force_login(team.author)
    url = f"/api/v1/authoring/drafts/{team.draft.uuid}/image"
    missing_alt = _send(api_client, url, {"image": _picture(), "alt": " "})
    assert missing_alt.status_code == 400
    assert missing_alt.json()["error"]["code"] == "image_alt_required"
    saved = _send(api_client, url, {"image": _picture(), "alt": "A clinic at dawn"})
    assert saved.status_code == 200
    image = saved.json()["image"]
    assert image["alt"] == "A clinic at dawn" and len(image["sources"]) == 8
    served = api_client.get(image["sources"][0])
    assert served.status_code == 200
    assert served["Content-Type"] == "image/webp"
    served.close()


def test_recordings_and_captions_through_the_api(
    api_client: SchemaCheckedClient, team: Team
) -> None:
    api_client.force_login(team.author)
    video = _send(api_client, f"{_lesson(team)}/recordings/video/file", {"file": _video()})
    assert video.status_code == 200, video.json()
    assert video.json()["recordings"][0]["media_type"] == "video/mp4"
    link = api_client.put(
        f"{_lesson(team)}/recordings/low", data={"url": "https://v.example.org/low.mp4"}
    )
    assert [r["kind"] for r in link.json()["recordings"]] == ["video", "low"]
    bad = _send(
        api_client, f"{_lesson(team)}/captions/en", {"captions": _vtt("WEBVTT\n\n1 --> 2\nx\n")}
    )
    assert bad.status_code == 400
    assert bad.json()["error"]["code"] == "captions_bad_time"
    good = _send(api_client, f"{_lesson(team)}/captions/en", {"captions": _vtt(ENGLISH)})
    assert good.json()["captions"] == ["en"]
    removed = api_client.delete(f"{_lesson(team)}/recordings/low")
    assert [r["kind"] for r in removed.json()["recordings"]] == ["video"]
    assert api_client.get(f"{_lesson(team)}/media").json()["captions"] == ["en"]


def test_another_organisation_cannot_touch_the_media(
    api_client: SchemaCheckedClient, team: Team
) -> None:
    api_client.force_login(member(OrganisationFactory.create(), Role.AUTHOR))
    response = _send(api_client, f"{_lesson(team)}/captions/en", {"captions": _vtt(ENGLISH)})
    assert response.status_code == 403
    assert api_client.get(f"{_lesson(team)}/media").status_code == 403
    settings_url = f"/api/v1/authoring/drafts/{team.draft.uuid}/settings"
    assert api_client.get(settings_url).status_code == 403
    changed = api_client.put(settings_url, data={"revision": 1, "title": "Taken", "licence": "x"})
    assert changed.status_code == 403
    image = _send(
        api_client,
        f"/api/v1/authoring/drafts/{team.draft.uuid}/image",
        {"image": _picture(), "alt": "x"},
    )
    assert image.status_code == 403
    team.draft.refresh_from_db()
    assert team.draft.title == "Mental health first aid" and team.draft.image == {}


def test_learners_read_a_lessons_recordings_and_transcripts(
    api_client: SchemaCheckedClient, team: Team
) -> None:
    services.media.set_recording(team.lessons[0], team.author, "video", upload=_video())
    services.media.set_captions(team.lessons[0], team.author, "en", _vtt(ENGLISH))
    services.media.set_captions(team.lessons[0], team.author, "ar", _vtt(ARABIC))
    approve(team)
    course = services.publish(team.draft, team.staff).course
    assert course is not None
    url = f"/api/v1/courses/{course.slug}/lessons/{team.lessons[0].key}/media"
    assert api_client.get(url).status_code == 401
    learner = UserFactory.create()
    api_client.force_login(learner)
    assert api_client.get(url).json()["error"]["code"] == "not_enrolled"
    enrol(learner, course)
    media = api_client.get(url).json()
    assert [t["language"] for t in media["captions"]] == ["en", "ar"]
    assert media["captions"][1]["transcript"] == "اغسل يديك بالصابون."
    played = api_client.get(media["recordings"][0]["url"])
    assert b"".join(played).startswith(MP4_HEAD[:12])
    played.close()
