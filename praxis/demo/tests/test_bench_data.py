"""bench_data: a large data set whose rows keep the invariants the services keep."""

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from praxis.accounts.models import User
from praxis.catalog import listing, queries
from praxis.catalog.models import Course, Enrolment, Lesson, LessonProgress

pytestmark = pytest.mark.django_db


@pytest.fixture
def bench(capsys: pytest.CaptureFixture[str]) -> str:
    call_command("bench_data", courses=20, learners=50)
    return capsys.readouterr().out


def test_creates_the_numbers_asked_for(bench: str) -> None:
    assert Course.objects.filter(slug__startswith="bench-").count() == 20
    assert User.objects.filter(email__endswith="@bench.praxis.example").count() == 50
    assert "20 courses" in bench and "50 learners" in bench


def test_every_course_has_modules_and_lessons_in_its_language(bench: str) -> None:
    for course in Course.objects.prefetch_related("modules__lessons"):
        modules = list(course.modules.all())
        assert 2 <= len(modules) <= 4
        assert all(2 <= len(module.lessons.all()) <= 4 for module in modules)
        assert course.translation_group_id is not None


def test_catalogue_search_finds_bench_courses(bench: str) -> None:
    published = Course.objects.filter(status=Course.Status.PUBLISHED)
    english = published.filter(language="en").first()
    assert english is not None
    found = listing.catalogue("en", q=english.title.split(":")[0], size=100)
    assert english.pk in {entry.course.pk for entry in found.items}
    # Each course once, whatever the number of languages it is in.
    courses = {group or -pk for pk, group in published.values_list("pk", "translation_group_id")}
    assert listing.catalogue("en", size=100).total == len(courses)


def test_one_current_enrolment_per_learner_and_course(bench: str) -> None:
    duplicates = (
        Enrolment.objects.exclude(status=Enrolment.Status.WITHDRAWN)
        .values("learner", "course")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert not duplicates.exists()
    assert Enrolment.objects.exists()


def test_progress_only_on_lessons_of_courses_the_learner_enrolled_in(bench: str) -> None:
    enrolled = set(Enrolment.objects.values_list("learner_id", "course_id"))
    course_of = dict(Lesson.objects.values_list("id", "module__course_id"))
    assert LessonProgress.objects.exists()
    for learner_id, lesson_id in LessonProgress.objects.values_list("learner_id", "lesson_id"):
        assert (learner_id, course_of[lesson_id]) in enrolled


def test_completed_enrolments_have_every_lesson_done(bench: str) -> None:
    completed = Enrolment.objects.filter(status=Enrolment.Status.COMPLETED)
    assert completed.exists()
    for enrolment in completed:
        learner, course = enrolment.learner, enrolment.course
        _enrolment, progress = queries.course_progress(learner, learner, course)
        assert progress.percent == 100


def test_running_again_adds_nothing(bench: str, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("bench_data", courses=20, learners=50)
    assert "already present" in capsys.readouterr().out
    assert Course.objects.count() == 20
    assert User.objects.count() == 50


@pytest.mark.parametrize("option", ["courses", "learners"])
def test_negative_numbers_are_refused(option: str) -> None:
    with pytest.raises(CommandError, match="must not be negative"):
        call_command("bench_data", **{option: -1})
    assert not Course.objects.exists()
