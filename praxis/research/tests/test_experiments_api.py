"""Experiments through the API: create, add variants, start and stop, read results, under the
same rules as the experiment pages. Every response is checked against the OpenAPI document; a
refusal changes nothing."""

import pytest

from conftest import SchemaCheckedClient
from praxis.accounts.models import User
from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.assessments.tests.factories import QuizFactory
from praxis.catalog.models import Course, Lesson
from praxis.catalog.tests.factories import course_with_lessons
from praxis.organisations.models import Role
from praxis.organisations.tests.factories import MembershipFactory, OrganisationFactory
from praxis.research import services
from praxis.research.models import Experiment, Variant

pytestmark = pytest.mark.django_db

EXPERIMENTS = "/api/v1/research/experiments"


def _login(api_client: SchemaCheckedClient, user: User) -> User:
    api_client.client.force_login(user)
    return user


@pytest.fixture
def team() -> tuple[Course, User]:
    """A course co-created by an organisation, and an author of that organisation."""
    organisation = OrganisationFactory.create()
    course = course_with_lessons(modules=1, lessons_per_module=2, title="Course of A")
    course.organisations.add(organisation)
    author = MembershipFactory.create(organisation=organisation, role=Role.AUTHOR).user
    return course, author


def test_course_team_creates_an_experiment_adds_variants_starts_and_stops_it(
    api_client: SchemaCheckedClient, team: tuple[Course, User]
) -> None:
    course, author = team
    first, second = Lesson.objects.filter(module__course=course).order_by("position")
    _login(api_client, author)

    created = api_client.post(EXPERIMENTS, data={"title": "Cases first", "lesson": str(first.uuid)})
    assert created.status_code == 201
    body = created.json()
    assert body["status"] == "draft"
    assert body["varies"] == {"kind": "lesson", "uuid": str(first.uuid), "title": first.title}
    url = f"{EXPERIMENTS}/{body['uuid']}"

    too_early = api_client.post(f"{url}/state", data={"action": "start"})
    assert too_early.status_code == 400
    for name, lesson in (("Text", first), ("Cases", second)):
        added = api_client.post(f"{url}/variants", data={"name": name, "lesson": str(lesson.uuid)})
        assert added.status_code == 201
    started = api_client.post(f"{url}/state", data={"action": "start"})
    assert started.json()["status"] == "running"
    assert [v["name"] for v in started.json()["variants"]] == ["Text", "Cases"]
    assert started.json()["results"]["arms"][0]["learners"] == 0
    locked = api_client.post(f"{url}/variants", data={"name": "Late", "lesson": str(first.uuid)})
    assert locked.status_code == 409
    assert locked.json()["error"]["code"] == "experiment_started"
    stopped = api_client.post(f"{url}/state", data={"action": "stop"})
    assert stopped.json()["status"] == "stopped"
    assert [e["title"] for e in api_client.get(EXPERIMENTS).json()] == ["Cases first"]


def test_bad_input_is_refused_with_its_code_and_creates_nothing(
    api_client: SchemaCheckedClient, team: tuple[Course, User]
) -> None:
    course, author = team
    lesson = Lesson.objects.filter(module__course=course).first()
    quiz = QuizFactory.create(course=course)
    _login(api_client, author)

    assert lesson is not None
    assert quiz is not None
    both = api_client.post(
        EXPERIMENTS, data={"title": "Both", "lesson": str(lesson.uuid), "quiz": str(quiz.uuid)}
    )
    assert both.status_code == 400
    assert both.json()["error"]["code"] == "one_lesson_or_quiz"
    unknown = api_client.post(
        EXPERIMENTS, data={"title": "X", "lesson": "00000000-0000-0000-0000-000000000000"}
    )
    assert unknown.status_code == 400
    assert "lesson" in unknown.json()["error"]["fields"]
    blank = api_client.post(EXPERIMENTS, data={"title": " ", "lesson": str(lesson.uuid)})
    assert "title" in blank.json()["error"]["fields"]
    stranger = api_client.post(
        EXPERIMENTS, data={"title": "X", "lesson": str(lesson.uuid), "colour": "red"}
    )
    assert stranger.status_code == 400
    assert not Experiment.objects.exists()

    experiment = services.create_experiment(author, title="On a lesson", lesson=lesson)
    mismatch = api_client.post(
        f"{EXPERIMENTS}/{experiment.uuid}/variants", data={"name": "Quiz", "quiz": str(quiz.uuid)}
    )
    assert mismatch.status_code == 400
    assert mismatch.json()["error"]["code"] == "variant_kind_mismatch"
    assert not Variant.objects.exists()


def test_other_teams_and_learners_cannot_see_or_change_an_experiment(
    api_client: SchemaCheckedClient, team: tuple[Course, User]
) -> None:
    course, _author = team
    lesson = Lesson.objects.filter(module__course=course).first()
    experiment = services.create_experiment(StaffFactory.create(), title="Ours", lesson=lesson)
    other = OrganisationFactory.create()
    outsider = MembershipFactory.create(organisation=other, role=Role.AUTHOR).user
    _login(api_client, outsider)

    assert api_client.get(EXPERIMENTS).json() == []
    assert api_client.get(f"{EXPERIMENTS}/{experiment.uuid}").status_code == 404
    started = api_client.post(f"{EXPERIMENTS}/{experiment.uuid}/state", data={"action": "start"})
    assert started.status_code == 404
    assert lesson is not None
    created = api_client.post(EXPERIMENTS, data={"title": "Not ours", "lesson": str(lesson.uuid)})
    assert created.status_code == 403
    assert created.json()["error"]["code"] == "permission_denied"

    _login(api_client, UserFactory.create())
    assert api_client.get(EXPERIMENTS).status_code == 403
    assert Experiment.objects.get().status == Experiment.Status.DRAFT
    assert Experiment.objects.count() == 1


def test_anonymous_callers_get_401(api_client: SchemaCheckedClient) -> None:
    assert api_client.get(EXPERIMENTS).status_code == 401
