"""The read side: catalogue filters and ordering, translations, course and lesson views, and
a learner's own learning, each in a fixed number of queries."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.catalog import listing, queries, services
from praxis.catalog.listing import CatalogueEntry
from praxis.catalog.models import Course, Lesson
from praxis.catalog.tests.factories import (
    CourseFactory,
    EnrolmentFactory,
    TopicFactory,
    TranslationGroupFactory,
    course_with_lessons,
)
from praxis.core.errors import ErrorCode, NotFound, PermissionDenied
from praxis.core.pagination import Page
from praxis.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def slugs(page: Page[CatalogueEntry]) -> list[str]:
    return [entry.course.slug for entry in page.items]


def test_catalogue_lists_only_published_courses() -> None:
    CourseFactory.create(slug="open")
    CourseFactory.create(slug="draft", status=Course.Status.DRAFT)
    CourseFactory.create(slug="old", status=Course.Status.ARCHIVED)
    assert slugs(listing.catalogue("en")) == ["open"]


def test_catalogue_shows_the_visitors_language_first_then_by_title() -> None:
    CourseFactory.create(slug="en-b", language="en", title="B course")
    CourseFactory.create(slug="fr-z", language="fr", title="Z cours")
    CourseFactory.create(slug="en-a", language="en", title="A course")
    CourseFactory.create(slug="fr-a", language="fr", title="A cours")
    assert slugs(listing.catalogue("fr")) == ["fr-a", "fr-z", "en-a", "en-b"]
    assert slugs(listing.catalogue("en")) == ["en-a", "en-b", "fr-a", "fr-z"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"language": "ru"}, ["russian"]),
        ({"level": "advanced"}, ["advanced"]),
        ({"topic": "malaria"}, ["malaria"]),
        ({"organisation": "partner"}, ["partnered"]),
        ({"duration": "short"}, ["advanced", "malaria", "partnered", "russian"]),
        ({"duration": "medium"}, ["medium"]),
        ({"duration": "long"}, ["long"]),
        ({"language": "xx", "level": "expert", "duration": "forever"}, None),
        ({"topic": "no-such-topic"}, []),
    ],
)
def test_catalogue_filters(filters: dict[str, str], expected: list[str] | None) -> None:
    CourseFactory.create(slug="russian", language="ru", estimated_hours=Decimal("1.0"))
    CourseFactory.create(
        slug="advanced", level=Course.Level.ADVANCED, estimated_hours=Decimal("2.0")
    )
    CourseFactory.create(slug="malaria", estimated_hours=Decimal("1.5")).topics.add(
        TopicFactory.create(slug="malaria")
    )
    CourseFactory.create(slug="partnered", estimated_hours=Decimal("0.5")).organisations.add(
        OrganisationFactory.create(slug="partner")
    )
    CourseFactory.create(slug="medium", estimated_hours=Decimal("10.0"))
    CourseFactory.create(slug="long", estimated_hours=Decimal("10.5"))
    found = sorted(slugs(listing.catalogue("en", **filters)))
    # Unknown values are no filter at all.
    assert found == (
        sorted(expected) if expected is not None else sorted(slugs(listing.catalogue("en")))
    )


def test_also_available_in_lists_the_other_published_translations() -> None:
    group = TranslationGroupFactory.create()
    CourseFactory.create(slug="ipc-en", language="en", translation_group=group)
    CourseFactory.create(slug="ipc-fr", language="fr", translation_group=group)
    CourseFactory.create(slug="ipc-ar", language="ar", translation_group=group)
    CourseFactory.create(
        slug="ipc-ru", language="ru", translation_group=group, status=Course.Status.DRAFT
    )
    english = {entry.course.slug: entry for entry in listing.catalogue("en").items}
    french = {entry.course.slug: entry for entry in listing.catalogue("fr").items}
    assert [c.slug for c in english["ipc-en"].also_available_in] == ["ipc-ar", "ipc-fr"]
    assert [c.slug for c in french["ipc-fr"].also_available_in] == ["ipc-ar", "ipc-en"]


@pytest.mark.parametrize("q", ["", "infection"])
def test_a_course_in_several_languages_is_listed_once_in_the_readers_language(q: str) -> None:
    now = timezone.now()
    group = TranslationGroupFactory.create()
    for slug, language, days in [("ipc-en", "en", 3), ("ipc-fr", "fr", 2), ("ipc-ar", "ar", 1)]:
        course = CourseFactory.create(
            slug=slug,
            language=language,
            translation_group=group,
            title=f"Infection prevention {language}",
            published_at=now - timedelta(days=days),
        )
        services.reindex_course(course)
    services.reindex_course(CourseFactory.create(slug="alone", title="Infection alone"))

    def listed(readers: list[str], **filters: str) -> list[str]:
        return slugs(listing.catalogue(readers, q=q, **filters))

    assert sorted(listed(["fr"])) == ["alone", "ipc-fr"]
    assert sorted(listed(["ru", "ar"])) == ["alone", "ipc-ar"]
    # In none of the reader's languages: the first published.
    assert sorted(listed(["ru"])) == ["alone", "ipc-en"]
    # A language chosen in the filters is the one shown.
    assert listed(["fr"], language="ar") == ["ipc-ar"]
    assert listing.catalogue(["fr"], q=q).total == 2


def test_catalogue_takes_the_same_number_of_queries_for_many_courses(
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    def add_courses(count: int) -> None:
        organisation = OrganisationFactory.create()
        for n in range(count):
            # Each course in a group of its own with a translation: each is listed, with the
            # other languages it is in.
            group = TranslationGroupFactory.create()
            CourseFactory.create(translation_group=group, language="fr", title="Autre")
            course = CourseFactory.create(translation_group=group, language=["en", "ar"][n % 2])
            course.organisations.add(organisation)
            course.topics.add(TopicFactory.create())
            services.reindex_course(course)

    add_courses(2)
    with django_assert_num_queries(1):  # the courses' words, read once until an index changes
        listing.catalogue_vocabulary()
    # The ranked page with the count of matches, the courses, organisations, translation group
    # courses; on PostgreSQL the ranking statement reads the index's GIN index first
    # (text_index.index_first: a savepoint, a setting, the statement, the setting back, release).
    expected = 4 if connection.vendor == "sqlite" else 8
    # On PostgreSQL, the first search of a word reads what its text-search configurations make
    # of it, once (text_index._lexemes).
    with django_assert_num_queries(expected if connection.vendor == "sqlite" else expected + 1):
        listing.catalogue("en", q="infection")
    add_courses(15)
    with django_assert_num_queries(expected):
        page = listing.catalogue("en", q="infection")
        available = [entry.also_available_in for entry in page.items]
        [list(entry.course.organisations.all()) for entry in page.items]
    assert page.total == 17 and all(len(other) == 1 for other in available)


def test_the_catalogue_pages_results() -> None:
    for n in range(25):
        CourseFactory.create(title=f"Course {n:02}")
    page = listing.catalogue("en", page=2)
    assert page.number == 2 and page.pages == 2 and page.total == 25 and len(page.items) == 5


def test_a_draft_is_visible_to_staff_only() -> None:
    CourseFactory.create(slug="draft", status=Course.Status.DRAFT)
    with pytest.raises(NotFound):
        queries.visible_course(UserFactory.create(), "draft")
    assert queries.visible_course(StaffFactory.create(), "draft").slug == "draft"


def test_an_archived_course_stays_visible_to_its_learners_only() -> None:
    course = course_with_lessons(slug="old")
    learner = UserFactory.create()
    services.enrol(learner, course)
    services.archive_course(course)
    assert queries.visible_course(learner, "old") == course
    with pytest.raises(NotFound):
        queries.visible_course(UserFactory.create(), "old")


def test_course_detail_has_the_syllabus_of_active_lessons() -> None:
    course = course_with_lessons(modules=2, lessons_per_module=2)
    services.archive_lesson(Lesson.objects.get(title="Lesson 2.1"))
    detail = queries.course_detail(UserFactory.create(), course)
    assert [m.module.title for m in detail.modules] == ["Module 1", "Module 2"]
    assert [[lesson.title for lesson in m.lessons] for m in detail.modules] == [
        ["Lesson 1.1", "Lesson 1.2"],
        ["Lesson 2.2"],
    ]
    assert detail.enrolment is None and detail.progress is None


def test_course_detail_takes_a_fixed_number_of_queries(
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    course = course_with_lessons(modules=3, lessons_per_module=4)
    course.topics.add(TopicFactory.create(), TopicFactory.create())
    learner = UserFactory.create()
    services.enrol(learner, course)
    # lessons, topics, organisations, translations (none: no group), enrolment, progress
    with django_assert_num_queries(5):
        queries.course_detail(learner, course)


def test_lesson_page_knows_its_neighbours_across_modules() -> None:
    course = course_with_lessons(modules=2, lessons_per_module=2)
    lessons = list(Lesson.objects.filter(module__course=course))
    page = queries.lesson_page(UserFactory.create(), course, lessons[1])
    assert (page.previous, page.next) == (lessons[0], lessons[2])
    assert (page.position, page.total) == (2, 4)
    first = queries.lesson_page(UserFactory.create(), course, lessons[0])
    assert first.previous is None
    assert queries.lesson_page(UserFactory.create(), course, lessons[3]).next is None


def test_a_lesson_of_another_course_is_not_found_in_this_one() -> None:
    course, other = course_with_lessons(), course_with_lessons()
    lesson = Lesson.objects.filter(module__course=other).first()
    assert lesson is not None
    with pytest.raises(NotFound) as refused:
        queries.find_lesson(course, lesson.uuid)
    assert refused.value.code == ErrorCode.LESSON_NOT_IN_COURSE


def test_progress_is_only_for_the_learner_themselves() -> None:
    course = course_with_lessons()
    learner = UserFactory.create()
    services.enrol(learner, course)
    with pytest.raises(PermissionDenied):
        queries.course_progress(UserFactory.create(), learner, course)
    with pytest.raises(PermissionDenied):
        queries.course_progress(StaffFactory.create(), learner, course)


def test_my_learning_sorts_enrolments_into_in_progress_completed_and_earlier() -> None:
    learner = UserFactory.create()
    going = course_with_lessons(slug="going", modules=1, lessons_per_module=3)
    done = course_with_lessons(slug="done", modules=1, lessons_per_module=1)
    left = course_with_lessons(slug="left")
    for course in (going, done, left):
        services.enrol(learner, course)
    going_lessons = list(Lesson.objects.filter(module__course=going))
    services.complete_lesson(learner, going_lessons[0])
    services.complete_lesson(learner, Lesson.objects.get(module__course=done))
    services.withdraw(learner, left)
    services.enrol(UserFactory.create(), going)  # someone else's enrolment is not listed

    learning = queries.my_learning(learner)
    assert [e.enrolment.course.slug for e in learning.in_progress] == ["going"]
    assert [e.enrolment.course.slug for e in learning.completed] == ["done"]
    assert [e.enrolment.course.slug for e in learning.earlier] == ["left"]
    going_entry = learning.in_progress[0]
    assert going_entry.progress.percent == 33
    assert going_entry.progress.resume == going_lessons[1]


def test_my_learning_takes_two_queries_whatever_the_number_of_courses(
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    learner = UserFactory.create()
    for _ in range(6):
        services.enrol(learner, course_with_lessons())
    queries.my_learning(learner)  # each course's lessons are kept from here on
    # The enrolments and the lessons completed.
    with django_assert_num_queries(2):
        queries.my_learning(learner)


def test_the_newest_and_most_followed_courses_are_each_listed_once() -> None:
    now = timezone.now()
    group = TranslationGroupFactory.create()
    english = CourseFactory.create(
        language="en", translation_group=group, published_at=now - timedelta(days=2)
    )
    french = CourseFactory.create(
        language="fr", translation_group=group, published_at=now - timedelta(days=1)
    )
    other = CourseFactory.create(language="en", published_at=now - timedelta(days=3))
    EnrolmentFactory.create(course=french)
    assert listing.newest_courses("fr") == [french, other]
    assert listing.newest_courses("sw") == [english, other]
    popular = listing.popular_courses("fr")
    assert popular == [french, other] and getattr(popular[0], "learners") == 1  # noqa: B009 - an annotation mypy cannot see
