"""H5P content's saved state (`contentUserData`): kept for the learner playing it, per data type
and part, preloaded into the player when they come back, and never given to, or taken from,
another learner; refused, keeping what was saved, when too large, not JSON, or through a session
that is not the launch's own."""

from __future__ import annotations

import json
import re
import uuid
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django import Settings as SettingsWrapper

from praxis.accounts.tests.factories import UserFactory
from praxis.catalog.services import enrol
from praxis.packages import h5p
from praxis.packages.models import ContentUserData, Session
from praxis.packages.tests import crafting_h5p
from praxis.packages.tests.learner_au import HOST, Place, place_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_package_host")]

PART = "f81d4fae-7dec-41d0-a765-00a0c91e6bf6"


def _config(client: Client, h5p_place: Place) -> dict[str, Any]:
    """Open the player as the learner's browser does: what the page hands the player."""
    response = client.get(f"/packages/play/{h5p_place.token}/", HTTP_HOST=HOST)
    assert response.status_code == 200
    found = re.search(
        r'<script id="h5p-config" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    assert found is not None
    config: dict[str, Any] = json.loads(found.group(1))
    return config


def _url(config: dict[str, Any], data_type: str = "state", part: str = "0") -> str:
    template = str(config["options"]["ajax"]["contentUserDataUrl"])
    assert template == config["userDataUrl"]
    return template.replace(":dataType", data_type).replace(":subContentId", part)


def _save(client: Client, url: str, data: str, preload: str = "1") -> Any:
    """As H5P's core posts it (jQuery: an urlencoded form)."""
    return client.post(
        url,
        urlencode({"data": data, "preload": preload, "invalidate": "1"}),
        content_type="application/x-www-form-urlencoded",
        HTTP_HOST=HOST,
    )


def _read(client: Client, url: str) -> Any:
    return client.get(url, HTTP_HOST=HOST)


def _another_learner_in(h5p_place: Place) -> Place:
    learner = UserFactory.create()
    return Place(
        learner, h5p_place.lesson, h5p_place.package, enrol(learner, h5p_place.lesson.module.course)
    )


def test_saved_state_is_read_back_and_preloaded_when_the_learner_returns(
    client: Client, h5p_place: Place
) -> None:
    first = _config(client, h5p_place)
    assert first["options"]["contentUserData"] == {}
    assert first["options"]["saveFreq"] > 0 and "user" in first["options"]
    state = json.dumps({"answers": [2, 0], "progress": 3})

    saved = _save(client, _url(first), state)
    part = _save(client, _url(first, part=PART.upper()), '{"seen": true}', preload="0")
    read = _read(client, _url(first))
    again = _config(client, h5p_place)

    assert (saved.status_code, saved.json()) == (200, {"success": True})
    assert part.status_code == 200
    assert read.json() == {"success": True, "data": state}
    assert _read(client, _url(first, part=PART)).json()["data"] == '{"seen": true}'
    # Only what H5P asked to have preloaded is in the page; the rest it reads when it needs.
    assert again["options"]["contentUserData"] == {"0": {"state": state}}


def test_a_new_save_replaces_the_old_and_h5p_deleting_removes_it(
    client: Client, h5p_place: Place
) -> None:
    url = _url(_config(client, h5p_place))

    _save(client, url, '{"progress": 1}')
    _save(client, url, '{"progress": 2}')
    kept = list(ContentUserData.objects.values_list("data", flat=True))
    deleted = _save(client, url, "0")  # H5P.deleteUserData sends 0

    assert kept == ['{"progress": 2}']
    assert deleted.status_code == 200
    assert not ContentUserData.objects.exists()
    assert _read(client, url).json() == {"success": True, "data": False}


def test_nothing_saved_reads_as_no_data(client: Client, h5p_place: Place) -> None:
    response = _read(client, _url(_config(client, h5p_place)))
    assert (response.status_code, response.json()) == (200, {"success": True, "data": False})


def test_another_learner_neither_sees_nor_changes_the_learners_state(
    client: Client, h5p_place: Place
) -> None:
    mine = _url(_config(client, h5p_place))
    _save(client, mine, '{"answers": ["mine"]}')
    other = _another_learner_in(h5p_place)
    theirs = _config(client, other)

    # Their own session in the same content starts empty and keeps its own.
    assert theirs["options"]["contentUserData"] == {}
    assert _read(client, _url(theirs)).json() == {"success": True, "data": False}
    assert _save(client, _url(theirs), '{"answers": ["theirs"]}').status_code == 200
    # The learner's session under the other learner's launch is not found, either way.
    stolen = re.sub(r"/play/[^/]+/", f"/play/{other.token}/", mine)
    read = _read(client, stolen)
    written = _save(client, stolen, '{"answers": ["overwritten"]}')

    assert (read.status_code, read.json()["error"]["code"]) == (404, "not_found")
    assert read.json()["success"] is False and read.json()["message"]
    assert (written.status_code, written.json()["error"]["code"]) == (404, "not_found")
    assert _read(client, mine).json()["data"] == '{"answers": ["mine"]}'
    assert _read(client, _url(theirs)).json()["data"] == '{"answers": ["theirs"]}'
    assert _config(client, h5p_place)["options"]["contentUserData"] == {
        "0": {"state": '{"answers": ["mine"]}'}
    }


def test_state_too_large_is_refused_and_what_was_saved_is_kept(
    client: Client, h5p_place: Place
) -> None:
    url = _url(_config(client, h5p_place))
    _save(client, url, '{"progress": 1}')
    huge = json.dumps({"notes": "x" * h5p.MAX_USER_DATA})

    response = _save(client, url, huge)

    assert response.status_code == 413
    body = response.json()
    assert (body["success"], body["error"]["code"]) == (False, "payload_too_large")
    assert "too large" in body["message"]
    assert _read(client, url).json()["data"] == '{"progress": 1}'


def test_a_body_over_the_request_limit_is_refused(
    client: Client, h5p_place: Place, settings: SettingsWrapper
) -> None:
    url = _url(_config(client, h5p_place))
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = _save(client, url, json.dumps({"notes": "x" * 2000}))

    assert (response.status_code, response.json()["error"]["code"]) == (413, "payload_too_large")
    assert not ContentUserData.objects.exists()


def test_too_many_parts_are_refused(
    client: Client, h5p_place: Place, settings: SettingsWrapper, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(h5p, "MAX_USER_DATA_ENTRIES", 2)
    config = _config(client, h5p_place)
    assert _save(client, _url(config), "{}").status_code == 200
    assert _save(client, _url(config, part=PART), "{}").status_code == 200

    refused = _save(client, _url(config, part=str(uuid.uuid4())), "{}")
    replaced = _save(client, _url(config), '{"progress": 5}')

    assert (refused.status_code, refused.json()["error"]["code"]) == (413, "payload_too_large")
    assert replaced.status_code == 200  # one already kept may still change
    assert ContentUserData.objects.count() == 2


@pytest.mark.parametrize(
    ("data_type", "part", "data"),
    [
        ("state", "0", "{not json"),
        ("state", "0", ""),
        ("state", "0", "[" * 5_000 + "]" * 5_000),
        ("state", "0", '{"progress": NaN}'),
        ("state", "0", "Infinity"),
        ("state", "12", "{}"),
        ("state", "not-a-part", "{}"),
        ("1state", "0", "{}"),
        ("s" * 65, "0", "{}"),
    ],
)
def test_what_h5p_would_not_send_is_refused(
    client: Client, h5p_place: Place, data_type: str, part: str, data: str
) -> None:
    response = _save(client, _url(_config(client, h5p_place), data_type, part), data)

    assert (response.status_code, response.json()["error"]["code"]) == (400, "invalid_input")
    assert response.json()["message"]
    assert not ContentUserData.objects.exists()


def test_a_nul_in_the_state_is_refused(client: Client, h5p_place: Place) -> None:
    response = _save(client, _url(_config(client, h5p_place)), '{"note": "a\x00b"}')
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_input"
    assert not ContentUserData.objects.exists()


def test_an_expired_or_unknown_session_is_refused(client: Client, h5p_place: Place) -> None:
    url = _url(_config(client, h5p_place))
    unknown = re.sub(r"/h5p/[^/]+/", f"/h5p/{uuid.uuid4()}/", url)
    assert _save(client, unknown, "{}").status_code == 404
    Session.objects.update(expires=timezone.now() - timedelta(minutes=1))

    written, read = _save(client, url, "{}"), _read(client, url)

    assert (written.status_code, written.json()["error"]["code"]) == (403, "launch_expired")
    assert (read.status_code, read.json()["error"]["code"]) == (403, "launch_expired")
    assert not ContentUserData.objects.exists()


def test_saved_state_is_answered_only_on_the_package_origin(
    client: Client, h5p_place: Place
) -> None:
    url = _url(_config(client, h5p_place))
    response = client.post(url, {"data": "{}"})
    assert response.status_code == 404
    assert client.get(url).status_code == 404
    assert not ContentUserData.objects.exists()


def test_a_new_version_of_the_package_starts_afresh(client: Client, h5p_place: Place) -> None:
    _save(client, _url(_config(client, h5p_place)), '{"progress": 4}')
    newer = place_of(crafting_h5p.h5p_zip())
    newer.lesson, newer.learner = h5p_place.lesson, h5p_place.learner

    assert _config(client, newer)["options"]["contentUserData"] == {}
