"""Experiments on quizzes: one kind per experiment, each learner served their own variant
(listed, opened and started), scores on the served quiz compared with the control."""

from typing import TypedDict

import pytest
from django.db import IntegrityError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import SchemaCheckedClient
from praxis.accounts.models import User
from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.assessments import services as assessments
from praxis.assessments.completion import unpassed_required_quizzes
from praxis.assessments.models import Attempt, Quiz
from praxis.assessments.tests.factories import QuizFactory, choice_question, quiz_with
from praxis.catalog.models import Course, Lesson
from praxis.catalog.services import enrol
from praxis.catalog.tests.factories import course_with_lessons
from praxis.core.errors import Conflict, PermissionDenied, ValidationFailed
from praxis.organisations.models import Role
from praxis.organisations.tests.factories import MembershipFactory, OrganisationFactory
from praxis.research import experiments, services
from praxis.research.models import Assignment, Experiment, Variant
from praxis.research.tests.factories import consenting
from praxis.research.tests.quiz_scores import scored

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff() -> User:
    return StaffFactory.create()


@pytest.fixture
def course() -> Course:
    return course_with_lessons(modules=1, lessons_per_module=2, title="Infection control")


class _Subject(TypedDict, total=False):
    lesson: Lesson | None
    quiz: Quiz


def _quiz(course: Course, title: str, **fields: object) -> Quiz:
    return quiz_with([choice_question(), choice_question()], course=course, title=title, **fields)


@pytest.fixture
def quizzes(course: Course) -> tuple[Quiz, Quiz]:
    """The published check, and its variant with cases: one attempt, ten minutes."""
    original = _quiz(course, "Hand hygiene check")
    cases = _quiz(course, "Hand hygiene cases", max_attempts=1, time_limit_minutes=10)
    return original, cases


@pytest.fixture
def running(staff: User, quizzes: tuple[Quiz, Quiz]) -> Experiment:
    original, cases = quizzes
    experiment = services.create_experiment(staff, title="Cases or facts", quiz=original)
    services.add_variant(experiment, by=staff, name="As published", quiz=original)
    services.add_variant(experiment, by=staff, name="Cases", quiz=cases)
    return services.start_experiment(experiment, by=staff)


def _learner_in(experiment: Experiment, variant_name: str) -> User:
    """A consenting learner enrolled in the course whom the hash puts in `variant_name`."""
    for _ in range(40):
        learner = consenting()
        enrol(learner, experiment.course)
        if Assignment.objects.get(learner=learner, experiment=experiment).variant.name == (
            variant_name
        ):
            return learner
    raise AssertionError("no learner was assigned to " + variant_name)


# Creation


def test_an_experiment_varies_either_a_lesson_or_a_quiz(
    staff: User, course: Course, quizzes: tuple[Quiz, Quiz]
) -> None:
    lesson = Lesson.objects.filter(module__course=course).first()
    subjects: list[_Subject] = [{"lesson": lesson, "quiz": quizzes[0]}, {}]
    for subject in subjects:
        with pytest.raises(ValidationFailed) as error:
            services.create_experiment(staff, title="Both or neither", **subject)
        assert error.value.code == "one_lesson_or_quiz"
        assert set(error.value.fields) == {"lesson", "quiz"}
    assert not Experiment.objects.exists()


def test_variants_are_of_the_experiments_kind(
    staff: User, course: Course, quizzes: tuple[Quiz, Quiz]
) -> None:
    lesson = Lesson.objects.filter(module__course=course).first()
    on_quiz = services.create_experiment(staff, title="Quiz", quiz=quizzes[0])
    with pytest.raises(ValidationFailed) as error:
        services.add_variant(on_quiz, by=staff, name="A lesson", lesson=lesson)
    assert error.value.code == "variant_kind_mismatch"
    assert "quiz" in error.value.fields
    on_lesson = services.create_experiment(staff, title="Lesson", lesson=lesson)
    with pytest.raises(ValidationFailed) as error:
        services.add_variant(on_lesson, by=staff, name="A quiz", quiz=quizzes[1])
    assert error.value.code == "variant_kind_mismatch"
    assert "lesson" in error.value.fields
    assert not Variant.objects.exists()


def test_a_variant_on_a_lesson_and_a_quiz_at_once_is_refused_by_the_database(
    staff: User, quizzes: tuple[Quiz, Quiz]
) -> None:
    experiment = services.create_experiment(staff, title="Quiz", quiz=quizzes[0])
    lesson = Lesson.objects.filter(module__course=experiment.course).first()
    with pytest.raises(IntegrityError):
        Variant.objects.create(experiment=experiment, name="Both", lesson=lesson, quiz=quizzes[0])


def test_a_variant_quiz_must_be_a_published_quiz_of_the_course_in_the_same_role(
    staff: User, course: Course, quizzes: tuple[Quiz, Quiz]
) -> None:
    experiment = services.create_experiment(staff, title="Quiz", quiz=quizzes[0])
    elsewhere = _quiz(course_with_lessons(modules=1, lessons_per_module=1), "Elsewhere")
    hidden = _quiz(course, "Withdrawn", published=False)
    post_test = _quiz(course, "Final test", kind=Quiz.Kind.POST_TEST)
    required = _quiz(course, "Required check", required_for_completion=True)
    for quiz, code in (
        (elsewhere, "quiz_not_in_course"),
        (hidden, "quiz_not_open"),
        (post_test, "quiz_role_differs"),
        (required, "quiz_role_differs"),
    ):
        with pytest.raises(ValidationFailed) as error:
            services.add_variant(experiment, by=staff, name="Other", quiz=quiz)
        assert error.value.code == code
        assert list(error.value.fields) == ["quiz"]
    assert not Variant.objects.exists()


def test_no_variant_is_added_once_the_quiz_experiment_started(
    running: Experiment, staff: User, course: Course
) -> None:
    another = _quiz(course, "Another check")
    with pytest.raises(Conflict) as error:
        services.add_variant(running, by=staff, name="Late", quiz=another)
    assert error.value.code == "experiment_started"
    assert running.variants.count() == 2


# Serving


def test_each_learner_is_served_their_own_variant_on_every_visit(
    client: Client, running: Experiment, quizzes: tuple[Quiz, Quiz]
) -> None:
    original, cases = quizzes
    for arm, mine, other in (("As published", original, cases), ("Cases", cases, original)):
        learner = _learner_in(running, arm)
        client.force_login(learner)
        listing = client.get(reverse("assessments:course_quizzes", args=[running.course.slug]))
        assert mine.title in listing.content.decode()
        assert other.title not in listing.content.decode()
        for _visit in range(2):
            page = client.get(reverse("assessments:quiz", args=[original.uuid]), follow=True)
            assert page.context["quiz"] == mine
        client.post(reverse("assessments:start", args=[original.uuid]))
        assert list(Attempt.objects.filter(learner=learner).values_list("quiz", flat=True)) == [
            mine.pk
        ]


def test_the_served_quizs_time_limit_and_attempts_apply(
    client: Client, running: Experiment, quizzes: tuple[Quiz, Quiz]
) -> None:
    _original, cases = quizzes
    learner = _learner_in(running, "Cases")
    client.force_login(learner)
    client.post(reverse("assessments:start", args=[cases.uuid]))
    attempt = Attempt.objects.get(learner=learner)
    assert attempt.deadline is not None  # the variant's ten minutes
    assessments.submit_attempt(learner, attempt, {})
    again = client.post(reverse("assessments:start", args=[cases.uuid]), follow=True)
    assert "You have used all the attempts at this quiz." in again.content.decode()
    assert Attempt.objects.filter(learner=learner).count() == 1


def test_the_other_variant_cannot_be_opened_or_started_by_its_address(
    client: Client, api_client: SchemaCheckedClient, running: Experiment, quizzes: tuple[Quiz, Quiz]
) -> None:
    original, cases = quizzes
    learner = _learner_in(running, "As published")
    client.force_login(learner)
    page = client.get(reverse("assessments:quiz", args=[cases.uuid]))
    assert page["Location"] == reverse("assessments:quiz", args=[original.uuid])
    client.post(reverse("assessments:start", args=[cases.uuid]))
    assert not Attempt.objects.filter(quiz=cases).exists()
    api_client.force_login(learner)
    started = api_client.post(f"/api/v1/quizzes/{cases.uuid}/attempts")
    assert started.status_code == 201
    assert started.json()["quiz"] == str(original.uuid)
    with pytest.raises(PermissionDenied):
        assessments.start_attempt(learner, cases)
    assert not Attempt.objects.filter(quiz=cases).exists()


def test_learners_outside_the_experiment_and_visitors_see_only_the_varied_quiz(
    client: Client, api_client: SchemaCheckedClient, running: Experiment, quizzes: tuple[Quiz, Quiz]
) -> None:
    original, cases = quizzes
    listing_url = reverse("assessments:course_quizzes", args=[running.course.slug])
    visitor = client.get(listing_url).content.decode()
    assert original.title in visitor
    assert cases.title not in visitor
    without_consent = UserFactory.create()
    enrol(without_consent, running.course)
    api_client.force_login(without_consent)
    listed = api_client.get(f"/api/v1/courses/{running.course.slug}/quizzes").json()
    assert [quiz["uuid"] for quiz in listed] == [str(original.uuid)]
    client.force_login(without_consent)
    page = client.get(reverse("assessments:quiz", args=[cases.uuid]))
    assert page["Location"] == reverse("assessments:quiz", args=[original.uuid])


def test_the_course_team_sees_every_variant(
    client: Client, running: Experiment, quizzes: tuple[Quiz, Quiz], staff: User
) -> None:
    client.force_login(staff)
    listing = client.get(reverse("assessments:course_quizzes", args=[running.course.slug]))
    assert all(quiz.title in listing.content.decode() for quiz in quizzes)
    assert client.get(reverse("assessments:quiz", args=[quizzes[1].uuid])).status_code == 200


def test_a_draft_experiment_serves_nothing_yet(
    client: Client, staff: User, quizzes: tuple[Quiz, Quiz]
) -> None:
    original, cases = quizzes
    experiment = services.create_experiment(staff, title="Draft", quiz=original)
    services.add_variant(experiment, by=staff, name="Cases", quiz=cases)
    learner = consenting()
    enrol(learner, original.course)
    assert not Assignment.objects.filter(learner=learner).exists()
    client.force_login(learner)
    # Both quizzes are listed, each opens as itself, and each is taken as itself.
    listing = client.get(reverse("assessments:course_quizzes", args=[original.course.slug]))
    assert original.title in listing.content.decode()
    assert cases.title in listing.content.decode()
    for quiz in (original, cases):
        page = client.get(reverse("assessments:quiz", args=[quiz.uuid]))
        assert page.status_code == 200
        assert page.context["quiz"] == quiz
    client.post(reverse("assessments:start", args=[original.uuid]))
    client.post(reverse("assessments:start", args=[cases.uuid]))
    started = Attempt.objects.filter(learner=learner).values_list("quiz", flat=True)
    assert sorted(started) == sorted([original.pk, cases.pk])
    assert all(arm.learners == 0 for arm in experiments.results(experiment).arms)


def test_a_required_quiz_is_required_in_the_learners_variant(staff: User, course: Course) -> None:
    original = _quiz(course, "Required check", required_for_completion=True)
    cases = _quiz(course, "Required cases", required_for_completion=True)
    experiment = services.create_experiment(staff, title="Required", quiz=original)
    services.add_variant(experiment, by=staff, name="As published", quiz=original)
    services.add_variant(experiment, by=staff, name="Cases", quiz=cases)
    services.start_experiment(experiment, by=staff)
    learner = _learner_in(experiment, "Cases")
    assert [q.title for q in unpassed_required_quizzes(learner=learner, course=course)] == [
        "Required cases"
    ]
    Attempt.objects.create(
        quiz=cases, learner=learner, status=Attempt.Status.SUBMITTED, passed=True
    )
    assert unpassed_required_quizzes(learner=learner, course=course) == []


# Results


@pytest.fixture
def scores_on_served_quizzes(running: Experiment, quizzes: tuple[Quiz, Quiz]) -> Experiment:
    """Out of 10 on the first attempt at their own quiz: the control 5,6,7,6,6 (mean 0.6),
    the cases variant 7,8,9,8,8 (mean 0.8); later attempts do not count."""
    control, treated = running.variants.all()
    for variant, marks in ((control, (5, 6, 7, 6, 6)), (treated, (7, 8, 9, 8, 8))):
        for mark in marks:
            learner = consenting()
            enrol(learner, running.course)
            Assignment.objects.filter(learner=learner).update(variant=variant)
            assert variant.quiz is not None
            scored(variant.quiz, learner, mark)
            scored(variant.quiz, learner, 10, number=2)
    return running


def test_results_compare_first_scores_on_the_served_quiz(
    scores_on_served_quizzes: Experiment,
) -> None:
    result = experiments.results(scores_on_served_quizzes)
    assert [sorted(arm.scores) for arm in result.arms] == [
        pytest.approx([0.5, 0.6, 0.6, 0.6, 0.7]),
        pytest.approx([0.7, 0.8, 0.8, 0.8, 0.9]),
    ]
    comparison = result.comparisons[0]
    # Each arm: deviations −0.1, 0, 0.1, 0, 0, variance 0.02/4 = 0.005. Welch:
    # se = √(0.005/5 + 0.005/5) = 0.0447214 on df = 8, t(0.975, 8) = 2.306004: 0.2 ± 0.103128.
    difference = comparison.score_difference
    assert difference is not None
    assert difference.value == pytest.approx(0.2)
    assert (difference.low, difference.high) == (  # type: ignore[comparison-overlap]  # approx equals floats
        pytest.approx(0.096872, abs=1e-5),
        pytest.approx(0.303128, abs=1e-5),
    )
    # d = 0.2 / √0.005 = 2.828427; se = √(10/25 + d²/20) = √0.8 = 0.894427; ± 1.959964·se.
    d = comparison.score_d
    assert d is not None
    assert d.value == pytest.approx(2.828427, abs=1e-5)
    assert (d.low, d.high) == (  # type: ignore[comparison-overlap]  # approx equals floats
        pytest.approx(1.075382, abs=1e-5),
        pytest.approx(4.581472, abs=1e-5),
    )


def test_experiment_page_shows_the_quiz_and_its_mean_scores(
    client: Client, staff: User, scores_on_served_quizzes: Experiment
) -> None:
    client.force_login(staff)
    page = client.get(reverse("research:experiment", args=[scores_on_served_quizzes.uuid]))
    text = page.content.decode()
    assert "Quiz varied" in text
    assert "Hand hygiene cases" in text
    assert "Mean score (0–1)" in text
    assert "0.600" in text and "0.800" in text
    assert "0.200 (0.097 to 0.303)" in text


# Pages and course teams


def test_creating_a_quiz_experiment_and_its_variants_from_the_pages(
    client: Client, staff: User, quizzes: tuple[Quiz, Quiz]
) -> None:
    original, cases = quizzes
    client.force_login(staff)
    url = reverse("research:experiment_new") + f"?course={original.course.slug}"
    lesson = Lesson.objects.filter(module__course=original.course).first()
    assert lesson is not None
    assert original is not None
    both = client.post(url, {"title": "Both", "lesson": lesson.pk, "quiz": original.pk})
    assert both.status_code == 400
    assert "Choose either a lesson or a quiz to vary, not both." in both.content.decode()
    created = client.post(url, {"title": "Cases or facts", "quiz": original.pk})
    experiment = Experiment.objects.get()
    assert created["Location"] == reverse("research:experiment", args=[experiment.uuid])
    page = client.get(created["Location"]).content.decode()
    assert 'name="quiz"' in page
    assert 'name="lesson"' not in page
    variant_url = reverse("research:experiment_variant", args=[experiment.uuid])
    client.post(variant_url, {"name": "Cases", "quiz": cases.pk})
    refused = client.post(variant_url, {"name": "A lesson", "lesson": lesson.pk})
    assert refused.status_code == 400
    assert [(v.name, v.quiz) for v in experiment.variants.all()] == [("Cases", cases)]


def test_course_team_experiments_only_on_its_own_courses_quizzes(
    client: Client, staff: User
) -> None:
    organisation_a, organisation_b = OrganisationFactory.create(), OrganisationFactory.create()
    course_a = course_with_lessons(modules=1, lessons_per_module=1)
    course_b = course_with_lessons(modules=1, lessons_per_module=1)
    course_a.organisations.add(organisation_a)
    course_b.organisations.add(organisation_b)
    author = MembershipFactory.create(organisation=organisation_a, role=Role.AUTHOR).user
    ours = services.create_experiment(
        author, title="Ours", quiz=QuizFactory.create(course=course_a)
    )
    assert ours.course == course_a
    quiz_b = QuizFactory.create(course=course_b)
    with pytest.raises(PermissionDenied):
        services.create_experiment(author, title="Theirs", quiz=quiz_b)
    theirs = services.create_experiment(staff, title="Theirs", quiz=quiz_b)
    with pytest.raises(PermissionDenied):
        services.add_variant(theirs, by=author, name="X", quiz=QuizFactory.create(course=course_b))
    client.force_login(author)
    url = reverse("research:experiment_new") + f"?course={course_b.slug}"
    client.post(url, {"title": "Sneaky", "quiz": quiz_b.pk})
    assert not Experiment.objects.filter(title="Sneaky").exists()
    assert client.get(reverse("research:experiment", args=[theirs.uuid])).status_code == 404


def test_the_quiz_list_takes_as_many_queries_whatever_the_number_of_quizzes(
    api_client: SchemaCheckedClient, running: Experiment, course: Course
) -> None:
    learner = _learner_in(running, "Cases")
    api_client.force_login(learner)
    url = f"/api/v1/courses/{course.slug}/quizzes"

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert api_client.get(url).status_code == 200
        return len(queries)

    before = count()
    for number in range(3):
        _quiz(course, f"Extra check {number}")
    assert count() == before
