"""Authors put a draft's quizzes, and each quiz's questions, in the order learners meet them: by
buttons that work without JavaScript and through the API. Published courses keep their order
until the next version is published."""

import pytest
from django.test import Client
from django.urls import reverse

from conftest import SchemaCheckedClient
from praxis.assessments.models import Quiz
from praxis.authoring import quizzes, services
from praxis.authoring.inputs import QuestionInput, QuizSettings
from praxis.authoring.models import DraftQuestion, DraftQuiz, HistoryEntry
from praxis.authoring.tests.conftest import Team, approve
from praxis.authoring.tests.factories import member
from praxis.core.errors import Conflict, ErrorCode, PermissionDenied, ValidationFailed
from praxis.organisations.models import Role
from praxis.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

CHOICES = [{"text": "Yes", "correct": True}, {"text": "No"}]
TITLES = ["Before you start", "After module 1", "Final check"]
STEMS = ["First question?", "Second question?", "Third question?"]


def _quizzes(team: Team) -> list[DraftQuiz]:
    return [
        quizzes.add_quiz(team.draft, team.author, QuizSettings.read({"title": title}))
        for title in TITLES
    ]


def _questions(team: Team, quiz: DraftQuiz) -> list[DraftQuestion]:
    return [
        quizzes.add_question(
            quiz,
            team.author,
            QuestionInput.read({"kind": "single", "stem": stem, "options": CHOICES}),
        )
        for stem in STEMS
    ]


def _titles(team: Team) -> list[str]:
    return [quiz.title for quiz in team.draft.quizzes.all()]


def _stems(quiz: DraftQuiz) -> list[str]:
    return [question.stem for question in quiz.questions.all()]


# The service


def test_a_quiz_moves_up_down_and_to_a_position(team: Team) -> None:
    first, second, third = _quizzes(team)
    quizzes.move_quiz(third, team.author, direction="up")
    assert _titles(team) == ["Before you start", "Final check", "After module 1"]
    quizzes.move_quiz(first, team.author, direction="down")
    assert _titles(team) == ["Final check", "Before you start", "After module 1"]
    moved = quizzes.move_quiz(second, team.author, position=0)
    assert [quiz.key for quiz in moved] == [second.key, third.key, first.key]
    assert _titles(team) == ["After module 1", "Final check", "Before you start"]
    assert list(team.draft.quizzes.values_list("position", flat=True)) == [0, 1, 2]
    assert HistoryEntry.objects.filter(detail_code="moved_quiz").count() == 3
    last = HistoryEntry.objects.filter(detail_code="moved_quiz").last()
    assert last is not None and last.detail_text == "moved quiz After module 1"


def test_a_question_moves_within_its_quiz(team: Team) -> None:
    quiz = _quizzes(team)[0]
    first, _second, third = _questions(team, quiz)
    quizzes.move_question(third, team.author, direction="up")
    assert _stems(quiz) == ["First question?", "Third question?", "Second question?"]
    quizzes.move_question(first, team.author, position=2)
    assert _stems(quiz) == ["Third question?", "Second question?", "First question?"]


@pytest.mark.parametrize(
    ("arguments", "code", "field"),
    [
        ({}, ErrorCode.INVALID_INPUT, None),
        ({"position": 1, "direction": "up"}, ErrorCode.INVALID_INPUT, None),
        ({"direction": "sideways"}, ErrorCode.INVALID_INPUT, "direction"),
        ({"position": "1"}, ErrorCode.INVALID_INPUT, "position"),
        ({"position": True}, ErrorCode.INVALID_INPUT, "position"),
        ({"position": 3}, ErrorCode.POSITION_OUT_OF_RANGE, "position"),
        ({"position": -1}, ErrorCode.POSITION_OUT_OF_RANGE, "position"),
        ({"position": 10**12}, ErrorCode.POSITION_OUT_OF_RANGE, "position"),
    ],
)
def test_unclear_moves_are_refused_and_nothing_moves(
    team: Team, arguments: dict[str, object], code: ErrorCode, field: str | None
) -> None:
    first = _quizzes(team)[0]
    with pytest.raises(ValidationFailed) as refused:
        quizzes.move_quiz(first, team.author, **arguments)
    assert refused.value.code == code
    if field:
        assert field in refused.value.fields
    assert _titles(team) == TITLES
    assert not HistoryEntry.objects.filter(detail_code="moved_quiz").exists()


def test_the_first_cannot_go_up_nor_the_last_down(team: Team) -> None:
    quiz = _quizzes(team)[0]
    first, _second, last = _questions(team, quiz)
    with pytest.raises(ValidationFailed) as refused:
        quizzes.move_question(first, team.author, direction="up")
    assert refused.value.code == ErrorCode.POSITION_OUT_OF_RANGE
    with pytest.raises(ValidationFailed):
        quizzes.move_question(last, team.author, direction="down")
    assert _stems(quiz) == STEMS


def test_moving_to_where_it_is_changes_nothing(team: Team) -> None:
    second = _quizzes(team)[1]
    quizzes.move_quiz(second, team.author, position=1)
    assert _titles(team) == TITLES
    assert not HistoryEntry.objects.filter(detail_code="moved_quiz").exists()


def test_a_draft_in_review_cannot_be_reordered(team: Team) -> None:
    first = _quizzes(team)[0]
    services.submit_for_review(team.draft, team.author)
    first.refresh_from_db()
    with pytest.raises(Conflict) as refused:
        quizzes.move_quiz(first, team.author, direction="down")
    assert refused.value.code == ErrorCode.DRAFT_NOT_EDITABLE
    assert _titles(team) == TITLES


def test_a_member_who_does_not_write_and_another_organisation_are_refused(team: Team) -> None:
    first = _quizzes(team)[0]
    question = _questions(team, first)[0]
    reader = member(team.organisation, Role.MEMBER)
    stranger = member(OrganisationFactory.create(), Role.AUTHOR)
    for person in (reader, stranger):
        with pytest.raises(PermissionDenied):
            quizzes.move_quiz(first, person, direction="down")
        with pytest.raises(PermissionDenied):
            quizzes.move_question(question, person, direction="down")
    assert _titles(team) == TITLES and _stems(first) == STEMS


def test_published_course_keeps_its_order_until_the_new_version_is_published(
    team: Team,
) -> None:
    first, second, _third = _quizzes(team)
    _questions(team, first)
    approve(team)
    services.publish(team.draft, team.staff)
    team.draft.refresh_from_db()
    course = team.draft.course
    assert course is not None
    draft = services.start_new_version(course, team.author)
    copied = draft.quizzes.get(key=second.key)
    quizzes.move_quiz(copied, team.author, position=0)
    question = draft.quizzes.get(key=first.key).questions.get(stem="Third question?")
    quizzes.move_question(question, team.author, position=0)

    published = Quiz.objects.filter(course=course)
    assert [quiz.title for quiz in published] == TITLES
    first_slots = Quiz.objects.get(uuid=first.key).slots.select_related("question")
    assert [slot.question.stem for slot in first_slots] == STEMS

    team.draft = draft
    approve(team)
    services.publish(draft, team.staff)
    assert [quiz.title for quiz in Quiz.objects.filter(course=course)] == [
        "After module 1",
        "Before you start",
        "Final check",
    ]
    first_slots = Quiz.objects.get(uuid=first.key).slots.select_related("question")
    assert [slot.question.stem for slot in first_slots] == [
        "Third question?",
        "First question?",
        "Second question?",
    ]


# The pages


def test_author_moves_a_quiz_with_the_buttons_of_the_draft_page(client: Client, team: Team) -> None:
    first, _second, third = _quizzes(team)
    client.force_login(team.author)
    page = client.get(reverse("authoring:draft", args=[team.draft.uuid])).content.decode()
    assert page.count("Move up") == 2 and page.count("Move down") == 2
    response = client.post(
        reverse("authoring:move_quiz", args=[team.draft.uuid, third.key]),
        {"direction": "up"},
        follow=True,
    )
    shown = response.content.decode()
    assert "Quiz moved." in shown
    assert shown.index("Final check") < shown.index("After module 1")
    assert _titles(team) == ["Before you start", "Final check", "After module 1"]
    refused = client.post(
        reverse("authoring:move_quiz", args=[team.draft.uuid, first.key]),
        {"direction": "up"},
        follow=True,
    )
    assert "Choose a position from 0 to 2." in refused.content.decode()
    empty = client.post(
        reverse("authoring:move_quiz", args=[team.draft.uuid, first.key]), {}, follow=True
    )
    assert "Give either a new position or a direction" in empty.content.decode()
    assert _titles(team) == ["Before you start", "Final check", "After module 1"]


def test_author_moves_a_question_on_the_quiz_page(client: Client, team: Team) -> None:
    quiz = _quizzes(team)[0]
    first = _questions(team, quiz)[0]
    client.force_login(team.author)
    url = reverse("authoring:quiz", args=[team.draft.uuid, quiz.key])
    response = client.post(
        url,
        {"action": "move_question", "question": str(first.key), "direction": "down"},
        follow=True,
    )
    assert "Question moved." in response.content.decode()
    assert _stems(quiz) == ["Second question?", "First question?", "Third question?"]
    unknown = client.post(
        url, {"action": "move_question", "question": "not-a-key", "direction": "down"}
    )
    assert unknown.status_code == 404
    assert _stems(quiz) == ["Second question?", "First question?", "Third question?"]


def test_reader_and_other_organisation_see_no_buttons_and_cannot_post(
    client: Client, team: Team
) -> None:
    quiz = _quizzes(team)[0]
    client.force_login(member(team.organisation, Role.MEMBER))
    page = client.get(reverse("authoring:draft", args=[team.draft.uuid])).content.decode()
    assert "Before you start" in page and "Move up" not in page and "Move down" not in page
    client.post(
        reverse("authoring:move_quiz", args=[team.draft.uuid, quiz.key]), {"direction": "down"}
    )
    assert _titles(team) == TITLES
    client.force_login(member(OrganisationFactory.create(), Role.AUTHOR))
    response = client.post(
        reverse("authoring:move_quiz", args=[team.draft.uuid, quiz.key]), {"direction": "down"}
    )
    assert response.status_code == 403
    assert _titles(team) == TITLES


# The API


def _move_url(team: Team, quiz: DraftQuiz, question: DraftQuestion | None = None) -> str:
    url = f"/api/v1/authoring/drafts/{team.draft.uuid}/quizzes/{quiz.key}"
    return f"{url}/questions/{question.key}/move" if question else f"{url}/move"


def test_author_reorders_through_the_api(api_client: SchemaCheckedClient, team: Team) -> None:
    first, second, third = _quizzes(team)
    questions = _questions(team, first)
    api_client.force_login(team.author)
    moved = api_client.post(_move_url(team, first), data={"position": 2})
    assert moved.status_code == 200
    assert moved.json()["order"] == [str(second.key), str(third.key), str(first.key)]
    up = api_client.post(_move_url(team, first, questions[1]), data={"direction": "up"})
    assert up.json()["order"] == [str(q.key) for q in (questions[1], questions[0], questions[2])]
    listed = api_client.get(f"/api/v1/authoring/drafts/{team.draft.uuid}/quizzes").json()
    assert [quiz["title"] for quiz in listed] == ["After module 1", "Final check", TITLES[0]]
    assert [q["stem"] for q in listed[2]["questions"]] == [STEMS[1], STEMS[0], STEMS[2]]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({}, "invalid_input"),
        ({"position": 5}, "position_out_of_range"),
        ({"position": -1}, "position_out_of_range"),
        ({"position": "first"}, "invalid_input"),
        ({"position": 1.5}, "invalid_input"),
        ({"direction": 1}, "invalid_input"),
        ({"direction": "sideways"}, "invalid_input"),
        ({"direction": "up" * 5000}, "invalid_input"),
        ({"position": 0, "direction": "down"}, "invalid_input"),
    ],
)
def test_bad_moves_are_400_with_a_stable_code(
    api_client: SchemaCheckedClient, team: Team, body: dict[str, object], code: str
) -> None:
    second = _quizzes(team)[1]
    api_client.force_login(team.author)
    response = api_client.post(_move_url(team, second), data=body)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == code
    assert _titles(team) == TITLES


def test_unknown_keys_are_404(api_client: SchemaCheckedClient, team: Team) -> None:
    quiz = _quizzes(team)[0]
    api_client.force_login(team.author)
    base = f"/api/v1/authoring/drafts/{team.draft.uuid}/quizzes"
    missing = "00000000-0000-0000-0000-000000000000"
    assert api_client.post(f"{base}/{missing}/move", data={"position": 0}).status_code == 404
    response = api_client.post(f"{base}/{quiz.key}/questions/{missing}/move", data={"position": 0})
    assert response.status_code == 404


def test_a_draft_in_review_is_409_and_strangers_403(
    api_client: SchemaCheckedClient, team: Team
) -> None:
    first = _quizzes(team)[0]
    api_client.force_login(member(OrganisationFactory.create(), Role.AUTHOR))
    response = api_client.post(_move_url(team, first), data={"direction": "down"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    api_client.force_login(member(team.organisation, Role.MEMBER))
    assert api_client.post(_move_url(team, first), data={"direction": "down"}).status_code == 403
    services.submit_for_review(team.draft, team.author)
    api_client.force_login(team.author)
    locked = api_client.post(_move_url(team, first), data={"direction": "down"})
    assert locked.status_code == 409
    assert locked.json()["error"]["code"] == "draft_not_editable"
    assert _titles(team) == TITLES
