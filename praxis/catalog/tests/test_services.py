"""Enrolment and progress services: the state they change and the statements they record."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from pytest_django import Settings as SettingsWrapper

from praxis.accounts.models import User
from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.catalog import services
from praxis.catalog.models import Course, Enrolment, Lesson, LessonProgress
from praxis.catalog.tests.factories import course_with_lessons
from praxis.catalog.xapi import course_activity_id, lesson_activity_id
from praxis.core.errors import (
    Conflict,
    ErrorCode,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
)
from praxis.lrs.models import Statement
from praxis.lrs.vocabulary import (
    EXTENSION_PROGRESS,
    VERB_COMPLETED,
    VERB_EXITED,
    VERB_LAUNCHED,
    VERB_PROGRESSED,
    VERB_REGISTERED,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner() -> User:
    return UserFactory.create()


@pytest.fixture
def course() -> Course:
    return course_with_lessons(modules=2, lessons_per_module=2)


def lessons_of(course: Course) -> list[Lesson]:
    return list(Lesson.objects.filter(module__course=course, archived=False))


def verbs(enrolment: Enrolment) -> list[str]:
    return list(
        Statement.objects.filter(registration=enrolment.registration)
        .order_by("stored", "timestamp")
        .values_list("verb_id", flat=True)
    )


def test_enrol_creates_an_active_enrolment_and_records_registered(
    learner: User, course: Course
) -> None:
    enrolment = services.enrol(learner, course)
    assert enrolment.status == Enrolment.Status.ACTIVE
    statement = Statement.objects.get(registration=enrolment.registration)
    assert statement.verb_id == VERB_REGISTERED
    assert statement.activity_id == course_activity_id(course)
    assert statement.data["context"]["registration"] == str(enrolment.registration)
    assert statement.data["actor"]["account"]["name"] == str(learner.uuid)
    assert statement.data["object"]["definition"]["name"] == {"en": course.title}


def test_activity_ids_are_stable_iris_under_the_site_url(
    settings: SettingsWrapper, course: Course
) -> None:
    lesson = lessons_of(course)[0]
    assert course_activity_id(course) == f"{settings.SITE_URL}/xapi/activities/course/{course.uuid}"
    assert lesson_activity_id(lesson) == f"{settings.SITE_URL}/xapi/activities/lesson/{lesson.uuid}"


def test_chinese_course_names_its_activity_in_the_zh_hans_language_tag(learner: User) -> None:
    course = course_with_lessons(language="zh-hans", title="手卫生")
    enrolment = services.enrol(learner, course)
    statement = Statement.objects.get(registration=enrolment.registration)
    assert statement.data["object"]["definition"]["name"] == {"zh-Hans": "手卫生"}


def test_enrolling_twice_is_refused_with_already_enrolled(learner: User, course: Course) -> None:
    services.enrol(learner, course)
    with pytest.raises(Conflict) as refused:
        services.enrol(learner, course)
    assert refused.value.code == ErrorCode.ALREADY_ENROLLED
    assert refused.value.status == 409
    assert Enrolment.objects.filter(learner=learner).count() == 1


@pytest.mark.parametrize("status", [Course.Status.DRAFT, Course.Status.ARCHIVED])
def test_enrolling_in_an_unpublished_course_is_refused(
    learner: User, status: Course.Status
) -> None:
    course = course_with_lessons(status=status)
    with pytest.raises(Conflict) as refused:
        services.enrol(learner, course)
    assert refused.value.code == ErrorCode.COURSE_NOT_PUBLISHED
    assert not Enrolment.objects.exists() and not Statement.objects.exists()


def test_an_anonymous_visitor_cannot_enrol(course: Course) -> None:
    with pytest.raises(NotAuthenticated):
        services.enrol(AnonymousUser(), course)  # type: ignore[arg-type]  # anonymous on purpose


def test_a_deactivated_account_cannot_enrol(course: Course) -> None:
    with pytest.raises(PermissionDenied):
        services.enrol(UserFactory.create(is_active=False), course)


def test_first_lesson_opened_records_launched_once(learner: User, course: Course) -> None:
    enrolment = services.enrol(learner, course)
    first, second, *_ = lessons_of(course)
    services.open_lesson(learner, first)
    services.open_lesson(learner, second)
    services.open_lesson(learner, first)
    assert verbs(enrolment) == [VERB_REGISTERED, VERB_LAUNCHED]
    enrolment.refresh_from_db()
    assert enrolment.last_lesson == first
    assert LessonProgress.objects.filter(learner=learner).count() == 2


def test_a_lesson_reopened_within_a_minute_is_not_written_again(
    learner: User, course: Course
) -> None:
    services.enrol(learner, course)
    first, second, *_ = lessons_of(course)

    def opened(lesson: Lesson) -> Enrolment:
        # As the lesson page does: with the enrolment it has read.
        enrolment = Enrolment.objects.get(learner=learner, course=course)
        services.open_lesson(learner, lesson, enrolment=enrolment)
        enrolment.refresh_from_db()
        return enrolment

    at = opened(first).last_activity_at
    assert opened(first).last_activity_at == at
    # Another lesson is where they are at once.
    assert opened(second).last_lesson == second
    assert opened(first).last_lesson == first
    # A minute later, the same lesson is recorded again.
    Enrolment.objects.filter(learner=learner).update(
        last_activity_at=timezone.now() - services.REOPENED_WITHIN
    )
    again = opened(first).last_activity_at
    assert again is not None and again > timezone.now() - timedelta(seconds=5)


def test_completing_a_lesson_records_progressed_with_the_course_percent(
    learner: User, course: Course
) -> None:
    enrolment = services.enrol(learner, course)
    lesson = lessons_of(course)[0]
    progress = services.complete_lesson(learner, lesson)
    assert progress.completed_at is not None
    statement = Statement.objects.get(verb_id=VERB_PROGRESSED)
    assert statement.activity_id == lesson_activity_id(lesson)
    assert statement.data["result"]["extensions"][EXTENSION_PROGRESS] == 25
    context = statement.data["context"]
    assert context["registration"] == str(enrolment.registration)
    assert context["contextActivities"]["parent"][0]["id"] == course_activity_id(course)


def test_completing_the_last_lesson_completes_the_enrolment(learner: User, course: Course) -> None:
    enrolment = services.enrol(learner, course)
    for lesson in lessons_of(course):
        services.complete_lesson(learner, lesson)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert enrolment.completed_at is not None
    assert verbs(enrolment) == [VERB_REGISTERED, VERB_LAUNCHED] + [VERB_PROGRESSED] * 4 + [
        VERB_COMPLETED
    ]
    completed = Statement.objects.get(verb_id=VERB_COMPLETED)
    assert completed.activity_id == course_activity_id(course)
    assert completed.data["result"]["completion"] is True
    assert completed.data["result"]["duration"].startswith("PT")


def test_completing_a_lesson_twice_records_nothing_new(learner: User, course: Course) -> None:
    enrolment = services.enrol(learner, course)
    lesson = lessons_of(course)[0]
    first = services.complete_lesson(learner, lesson)
    again = services.complete_lesson(learner, lesson)
    assert again.completed_at == first.completed_at
    assert verbs(enrolment).count(VERB_PROGRESSED) == 1


def test_progress_on_a_course_not_enrolled_in_is_refused_with_not_enrolled(
    learner: User, course: Course
) -> None:
    lesson = lessons_of(course)[0]
    for service in (services.open_lesson, services.complete_lesson):
        with pytest.raises(PermissionDenied) as refused:
            service(learner, lesson)
        assert refused.value.code == ErrorCode.NOT_ENROLLED
    assert not LessonProgress.objects.exists() and not Statement.objects.exists()


def test_withdrawing_without_an_enrolment_is_refused_with_not_enrolled(
    learner: User, course: Course
) -> None:
    with pytest.raises(PermissionDenied) as refused:
        services.withdraw(learner, course)
    assert refused.value.code == ErrorCode.NOT_ENROLLED


def test_an_archived_lesson_cannot_be_opened(learner: User, course: Course) -> None:
    services.enrol(learner, course)
    lesson = services.archive_lesson(lessons_of(course)[0])
    with pytest.raises(NotFound):
        services.open_lesson(learner, lesson)


def test_withdraw_records_exited_and_keeps_the_row(learner: User, course: Course) -> None:
    enrolment = services.enrol(learner, course)
    withdrawn = services.withdraw(learner, course)
    assert withdrawn.pk == enrolment.pk and withdrawn.status == Enrolment.Status.WITHDRAWN
    assert withdrawn.withdrawn_at is not None
    assert verbs(enrolment) == [VERB_REGISTERED, VERB_EXITED]


def test_a_completed_course_cannot_be_withdrawn_from(learner: User, course: Course) -> None:
    services.enrol(learner, course)
    for lesson in lessons_of(course):
        services.complete_lesson(learner, lesson)
    with pytest.raises(Conflict):
        services.withdraw(learner, course)


def test_re_enrolling_keeps_history_and_resumes_lesson_progress(
    learner: User, course: Course
) -> None:
    first_enrolment = services.enrol(learner, course)
    done = lessons_of(course)[0]
    services.complete_lesson(learner, done)
    services.withdraw(learner, course)

    second_enrolment = services.enrol(learner, course)
    assert second_enrolment.pk != first_enrolment.pk
    assert second_enrolment.registration != first_enrolment.registration
    statuses = set(Enrolment.objects.filter(learner=learner).values_list("status", flat=True))
    assert statuses == {Enrolment.Status.WITHDRAWN, Enrolment.Status.ACTIVE}
    assert LessonProgress.objects.get(learner=learner, lesson=done).completed_at is not None
    # The next lesson completed counts the one done before withdrawing.
    services.complete_lesson(learner, lessons_of(course)[1])
    statement = Statement.objects.filter(verb_id=VERB_PROGRESSED).first()
    assert statement is not None
    assert statement.registration == second_enrolment.registration
    assert statement.data["result"]["extensions"][EXTENSION_PROGRESS] == 50


def test_a_learner_cannot_touch_another_learners_progress(learner: User, course: Course) -> None:
    services.enrol(learner, course)
    lesson = lessons_of(course)[0]
    services.complete_lesson(learner, lesson)
    with pytest.raises(PermissionDenied):
        services.complete_lesson(UserFactory.create(), lesson)
    assert LessonProgress.objects.filter(lesson=lesson).count() == 1


def test_publish_course_opens_it_and_sets_the_date_once() -> None:
    course = course_with_lessons(status=Course.Status.DRAFT, published_at=None)
    services.publish_course(course)
    first = course.published_at
    assert course.status == Course.Status.PUBLISHED and first is not None
    services.archive_course(course)
    services.publish_course(course)
    assert course.published_at == first


def test_only_staff_may_publish_or_archive_on_someones_behalf(learner: User) -> None:
    course = course_with_lessons(status=Course.Status.DRAFT)
    with pytest.raises(PermissionDenied):
        services.publish_course(course, by=learner)
    course.refresh_from_db()
    assert course.status == Course.Status.DRAFT
    services.publish_course(course, by=StaffFactory.create())
    with pytest.raises(PermissionDenied):
        services.archive_course(course, by=learner)
    assert (
        services.archive_course(course, by=StaffFactory.create()).status == Course.Status.ARCHIVED
    )


def test_learners_of_an_archived_course_can_still_finish_it(learner: User, course: Course) -> None:
    enrolment = services.enrol(learner, course)
    services.archive_course(course)
    for lesson in lessons_of(course):
        services.complete_lesson(learner, lesson)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED


def test_completion_duration_spans_from_enrolment(learner: User) -> None:
    course = course_with_lessons(modules=1, lessons_per_module=1)
    enrolment = services.enrol(learner, course)
    Enrolment.objects.filter(pk=enrolment.pk).update(
        created_at=timezone.now() - timedelta(hours=26, minutes=3)
    )
    services.complete_lesson(learner, lessons_of(course)[0])
    duration = Statement.objects.get(verb_id=VERB_COMPLETED).data["result"]["duration"]
    assert duration.startswith("PT26H3M")


def test_a_lesson_reopened_with_another_learners_progress_answers_with_the_learners_own(
    learner: User, course: Course
) -> None:
    first = lessons_of(course)[0]
    other = UserFactory.create()
    for person in (learner, other):
        services.enrol(person, course)
        services.open_lesson(person, first)
    enrolment = Enrolment.objects.get(learner=learner, course=course)
    theirs = LessonProgress.objects.get(learner=other, lesson=first)
    opened = services.open_lesson(learner, first, enrolment=enrolment, opened=theirs)
    assert opened.learner_id == learner.pk
