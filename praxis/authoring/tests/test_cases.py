"""Clinical cases written in a draft: added, edited with their revision, shared by questions,
removed, published with the course and carried into its next version."""

import pytest
from django.test import Client
from django.urls import reverse

from conftest import SchemaCheckedClient
from praxis.assessments import services as assessments
from praxis.assessments.models import Case, Question, Quiz
from praxis.authoring import cases, quizzes, services
from praxis.authoring.inputs import QuestionInput, QuizSettings
from praxis.authoring.models import DraftCase, DraftQuestion, DraftQuiz, HistoryEntry
from praxis.authoring.tests.conftest import Team, approve
from praxis.authoring.tests.factories import member
from praxis.catalog import services as catalog
from praxis.catalog.models import Course
from praxis.core.errors import Conflict, ErrorCode, PermissionDenied, ValidationFailed
from praxis.organisations.models import Role
from praxis.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

CHOICES = [{"text": "Refer today", "correct": True}, {"text": "Wait a week"}]
STORY = "Mrs K., 34, has not slept for a week since her baby was born."


def _case(team: Team, title: str = "A new mother") -> DraftCase:
    return cases.add_case(team.draft, team.author, title=title, vignette=STORY)


def _question(team: Team, quiz: DraftQuiz, case: DraftCase | None) -> DraftQuestion:
    return quizzes.add_question(
        quiz,
        team.author,
        QuestionInput.read(
            {
                "kind": "single",
                "stem": "What do you do?",
                "options": CHOICES,
                "case": str(case.key) if case else None,
            }
        ),
    )


def _quiz(team: Team) -> DraftQuiz:
    return quizzes.add_quiz(
        team.draft, team.author, QuizSettings.read({"title": "Cases in practice"})
    )


# The service


def test_author_adds_edits_and_removes_a_case(team: Team) -> None:
    case = _case(team)
    assert (case.title, case.vignette, case.revision) == ("A new mother", STORY, 1)
    question = _question(team, _quiz(team), case)
    assert question.case_key == case.key
    saved = cases.save_case(
        case, team.author, revision=1, title="  A tired mother ", vignette="She cries daily."
    )
    assert (saved.title, saved.vignette, saved.revision) == (
        "A tired mother",
        "She cries daily.",
        2,
    )
    assert [q.key for q in cases.questions_of(saved)] == [question.key]
    cases.remove_case(saved, team.author)
    question.refresh_from_db()
    assert question.case_key is None and not team.draft.cases.exists()
    details = [
        entry.detail_text for entry in HistoryEntry.objects.filter(detail_code__contains="case")
    ]
    assert details == [
        "added clinical case A new mother",
        "clinical case A tired mother",
        "removed clinical case A tired mother",
    ]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": "", "vignette": STORY}, "title"),
        ({"title": "   ", "vignette": STORY}, "title"),
        ({"title": "T" * 201, "vignette": STORY}, "title"),
        ({"title": "A case", "vignette": ""}, "vignette"),
        ({"title": "A case", "vignette": "v" * 10_001}, "vignette"),
        ({"title": 5, "vignette": STORY}, "title"),
        ({"title": "A case", "vignette": ["a", "list"]}, "vignette"),
        ({"title": "A case", "vignette": STORY, "steps": "unknown"}, "steps"),
    ],
)
def test_a_bad_case_is_refused_and_nothing_is_written(
    team: Team, fields: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        cases.add_case(team.draft, team.author, **fields)
    assert refused.value.code == ErrorCode.INVALID_INPUT
    assert field in refused.value.fields
    assert not DraftCase.objects.exists()


def test_a_stale_save_is_refused(team: Team) -> None:
    case = _case(team)
    cases.save_case(case, team.co_author, revision=1, title="Brian's", vignette=STORY)
    with pytest.raises(Conflict) as refused:
        cases.save_case(case, team.author, revision=1, title="Amina's", vignette=STORY)
    assert refused.value.code == ErrorCode.STALE_SAVE
    case.refresh_from_db()
    assert case.title == "Brian's"


def test_a_question_joins_only_a_case_of_its_own_draft(team: Team) -> None:
    other_draft = services.start_draft(team.author, team.organisation, title="Other", language="en")
    elsewhere = cases.add_case(other_draft, team.author, title="Elsewhere", vignette=STORY)
    quiz = _quiz(team)
    for wrong in (str(elsewhere.key), "not-a-key", 42):
        with pytest.raises(ValidationFailed) as refused:
            quizzes.add_question(
                quiz,
                team.author,
                QuestionInput.read(
                    {"kind": "single", "stem": "Q?", "options": CHOICES, "case": wrong}
                ),
            )
        assert refused.value.fields["case"] == ["Choose a clinical case of this course."]
    assert not quiz.questions.exists()


def test_a_draft_in_review_keeps_its_cases(team: Team) -> None:
    case = _case(team)
    services.submit_for_review(team.draft, team.author)
    case.refresh_from_db()
    with pytest.raises(Conflict) as refused:
        cases.save_case(case, team.author, revision=1, title="Changed", vignette=STORY)
    assert refused.value.code == ErrorCode.DRAFT_NOT_EDITABLE
    with pytest.raises(Conflict):
        cases.add_case(team.draft, team.author, title="New", vignette=STORY)
    with pytest.raises(Conflict):
        cases.remove_case(case, team.author)
    assert list(DraftCase.objects.values_list("title", flat=True)) == ["A new mother"]


def test_a_member_who_does_not_write_and_another_organisation_are_refused(team: Team) -> None:
    case = _case(team)
    for person in (
        member(team.organisation, Role.MEMBER),
        member(OrganisationFactory.create(), Role.AUTHOR),
    ):
        with pytest.raises(PermissionDenied):
            cases.add_case(team.draft, person, title="Mine", vignette=STORY)
        with pytest.raises(PermissionDenied):
            cases.save_case(case, person, revision=1, title="Mine", vignette=STORY)
        with pytest.raises(PermissionDenied):
            cases.remove_case(case, person)
    assert list(DraftCase.objects.values_list("title", flat=True)) == ["A new mother"]


# Publishing


def _publish(team: Team) -> Course:
    approve(team)
    services.publish(team.draft, team.staff)
    team.draft.refresh_from_db()
    assert team.draft.course is not None
    return team.draft.course


def test_published_questions_show_their_case_to_learners(team: Team, client: Client) -> None:
    quiz = _quiz(team)
    case = _case(team)
    question = _question(team, quiz, case)
    _question(team, quiz, None)
    course = _publish(team)
    published = Question.objects.get(uuid=question.key)
    assert published.case is not None
    assert (published.case.key, published.case.title) == (case.key, "A new mother")
    assert published.case.bank.course == course

    learner = member(OrganisationFactory.create(), Role.MEMBER)
    catalog.enrol(learner, course)
    attempt = assessments.start_attempt(learner, Quiz.objects.get(uuid=quiz.key), seed=1)
    client.force_login(learner)
    page = client.get(reverse("assessments:attempt", args=[attempt.uuid])).content.decode()
    assert page.count(STORY) == 1 and "A new mother" in page


def test_a_reworded_case_that_learners_read_becomes_a_new_case(team: Team) -> None:
    quiz = _quiz(team)
    question = _question(team, quiz, _case(team))
    course = _publish(team)
    learner = member(OrganisationFactory.create(), Role.MEMBER)
    catalog.enrol(learner, course)
    answered = Question.objects.get(uuid=question.key)
    attempt = assessments.start_attempt(learner, Quiz.objects.get(uuid=quiz.key), seed=1)

    draft = services.start_new_version(course, team.author)
    team.draft = draft
    copied = draft.cases.get()
    assert (copied.key, copied.vignette) == (answered.case.key, STORY)  # type: ignore[union-attr]  # the published question has a case
    assert draft.quizzes.get().questions.get().case_key == copied.key
    cases.save_case(copied, team.author, revision=1, title="A new mother", vignette="Reworded.")
    _publish(team)

    now = Quiz.objects.get(uuid=quiz.key).slots.get().question
    assert now.case is not None and now.case.vignette == "Reworded."
    assert now.pk != answered.pk and now.case.pk != answered.case_id
    attempt.refresh_from_db()
    first = attempt.items.select_related("question__case").get()
    assert first.question.case.vignette == STORY  # type: ignore[union-attr]  # the published question has a case
    assert Case.objects.filter(key=copied.key).count() == 2


def test_an_unread_case_is_reworded_in_place(team: Team) -> None:
    quiz = _quiz(team)
    question = _question(team, quiz, _case(team))
    course = _publish(team)
    before = Question.objects.get(uuid=question.key)
    draft = services.start_new_version(course, team.author)
    team.draft = draft
    cases.save_case(draft.cases.get(), team.author, revision=1, title="T", vignette="Better.")
    _publish(team)
    after = Question.objects.get(uuid=question.key)
    assert after.pk == before.pk and after.case_id == before.case_id
    assert after.case is not None and after.case.vignette == "Better."


def test_a_translation_copies_the_cases_with_new_keys(team: Team) -> None:
    case = _case(team)
    _question(team, _quiz(team), case)
    course = _publish(team)
    translation = services.start_translation(
        course, team.author, language="fr", organisation=team.organisation
    )
    copied = translation.cases.get()
    assert copied.key != case.key and copied.vignette == STORY
    assert translation.quizzes.get().questions.get().case_key == copied.key


# The pages


def test_author_adds_and_edits_a_case_on_its_pages(client: Client, team: Team) -> None:
    client.force_login(team.author)
    draft_url = reverse("authoring:draft", args=[team.draft.uuid])
    assert "No clinical cases yet." in client.get(draft_url).content.decode()
    added = client.post(
        reverse("authoring:add_case", args=[team.draft.uuid]),
        {"title": "A new mother", "vignette": STORY},
        follow=True,
    )
    assert "Clinical case added." in added.content.decode()
    case = DraftCase.objects.get()
    url = reverse("authoring:case", args=[team.draft.uuid, case.key])
    saved = client.post(
        url,
        {"action": "save", "revision": "1", "title": "A tired mother", "vignette": "Cries."},
        follow=True,
    )
    assert "Clinical case saved." in saved.content.decode()
    assert "A tired mother" in client.get(draft_url).content.decode()
    stale = client.post(
        url, {"action": "save", "revision": "1", "title": "Old", "vignette": "Old text"}
    )
    assert stale.status_code == 409
    assert "Someone else saved this case" in stale.content.decode()
    empty = client.post(url, {"action": "save", "revision": "2", "title": "", "vignette": ""})
    assert empty.status_code == 400
    assert "Give the case a title of at most 200 characters." in empty.content.decode()
    case.refresh_from_db()
    assert (case.title, case.vignette) == ("A tired mother", "Cries.")


def test_a_question_joins_a_case_from_its_form(client: Client, team: Team) -> None:
    case = _case(team)
    quiz = _quiz(team)
    client.force_login(team.author)
    url = reverse("authoring:quiz", args=[team.draft.uuid, quiz.key])
    assert "Clinical case it belongs to" in client.get(url).content.decode()
    client.post(
        url,
        {
            "action": "add_question",
            "kind": "single",
            "stem": "What do you do?",
            "options": "* Refer today\nWait a week",
            "difficulty": "2",
            "points": "1",
            "case": str(case.key),
        },
    )
    assert quiz.questions.get().case_key == case.key
    page = client.get(reverse("authoring:case", args=[team.draft.uuid, case.key]))
    assert "What do you do?" in page.content.decode()
    removed = client.post(
        reverse("authoring:case", args=[team.draft.uuid, case.key]),
        {"action": "remove"},
        follow=True,
    )
    assert "Clinical case removed." in removed.content.decode()
    assert quiz.questions.get().case_key is None


def test_reader_and_other_organisation_cannot_change_cases(client: Client, team: Team) -> None:
    case = _case(team)
    url = reverse("authoring:case", args=[team.draft.uuid, case.key])
    client.force_login(member(team.organisation, Role.MEMBER))
    page = client.get(url).content.decode()
    assert STORY in page and "Save the case" not in page
    refused = client.post(
        url, {"action": "save", "revision": "1", "title": "Mine", "vignette": "Mine"}
    )
    assert refused.status_code == 403
    client.force_login(member(OrganisationFactory.create(), Role.AUTHOR))
    assert client.get(url).status_code == 403
    added = client.post(
        reverse("authoring:add_case", args=[team.draft.uuid]), {"title": "X", "vignette": "Y"}
    )
    assert added.status_code == 403
    assert list(DraftCase.objects.values_list("title", flat=True)) == ["A new mother"]


# The API


def _api(team: Team) -> str:
    return f"/api/v1/authoring/drafts/{team.draft.uuid}/cases"


def test_author_writes_cases_through_the_api(api_client: SchemaCheckedClient, team: Team) -> None:
    quiz = _quiz(team)
    api_client.force_login(team.author)
    added = api_client.post(_api(team), data={"title": "A new mother", "vignette": STORY})
    assert added.status_code == 201
    key = added.json()["key"]
    question = api_client.post(
        f"/api/v1/authoring/drafts/{team.draft.uuid}/quizzes/{quiz.key}/questions",
        data={"kind": "single", "stem": "What do you do?", "options": CHOICES, "case": key},
    )
    assert question.status_code == 201 and question.json()["case"] == key
    saved = api_client.put(
        f"{_api(team)}/{key}", data={"revision": 1, "title": "Renamed", "vignette": "New."}
    )
    assert saved.status_code == 200 and saved.json()["revision"] == 2
    assert saved.json()["questions"] == [question.json()["key"]]
    stale = api_client.put(
        f"{_api(team)}/{key}", data={"revision": 1, "title": "Old", "vignette": "Old."}
    )
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "stale_save"
    listed = api_client.get(_api(team)).json()
    assert [(c["title"], c["vignette"]) for c in listed] == [("Renamed", "New.")]
    assert api_client.delete(f"{_api(team)}/{key}").status_code == 204
    assert api_client.get(_api(team)).json() == []


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"title": "", "vignette": STORY},
        {"title": "A case", "vignette": "   "},
        {"title": "T" * 201, "vignette": STORY},
        {"title": "A case", "vignette": "v" * 10_001},
        {"title": ["wrong"], "vignette": STORY},
    ],
)
def test_bad_cases_are_400(
    api_client: SchemaCheckedClient, team: Team, body: dict[str, object]
) -> None:
    api_client.force_login(team.author)
    response = api_client.post(_api(team), data=body)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_input"
    assert not DraftCase.objects.exists()


def test_unknown_case_is_404_and_a_foreign_case_400(
    api_client: SchemaCheckedClient, team: Team
) -> None:
    quiz = _quiz(team)
    api_client.force_login(team.author)
    missing = "00000000-0000-0000-0000-000000000000"
    put = api_client.put(
        f"{_api(team)}/{missing}", data={"revision": 1, "title": "T", "vignette": "V"}
    )
    assert put.status_code == 404
    question = api_client.post(
        f"/api/v1/authoring/drafts/{team.draft.uuid}/quizzes/{quiz.key}/questions",
        data={"kind": "single", "stem": "Q?", "options": CHOICES, "case": missing},
    )
    assert question.status_code == 400 and "case" in question.json()["error"]["fields"]


def test_strangers_get_403_and_a_draft_in_review_409(
    api_client: SchemaCheckedClient, team: Team
) -> None:
    case = _case(team)
    body = {"revision": 1, "title": "Mine", "vignette": "Mine"}
    api_client.force_login(member(OrganisationFactory.create(), Role.AUTHOR))
    assert api_client.get(_api(team)).status_code == 403
    assert api_client.put(f"{_api(team)}/{case.key}", data=body).status_code == 403
    api_client.force_login(member(team.organisation, Role.MEMBER))
    assert api_client.put(f"{_api(team)}/{case.key}", data=body).status_code == 403
    assert api_client.delete(f"{_api(team)}/{case.key}").status_code == 403
    services.submit_for_review(team.draft, team.author)
    api_client.force_login(team.author)
    locked = api_client.put(f"{_api(team)}/{case.key}", data=body)
    assert locked.status_code == 409 and locked.json()["error"]["code"] == "draft_not_editable"
    case.refresh_from_db()
    assert case.title == "A new mother"
