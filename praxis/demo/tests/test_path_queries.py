"""The SQL queries of each path a person uses (those `bench/paths.py` measures), pinned on the
demo: a change that adds a query to a page, per row or not, fails here and says which page.
Writes count one or two queries more than the benchmark does: each test runs in a transaction,
so the view's transaction is a savepoint (SAVEPOINT and RELEASE) rather than BEGIN.

Pages are asked twice and the second answer is counted: what a warm worker serves (caches
that a first visitor fills, such as a credential's checked signature, are filled)."""

from collections.abc import Callable
from typing import Any

import pytest
from django.db.models import Count
from django.test import Client
from pytest_django import DjangoAssertNumQueries, DjangoCaptureOnCommitCallbacks

from praxis.accounts.models import User
from praxis.accounts.services import accept_documents_in_force
from praxis.assessments import queries as assessment_queries
from praxis.assessments import services as assessments
from praxis.assessments.models import Attempt, Quiz
from praxis.catalog import services as catalog
from praxis.catalog.models import Course, Enrolment, Lesson
from praxis.community.models import Thread
from praxis.credentials.models import Credential

COURSE = "hand-hygiene-en"


def course() -> Course:
    return Course.objects.get(slug=COURSE)


def lessons(found: Course) -> list[Lesson]:
    return list(
        Lesson.objects.filter(module__course=found).order_by("module__position", "position")
    )


def enrolled_learner() -> User:
    enrolment = Enrolment.objects.filter(course=course(), status="active").order_by("id").first()
    assert enrolment is not None
    return enrolment.learner


def new_learner(lessons_done: int = 0, email: str = "new.learner@example.org") -> User:
    """A learner who signed up just now (terms accepted) and enrolled in the course, with its
    first `lessons_done` lessons completed."""
    learner = User.objects.create(email=email, full_name="New Learner")
    accept_documents_in_force(learner, True)
    found = course()
    catalog.enrol(learner, found)
    for lesson in lessons(found)[:lessons_done]:
        catalog.complete_lesson(learner, lesson)
    return learner


Page = Callable[[Client], str]


def page(url: str, user: Callable[[], User] | None = None) -> Page:
    """Logs the suite's client in as `user` (staff with their second factor proven), if any,
    and asks for the page once, which fills what a first visitor fills."""

    def prepare(client: Client) -> str:
        if user is not None:
            client.force_login(user())
        assert client.get(url).status_code == 200
        return url

    return prepare


PAGES: list[tuple[str, Page, int]] = [
    # The page kept, and which course is at its address while no course page changes.
    ("course page, anonymous", page(f"/courses/{COURSE}/"), 0),
    # The session, the person, the course, their enrolment and progress; what every reader
    # sees (syllabus, section about the course, links, versions) is kept per course version.
    ("course page, enrolled", page(f"/courses/{COURSE}/", enrolled_learner), 4),
    # The event and its registrations counted; the page a visitor sees is kept per version of
    # the event and per places taken (events.programme_cache).
    ("event page", page("/events/ipc-forum-nairobi/"), 0),
    # A registered reader: the session, the person, and in one statement their registration
    # (its attendance and certificate) and whether they manage the event; the part every reader
    # sees is kept per version of its page, the fields with their answers per version of its
    # questions.
    ("event page, signed in", page("/events/ipc-forum-nairobi/", enrolled_learner), 3),
    # Kept for everybody who manages no event (events.programme_cache.LIST_SCOPE).
    ("events list", page("/events/"), 0),
    # The session, the person, and whether they manage events (which is also whether they may
    # create one).
    ("events list, signed in", page("/events/", enrolled_learner), 3),
    ("events calendar", page("/events/calendar/"), 0),
    ("API events list", page("/api/v1/events"), 0),
    ("event timetable", page("/events/ipc-forum-nairobi/timetable/"), 0),
    ("catalogue", page("/courses/"), 0),
    ("API course list", page("/api/v1/courses"), 0),
    # What a query found is kept until something searched changes (search.queries).
    ("search, every kind", page("/search/?q=hand+hygiene"), 0),
    (
        "search, every kind, signed in",
        page("/search/?q=hand+hygiene", enrolled_learner),
        # The session and the person; whether they manage events (a learner does not, so the
        # events and sessions every visitor finds are kept, as are courses, lessons and
        # partners); which communities they may read (what a query finds there is kept for
        # everybody reading the same ones).
        4,
    ),
    ("My learning", page("/courses/my-learning/", enrolled_learner), 5),
    ("notification centre", page("/notifications/", enrolled_learner), 3),
    (
        "analytics dashboard",
        page("/research/analytics/", lambda: User.objects.get(email="staff@praxis.example")),
        # The session and the person: the tables are kept ANALYTICS_SECONDS once counted
        # (research.tests.test_analytics bounds the queries of a count)
        2,
    ),
]


@pytest.mark.parametrize(("name", "prepare", "expected"), PAGES, ids=[p[0] for p in PAGES])
def test_page_makes_its_pinned_number_of_queries(
    demo: str,
    django_assert_num_queries: DjangoAssertNumQueries,
    client: Client,
    name: str,
    prepare: Page,
    expected: int,
) -> None:
    url = prepare(client)
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200, name


def test_lesson_page_makes_its_pinned_number_of_queries(
    demo: str, client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    url = f"/courses/{COURSE}/lessons/{lessons(course())[0].uuid}/"
    client.force_login(enrolled_learner())
    client.get(url)
    # The learner's enrolment is read once, for opening the lesson, the notice of changes, the
    # package player and the link to the lesson's discussion; the course at its address, the
    # lesson itself, the course's lessons, versions and the lesson's files are kept per version
    # of the course, and which lessons an experiment varies per version of the experiments.
    # Opened again within a minute, the lesson is not recorded again: its progress is read.
    with django_assert_num_queries(4):
        assert client.get(url).status_code == 200


def test_thread_and_credential_pages_make_their_pinned_number_of_queries(
    demo: str, client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    thread = Thread.objects.order_by("id").first()
    credential = Credential.objects.order_by("id").first()
    assert thread is not None and credential is not None
    for url, expected in (
        # A visitor's second view: the thread's or credential's row, read afresh to check who
        # may read it and what it says now; the page itself kept.
        (f"/community/t/{thread.uuid}/", 1),
        (f"/credentials/{credential.uuid}", 1),
    ):
        client.get(url)
        with django_assert_num_queries(expected):
            assert client.get(url).status_code == 200, url


def test_a_members_thread_page_makes_its_pinned_number_of_queries(
    demo: str, client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    thread = Thread.objects.annotate(n=Count("posts")).order_by("-n", "id").first()
    assert thread is not None
    client.force_login(enrolled_learner())
    url = f"/community/t/{thread.uuid}/"
    client.get(url)
    # The session, the person, the thread, and the reader's own state in one query (membership,
    # subscription, draft, place in the thread); their reactions only when a post on the page
    # has some; the posts with their reactions counted, and their attachments, are read only
    # when what every member reads is kept or rendered.
    with django_assert_num_queries(4):
        assert client.get(url).status_code == 200


def test_lesson_completion_makes_its_pinned_number_of_queries(
    demo: str, client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    learner = new_learner()
    first = lessons(course())[0]
    client.force_login(learner)
    # A lesson completed on first opening: its progress is written once, done.
    with django_assert_num_queries(21):
        response = client.post(f"/courses/{COURSE}/lessons/{first.uuid}/completion/")
    assert response.status_code == 302
    assert catalog.course_percent(learner, course())[1] == 1


def test_course_completion_makes_its_pinned_number_of_queries(
    demo: str,
    client: Client,
    django_assert_num_queries: DjangoAssertNumQueries,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    found = course()
    every = lessons(found)
    # Someone completed it before: the course's achievement is defined, as on a live site.
    with django_capture_on_commit_callbacks(execute=True):
        catalog.complete_lesson(new_learner(len(every) - 1, "earlier@example.org"), every[-1])
    learner = new_learner(lessons_done=len(every) - 1)
    client.force_login(learner)
    # The certificate is issued once the completion commits: counted with it, with the check
    # that its status index was never an erased credential's, and the one query finding the
    # learning platforms (LTI) that launched the learner into the course; the achievement's
    # organisations are read once for the credential's issuer and its CPD lines, and found as
    # it was defined before, it is read without a transaction.
    with django_assert_num_queries(44), django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/courses/{COURSE}/lessons/{every[-1].uuid}/completion/")
    assert response.status_code == 302
    assert Credential.objects.filter(learner=learner).exists()


def test_quiz_submission_makes_its_pinned_number_of_queries(
    demo: str, client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    learner = new_learner()
    quiz = max(Quiz.objects.filter(course=course()), key=lambda q: q.slots.count())
    attempt = assessments.start_attempt(learner, quiz)
    client.force_login(learner)
    # The attempt's questions and options are read once, for the form and for the marking; the
    # marked items are written one UPDATE each (7 questions: 7 queries, not bulk_update's one).
    with django_assert_num_queries(23):
        response = client.post(f"/attempts/{attempt.uuid}/", answers(attempt))
    assert response.status_code == 302
    assert Attempt.objects.get(pk=attempt.pk).status == Attempt.Status.SUBMITTED


def answers(attempt: Attempt) -> dict[str, Any]:
    """The first option of every question, as the quiz form posts it."""
    data: dict[str, Any] = {}
    for question in assessment_queries.attempt_questions(attempt):
        name = f"q-{question.uuid}"
        if question.kind in {"single", "true_false", "multiple"}:
            data[name] = question.options[0].id
        elif question.kind == "ordering":
            for rank, option in enumerate(question.options, 1):
                data[f"{name}-{option.id}"] = str(rank)
        elif question.kind == "matching":
            for option in question.options:
                data[f"{name}-{option.id}"] = question.matches[0].id
        else:
            data[name] = "1"
    return data
