"""Experiments: stable assignment of consenting learners, balance, locking, results."""

from collections import Counter
from datetime import timedelta
from typing import TypedDict

import pytest
from django.test import Client
from django.urls import reverse

from praxis.accounts.models import User
from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.catalog import hooks
from praxis.catalog.models import Course, Enrolment, Lesson
from praxis.catalog.tests.factories import course_with_lessons
from praxis.core.errors import Conflict, PermissionDenied, ValidationFailed
from praxis.organisations.models import Organisation, Role
from praxis.organisations.tests.factories import MembershipFactory, OrganisationFactory
from praxis.reference.models import Occupation
from praxis.research import experiments, services
from praxis.research.models import Assignment, Experiment
from praxis.research.tests.factories import consenting
from praxis.research.tests.quiz_scores import pre_post_pair, scored

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff() -> User:
    return StaffFactory.create()


@pytest.fixture
def running(staff: User) -> Experiment:
    course = course_with_lessons(modules=1, lessons_per_module=3)
    lessons = list(Lesson.objects.filter(module__course=course))
    experiment = services.create_experiment(staff, title="Case first", lesson=lessons[0])
    services.add_variant(experiment, by=staff, name="Text first", lesson=lessons[0])
    services.add_variant(experiment, by=staff, name="Case first", lesson=lessons[1])
    return services.start_experiment(experiment, by=staff)


def _enrol(learner: User, course: Course) -> Enrolment:
    enrolment = Enrolment.objects.create(learner=learner, course=course)
    hooks.enrolled.send(enrolment=enrolment)
    return enrolment


def test_consenting_learner_is_assigned_at_enrolment_and_sees_the_variant(
    running: Experiment,
) -> None:
    learner = consenting()
    _enrol(learner, running.course)
    assignment = Assignment.objects.get(learner=learner)
    assert running.lesson is not None
    shown = hooks.lesson_for.ask(learner=learner, lesson=running.lesson)
    assert shown == [assignment.variant.lesson]


def test_learners_without_consent_are_not_assigned(running: Experiment) -> None:
    learner = UserFactory.create()
    _enrol(learner, running.course)
    assert not Assignment.objects.exists()
    assert running.lesson is not None
    assert hooks.lesson_for.ask(learner=learner, lesson=running.lesson) == [None]


def test_assignment_is_stable_and_follows_the_hash(running: Experiment) -> None:
    learner = consenting()
    first = experiments.assign(running, learner)
    again = experiments.assign(running, learner)
    assert first is not None
    assert again is not None
    assert first.pk == again.pk
    variants = list(running.variants.all())
    assert first.variant == variants[experiments.bucket(running, learner) % 2]


def test_unstratified_assignment_uses_every_variant(running: Experiment) -> None:
    assigned = [experiments.assign(running, consenting()) for _ in range(40)]
    counts = Counter(assignment.variant_id for assignment in assigned if assignment is not None)
    assert len(assigned) == sum(counts.values())
    assert len(counts) == 2


def test_stratified_assignment_is_balanced_within_each_stratum(staff: User) -> None:
    course = course_with_lessons(modules=1, lessons_per_module=2)
    lesson_a, lesson_b = Lesson.objects.filter(module__course=course)
    experiment = services.create_experiment(
        staff, title="Balanced", lesson=lesson_a, stratify_by="occupation"
    )
    services.add_variant(experiment, by=staff, name="A", lesson=lesson_a)
    services.add_variant(experiment, by=staff, name="B", lesson=lesson_b)
    services.start_experiment(experiment, by=staff)
    nurse = Occupation.objects.get(isco08="2221")
    associate = Occupation.objects.get(isco08="3221")
    for occupation, count in ((nurse, 9), (associate, 6)):
        for _ in range(count):
            experiments.assign(experiment, consenting(occupation=occupation))
    assert nurse.group != associate.group
    for stratum in (nurse.group, associate.group):
        counts = Counter(
            Assignment.objects.filter(experiment=experiment, stratum=stratum).values_list(
                "variant_id", flat=True
            )
        )
        assert len(counts) == 2
        assert max(counts.values()) - min(counts.values()) <= 1


def test_an_experiment_cannot_be_changed_after_it_started(running: Experiment, staff: User) -> None:
    with pytest.raises(Conflict) as error:
        services.add_variant(running, by=staff, name="Third", lesson=running.lesson)
    assert error.value.code == "experiment_started"
    with pytest.raises(Conflict):
        services.update_experiment(running, by=staff, title="Renamed")
    with pytest.raises(Conflict):
        services.start_experiment(running, by=staff)
    assert Experiment.objects.get().title == "Case first"
    assert running.variants.count() == 2


def test_an_experiment_needs_two_variants_to_start(staff: User) -> None:
    course = course_with_lessons(modules=1, lessons_per_module=1)
    lesson = Lesson.objects.get(module__course=course)
    experiment = services.create_experiment(staff, title="One arm", lesson=lesson)
    services.add_variant(experiment, by=staff, name="Only", lesson=lesson)
    with pytest.raises(ValidationFailed):
        services.start_experiment(experiment, by=staff)


def test_a_variant_must_be_a_lesson_of_the_same_course(staff: User) -> None:
    course = course_with_lessons(modules=1, lessons_per_module=1)
    other = course_with_lessons(modules=1, lessons_per_module=1)
    experiment = services.create_experiment(
        staff, title="X", lesson=Lesson.objects.get(module__course=course)
    )
    with pytest.raises(ValidationFailed):
        services.add_variant(
            experiment, by=staff, name="Y", lesson=Lesson.objects.get(module__course=other)
        )


def test_learners_cannot_run_experiments() -> None:
    course = course_with_lessons(modules=1, lessons_per_module=1)
    with pytest.raises(PermissionDenied):
        services.create_experiment(
            UserFactory.create(), title="X", lesson=Lesson.objects.get(module__course=course)
        )


def test_results_compare_completion_and_time_with_the_control(running: Experiment) -> None:
    control, treated = running.variants.all()
    for variant, completed in ((control, 2), (treated, 4)):
        for i in range(5):
            learner = consenting()
            enrolment = Enrolment.objects.create(learner=learner, course=running.course)
            Assignment.objects.create(experiment=running, learner=learner, variant=variant)
            if i < completed:
                Enrolment.objects.filter(pk=enrolment.pk).update(
                    status=Enrolment.Status.COMPLETED,
                    completed_at=enrolment.created_at + timedelta(hours=i + 1),
                )
    result = experiments.results(running)
    assert [(a.learners, a.completed) for a in result.arms] == [(5, 2), (5, 4)]
    comparison = result.comparisons[0]
    assert comparison.risk_difference is not None
    assert comparison.risk_difference.value == pytest.approx(0.4)
    # √(0.8·0.2/5 + 0.4·0.6/5) = 0.282843
    assert comparison.risk_difference.high == pytest.approx(0.4 + 1.959964 * 0.2828427, abs=1e-5)
    assert comparison.hours_difference is not None
    assert comparison.hours_difference.value == pytest.approx(2.5 - 1.5)


def test_results_are_withheld_while_a_variant_has_fewer_than_k_learners(
    running: Experiment,
) -> None:
    learner = consenting()
    Enrolment.objects.create(learner=learner, course=running.course)
    variant = running.variants.first()
    assert variant is not None
    Assignment.objects.create(experiment=running, learner=learner, variant=variant)
    result = experiments.results(running)
    assert result.suppressed
    assert result.comparisons == []


def test_experiment_pages_for_staff(client: Client, staff: User, running: Experiment) -> None:
    client.force_login(staff)
    listing = client.get(reverse("research:experiments")).content.decode()
    assert "Case first" in listing
    page = client.get(reverse("research:experiment", args=[running.uuid])).content.decode()
    assert "Stop the experiment" in page
    client.post(reverse("research:experiment_state", args=[running.uuid]), {"action": "stop"})
    assert Experiment.objects.get().status == Experiment.Status.STOPPED


def test_creating_an_experiment_from_the_page(client: Client, staff: User) -> None:
    course = course_with_lessons(modules=1, lessons_per_module=2)
    lesson = Lesson.objects.filter(module__course=course).first()
    client.force_login(staff)
    url = reverse("research:experiment_new") + f"?course={course.slug}"
    assert lesson is not None
    response = client.post(url, {"title": "Shorter videos", "lesson": lesson.pk})
    experiment = Experiment.objects.get()
    assert response["Location"] == reverse("research:experiment", args=[experiment.uuid])
    bad = client.post(url, {"title": "", "lesson": "not a number"})
    assert bad.status_code == 400


def test_a_new_experiment_without_a_course_says_so_beside_the_field(
    client: Client, staff: User
) -> None:
    client.force_login(staff)
    opened = client.get(reverse("research:experiment_new"))
    assert opened.status_code == 200 and 'id="id_course_error"' not in opened.text
    for response in (
        client.get(reverse("research:experiment_new"), {"course": ""}),
        client.post(reverse("research:experiment_new"), {"title": "Shorter videos"}),
    ):
        assert response.status_code == 400
        error = response.text.split('id="id_course_error">')[1].split("</p>")[0]
        assert error == "Name the course the experiment is about."
    unknown = client.get(reverse("research:experiment_new"), {"course": "no-such-course"})
    assert unknown.status_code == 400
    assert "There is no course with this name." in unknown.text
    assert not Experiment.objects.exists()


def test_a_course_is_chosen_by_its_link_pasted_whole(client: Client, staff: User) -> None:
    # The field asks for "the last part of its link": the link itself was refused.
    course = course_with_lessons(modules=1, lessons_per_module=1, slug="shorter-videos")
    client.force_login(staff)
    for typed in (
        f"http://testserver/courses/{course.slug}/",
        f"/courses/{course.slug}/lessons/4f0c7c5e-0000-4000-8000-000000000000/",
        f"  {course.slug}  ",
    ):
        response = client.get(reverse("research:experiment_new"), {"course": typed})
        assert response.status_code == 200, typed
        assert "Lesson to vary" in response.text
    unknown = client.get(reverse("research:experiment_new"), {"course": "http://x/courses/nope/"})
    assert unknown.status_code == 400
    assert "There is no course with this name." in unknown.text


def test_stopping_an_experiment_asks_for_confirmation_first(
    client: Client, staff: User, running: Experiment
) -> None:
    client.force_login(staff)
    page = client.get(reverse("research:experiment", args=[running.uuid])).text
    confirm = page.split('<details class="confirm">')[1].split("</details>")[0]
    assert "<summary>Stop the experiment</summary>" in confirm
    assert "A stopped experiment cannot be started again." in confirm
    assert '<input type="hidden" name="action" value="stop">' in confirm
    assert '<button class="warning" type="submit">Yes, stop it</button>' in confirm
    assert Experiment.objects.get().status == Experiment.Status.RUNNING


@pytest.mark.parametrize("posted", [{"action": "pause"}, {"action": ""}, {}])
def test_a_state_change_that_names_no_known_action_changes_nothing(
    client: Client, staff: User, running: Experiment, posted: dict[str, str]
) -> None:
    # Once read as "stop", which cannot be undone.
    client.force_login(staff)
    response = client.post(reverse("research:experiment_state", args=[running.uuid]), posted)
    assert response.status_code == 400
    assert Experiment.objects.get().status == Experiment.Status.RUNNING


def test_learners_do_not_see_the_experiment_pages(client: Client, running: Experiment) -> None:
    client.force_login(UserFactory.create())
    assert client.get(reverse("research:experiments")).status_code == 403
    assert client.get(reverse("research:experiment", args=[running.uuid])).status_code == 403


def test_results_compare_knowledge_gain_with_the_control(running: Experiment) -> None:
    pre, post = pre_post_pair(running.course)
    control, treated = running.variants.all()
    # Out of 10: control 5 → 6,7,8,7,7 (gains 0.1,0.2,0.3,0.2,0.2, mean 0.2);
    # treated 3 → 6,7,8,7,7 (gains 0.3,0.4,0.5,0.4,0.4, mean 0.4).
    for variant, before in ((control, 5), (treated, 3)):
        for after in (6, 7, 8, 7, 7):
            learner = consenting()
            Enrolment.objects.create(learner=learner, course=running.course)
            Assignment.objects.create(experiment=running, learner=learner, variant=variant)
            scored(pre, learner, before)
            scored(post, learner, after)
            scored(post, learner, 10, number=2)  # only the first attempt counts
    result = experiments.results(running)
    assert result.gain_test == post
    assert [sorted(arm.gains) for arm in result.arms] == [
        pytest.approx([0.1, 0.2, 0.2, 0.2, 0.3]),
        pytest.approx([0.3, 0.4, 0.4, 0.4, 0.5]),
    ]
    comparison = result.comparisons[0]
    # Each arm: variance 0.02/4 = 0.005. Welch: se = √(0.005/5 + 0.005/5) = 0.0447214 on
    # df = 0.002² / (2 · 0.001² / 4) = 8, t(0.975, 8) = 2.306004: 0.2 ± 0.103128.
    difference = comparison.gain_difference
    assert difference is not None
    assert difference.value == pytest.approx(0.2)
    assert (difference.low, difference.high) == (  # type: ignore[comparison-overlap]  # approx equals floats
        pytest.approx(0.096872, abs=1e-5),
        pytest.approx(0.303128, abs=1e-5),
    )
    # d = 0.2 / √0.005 = 2.828427; se = √(10/25 + d²/20) = √0.8 = 0.894427; ± 1.959964·se.
    d = comparison.gain_d
    assert d is not None
    assert d.value == pytest.approx(2.828427, abs=1e-5)
    assert (d.low, d.high) == (  # type: ignore[comparison-overlap]  # approx equals floats
        pytest.approx(1.075382, abs=1e-5),
        pytest.approx(4.581472, abs=1e-5),
    )


def test_experiment_page_shows_knowledge_gain_when_the_course_has_a_pre_and_post_test(
    client: Client, staff: User, running: Experiment
) -> None:
    pre_post_pair(running.course)
    client.force_login(staff)
    page = client.get(reverse("research:experiment", args=[running.uuid])).content.decode()
    assert "Mean knowledge gain (0–1)" in page
    assert "Hand hygiene: before" in page


def test_results_have_no_knowledge_gain_without_a_pre_and_post_test(running: Experiment) -> None:
    assert experiments.results(running).gain_test is None


# Course teams


class Teams(TypedDict):
    a: Course
    b: Course
    author: User
    organisation_a: Organisation


@pytest.fixture
def teams() -> Teams:
    """Organisations A and B, each co-creating a course; an author of A."""
    organisation_a, organisation_b = OrganisationFactory.create(), OrganisationFactory.create()
    course_a = course_with_lessons(modules=1, lessons_per_module=2, title="Course of A")
    course_b = course_with_lessons(modules=1, lessons_per_module=2, title="Course of B")
    course_a.organisations.add(organisation_a)
    course_b.organisations.add(organisation_b)
    author = MembershipFactory.create(organisation=organisation_a, role=Role.AUTHOR).user
    return {"a": course_a, "b": course_b, "author": author, "organisation_a": organisation_a}


def test_course_team_runs_an_experiment_on_its_own_course(teams: Teams) -> None:
    author = teams["author"]
    first, second = Lesson.objects.filter(module__course=teams["a"])
    experiment = services.create_experiment(author, title="Cases first", lesson=first)
    services.add_variant(experiment, by=author, name="Text", lesson=first)
    services.add_variant(experiment, by=author, name="Cases", lesson=second)
    assert services.start_experiment(experiment, by=author).status == Experiment.Status.RUNNING


def test_course_team_cannot_experiment_on_another_organisations_course(
    teams: Teams, staff: User
) -> None:
    lesson = Lesson.objects.filter(module__course=teams["b"]).first()
    with pytest.raises(PermissionDenied):
        services.create_experiment(teams["author"], title="Not ours", lesson=lesson)
    theirs = services.create_experiment(staff, title="Theirs", lesson=lesson)
    with pytest.raises(PermissionDenied):
        services.add_variant(theirs, by=teams["author"], name="X", lesson=lesson)
    with pytest.raises(PermissionDenied):
        services.start_experiment(theirs, by=teams["author"])


def test_reviewers_and_members_cannot_run_experiments(teams: Teams) -> None:
    lesson = Lesson.objects.filter(module__course=teams["a"]).first()
    for role in (Role.REVIEWER, Role.MEMBER):
        user = MembershipFactory.create(organisation=teams["organisation_a"], role=role).user
        with pytest.raises(PermissionDenied):
            services.create_experiment(user, title="X", lesson=lesson)


def test_course_team_pages_list_and_open_only_their_courses_experiments(
    client: Client, teams: Teams, staff: User
) -> None:
    ours = services.create_experiment(
        staff, title="Ours", lesson=Lesson.objects.filter(module__course=teams["a"]).first()
    )
    theirs = services.create_experiment(
        staff, title="Theirs", lesson=Lesson.objects.filter(module__course=teams["b"]).first()
    )
    client.force_login(teams["author"])
    listing = client.get(reverse("research:experiments")).content.decode()
    assert "Ours" in listing
    assert "Theirs" not in listing
    assert client.get(reverse("research:experiment", args=[ours.uuid])).status_code == 200
    assert client.get(reverse("research:experiment", args=[theirs.uuid])).status_code == 404
    refused = client.post(
        reverse("research:experiment_state", args=[theirs.uuid]), {"action": "start"}
    )
    assert refused.status_code == 404
    form = client.get(reverse("research:experiment_new"), {"course": teams["b"].slug})
    assert "There is no course with this name." in form.content.decode()
    lesson_b = Lesson.objects.filter(module__course=teams["b"]).first()
    url = reverse("research:experiment_new") + f"?course={teams['b'].slug}"
    assert lesson_b is not None
    client.post(url, {"title": "Sneaky", "lesson": lesson_b.pk})
    assert not Experiment.objects.filter(title="Sneaky").exists()


def test_a_lesson_shows_its_variant_as_soon_as_its_experiment_starts(staff: User) -> None:
    course = course_with_lessons(modules=1, lessons_per_module=3)
    lessons = list(Lesson.objects.filter(module__course=course).order_by("position"))
    learner = consenting()
    # Asked before any experiment varies it: the lesson itself (and no lesson varied is kept).
    assert hooks.lesson_for.ask(learner=learner, lesson=lessons[0]) == [None]
    experiment = services.create_experiment(staff, title="Case first", lesson=lessons[0])
    services.add_variant(experiment, by=staff, name="Text first", lesson=lessons[0])
    services.add_variant(experiment, by=staff, name="Case first", lesson=lessons[1])
    assert hooks.lesson_for.ask(learner=learner, lesson=lessons[0]) == [None]  # a draft
    services.start_experiment(experiment, by=staff)
    _enrol(learner, course)
    assignment = Assignment.objects.get(learner=learner)
    assert hooks.lesson_for.ask(learner=learner, lesson=lessons[0]) == [assignment.variant.lesson]
    # Someone not assigned still sees the lesson itself.
    assert hooks.lesson_for.ask(learner=UserFactory.create(), lesson=lessons[0]) == [None]
