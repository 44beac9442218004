"""The course page rendered once for every visitor without a session, current after every change
of what it shows, and never anybody's own: each learner sees their own enrolment and progress."""

from __future__ import annotations

import re
import uuid
from typing import TYPE_CHECKING, Any

import pytest
from django.core.cache import caches
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.assessments.tests.factories import QuizFactory
from praxis.catalog import services
from praxis.catalog.models import Course, Lesson
from praxis.catalog.tests.factories import LessonFileFactory, TopicFactory, course_with_lessons
from praxis.core.fragments import CSRF_PLACEHOLDER
from praxis.core.timezones import VIEWER_ZONE_COOKIE
from praxis.feedback.models import CourseRating

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db

URL = "/courses/hand-hygiene/"


def text(response: Response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def course() -> Course:
    course = course_with_lessons(slug="hand-hygiene", title="Hand hygiene")
    course.topics.add(TopicFactory.create(slug="ipc", names={"en": "Infection control"}))
    services.publish_course(course)
    return course


def lessons_of(course: Course) -> list[Lesson]:
    return list(
        Lesson.objects.filter(module__course=course).order_by("module__position", "position")
    )


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_second_visitor_gets_the_course_page_without_a_query(
    course: Course, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    first = Client().get(URL)
    # The course is found by its address as long as no course page changed.
    with django_assert_num_queries(0):
        second = Client().get(URL)
    assert second.status_code == 200
    assert "Lesson 1.1" in text(second) and "Infection control" in text(second)
    assert "Cookie" in second["Vary"]  # a cache between must not give it to a signed-in learner
    assert text(first).count("Enrol") == text(second).count("Enrol")


def test_each_visitor_gets_their_own_csrf_token_and_can_enrol_through_the_form(
    course: Course,
) -> None:
    tokens = []
    for _ in range(2):
        visitor = Client(enforce_csrf_checks=True)
        page = visitor.get(URL)
        assert CSRF_PLACEHOLDER not in page.content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
        assert token is not None and "csrftoken" in page.cookies
        tokens.append(token.group(1))
        # The form is accepted (not refused as forged): the visitor is asked to log in.
        response = visitor.post(f"{URL}enrolment/", {"csrfmiddlewaretoken": token.group(1)})
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert tokens[0] != tokens[1]


def test_two_learners_and_a_visitor_each_see_their_own_state(course: Course) -> None:
    first, second, third, *_ = lessons_of(course)
    ahead, starting, outsider = UserFactory.create(), UserFactory.create(), UserFactory.create()
    services.enrol(ahead, course)
    services.enrol(starting, course)
    for lesson in (first, second, third):
        services.complete_lesson(ahead, lesson)
    clients = {
        "ahead": signed_in(ahead),
        "starting": signed_in(starting),
        "outsider": signed_in(outsider),
        "visitor": Client(),
    }
    for _round in range(2):  # the second round is served from whatever the first one kept
        for name, client in clients.items():
            page = text(client.get(URL))
            if name == "ahead":
                assert "3 of 4 lessons done" in page and page.count("· done") == 3
            elif name == "starting":
                assert "0 of 4 lessons done" in page and "· done" not in page
                assert "Start the first lesson" in page
            else:
                assert "lessons done" not in page and "· done" not in page
                assert "Withdraw from this course" not in page
                assert '<button type="submit">Enrol</button>' in page
            if name in ("ahead", "starting"):
                assert "Withdraw from this course" in page and "Discussion space" in page
            else:
                assert "Discussion space" not in page
            # The layout is the reader's too.
            assert ("Log out" in page) == (name != "visitor")


def test_the_lesson_page_shows_each_learner_their_own_progress(course: Course) -> None:
    first = lessons_of(course)[0]
    ahead, starting = UserFactory.create(), UserFactory.create()
    for learner in (ahead, starting):
        services.enrol(learner, course)
    services.complete_lesson(ahead, first)
    url = f"{URL}lessons/{first.uuid}/"
    for _round in range(2):
        assert "1 of 4 lessons done" in text(signed_in(ahead).get(url))
        assert "0 of 4 lessons done" in text(signed_in(starting).get(url))


def test_a_lesson_renamed_shows_on_the_next_visit(course: Course) -> None:
    lesson = lessons_of(course)[0]
    assert "Lesson 1.1" in text(Client().get(URL))
    lesson.title = "Washing with soap"
    lesson.save()
    page = text(Client().get(URL))
    assert "Washing with soap" in page and "Lesson 1.1" not in page


def test_a_topic_added_a_rating_and_a_quiz_show_on_the_next_visit(course: Course) -> None:
    page = text(Client().get(URL))
    assert "Ratings and reviews: none yet" in page and "Quizzes" not in page
    course.topics.add(TopicFactory.create(slug="who", names={"en": "Hand washing"}))
    CourseRating.objects.create(course=course, learner=UserFactory.create(), stars=4)
    QuizFactory.create(course=course, published=True)
    page = text(Client().get(URL))
    assert "Hand washing" in page
    assert "Rated 4.0 of 5 by 1 learner" in page
    assert "Quizzes" in page


def test_a_course_archived_is_no_longer_served_to_visitors(course: Course) -> None:
    assert Client().get(URL).status_code == 200
    services.archive_course(course)
    assert Client().get(URL).status_code == 404


def test_a_course_given_a_new_address_is_served_there_only(course: Course) -> None:
    assert Client().get(URL).status_code == 200
    course.slug = "hand-hygiene-2027"
    course.save()
    assert Client().get(URL).status_code == 404
    assert "Lesson 1.1" in text(Client().get("/courses/hand-hygiene-2027/"))
    # Another course taking the old address is served there, and each page stays its own.
    other = course_with_lessons(slug="hand-hygiene", title="Handwashing at the bedside")
    services.publish_course(other)
    for _ in range(2):
        assert "Handwashing at the bedside" in text(Client().get(URL))
        moved = text(Client().get("/courses/hand-hygiene-2027/"))
        assert "Hand hygiene" in moved and "Handwashing at the bedside" not in moved


def test_a_draft_is_not_found_by_visitors_until_it_is_published() -> None:
    draft = course_with_lessons(slug="sepsis", title="Sepsis", status=Course.Status.DRAFT)
    assert Client().get("/courses/sepsis/").status_code == 404
    assert Client().get("/courses/sepsis/").status_code == 404
    services.publish_course(draft)
    assert "Sepsis" in text(Client().get("/courses/sepsis/"))


def test_a_visitor_with_a_time_zone_or_a_query_gets_their_own_page(
    course: Course, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    Client().get(URL)
    zoned = Client()
    zoned.cookies[VIEWER_ZONE_COOKIE] = "Africa/Nairobi"
    # Rendered for them around the part every reader sees, which the first visitor left with
    # the course at its address, its lessons and the links of other apps (its quizzes, its
    # rating): nothing is read.
    with django_assert_num_queries(0):
        assert zoned.get(URL).status_code == 200
    with django_assert_num_queries(0):
        assert Client().get(f"{URL}?utm_source=newsletter").status_code == 200


def test_the_layout_is_the_readers_in_every_language_and_role(course: Course) -> None:
    learner = signed_in(UserFactory.create())
    english = text(learner.get(URL))
    french = text(Client().get(URL, HTTP_ACCEPT_LANGUAGE="fr"))
    visitor = text(Client().get(URL))
    assert "My learning" in english and "Log out" in english
    assert "Log in" in visitor and "My learning" not in visitor and "Log out" not in visitor
    assert '<html lang="fr"' in french and '<html lang="en"' in visitor
    assert 'value="fr" lang="fr" dir="ltr" selected>' in french
    assert 'value="en" lang="en" dir="ltr" selected>' in visitor
    assert 'value="en" lang="en" dir="ltr" selected>' not in french


def test_an_enrolled_learner_gets_the_shared_part_with_their_own_state_in_few_queries(
    course: Course, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    first = lessons_of(course)[0]
    learner = UserFactory.create()
    services.enrol(learner, course)
    services.complete_lesson(learner, first)
    client = signed_in(learner)
    client.get(URL)
    # The session, the person, their enrolment, their progress; the course at its address, the
    # syllabus, the section about the course, the links every reader sees and the course's
    # versions are kept.
    with django_assert_num_queries(4):
        page = text(client.get(URL))
    assert "1 of 4 lessons done" in page and page.count("· done") == 1
    assert f'href="/courses/hand-hygiene/lessons/{first.uuid}/"' in page
    assert "Infection control" in page and "Ratings and reviews: none yet" in page
    assert "praxis-slot" not in page


def test_a_page_asks_for_each_version_once_and_the_next_sees_a_change_made_elsewhere(
    course: Course, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The course page is made of several kept parts under the same versions: each is asked of
    # the shared cache (Redis in production, a round trip each) once per request.
    learner = UserFactory.create()
    services.enrol(learner, course)
    client = signed_in(learner)
    client.get(URL)
    shared = caches["shared"]
    asked: list[str] = []
    real_get = shared.get

    def get(key: str, *args: Any, **kwargs: Any) -> Any:
        asked.append(key)
        return real_get(key, *args, **kwargs)

    monkeypatch.setattr(shared, "get", get)
    assert "Lesson 1.1" in text(client.get(URL))
    versions = [key for key in asked if key.endswith(":version")]
    assert versions and len(versions) == len(set(versions))
    # Another worker renames the first lesson and replaces the versions: the learner's next
    # request sees it, however many versions their last request read.
    Lesson.objects.filter(pk=lessons_of(course)[0].pk).update(title="Washing with soap")
    for key in versions:
        shared.set(key, uuid.uuid4().hex, timeout=None)
    page = text(client.get(URL))
    assert "Washing with soap" in page and "Lesson 1.1" not in page


def test_what_an_enrolled_learner_sees_changes_on_their_next_request(course: Course) -> None:
    first, second, *_ = lessons_of(course)
    learner = UserFactory.create()
    services.enrol(learner, course)
    client = signed_in(learner)
    page = text(client.get(URL))
    assert "Lesson 1.1" in page and "· done" not in page and "Quizzes" not in page
    first.title = "Washing with soap"
    first.save()
    services.complete_lesson(learner, second)
    QuizFactory.create(course=course, published=True)
    CourseRating.objects.create(course=course, learner=UserFactory.create(), stars=5)
    course.topics.add(TopicFactory.create(slug="who", names={"en": "Hand washing"}))
    page = text(client.get(URL))
    assert "Washing with soap" in page and "Lesson 1.1" not in page
    assert "1 of 4 lessons done" in page and page.count("· done") == 1
    assert "Quizzes" in page and "Rated 5.0 of 5 by 1 learner" in page
    assert "Hand washing" in page
    second.archived = True
    second.save()
    page = text(client.get(URL))
    assert "Lesson 1.2" not in page and "0 of 3 lessons done" in page


def test_lessons_are_linked_only_for_their_learners_and_staff(
    course: Course, client: Client
) -> None:
    first = lessons_of(course)[0]
    learner, outsider = UserFactory.create(), UserFactory.create()
    client.force_login(UserFactory.create(is_staff=True))  # with the second factor proven
    services.enrol(learner, course)
    link = f'href="/courses/hand-hygiene/lessons/{first.uuid}/"'
    for _round in range(2):
        assert link in text(signed_in(learner).get(URL))
        assert link not in text(signed_in(outsider).get(URL))
        assert link not in text(Client().get(URL))
        assert link in text(client.get(URL))


def test_a_title_written_like_a_slot_is_shown_as_written_and_never_filled(
    course: Course,
) -> None:
    first, second, *_ = lessons_of(course)
    second.title = f"<!--praxis-slot:lesson-{first.pk}-->"
    second.save()
    learner = UserFactory.create()
    services.enrol(learner, course)
    services.complete_lesson(learner, first)
    page = text(signed_in(learner).get(URL))
    assert f"&lt;!--praxis-slot:lesson-{first.pk}--&gt;" in page
    assert page.count("· done") == 1


def test_a_lesson_file_added_renamed_or_removed_shows_on_the_next_lesson_page(
    course: Course,
) -> None:
    first = lessons_of(course)[0]
    learner = UserFactory.create()
    services.enrol(learner, course)
    client = signed_in(learner)
    url = f"{URL}lessons/{first.uuid}/"
    assert "Poster.pdf" not in text(client.get(url))
    attached = LessonFileFactory.create(lesson=first, title="Poster.pdf")
    assert "Poster.pdf" in text(client.get(url))
    attached.title = "Five moments.pdf"
    attached.save()
    page = text(client.get(url))
    assert "Five moments.pdf" in page and "Poster.pdf" not in page
    attached.delete()
    assert "Five moments.pdf" not in text(client.get(url))


def test_a_lesson_deleted_with_its_files_leaves_its_course_page_current(course: Course) -> None:
    first = lessons_of(course)[0]
    LessonFileFactory.create(lesson=first, title="Poster.pdf")
    assert "Lesson 1.1" in text(Client().get(URL))
    first.delete()
    page = text(Client().get(URL))
    assert "Lesson 1.1" not in page and "Lesson 1.2" in page


def test_each_reader_of_a_lesson_gets_their_own_state_around_the_shared_part(
    course: Course, client: Client
) -> None:
    first = lessons_of(course)[0]
    ahead, starting = UserFactory.create(), UserFactory.create()
    for learner in (ahead, starting):
        services.enrol(learner, course)
    services.complete_lesson(ahead, first)
    client.force_login(UserFactory.create(is_staff=True))  # with the second factor proven
    clients = {"ahead": signed_in(ahead), "starting": signed_in(starting), "staff": client}
    url = f"{URL}lessons/{first.uuid}/"
    for _round in range(2):  # the second round is served from what the first one kept
        for name, reader in clients.items():
            page = text(reader.get(url))
            assert "Lesson 1 of 4" in page and "Lesson 1.1" in page
            assert ('1 of 4 · <span class="done">done</span>' in page) == (name == "ahead")
            assert ("1 of 4 lessons done" in page) == (name == "ahead")
            assert ("0 of 4 lessons done" in page) == (name == "starting")
            assert ("Preview: you are not enrolled" in page) == (name == "staff")
            assert ("Mark as complete and continue" in page) == (name != "staff")
            # Each reader's form carries their own CSRF token.
            assert CSRF_PLACEHOLDER not in page
            assert re.search(r'rel="next"[^>]*>Next: <span[^>]*>Lesson 1.2</span>', page)


def test_a_lesson_page_form_is_accepted_with_the_readers_own_token(course: Course) -> None:
    first, second, *_ = lessons_of(course)
    learners = [UserFactory.create(), UserFactory.create()]
    for learner in learners:
        services.enrol(learner, course)
    for learner in learners:  # the second is served the part the first one's page kept
        client = Client(enforce_csrf_checks=True)
        client.force_login(learner)
        page = client.get(f"{URL}lessons/{first.uuid}/").content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token is not None
        response = client.post(
            f"{URL}lessons/{first.uuid}/completion/", {"csrfmiddlewaretoken": token.group(1)}
        )
        assert response.status_code == 302 and response["Location"].endswith(
            f"lessons/{second.uuid}/"
        )
        assert services.course_percent(learner, course)[1] == 1


def test_a_lesson_text_edited_or_archived_shows_on_the_next_lesson_page(course: Course) -> None:
    first, second, *_ = lessons_of(course)
    learner = UserFactory.create()
    services.enrol(learner, course)
    client = signed_in(learner)
    url = f"{URL}lessons/{first.uuid}/"
    assert "Wash for forty seconds" not in text(client.get(url))
    services.save_lesson_body(first, "Wash for **forty seconds**.")
    assert "Wash for <strong>forty seconds</strong>." in text(client.get(url))
    second.title = "Drying hands"
    second.save()
    page = text(client.get(url))
    assert "Drying hands" in page and "Lesson 1.2" not in page
    first.archived = True
    first.save()
    assert client.get(url).status_code == 404


def test_a_lesson_text_written_like_a_slot_is_shown_as_written_and_never_filled(
    course: Course,
) -> None:
    first = lessons_of(course)[0]
    first.title = "<!--praxis-slot:actions-->"
    first.save()
    learner = UserFactory.create()
    services.enrol(learner, course)
    page = text(signed_in(learner).get(f"{URL}lessons/{first.uuid}/"))
    assert "&lt;!--praxis-slot:actions--&gt;" in page
    assert page.count("Mark as complete and continue") == 1


def test_a_lesson_reopened_is_served_in_four_queries_with_each_learners_own_state(
    course: Course, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    first, second, *_ = lessons_of(course)
    ahead, starting = UserFactory.create(), UserFactory.create()
    for learner in (ahead, starting):
        services.enrol(learner, course)
    services.complete_lesson(ahead, first)
    url = f"{URL}lessons/{second.uuid}/"
    readers = {"ahead": signed_in(ahead), "starting": signed_in(starting)}
    for reader in readers.values():
        reader.get(url)  # opened: recorded once
    for name, reader in readers.items():
        # The session, the person, their enrolment and their progress in the course's lessons,
        # which says the lesson was opened a moment ago: nothing is recorded again.
        with django_assert_num_queries(4):
            page = text(reader.get(url))
        assert ("1 of 4 lessons done" in page) == (name == "ahead")
        assert ("0 of 4 lessons done" in page) == (name == "starting")
        assert '<span class="done">done</span>' not in page  # the second lesson is not done
