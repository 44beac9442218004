"""The assessments API: attempts without answer keys, submission, analysis, profile, gaps."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

import pytest
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from conftest import SchemaCheckedClient
from praxis.accounts.models import User
from praxis.assessments.models import Question, QuestionBank, Quiz
from praxis.assessments.tests.factories import (
    AlignmentFactory,
    OptionFactory,
    PathwayFactory,
    PathwayStepFactory,
    QuestionFactory,
    choice_question,
    quiz_with,
)
from praxis.catalog.models import Course
from praxis.catalog.tests.factories import CourseFactory, EnrolmentFactory
from praxis.competencies.tests.factories import (
    CompetencyItemFactory,
    EvidenceFactory,
    TargetRequirementFactory,
)

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db


def start(api_client: SchemaCheckedClient, quiz: Quiz) -> Response:
    return api_client.post(f"/api/v1/quizzes/{quiz.uuid}/attempts")


def test_started_attempt_shows_questions_without_the_answer_key(
    api_client: SchemaCheckedClient, enrolled: User, quiz: Quiz
) -> None:
    api_client.force_login(enrolled)
    response = start(api_client, quiz)
    assert response.status_code == 201
    body = response.content.decode()
    assert "correct" not in body and "feedback" not in body.lower()
    assert len(response.json()["questions"]) == 2


def test_submission_marks_and_returns_the_review(
    api_client: SchemaCheckedClient, enrolled: User, quiz: Quiz
) -> None:
    api_client.force_login(enrolled)
    attempt = start(api_client, quiz).json()
    answers = {}
    for question in attempt["questions"]:
        answers[question["uuid"]] = question["options"][0]["id"]
    response = api_client.post(
        f"/api/v1/attempts/{attempt['uuid']}/submission", data={"answers": answers}
    )
    assert response.status_code == 200
    result = response.json()
    assert (result["passed"], result["scaled"]) == (True, 1.0)
    assert result["review"][0]["options"][0]["correct"] is True


def test_second_submission_is_a_conflict(
    api_client: SchemaCheckedClient, enrolled: User, quiz: Quiz
) -> None:
    api_client.force_login(enrolled)
    attempt = start(api_client, quiz).json()
    url = f"/api/v1/attempts/{attempt['uuid']}/submission"
    assert api_client.post(url, data={"answers": {}}).status_code == 200
    again = api_client.post(url, data={"answers": {}})
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "attempt_closed"


@pytest.mark.parametrize(
    "body", ["{not json", "[]", '{"answers": 5}', ""], ids=["broken", "list", "wrong-type", "empty"]
)
def test_malformed_submissions_are_refused(
    api_client: SchemaCheckedClient, enrolled: User, quiz: Quiz, body: str
) -> None:
    api_client.force_login(enrolled)
    attempt = start(api_client, quiz).json()
    response = api_client.post(f"/api/v1/attempts/{attempt['uuid']}/submission", data=body)
    assert response.status_code == 400
    assert api_client.get(f"/api/v1/attempts/{attempt['uuid']}").json()["status"] == "open"


def test_malformed_answer_names_the_question(
    api_client: SchemaCheckedClient, enrolled: User, quiz: Quiz
) -> None:
    api_client.force_login(enrolled)
    attempt = start(api_client, quiz).json()
    question = attempt["questions"][0]["uuid"]
    response = api_client.post(
        f"/api/v1/attempts/{attempt['uuid']}/submission",
        data={"answers": {question: "nonsense"}},
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "answer_malformed"
    assert question in error["fields"]


def test_an_ordering_naming_a_step_twice_is_refused(
    api_client: SchemaCheckedClient, enrolled: User, course: Course
) -> None:
    ordering = QuestionFactory.create(kind=Question.Kind.ORDERING)
    for n in range(3):
        OptionFactory.create(question=ordering, position=n)
    api_client.force_login(enrolled)
    attempt = start(api_client, quiz_with([ordering], course=course)).json()
    first = attempt["questions"][0]["options"][0]["id"]
    response = api_client.post(
        f"/api/v1/attempts/{attempt['uuid']}/submission",
        data={"answers": {str(ordering.uuid): [first, first, first]}},
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "answer_malformed"
    assert error["fields"] == {str(ordering.uuid): ["Put every item in order, each once."]}
    assert api_client.get(f"/api/v1/attempts/{attempt['uuid']}").json()["status"] == "open"


def test_another_learners_attempt_is_not_found(
    api_client: SchemaCheckedClient, enrolled: User, quiz: Quiz, staff: User
) -> None:
    api_client.force_login(enrolled)
    attempt = start(api_client, quiz).json()
    api_client.force_login(staff)
    assert api_client.get(f"/api/v1/attempts/{attempt['uuid']}").status_code == 404
    response = api_client.post(
        f"/api/v1/attempts/{attempt['uuid']}/submission", data={"answers": {}}
    )
    assert response.status_code == 404


def test_starting_needs_a_login(api_client: SchemaCheckedClient, quiz: Quiz) -> None:
    assert start(api_client, quiz).status_code == 401


def test_item_analysis_is_for_staff(
    api_client: SchemaCheckedClient, enrolled: User, quiz: Quiz, staff: User
) -> None:
    api_client.force_login(enrolled)
    assert api_client.get(f"/api/v1/quizzes/{quiz.uuid}/analysis").status_code == 403
    api_client.force_login(staff)
    response = api_client.get(f"/api/v1/quizzes/{quiz.uuid}/analysis")
    assert response.status_code == 200
    assert response.json()["attempts"] == 0


def test_item_analysis_gives_each_questions_figures_and_option_rates(
    api_client: SchemaCheckedClient, enrolled: User, quiz: Quiz, staff: User
) -> None:
    api_client.force_login(enrolled)
    attempt = start(api_client, quiz).json()
    answers = {q["uuid"]: q["options"][0]["id"] for q in attempt["questions"]}
    api_client.post(f"/api/v1/attempts/{attempt['uuid']}/submission", data={"answers": answers})
    api_client.force_login(staff)
    analysis = api_client.get(f"/api/v1/quizzes/{quiz.uuid}/analysis").json()
    assert (analysis["attempts"], analysis["mean_score"], analysis["max_score"]) == (1, 2.0, 2.0)
    assert [(q["n"], q["difficulty"], q["blank_rate"]) for q in analysis["questions"]] == [
        (1, 1.0, 0.0),
        (1, 1.0, 0.0),
    ]
    # Each question's mean score, and the points it is out of, in fields of their own.
    assert [(q["mean_score"], q["points"]) for q in analysis["questions"]] == [(1.0, 1), (1.0, 1)]
    first = analysis["questions"][0]
    assert {"option_id", "text", "correct", "rate"} <= set(first["options"][0])
    assert sum(option["rate"] for option in first["options"]) == 1.0


def test_course_quizzes_are_listed(api_client: SchemaCheckedClient, quiz: Quiz) -> None:
    response = api_client.get(f"/api/v1/courses/{quiz.course.slug}/quizzes")
    assert [q["title"] for q in response.json()] == [quiz.title]


def test_self_assessment_shows_in_my_competencies(
    api_client: SchemaCheckedClient, learner: User
) -> None:
    item = CompetencyItemFactory.create(code="3.2")
    api_client.force_login(learner)
    response = api_client.post(
        "/api/v1/me/competencies/self-assessment", data={"item": str(item.identifier), "level": 3}
    )
    assert response.status_code == 201
    mine = api_client.get("/api/v1/me/competencies").json()
    assert [(c["code"], c["level"], c["evidence"][0]["source"]) for c in mine] == [
        ("3.2", 3, "self")
    ]


@pytest.mark.parametrize(
    "level", [0, 6, -1, "three", 2.5], ids=["zero", "six", "negative", "text", "fraction"]
)
def test_self_assessment_outside_the_scale_is_refused(
    api_client: SchemaCheckedClient, learner: User, level: int | str | float
) -> None:
    item = CompetencyItemFactory.create()
    api_client.force_login(learner)
    response = api_client.post(
        "/api/v1/me/competencies/self-assessment",
        data={"item": str(item.identifier), "level": level},
    )
    assert response.status_code == 400
    assert api_client.get("/api/v1/me/competencies").json() == []


def test_gaps_and_recommendations_put_the_learners_language_first(
    api_client: SchemaCheckedClient, learner: User
) -> None:
    requirement = TargetRequirementFactory.create(level=3)
    item = requirement.item
    french = CourseFactory.create(language="fr", title="Hygiène des mains")
    english = CourseFactory.create(language="en", title="Hand hygiene")
    AlignmentFactory.create(course=french, item=item)
    AlignmentFactory.create(course=english, item=item)
    pathway = PathwayFactory.create(language="fr")
    PathwayStepFactory.create(pathway=pathway, course=french)
    learner.languages = ["fr"]  # the languages a person declares come first
    learner.save()
    api_client.force_login(learner)
    response = api_client.get(f"/api/v1/me/gaps/{requirement.profile.slug}")
    body = response.json()
    assert body["gaps"][0]["missing"] == 3
    titles = [r["title"] for r in body["recommendations"]]
    assert sorted(titles[:2]) == sorted([pathway.title, "Hygiène des mains"])
    assert titles[2] == "Hand hygiene"
    assert all(item.code in r["reason"] for r in body["recommendations"])


def test_unknown_target_is_not_found(api_client: SchemaCheckedClient, learner: User) -> None:
    api_client.force_login(learner)
    assert api_client.get("/api/v1/me/gaps/nobody").status_code == 404


def test_pathway_steps_show_prerequisites(api_client: SchemaCheckedClient) -> None:
    pathway = PathwayFactory.create()
    first = PathwayStepFactory.create(pathway=pathway, position=0)
    second = PathwayStepFactory.create(pathway=pathway, position=1)
    second.prerequisites.add(first)
    response = api_client.get(f"/api/v1/pathways/{pathway.slug}")
    steps = response.json()["steps"]
    assert [s["available"] for s in steps] == [True, False]
    assert steps[1]["prerequisites"] == [first.course.slug]


def test_pathway_list_takes_one_query(
    api_client: SchemaCheckedClient, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    for _ in range(3):
        PathwayFactory.create()
    with django_assert_num_queries(1):
        assert len(api_client.get("/api/v1/pathways").json()) == 3


def test_bank_import_in_two_languages(
    api_client: SchemaCheckedClient, staff: User, course: Course
) -> None:
    api_client.force_login(staff)
    bank = {
        "title": {"en": "Sepsis", "fr": "Sepsis"},
        "languages": ["en", "fr"],
        "questions": [
            {
                "kind": "single",
                "stem": {"en": "First sign?", "fr": "Premier signe ?"},
                "options": [
                    {"text": {"en": "Fever", "fr": "Fièvre"}, "correct": True},
                    {"text": {"en": "Thirst", "fr": "Soif"}},
                ],
            }
        ],
    }
    response = api_client.post(f"/api/v1/courses/{course.slug}/question-banks", data=bank)
    assert response.status_code == 201
    assert sorted((b["language"], b["questions"]) for b in response.json()) == [
        ("en", 1),
        ("fr", 1),
    ]


def test_bank_import_with_a_missing_translation_writes_nothing(
    api_client: SchemaCheckedClient, staff: User, course: Course
) -> None:
    api_client.force_login(staff)
    bank = {
        "title": {"en": "Sepsis", "fr": "Sepsis"},
        "languages": ["en", "fr"],
        "questions": [
            {
                "kind": "single",
                "stem": {"en": "First sign?"},
                "options": [{"text": {"en": "Fever", "fr": "Fièvre"}, "correct": True}],
            },
        ],
    }
    response = api_client.post(f"/api/v1/courses/{course.slug}/question-banks", data=bank)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "translation_missing"
    assert "questions.0.stem.fr" in error["fields"]
    assert not QuestionBank.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        "{oops",
        "[]",
        '{"languages": "en"}',
        '{"languages": ["xx"], "questions": []}',
        '{"languages": ["en"], "questions": [{"kind": "essay"}]}',
    ],
    ids=["not-json", "list", "languages-not-list", "unknown-language", "unknown-kind"],
)
def test_bank_import_bad_input_is_refused(
    api_client: SchemaCheckedClient, staff: User, course: Course, body: str
) -> None:
    api_client.force_login(staff)
    response = api_client.post(f"/api/v1/courses/{course.slug}/question-banks", data=body)
    assert response.status_code == 400


def test_a_learners_malformed_bank_is_refused_for_permission_before_it_is_read(
    api_client: SchemaCheckedClient, learner: User, course: Course
) -> None:
    api_client.force_login(learner)
    response = api_client.post(f"/api/v1/courses/{course.slug}/question-banks", data="{oops")
    assert response.status_code == 403


def test_learners_cannot_import_banks(
    api_client: SchemaCheckedClient, learner: User, course: Course
) -> None:
    api_client.force_login(learner)
    response = api_client.post(f"/api/v1/courses/{course.slug}/question-banks", data={})
    assert response.status_code == 403


def test_random_quiz_key_never_reaches_the_page(
    api_client: SchemaCheckedClient, enrolled: User, course: Course
) -> None:
    question = choice_question(texts=("Right answer text", "Distractor"))
    quiz = quiz_with([question], course=course)
    api_client.force_login(enrolled)
    body = start(api_client, quiz).content.decode()
    assert "Right answer text" in body and '"correct"' not in body


def test_bank_import_keeps_a_case_shared_by_questions(
    api_client: SchemaCheckedClient, staff: User, course: Course
) -> None:
    api_client.force_login(staff)
    vignette = {"en": "A 3-year-old with fever and fast breathing.", "fr": "Un enfant de 3 ans."}

    def question(stem: str) -> dict[str, object]:
        return {
            "kind": "true_false",
            "case": "child",
            "stem": {"en": stem, "fr": stem},
            "feedback": {"en": "Count for a full minute.", "fr": "Compter une minute."},
            "options": [
                {"text": {"en": "True", "fr": "Vrai"}, "correct": True},
                {"text": {"en": "False", "fr": "Faux"}},
            ],
        }

    bank = {
        "title": {"en": "IMCI", "fr": "PCIME"},
        "languages": ["en", "fr"],
        "cases": [{"key": "child", "title": {"en": "Child", "fr": "Enfant"}, "vignette": vignette}],
        "questions": [question("Is this pneumonia?"), question("Refer urgently?")],
    }
    response = api_client.post(f"/api/v1/courses/{course.slug}/question-banks", data=bank)
    assert response.status_code == 201
    french = QuestionBank.objects.get(language="fr")
    cases = {q.case.vignette if q.case else None for q in french.questions.select_related("case")}
    assert cases == {"Un enfant de 3 ans."}
    first = french.questions.first()
    assert first is not None
    assert first.feedback == "Compter une minute."


def test_bank_import_question_pointing_to_no_case_is_refused(
    api_client: SchemaCheckedClient, staff: User, course: Course
) -> None:
    api_client.force_login(staff)
    bank = {
        "title": {"en": "IMCI"},
        "languages": ["en"],
        "questions": [{"kind": "single", "case": "nobody", "stem": {"en": "?"}, "options": []}],
    }
    response = api_client.post(f"/api/v1/courses/{course.slug}/question-banks", data=bank)
    assert response.status_code == 400
    assert "questions.0.case" in response.json()["error"]["fields"]
    assert not QuestionBank.objects.exists()


def test_my_competencies_takes_a_fixed_number_of_queries(
    api_client: SchemaCheckedClient,
    learner: User,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    for _ in range(4):
        EvidenceFactory.create(learner=learner)
    alignment = AlignmentFactory.create(item=EvidenceFactory.create(learner=learner).item)
    EnrolmentFactory.create(
        learner=learner, course=alignment.course, status="completed", completed_at=timezone.now()
    )
    api_client.force_login(learner)
    # session and user, then evidence, completed enrolments, alignments, items with frameworks
    with django_assert_num_queries(6):
        assert len(api_client.get("/api/v1/me/competencies").json()) == 5


def test_recommendations_put_simplified_chinese_first_for_a_reader_of_chinese(
    api_client: SchemaCheckedClient, learner: User
) -> None:
    requirement = TargetRequirementFactory.create(level=3)
    english = CourseFactory.create(language="en", title="Hand hygiene")
    chinese = CourseFactory.create(language="zh-hans", title="手部卫生")
    AlignmentFactory.create(course=english, item=requirement.item)
    AlignmentFactory.create(course=chinese, item=requirement.item)
    learner.preferred_language = "fr"
    learner.languages = ["zh", "en"]
    learner.save()
    api_client.force_login(learner)
    body = api_client.get(f"/api/v1/me/gaps/{requirement.profile.slug}").json()
    assert [r["title"] for r in body["recommendations"]] == ["手部卫生", "Hand hygiene"]


class Bank(TypedDict):
    title: dict[str, str]
    languages: list[str]
    questions: list[dict[str, object]]


def _bank_with(**question: object) -> Bank:
    return {
        "title": {"en": "Sepsis"},
        "languages": ["en"],
        "questions": [
            {
                "kind": "single",
                "stem": {"en": "First sign?"},
                "options": [{"text": {"en": "Fever"}, "correct": True}, {"text": {"en": "Thirst"}}],
                **question,
            }
        ],
    }


@pytest.mark.parametrize(
    ("question", "field", "message"),
    [
        ({"kind": "essay"}, "questions.0", "Each question needs a known type."),
        ({"options": "Fever, Thirst"}, "questions.0", "Options are a list."),
        ({"case": 7}, "questions.0.case", "No case has this key."),
        ({"difficulty": "hard"}, "questions.0.difficulty", "Enter a whole number from 1 to 3."),
        ({"difficulty": 9}, "questions.0.difficulty", "Enter a whole number from 1 to 3."),
        ({"points": True}, "questions.0.points", "Enter a whole number from 1 to 99."),
        ({"topic": ["a", "b"]}, "questions.0.topic", "Enter a valid value."),
        (
            {"stem": "First sign?"},
            "questions.0.stem",
            'Give each text as the languages of the bank and their texts, e.g. {"en": "…"}.',
        ),
        (
            {"options": [{"text": {"en": 3}}, {"text": {"en": "Thirst"}}]},
            "questions.0.options.0.text",
            'Give each text as the languages of the bank and their texts, e.g. {"en": "…"}.',
        ),
        (
            {"options": ["Fever", {"text": {"en": "Thirst"}}]},
            "questions.0.options.0",
            "Each option is an object with its text in each language.",
        ),
    ],
)
def test_bank_import_of_the_wrong_shape_names_the_part_and_writes_nothing(
    api_client: SchemaCheckedClient,
    staff: User,
    course: Course,
    question: dict[str, object],
    field: str,
    message: str,
) -> None:
    api_client.force_login(staff)
    response = api_client.post(
        f"/api/v1/courses/{course.slug}/question-banks", data=_bank_with(**question)
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_input"
    assert error["fields"] == {field: [message]}
    assert not QuestionBank.objects.exists()


def test_bank_import_with_too_many_questions_is_refused(
    api_client: SchemaCheckedClient, staff: User, course: Course
) -> None:
    api_client.force_login(staff)
    bank = _bank_with()
    bank["questions"] = bank["questions"] * 1001
    response = api_client.post(f"/api/v1/courses/{course.slug}/question-banks", data=bank)
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "questions": ["Give between 1 and 1,000 questions."]
    }


def test_bank_import_keeps_unknown_fields_out_and_reads_defaults(
    api_client: SchemaCheckedClient, staff: User, course: Course
) -> None:
    api_client.force_login(staff)
    bank = {**_bank_with(topic="x" * 80), "source": "WHO", "version": 2}
    response = api_client.post(f"/api/v1/courses/{course.slug}/question-banks", data=bank)
    assert response.status_code == 201
    question = QuestionBank.objects.get().questions.get()
    assert (len(question.topic), question.difficulty, question.points) == (60, 2, 1)
    assert [o.correct for o in question.options.order_by("position")] == [True, False]
