"""What a learner did offline reaches the server once, whatever is sent twice or by two devices,
and moves progress, completion, marks and certificates exactly as online."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from pytest_django import DjangoCaptureOnCommitCallbacks

from conftest import SchemaCheckedClient
from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.assessments.models import Attempt
from praxis.catalog import services as catalog
from praxis.catalog.models import Course, Enrolment, LessonProgress
from praxis.catalog.tests.factories import course_with_lessons
from praxis.catalog.xapi import EXTENSION_COURSE_VERSION
from praxis.credentials.models import Credential
from praxis.lrs.models import Statement
from praxis.offline import bundles
from praxis.offline.schemas import OfflineStatementIn
from praxis.offline.sync import EXTENSION_ANSWERS, sync
from praxis.offline.tests.conftest import RIGHT, WRONG, lesson_done, lessons_of, the_quiz

pytestmark = pytest.mark.django_db

Answer = Callable[..., dict[str, Any]]


def said(statements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The statements as the API hands them to the service."""
    return [
        OfflineStatementIn.model_validate(statement).said(
            EXTENSION_ANSWERS, EXTENSION_COURSE_VERSION
        )
        for statement in statements
    ]


def everything(course: Course, learner: User, quiz_answered: Answer) -> list[dict[str, Any]]:
    return [*(lesson_done(lesson) for lesson in lessons_of(course)), quiz_answered(learner)]


def test_the_bundle_holds_no_answer_key(course: Course, learner: User) -> None:
    text = json.dumps(bundles.course_bundle(learner, course).data)
    assert RIGHT in text and WRONG in text
    assert "correct" not in text and "Feedback on" not in text
    option_ids = [str(option.id) for option in the_quiz(course).slots.get().question.options.all()]
    quiz = bundles.course_bundle(learner, course).data["quizzes"][0]
    assert all(o["token"] not in option_ids for o in quiz["questions"][0]["options"])
    assert quiz["offline"] is True


def test_the_bundle_is_for_enrolled_learners_only(
    api_client: SchemaCheckedClient, course: Course, learner: User
) -> None:
    api_client.force_login(UserFactory.create())
    response = api_client.get(f"/api/v1/offline/courses/{course.slug}")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "not_enrolled"
    api_client.force_login(learner)
    bundle = api_client.get(f"/api/v1/offline/courses/{course.slug}").json()
    assert [lesson["title"] for lesson in bundle["lessons"]] == ["Lesson 1.1", "Lesson 1.2"]
    assert bundle["size"] > len(json.dumps(bundle["lessons"]))


def test_a_course_done_offline_completes_and_certifies_as_online(
    api_client: SchemaCheckedClient,
    course: Course,
    learner: User,
    quiz_answered: Answer,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    statements = everything(course, learner, quiz_answered)
    api_client.force_login(learner)
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post("/api/v1/offline/sync", {"statements": statements})
    results = response.json()["results"]
    assert [r["status"] for r in results] == ["recorded", "recorded", "recorded"]
    assert results[2]["passed"] is True and results[2]["percent"] == 100
    enrolment = Enrolment.objects.get(learner=learner, course=course)
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert catalog.course_percent(learner, course)[0] == 100
    assert Credential.objects.filter(learner=learner).count() == 1
    # The device's ids are the LRS's: the two lessons' progress and the quiz's passed.
    stored = set(Statement.objects.values_list("id", flat=True))
    assert {uuid.UUID(s["id"]) for s in statements} <= stored


def test_sending_again_changes_nothing(
    course: Course, learner: User, quiz_answered: Answer
) -> None:
    statements = said(everything(course, learner, quiz_answered))
    sync(learner, statements)
    counts = (Statement.objects.count(), Attempt.objects.count(), LessonProgress.objects.count())
    again = sync(learner, statements)
    assert {outcome.status for outcome in again} == {"already_recorded"}
    assert (
        Statement.objects.count(),
        Attempt.objects.count(),
        LessonProgress.objects.count(),
    ) == counts


def test_a_wrong_answer_is_marked_on_the_server_and_holds_completion_back(
    course: Course, learner: User, quiz_answered: Answer
) -> None:
    statements = said(
        [*(lesson_done(lesson) for lesson in lessons_of(course)), quiz_answered(learner, WRONG)]
    )
    outcomes = sync(learner, statements)
    assert outcomes[2].passed is False
    assert Enrolment.objects.get(learner=learner).status == Enrolment.Status.ACTIVE


def enrolment_of(learner: User) -> uuid.UUID:
    return Enrolment.objects.get(learner=learner).registration


def test_two_devices_of_one_learner_agree_whichever_syncs_first(quiz_answered: Answer) -> None:
    finals = []
    early, late = timezone.now() - timedelta(hours=2), timezone.now() - timedelta(hours=1)
    for order in ("phone first", "tablet first"):
        course = course_with_lessons(modules=1, lessons_per_module=2)
        learner = UserFactory.create()
        catalog.enrol(learner, course)
        # Enrolled yesterday, online; both devices then went out of reach.
        Enrolment.objects.filter(learner=learner).update(
            created_at=timezone.now() - timedelta(days=1)
        )
        first, second = lessons_of(course)
        phone = said([lesson_done(first, late), lesson_done(second, late)])
        tablet = said([lesson_done(first, early)])
        devices = [phone, tablet] if order == "phone first" else [tablet, phone]
        for statements in devices:
            sync(learner, statements)
        progress = LessonProgress.objects.get(learner=learner, lesson=first)
        finals.append(
            (
                progress.completed_at,
                Statement.objects.filter(
                    verb_id__endswith="/progressed", registration=enrolment_of(learner)
                ).count(),
                Enrolment.objects.get(learner=learner).status,
            )
        )
    # The earliest time holds, one statement per lesson, the course completed: either way.
    assert finals[0] == finals[1] == (early, 2, Enrolment.Status.COMPLETED)


def test_a_lesson_archived_meanwhile_is_recorded_against_the_version_seen(
    course: Course, learner: User
) -> None:
    first, _second = lessons_of(course)
    catalog.archive_lesson(first)
    statement = lesson_done(first, version=3)
    [outcome] = sync(learner, said([statement]))
    assert outcome.status == "recorded"
    row = Statement.objects.get(id=statement["id"])
    assert 3 in row.data["context"]["extensions"].values()
    assert LessonProgress.objects.get(learner=learner, lesson=first).completed_at is not None


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ("{not json", 400, "malformed_body"),
        ({"statements": "all of them"}, 400, "invalid_input"),
        ({"statements": [{"id": "x"}]}, 400, "invalid_input"),
    ],
)
def test_malformed_batches_are_refused_and_nothing_is_written(
    api_client: SchemaCheckedClient, learner: User, body: Any, status: int, code: str
) -> None:
    api_client.force_login(learner)
    before = Statement.objects.count()
    response = api_client.post("/api/v1/offline/sync", body)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert Statement.objects.count() == before


def _refused(
    api_client: SchemaCheckedClient, learner: User, statements: list[dict[str, Any]]
) -> tuple[int, str]:
    api_client.force_login(learner)
    before = (Statement.objects.count(), LessonProgress.objects.count(), Attempt.objects.count())
    response = api_client.post("/api/v1/offline/sync", {"statements": statements})
    after = (Statement.objects.count(), LessonProgress.objects.count(), Attempt.objects.count())
    assert after == before
    return response.status_code, response.json()["error"]["code"]


def test_a_huge_batch_is_refused(
    api_client: SchemaCheckedClient, course: Course, learner: User
) -> None:
    lesson = lessons_of(course)[0]
    statements = [lesson_done(lesson) for _ in range(101)]
    assert _refused(api_client, learner, statements) == (413, "too_many_statements")


def test_an_oversized_body_is_refused(
    api_client: SchemaCheckedClient, course: Course, learner: User
) -> None:
    statement = lesson_done(lessons_of(course)[0])
    statement["context"]["extensions"]["padding"] = "x" * (3 * 1024 * 1024)
    status, code = _refused(api_client, learner, [statement])
    assert (status, code) == (413, "payload_too_large")


def test_a_statement_id_of_another_learner_is_refused(
    api_client: SchemaCheckedClient, course: Course, learner: User
) -> None:
    other = UserFactory.create()
    catalog.enrol(other, course)
    first, second = lessons_of(course)
    taken = lesson_done(first)
    sync(other, said([taken]))
    mine = lesson_done(second)
    assert _refused(api_client, learner, [mine, {**taken}]) == (409, "statement_id_taken")


def test_a_course_not_enrolled_in_is_refused(
    api_client: SchemaCheckedClient, course: Course, learner: User
) -> None:
    elsewhere = course_with_lessons(modules=1, lessons_per_module=1)
    statements = [lesson_done(lessons_of(course)[0]), lesson_done(lessons_of(elsewhere)[0])]
    assert _refused(api_client, learner, statements) == (403, "not_enrolled")


def test_unknown_verbs_activities_and_repeated_ids_are_refused(
    api_client: SchemaCheckedClient, course: Course, learner: User
) -> None:
    lesson = lessons_of(course)[0]
    passed = {**lesson_done(lesson), "verb": {"id": "http://adlnet.gov/expapi/verbs/passed"}}
    assert _refused(api_client, learner, [passed]) == (400, "invalid_input")
    nowhere = {**lesson_done(lesson), "object": {"id": "https://example.org/lesson/1"}}
    assert _refused(api_client, learner, [nowhere]) == (404, "unknown_activity")
    twice = lesson_done(lesson)
    assert _refused(api_client, learner, [twice, twice]) == (400, "statement_id_repeated")


def test_signed_out_devices_are_refused(api_client: SchemaCheckedClient, course: Course) -> None:
    response = api_client.post(
        "/api/v1/offline/sync", {"statements": [lesson_done(lessons_of(course)[0])]}
    )
    assert response.status_code == 401


def test_a_quiz_whose_attempts_are_used_up_is_refused_alone(
    course: Course, learner: User, quiz_answered: Answer
) -> None:
    quiz = the_quiz(course)
    quiz.max_attempts = 1
    quiz.save()
    first = said([quiz_answered(learner, WRONG)])
    sync(learner, first)
    lesson = lesson_done(lessons_of(course)[0])
    outcomes = sync(learner, said([lesson, quiz_answered(learner)]))
    assert [(o.status, o.code) for o in outcomes] == [
        ("recorded", ""),
        ("refused", "attempts_exhausted"),
    ]


def test_each_outcome_names_the_lesson_or_quiz_so_a_refusal_can_say_what_it_refused(
    api_client: SchemaCheckedClient, course: Course, learner: User, quiz_answered: Answer
) -> None:
    quiz = the_quiz(course)
    quiz.max_attempts = 1
    quiz.save()
    sync(learner, said([quiz_answered(learner, WRONG)]))
    api_client.force_login(learner)
    statements = [lesson_done(lessons_of(course)[0]), quiz_answered(learner)]
    response = api_client.post("/api/v1/offline/sync", {"statements": statements})
    assert response.status_code == 200
    assert [(r["status"], r["title"]) for r in response.json()["results"]] == [
        ("recorded", "Lesson 1.1"),
        ("refused", quiz.title),
    ]
