"""Withdrawing consent leaves every experiment: the learner sees the course as published from
their next page, the results leave them out, and consent given again does not bring them back."""

import pytest
from django.test import Client
from django.urls import reverse

from praxis.accounts.models import User
from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.assessments import services as assessments
from praxis.assessments.completion import unpassed_required_quizzes
from praxis.assessments.models import Attempt, Quiz
from praxis.assessments.tests.factories import choice_question, quiz_with
from praxis.catalog.models import Course, Lesson
from praxis.catalog.services import enrol
from praxis.catalog.tests.factories import course_with_lessons
from praxis.research import consent, experiments, services
from praxis.research.models import Assignment, ConsentRecord, Experiment
from praxis.research.tests.factories import consenting

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff() -> User:
    return StaffFactory.create()


def _lesson_experiment(staff: User, title: str = "Infection control") -> Experiment:
    """Lesson 1.1 varied: "As published" shows it, "Case first" shows Lesson 1.2 instead."""
    course = course_with_lessons(modules=1, lessons_per_module=2, title=title)
    first, second = Lesson.objects.filter(module__course=course).order_by("position")
    experiment = services.create_experiment(staff, title="Case first", lesson=first)
    services.add_variant(experiment, by=staff, name="As published", lesson=first)
    services.add_variant(experiment, by=staff, name="Case first", lesson=second)
    return services.start_experiment(experiment, by=staff)


def _quiz_experiment(staff: User, **fields: object) -> tuple[Experiment, Quiz, Quiz]:
    """The published check varied: "As published" takes it, "Cases" takes the cases quiz."""
    course = course_with_lessons(modules=1, lessons_per_module=1, title="Hand hygiene")
    original = quiz_with([choice_question()], course=course, title="Hygiene check", **fields)
    cases = quiz_with([choice_question()], course=course, title="Hygiene cases", **fields)
    experiment = services.create_experiment(staff, title="Cases or facts", quiz=original)
    services.add_variant(experiment, by=staff, name="As published", quiz=original)
    services.add_variant(experiment, by=staff, name="Cases", quiz=cases)
    return services.start_experiment(experiment, by=staff), original, cases


def _learner_in(experiment: Experiment, variant_name: str) -> User:
    """A consenting learner enrolled in the course whom the hash puts in `variant_name`."""
    for _ in range(40):
        learner = consenting()
        enrol(learner, experiment.course)
        assignment = Assignment.objects.get(learner=learner, experiment=experiment)
        if assignment.variant.name == variant_name:
            return learner
    raise AssertionError("no learner was assigned to " + variant_name)


def _decide(client: Client, decision: str) -> str:
    page = client.post(reverse("research:consent"), {"decision": decision, "version": "1"})
    assert page.status_code == 302
    return client.get(page["Location"]).content.decode()


def _lesson_title(client: Client, experiment: Experiment) -> str:
    assert experiment.lesson is not None
    page = client.get(
        reverse("catalog:lesson", args=[experiment.course.slug, experiment.lesson.uuid])
    )
    assert page.status_code == 200
    return page.content.decode().split('<h1 id="lesson-title" dir="auto">')[1].split("</h1>")[0]


def test_a_learner_who_withdraws_sees_the_published_lesson_from_their_next_page(
    client: Client, staff: User
) -> None:
    experiment = _lesson_experiment(staff)
    learner = _learner_in(experiment, "Case first")
    client.force_login(learner)
    assert _lesson_title(client, experiment) == "Lesson 1.2"

    _decide(client, "withdraw")

    assert _lesson_title(client, experiment) == "Lesson 1.1"
    # What they were shown stays on record, with their data, until their account is erased.
    assert Assignment.objects.get(learner=learner).variant.name == "Case first"


def test_consent_given_again_does_not_bring_the_learner_back_into_the_experiment(
    client: Client, staff: User
) -> None:
    experiment = _lesson_experiment(staff)
    learner = _learner_in(experiment, "Case first")
    client.force_login(learner)
    _decide(client, "withdraw")
    _decide(client, "grant")
    assert consent.has_consented(learner)

    assert _lesson_title(client, experiment) == "Lesson 1.1"
    assert experiments.assign(experiment, learner) == Assignment.objects.get(learner=learner)
    case_first = experiments.results(experiment, k=1).arms[1]
    assert (case_first.variant.name, case_first.learners) == ("Case first", 0)


def test_consent_given_again_counts_for_experiments_of_courses_enrolled_in_afterwards(
    client: Client, staff: User
) -> None:
    left = _lesson_experiment(staff, "Infection control")
    learner = _learner_in(left, "Case first")
    client.force_login(learner)
    _decide(client, "withdraw")
    _decide(client, "grant")

    later = _lesson_experiment(staff, "Wound care")
    enrol(learner, later.course)

    assignment = Assignment.objects.get(learner=learner, experiment=later)
    shown = "Lesson 1.2" if assignment.variant.name == "Case first" else "Lesson 1.1"
    assert _lesson_title(client, later) == shown
    assert [arm.learners for arm in experiments.results(later, k=1).arms].count(1) == 1


def test_results_count_only_the_learners_still_taking_part(staff: User) -> None:
    experiment = _lesson_experiment(staff)
    stays = _learner_in(experiment, "Case first")
    leaves = _learner_in(experiment, "Case first")
    assert [arm.learners for arm in experiments.results(experiment, k=1).arms][1] == 2

    consent.set_consent(leaves, granted=False)

    assert [arm.learners for arm in experiments.results(experiment, k=1).arms][1] == 1
    assert consent.has_consented(stays)


def test_an_assignment_without_consent_shows_nothing(client: Client, staff: User) -> None:
    # Assignment needs consent; a row written some other way (by hand, an import) shows nothing.
    experiment = _lesson_experiment(staff)
    learner = UserFactory.create()
    enrol(learner, experiment.course)
    assert not Assignment.objects.filter(learner=learner).exists()
    Assignment.objects.create(
        experiment=experiment,
        learner=learner,
        variant=experiment.variants.get(name="Case first"),
    )
    client.force_login(learner)
    assert _lesson_title(client, experiment) == "Lesson 1.1"


def test_an_attempt_open_at_withdrawal_is_finished_and_the_next_is_on_the_published_quiz(
    client: Client, staff: User
) -> None:
    experiment, original, cases = _quiz_experiment(staff)
    learner = _learner_in(experiment, "Cases")
    client.force_login(learner)
    client.post(reverse("assessments:start", args=[original.uuid]))
    started = Attempt.objects.get(learner=learner)
    assert started.quiz == cases

    _decide(client, "withdraw")

    # The open attempt is resumed where it is, not replaced by one at the published quiz.
    page = client.get(reverse("assessments:quiz", args=[original.uuid]), follow=True)
    assert page.context["quiz"] == cases
    resumed = client.post(reverse("assessments:start", args=[cases.uuid]))
    assert resumed["Location"] == reverse("assessments:attempt", args=[started.uuid])
    assessments.submit_attempt(learner, started, {})
    assert Attempt.objects.get(pk=started.pk).status == Attempt.Status.SUBMITTED

    page = client.get(reverse("assessments:quiz", args=[cases.uuid]), follow=True)
    assert page.context["quiz"] == original
    listing = client.get(reverse("assessments:course_quizzes", args=[experiment.course.slug]))
    assert "Hygiene check" in listing.content.decode()
    assert "Hygiene cases" not in listing.content.decode()
    client.post(reverse("assessments:start", args=[cases.uuid]))
    assert list(
        Attempt.objects.filter(learner=learner).order_by("id").values_list("quiz", flat=True)
    ) == [cases.pk, original.pk]


def test_a_variant_quiz_passed_before_withdrawing_still_meets_the_requirement(
    staff: User,
) -> None:
    experiment, original, cases = _quiz_experiment(staff, required_for_completion=True)
    passed, not_yet = _learner_in(experiment, "Cases"), _learner_in(experiment, "Cases")
    Attempt.objects.create(quiz=cases, learner=passed, status=Attempt.Status.SUBMITTED, passed=True)
    for learner in (passed, not_yet):
        consent.set_consent(learner, granted=False)
    course: Course = experiment.course
    assert unpassed_required_quizzes(learner=passed, course=course) == []
    assert [q.title for q in unpassed_required_quizzes(learner=not_yet, course=course)] == [
        original.title
    ]


def test_the_withdrawal_says_what_it_does(client: Client) -> None:
    learner = consenting()
    client.force_login(learner)
    page = _decide(client, "withdraw")
    assert (
        "Your consent is withdrawn. Your data is left out of every future research export, and "
        "you leave any experiment on course design: from your next page, you see every lesson "
        "and quiz as published. Exports made before are deleted within 7 days." in page
    )
    assert [r.granted for r in ConsentRecord.objects.filter(learner=learner)] == [False, True]
