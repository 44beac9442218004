"""The package origin's navigation endpoint and the player's own navigation: where a request
leads, what is refused (not valid, malformed, another launch's), and the buttons and parts the
player shows for the SCO it plays."""

from __future__ import annotations

import io
import json
import uuid
from typing import Any

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from pytest_django import Settings as SettingsWrapper

from praxis.accounts.tests.factories import UserFactory
from praxis.packages.launch import SALT, Launch, launch_token
from praxis.packages.models import Attempt, Package
from praxis.packages.services import import_package
from praxis.packages.tests import crafting

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_package_host")]
HOST = "localhost"


def _package(content: bytes) -> Package:
    return import_package(io.BytesIO(content), by=None)


def _token(package: Package, interface: str = "") -> str:
    learner = UserFactory.create()
    return launch_token(
        Launch(
            learner=learner.pk,
            package=package.pk,
            subject=str(uuid.uuid4()),
            interface=interface,
        )
    )


def _navigate(client: Client, token: str, sco: str, request: Any, **extra: Any) -> Any:
    query = {} if request is None else {"request": request}
    return client.get(
        reverse("packages:navigate", args=[token, sco]), query, HTTP_HOST=HOST, **extra
    )


def _player(client: Client, token: str, sco: str = "") -> str:
    url = reverse("packages:player", args=[token]) + (f"?sco={sco}" if sco else "")
    response = client.get(url, HTTP_HOST=HOST)
    assert response.status_code == 200
    return response.content.decode()


def _config(page: str) -> dict[str, Any]:
    start = page.index('<script id="player-config" type="application/json">')
    text = page[start:].split(">", 1)[1].split("</script>", 1)[0]
    result: dict[str, Any] = json.loads(text)
    return result


def test_continue_leads_to_the_next_sco_and_previous_back(client: Client) -> None:
    token = _token(_package(crafting.scorm_2004()))
    forward = _navigate(client, token, "part-1", "continue")
    assert forward.status_code == 200
    assert forward.json() == {
        "valid": True,
        "leave": False,
        "sco": "part-2",
        "url": reverse("packages:player", args=[token]) + "?sco=part-2",
    }
    assert _navigate(client, token, "part-2", "previous").json()["sco"] == "part-1"
    assert _navigate(client, token, "part-1", "{target=part-2}choice").json()["sco"] == "part-2"
    assert _navigate(client, token, "part-2", "exit").json() == {"valid": True, "leave": True}
    assert _navigate(client, token, "part-2", "continue").json() == {"valid": True, "leave": True}


def test_a_request_that_is_not_valid_is_refused_and_changes_nothing(client: Client) -> None:
    token = _token(_package(crafting.scorm_2004()))
    attempts = Attempt.objects.count()
    first = _navigate(client, token, "part-1", "previous")
    assert first.status_code == 409
    body = first.json()
    assert body["valid"] is False
    assert body["error"]["code"] == "navigation_not_valid"
    assert body["error"]["message"] == "This is the first part: there is nothing before it."
    unknown = _navigate(client, token, "part-1", "{target=part-9}choice")
    assert (unknown.status_code, unknown.json()["error"]["code"]) == (409, "navigation_not_valid")
    assert Attempt.objects.count() == attempts


@pytest.mark.parametrize(
    "request_text", [None, "", "sideways", "{target=}choice", "x" * 5000, "Continue", "continue "]
)
def test_a_malformed_request_is_bad_input(client: Client, request_text: Any) -> None:
    token = _token(_package(crafting.scorm_2004()))
    answer = _navigate(client, token, "part-1", request_text)
    assert answer.status_code == 400
    assert answer.json()["valid"] is False
    assert answer.json()["error"]["code"] == "invalid_input"


def test_another_launch_or_place_is_refused(client: Client, settings: SettingsWrapper) -> None:
    package = _package(crafting.scorm_2004())
    token = _token(package)
    # Another learner's launch, signed by someone else: refused.
    data = signing.loads(token, salt=SALT)
    forged = signing.dumps({**data, "learner": data["learner"] + 1}, salt="another.salt")
    assert _navigate(client, forged, "part-1", "continue").json()["error"]["code"] == (
        "launch_expired"
    )
    assert _navigate(client, forged, "part-1", "continue").status_code == 403
    # A SCO of another package, through this package's launch.
    other = _token(_package(crafting.scorm_12()))
    assert _navigate(client, other, "part-1", "continue").status_code == 404
    # Only on the package origin, and only read.
    url = reverse("packages:navigate", args=[token, "part-1"])
    assert client.get(url, {"request": "continue"}).status_code == 404
    assert client.post(url, {"request": "continue"}, HTTP_HOST=HOST).status_code == 405
    cmi5 = _token(_package(crafting.cmi5_course()))
    assert _navigate(client, cmi5, "au-1", "continue").status_code == 404
    settings.PACKAGE_LAUNCH_HOURS = 0
    assert _navigate(client, token, "part-1", "continue").status_code == 403


def test_the_player_tells_the_sco_what_it_may_ask_and_shows_next_and_previous(
    client: Client,
) -> None:
    token = _token(_package(crafting.scorm_2004()))
    first = _player(client, token)
    assert _config(first)["navigation"] == {
        "continue": True,
        "previous": False,
        "choice": ["part-1", "part-2"],
        "jump": ["part-1", "part-2"],
    }
    assert '<a href="?sco=part-2" rel="next">Next</a>' in first
    assert 'rel="prev"' not in first
    second = _player(client, token, "part-2")
    assert _config(second)["navigation"]["previous"] is True
    assert '<a href="?sco=part-1" rel="prev">Previous</a>' in second
    assert 'rel="next"' not in second


def test_a_package_that_neither_flows_nor_lets_the_learner_choose_shows_no_way_on(
    client: Client,
) -> None:
    items = '<item identifier="a" identifierref="r"><title>Alpha</title></item>'
    items += '<item identifier="b" identifierref="r"><title>Beta</title></item>'
    locked = '<imsss:sequencing><imsss:controlMode choice="false"/></imsss:sequencing>'
    token = _token(_package(crafting.sequenced(locked, items)))
    page = _player(client, token)
    assert _config(page)["navigation"]["choice"] == []
    assert '<span dir="auto">Beta</span>' in page
    assert "?sco=b" not in page
    assert 'rel="next"' not in page
    assert 'rel="prev"' not in page
