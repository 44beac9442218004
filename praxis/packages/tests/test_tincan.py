"""xAPI (TinCan) packages: the launch convention's parameters, a credential bound to the
learner, the registration and the activity, expiring; the lesson done when the package says so."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from praxis.catalog.models import LessonProgress
from praxis.lrs.models import LrsClient, Statement
from praxis.packages.models import Attempt
from praxis.packages.tests import crafting
from praxis.packages.tests.learner_au import launch_url, now, parameters, place_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_package_host")]
ACTIVITY = "https://example.org/activity/cold-chain"


def _send(client: Client, auth: str, *statements: dict[str, Any]) -> Any:
    return client.post(
        "/xapi/statements",
        data=json.dumps(list(statements)),
        content_type="application/json",
        HTTP_AUTHORIZATION=auth,
        HTTP_X_EXPERIENCE_API_VERSION="1.0.3",
    )


def _statement(params: dict[str, str], verb: str, activity: str = ACTIVITY) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "actor": json.loads(params["actor"]),
        "verb": {"id": f"http://adlnet.gov/expapi/verbs/{verb}"},
        "object": {"objectType": "Activity", "id": activity},
        "context": {"registration": params["registration"]},
        "timestamp": now(),
    }


def test_launch_carries_the_tincan_parameters(client: Client) -> None:
    place = place_of(crafting.tincan())
    url = launch_url(client, place)
    params = parameters(url)
    assert "/content/story.html?" in url
    assert params["endpoint"] == f"{settings.SITE_URL}/xapi/"
    assert params["activity_id"] == ACTIVITY
    assert params["registration"] == str(place.enrolment.registration)
    assert json.loads(params["actor"])["account"]["name"] == str(place.learner.uuid)
    assert params["auth"].startswith("Basic ")
    key = base64.b64decode(params["auth"].removeprefix("Basic ")).decode().split(":")[0]
    credential = LrsClient.objects.get(key=key)
    assert credential.expires is not None and credential.expires > timezone.now()
    assert LrsClient.Scope.STATEMENTS_READ not in credential.scopes


def test_the_credential_reaches_only_its_learner_and_activity(client: Client) -> None:
    place = place_of(crafting.tincan())
    params = parameters(launch_url(client, place))
    auth = params["auth"]
    slide = _statement(params, "experienced", ACTIVITY + "/slide-2")
    assert _send(client, auth, slide).status_code == 200
    assert (
        _send(client, auth, _statement(params, "experienced", ACTIVITY + "-other")).status_code
        == 403
    )
    other_actor = {**_statement(params, "experienced"), "actor": {"mbox": "mailto:b@example.org"}}
    assert _send(client, auth, other_actor).status_code == 403
    elsewhere = _statement(params, "experienced")
    elsewhere["context"]["registration"] = str(uuid.uuid4())
    assert _send(client, auth, elsewhere).status_code == 403
    state = client.get(
        "/xapi/activities/state",
        {"activityId": "https://example.org/another", "agent": params["actor"], "stateId": "s"},
        HTTP_AUTHORIZATION=auth,
        HTTP_X_EXPERIENCE_API_VERSION="1.0.3",
    )
    assert state.status_code == 403
    assert Statement.objects.filter(activity_id__startswith=ACTIVITY).count() == 1


def test_an_expired_credential_is_refused(client: Client) -> None:
    place = place_of(crafting.tincan())
    params = parameters(launch_url(client, place))
    LrsClient.objects.update(expires=timezone.now() - timedelta(seconds=1))
    assert _send(client, params["auth"], _statement(params, "completed")).status_code == 401
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()


def test_completing_the_activity_completes_the_lesson(client: Client) -> None:
    place = place_of(crafting.tincan())
    params = parameters(launch_url(client, place))
    auth = params["auth"]
    assert _send(client, auth, _statement(params, "experienced")).status_code == 200
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()
    slide = _statement(params, "completed", ACTIVITY + "/slide-1")
    assert _send(client, auth, slide).status_code == 200  # a part done is not the whole
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()
    passed = {**_statement(params, "passed"), "result": {"success": True, "score": {"scaled": 0.8}}}
    assert _send(client, auth, passed).status_code == 200
    progress = LessonProgress.objects.get(learner=place.learner, lesson=place.lesson)
    assert progress.completed_at is not None
    attempt = Attempt.objects.get()
    assert (attempt.success_status, attempt.score_scaled) == ("passed", 0.8)
