"""The co-creation API: revisions, stale saves and permissions, checked against OpenAPI."""

import pytest

from conftest import SchemaCheckedClient
from praxis.authoring.models import DraftLesson
from praxis.authoring.tests.conftest import Team
from praxis.authoring.tests.factories import member
from praxis.competencies.tests.factories import CompetencyItemFactory
from praxis.organisations.models import Role
from praxis.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _url(team: Team, lesson: DraftLesson) -> str:
    return f"/api/v1/authoring/drafts/{team.draft.uuid}/lessons/{lesson.key}"


def test_lesson_is_saved_with_its_revision_and_a_stale_save_gets_409(
    api_client: SchemaCheckedClient, team: Team
) -> None:
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


def test_malformed_save_is_400(api_client: SchemaCheckedClient, team: Team) -> None:
    api_client.force_login(team.author)
    response = api_client.put(_url(team, team.lessons[0]), data={"revision": "x", "title": 5})
    assert response.status_code == 400


def test_another_organisations_member_gets_403(api_client: SchemaCheckedClient, team: Team) -> None:
    api_client.force_login(member(OrganisationFactory.create(), Role.AUTHOR))
    response = api_client.put(
        _url(team, team.lessons[0]), data={"revision": 1, "title": "T", "body": ""}
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"


def test_anonymous_gets_401(api_client: SchemaCheckedClient, team: Team) -> None:
    assert api_client.get(_url(team, team.lessons[0])).status_code == 401


# Quizzes and questions


def _quizzes_url(team: Team) -> str:
    return f"/api/v1/authoring/drafts/{team.draft.uuid}/quizzes"


def test_author_writes_a_quiz_and_its_questions_through_the_api(
    api_client: SchemaCheckedClient, team: Team
) -> None:
    api_client.force_login(team.author)
    created = api_client.post(
        _quizzes_url(team), data={"title": "Check your understanding", "pass_mark": 60}
    )
    assert created.status_code == 201
    quiz = created.json()
    question_url = f"{_quizzes_url(team)}/{quiz['key']}/questions"
    added = api_client.post(
        question_url,
        data={
            "kind": "single",
            "stem": "When do you clean your hands?",
            "options": [{"text": "Before touching a patient", "correct": True}, {"text": "Never"}],
        },
    )
    assert added.status_code == 201
    question = added.json()
    saved = api_client.put(
        f"{question_url}/{question['key']}",
        data={
            "revision": question["revision"],
            "kind": "numeric",
            "stem": "Temp?",
            "value": 37.5,
            "tolerance": 0.5,
        },
    )
    assert saved.status_code == 200
    assert saved.json()["answer_key"] == {"value": 37.5, "tolerance": 0.5}
    stale = api_client.put(
        f"{question_url}/{question['key']}",
        data={"revision": question["revision"], "kind": "numeric", "stem": "Old", "value": 1},
    )
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "stale_save"
    listed = api_client.get(_quizzes_url(team)).json()
    assert [q["stem"] for q in listed[0]["questions"]] == ["Temp?"]
    renamed = api_client.put(
        f"{_quizzes_url(team)}/{quiz['key']}",
        data={"revision": quiz["revision"], "title": "Renamed"},
    )
    assert renamed.json()["title"] == "Renamed"
    assert api_client.delete(f"{question_url}/{question['key']}").status_code == 204
    assert api_client.delete(f"{_quizzes_url(team)}/{quiz['key']}").status_code == 204
    assert api_client.get(_quizzes_url(team)).json() == []


def test_invalid_question_is_400_with_field_errors(
    api_client: SchemaCheckedClient, team: Team
) -> None:
    api_client.force_login(team.author)
    quiz = api_client.post(_quizzes_url(team), data={"title": "Q"}).json()
    refused = api_client.post(
        f"{_quizzes_url(team)}/{quiz['key']}/questions",
        data={"kind": "single", "stem": "", "options": [{"text": "a"}, {"text": "b"}]},
    )
    assert refused.status_code == 400
    assert set(refused.json()["error"]["fields"]) == {"stem", "options"}


def test_another_organisations_member_cannot_add_a_quiz(
    api_client: SchemaCheckedClient, team: Team
) -> None:
    api_client.force_login(member(OrganisationFactory.create(), Role.AUTHOR))
    response = api_client.post(_quizzes_url(team), data={"title": "Mine"})
    assert response.status_code == 403


# Competencies


def _competencies_url(team: Team) -> str:
    return f"/api/v1/authoring/drafts/{team.draft.uuid}/competencies"


def test_author_sets_and_removes_the_competencies_a_course_teaches(
    api_client: SchemaCheckedClient, team: Team
) -> None:
    item = CompetencyItemFactory.create(code="IPC.1")
    lesson = team.lessons[0]
    api_client.force_login(team.author)
    added = api_client.post(
        _competencies_url(team),
        data={"item": str(item.identifier), "level": 3, "lesson": str(lesson.key)},
    )
    assert added.status_code == 201
    assert added.json()["code"] == "IPC.1" and added.json()["lesson"] == str(lesson.key)
    again = api_client.post(
        _competencies_url(team),
        data={"item": str(item.identifier), "level": 4, "lesson": str(lesson.key)},
    )
    assert again.json()["id"] == added.json()["id"]  # the same alignment, at the new level
    listed = api_client.get(_competencies_url(team)).json()
    assert [(a["code"], a["level"]) for a in listed] == [("IPC.1", 4)]
    removed = api_client.delete(f"{_competencies_url(team)}/{added.json()['id']}")
    assert removed.status_code == 204
    assert api_client.get(_competencies_url(team)).json() == []


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"level": 2}, "item"),
        ({"item": "not-a-uuid", "level": 2}, "item"),
        ({"item": "00000000-0000-0000-0000-000000000000", "level": 2}, "item"),
        ({"item": "ITEM", "level": 9}, "level"),
        ({"item": "ITEM", "level": "high"}, "level"),
        ({"item": "ITEM", "level": 2, "lesson": "00000000-0000-0000-0000-000000000000"}, "lesson"),
    ],
)
def test_bad_competency_is_refused_and_nothing_is_written(
    api_client: SchemaCheckedClient, team: Team, data: dict[str, object], field: str
) -> None:
    item = CompetencyItemFactory.create()
    if data.get("item") == "ITEM":
        data = {**data, "item": str(item.identifier)}
    api_client.force_login(team.author)
    response = api_client.post(_competencies_url(team), data=data)
    assert response.status_code == 400
    assert field in str(response.json()["error"]["fields"])
    assert not team.draft.alignments.exists()


def test_another_organisations_member_cannot_set_competencies(
    api_client: SchemaCheckedClient, team: Team
) -> None:
    item = CompetencyItemFactory.create()
    api_client.force_login(member(OrganisationFactory.create(), Role.AUTHOR))
    response = api_client.post(
        _competencies_url(team), data={"item": str(item.identifier), "level": 2}
    )
    assert response.status_code == 403
    assert not team.draft.alignments.exists()
