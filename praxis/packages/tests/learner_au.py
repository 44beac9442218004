"""A cmi5 AU (or xAPI package) as the tests play it: launched through the package origin,
its credential fetched, statements sent to /xapi/ as content in a browser would."""

from __future__ import annotations

import io
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, quote, urlsplit

from django.test import Client

from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.catalog.models import Enrolment, Lesson
from praxis.catalog.services import enrol
from praxis.catalog.tests.factories import LessonFactory
from praxis.catalog.xapi import lesson_activity_id
from praxis.packages.cmi5 import CATEGORY_CMI5, CATEGORY_MOVE_ON, EXTENSION_MASTERY
from praxis.packages.launch import Launch, launch_token
from praxis.packages.models import Package
from praxis.packages.services import import_package

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

HOST = "localhost"  # the package origin's host in these tests
ADL = "http://adlnet.gov/expapi/verbs/"


@dataclass
class Place:
    """A learner enrolled in a course whose lesson plays a package."""

    learner: User
    lesson: Lesson
    package: Package
    enrolment: Enrolment

    @property
    def launch(self) -> Launch:
        return Launch(
            learner=self.learner.pk,
            package=self.package.pk,
            subject=str(self.lesson.uuid),
            registration=str(self.enrolment.registration),
            parent=lesson_activity_id(self.lesson),
            language="en",
        )

    @property
    def token(self) -> str:
        return launch_token(self.launch)


def place_of(content: bytes, learner: User | None = None) -> Place:
    package = import_package(io.BytesIO(content), by=None)
    lesson = LessonFactory.create(package=package)
    learner = learner or UserFactory.create()
    enrolment = enrol(learner, lesson.module.course)
    return Place(learner, lesson, package, enrolment)


def launch_url(client: Client, place: Place, position: int = 0) -> str:
    response = client.post(f"/packages/play/{place.token}/launch/{position}", HTTP_HOST=HOST)
    assert response.status_code == 303, response.content
    return str(response["Location"])


def parameters(url: str) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}


def now() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


class Au:
    """A launched AU: its launch parameters and the LRS credential its fetch URL gave."""

    def __init__(self, client: Client, url: str, *, fetch: bool = True) -> None:
        self.client = client
        self.url = url
        self.params = parameters(url)
        self.auth = ""
        if fetch:
            answer = self.fetch()
            assert "auth-token" in answer, answer
            self.auth = answer["auth-token"]
            # As an AU does before it says initialized (cmi5 11.0).
            self.read_preferences()
        self.launch_data: dict[str, Any] = {}

    def read_preferences(self) -> Response:
        where = {"profileId": "cmi5LearnerPreferences", "agent": json.dumps(self.actor)}
        return self.xapi("GET", "agents/profile", **where)

    @property
    def actor(self) -> dict[str, Any]:
        loaded: dict[str, Any] = json.loads(self.params["actor"])
        return loaded

    def fetch(self) -> dict[str, str]:
        path = urlsplit(self.params["fetch"]).path
        answer: dict[str, str] = self.client.post(path, HTTP_HOST=HOST).json()
        return answer

    def xapi(self, method: str, path: str, body: Any = None, **params: str) -> Response:
        headers = {"Authorization": f"Basic {self.auth}", "X-Experience-API-Version": "1.0.3"}
        query = "&".join(f"{k}={v}" for k, v in _encoded(params).items())
        url = f"/xapi/{path}" + (f"?{query}" if query else "")
        if method == "GET":
            return self.client.get(url, headers=headers)
        if method == "DELETE":
            return self.client.delete(url, headers=headers)
        data = body if isinstance(body, bytes) else json.dumps(body)
        send = self.client.put if method == "PUT" else self.client.post
        return send(url, data=data, content_type="application/json", headers=headers)

    def state(self, state_id: str = "LMS.LaunchData", **changes: str) -> Response:
        where = {
            "stateId": state_id,
            "activityId": self.params["activityId"],
            "agent": json.dumps(self.actor),
            "registration": self.params["registration"],
            **changes,
        }
        return self.xapi("GET", "activities/state", **where)

    def read_launch_data(self) -> dict[str, Any]:
        response = self.state()
        assert response.status_code == 200, response.content
        self.launch_data = response.json()
        return self.launch_data

    def statement(
        self, verb: str, result: dict[str, Any] | None = None, *, defined: bool = True
    ) -> dict[str, Any]:
        """A statement as a well-behaved AU makes it from the context template."""
        launch_data = self.launch_data or self.read_launch_data()
        context = json.loads(json.dumps(launch_data["contextTemplate"]))
        context["registration"] = self.params["registration"]
        if defined:
            context["contextActivities"]["category"] = [{"id": CATEGORY_CMI5}]
            if result and ("success" in result or "completion" in result):
                context["contextActivities"]["category"].append({"id": CATEGORY_MOVE_ON})
        if verb in {"passed", "failed"} and "masteryScore" in launch_data:
            context["extensions"][EXTENSION_MASTERY] = launch_data["masteryScore"]
        said: dict[str, Any] = {
            "id": str(uuid.uuid4()),
            "actor": self.actor,
            "verb": {"id": ADL + verb if ":" not in verb else verb},
            "object": {"objectType": "Activity", "id": self.params["activityId"]},
            "context": context,
            "timestamp": now(),
        }
        if result is not None:
            said["result"] = result
        return said

    def send(self, *statements: dict[str, Any]) -> Response:
        return self.xapi("POST", "statements", list(statements))


def _encoded(params: dict[str, str]) -> dict[str, str]:
    return {key: quote(value, safe="") for key, value in params.items()}


DONE = {"completion": True, "duration": "PT1M"}


def passed(scaled: float = 0.9) -> dict[str, Any]:
    return {"success": True, "score": {"scaled": scaled}, "duration": "PT1M"}
