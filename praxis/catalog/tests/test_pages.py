"""The pages as a visitor and a learner see them, through the test client."""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import FileResponse
from django.test import Client
from django.urls import reverse
from django.utils.functional import Promise
from pytest_django import DjangoAssertNumQueries

from praxis.accounts.models import User
from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.catalog import hooks, services
from praxis.catalog.models import Course, Enrolment, Lesson
from praxis.catalog.tests.factories import (
    CourseFactory,
    TopicFactory,
    TranslationGroupFactory,
    course_with_lessons,
)
from praxis.organisations.tests.factories import OrganisationFactory

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db

STATIC = Path(settings.BASE_DIR) / "praxis" / "web" / "static" / "praxis"
BUDGET = 60 * 1024


def text(response: Response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def compressed_size(response: Response) -> int:
    shell = sum(
        len(gzip.compress((STATIC / name).read_bytes())) for name in ("site.css", "site.js")
    )
    return len(gzip.compress(response.content)) + shell


@pytest.fixture
def course() -> Course:
    course = course_with_lessons(slug="hand-hygiene", title="Hand hygiene")
    course.topics.add(TopicFactory.create(slug="ipc", names={"en": "Infection control"}))
    course.organisations.add(
        OrganisationFactory.create(name="Makerere University School of Public Health")
    )
    services.reindex_course(course)
    return course


@pytest.fixture
def learner(client: Client) -> User:
    user = UserFactory.create()
    client.force_login(user)
    return user


def lessons_of(course: Course) -> list[Lesson]:
    return list(Lesson.objects.filter(module__course=course))


# Catalogue


def test_catalogue_has_a_labelled_search_box_and_filters(client: Client, course: Course) -> None:
    page = text(client.get("/courses/"))
    assert '<label for="id_q">Search courses</label>' in page
    assert re.search(r'<input type="search" name="q"[^>]*id="id_q"', page)
    for name in ("language", "topic", "level", "organisation", "duration"):
        assert f'<select name="{name}" id="id_{name}"' in page
        assert f'<label for="id_{name}">' in page
    assert '<form class="filters" method="get"' in page


def test_catalogue_search_shows_matching_cards_linking_to_the_course(
    client: Client, course: Course
) -> None:
    CourseFactory.create(slug="oxygen", title="Oxygen therapy")
    page = text(client.get("/courses/", {"q": "hygiene"}))
    assert "1 course" in page
    assert '<a href="/courses/hand-hygiene/" dir="auto">Hand hygiene</a>' in page
    assert "Oxygen therapy" not in page
    assert "Infection control" in page and "Makerere University" in page


def test_a_misspelt_catalogue_search_finds_the_course_and_offers_the_spelling(
    client: Client, course: Course
) -> None:
    page = text(client.get("/courses/", {"q": "hygene"}))
    assert '<a href="/courses/hand-hygiene/" dir="auto">Hand hygiene</a>' in page
    assert 'Did you mean <a href="?q=hygiene" dir="auto">hygiene</a>?' in page
    assert "Did you mean" not in text(client.get("/courses/", {"q": "hygiene"}))
    assert "Did you mean" not in text(client.get("/courses/"))
    client.cookies["django_language"] = "es"
    spanish = text(client.get("/courses/", {"q": "hygene"}))
    assert '¿Quiso decir <a href="?q=hygiene" dir="auto">hygiene</a>?' in spanish
    client.cookies["django_language"] = "zh-hans"
    chinese = text(client.get("/courses/", {"q": "hygene"}))
    assert '您是不是要找<a href="?q=hygiene" dir="auto">hygiene</a>？' in chinese


def test_catalogue_with_no_match_says_so(client: Client, course: Course) -> None:
    page = text(client.get("/courses/", {"q": "tuberculosis"}))
    assert "No course matches your search" in page


@pytest.mark.parametrize(
    "params",
    [{"q": "?!%"}, {"q": "x" * 2000}, {"level": "expert"}, {"page": "abc"}, {"page": "999"}],
)
def test_catalogue_never_fails_on_odd_input(
    client: Client, course: Course, params: dict[str, str]
) -> None:
    assert client.get("/courses/", params).status_code == 200


def test_catalogue_pagination_keeps_the_filters(client: Client) -> None:
    for n in range(25):
        CourseFactory.create(title=f"Course {n:02}", language="fr")
    page = text(client.get("/courses/", {"language": "fr"}))
    assert "Page 1 of 3" in page
    assert page.count('<article class="card"') == 12
    assert 'href="?language=fr&amp;page=2"' in page


def test_catalogue_names_languages_in_the_visitors_language(client: Client) -> None:
    group = TranslationGroupFactory.create()
    CourseFactory.create(slug="ipc-fr", language="fr", translation_group=group, title="Hygiène")
    CourseFactory.create(slug="ipc-en", language="en", translation_group=group)
    page = text(client.get("/courses/", HTTP_ACCEPT_LANGUAGE="fr"))
    # The course is listed once, in French, and its other language is named in French.
    assert 'href="/courses/ipc-fr/" dir="auto"' in page
    assert 'href="/courses/ipc-en/" dir="auto"' not in page
    assert '<a href="/courses/ipc-en/" hreflang="en">Anglais</a>' in page


def test_catalogue_page_queries_stay_fixed(
    client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    group = TranslationGroupFactory.create()
    for n in range(20):
        course = CourseFactory.create(translation_group=group, language=["en", "fr"][n % 2])
        course.topics.add(TopicFactory.create())
        course.organisations.add(OrganisationFactory.create())
    # topics, organisations, languages (filters), count, page, organisations, translations
    with django_assert_num_queries(7):
        response = client.get("/courses/")
    assert compressed_size(response) < BUDGET


# Course page


def test_course_page_shows_what_a_visitor_needs_to_decide(client: Client, course: Course) -> None:
    page = text(client.get("/courses/hand-hygiene/"))
    for expected in (
        "<h1",
        "Hand hygiene",
        "Describe the five moments for hand hygiene",
        "2 hours",
        "2 CPD hours",  # as the CPD record counts them
        "Introductory",
        "CC BY-NC-SA 3.0 IGO",
        "Makerere University School of Public Health",
        "Infection control",
        "Lesson 2.2",
    ):
        assert expected in page
    assert f'action="{reverse("catalog:enrol", args=["hand-hygiene"])}"' in page
    assert "You will be asked to log in" in page


def test_course_page_links_to_its_translations(client: Client) -> None:
    group = TranslationGroupFactory.create()
    CourseFactory.create(slug="ipc-en", translation_group=group)
    CourseFactory.create(
        slug="ipc-ru", language="ru", translation_group=group, title="Инфекционный контроль"
    )
    page = text(client.get("/courses/ipc-en/"))
    assert '<a href="/courses/ipc-ru/" hreflang="ru">Russian</a>' in page


def test_a_draft_course_page_is_not_found_for_learners(client: Client, learner: User) -> None:
    CourseFactory.create(slug="draft", status=Course.Status.DRAFT)
    response = client.get("/courses/draft/")
    assert response.status_code == 404
    assert "not_found" in text(response)


def test_enrolling_from_the_course_page(client: Client, learner: User, course: Course) -> None:
    response = client.post("/courses/hand-hygiene/enrolment/", follow=True)
    page = text(response)
    assert "You are enrolled" in page
    assert "0 of 4 lessons done" in page
    assert "Start the first lesson" in page and "Withdraw from this course" in page
    assert Enrolment.objects.get(learner=learner).status == Enrolment.Status.ACTIVE


def test_enrolling_twice_shows_a_message_and_changes_nothing(
    client: Client, learner: User, course: Course
) -> None:
    client.post("/courses/hand-hygiene/enrolment/")
    page = text(client.post("/courses/hand-hygiene/enrolment/", follow=True))
    assert "You are already enrolled in this course." in page
    assert Enrolment.objects.filter(learner=learner).count() == 1


def test_an_anonymous_visitor_is_sent_to_log_in_to_enrol(client: Client, course: Course) -> None:
    response = client.post("/courses/hand-hygiene/enrolment/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not Enrolment.objects.exists()


def test_enrolling_needs_a_post(client: Client, learner: User, course: Course) -> None:
    assert client.get("/courses/hand-hygiene/enrolment/").status_code == 405


def test_withdrawing_from_the_course_page(client: Client, learner: User, course: Course) -> None:
    services.enrol(learner, course)
    page = text(client.post("/courses/hand-hygiene/withdrawal/", follow=True))
    assert "You have left this course" in page
    assert "Enrol" in page


def test_course_page_queries_stay_fixed_for_a_learner(
    client: Client, learner: User, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    course = course_with_lessons(slug="big", modules=4, lessons_per_module=5)
    course.topics.add(TopicFactory.create(), TopicFactory.create())
    services.enrol(learner, course)
    # session, user, course, lessons, topics, organisations, enrolment (with its versions; read
    # once: the links to the learner's grades and to the discussion space are given it),
    # progress, the links other apps offer (the course's quizzes, its rating), and the versions
    # published since the learner enrolled
    with django_assert_num_queries(11):
        response = client.get("/courses/big/")
    assert "0 of 20 lessons done" in text(response)
    assert compressed_size(response) < BUDGET


# Lesson page


def test_lesson_page_shows_the_content_video_files_and_the_way_on(
    client: Client, learner: User, course: Course
) -> None:
    services.enrol(learner, course)
    first, second, *_ = lessons_of(course)
    services.save_lesson_body(first, "Use **soap** <script>alert(1)</script>")
    services.set_lesson_video(first, "https://video.example.org/1", "Wet your hands.")
    services.add_lesson_file(first, "Poster", SimpleUploadedFile("p.pdf", b"x" * 2048))
    page = text(client.get(f"/courses/hand-hygiene/lessons/{first.uuid}/"))
    assert "Use <strong>soap</strong>" in page and "alert(1)" not in page
    assert (
        '<a href="https://video.example.org/1" rel="noopener nofollow">Watch the video</a>' in page
    )
    assert "<details><summary>Transcript</summary>" in page and "Wet your hands." in page
    assert 'Poster</a> <span class="muted">(PDF, 2.0 KB)</span>' in page
    assert "Mark as complete and continue" in page
    assert f'href="/courses/hand-hygiene/lessons/{second.uuid}/"' in page
    assert "Lesson 1 of 4" in page
    assert "<iframe" not in page and "<video" not in page


def test_marking_complete_goes_to_the_next_lesson(
    client: Client, learner: User, course: Course
) -> None:
    services.enrol(learner, course)
    first, second, *_ = lessons_of(course)
    response = client.post(f"/courses/hand-hygiene/lessons/{first.uuid}/completion/")
    assert response["Location"] == f"/courses/hand-hygiene/lessons/{second.uuid}/"
    page = text(client.get(response["Location"]))
    assert "1 of 4 lessons done" in page


def test_completing_the_last_lesson_congratulates_the_learner(
    client: Client, learner: User, course: Course
) -> None:
    services.enrol(learner, course)
    for lesson in lessons_of(course)[:-1]:
        services.complete_lesson(learner, lesson)
    last = lessons_of(course)[-1]
    page = text(client.post(f"/courses/hand-hygiene/lessons/{last.uuid}/completion/", follow=True))
    assert "you have completed this course" in page
    assert "Completed on" in page


def test_completing_the_last_lesson_again_congratulates_no_one_twice(
    client: Client, learner: User, course: Course
) -> None:
    services.enrol(learner, course)
    for lesson in lessons_of(course):
        services.complete_lesson(learner, lesson)
    last = lessons_of(course)[-1]
    response = client.post(f"/courses/hand-hygiene/lessons/{last.uuid}/completion/")
    assert response["Location"] == "/courses/hand-hygiene/"
    assert "you have completed this course" not in text(client.get(response["Location"]))


def test_completing_the_last_lesson_with_one_skipped_goes_back_to_it(
    client: Client, learner: User, course: Course
) -> None:
    services.enrol(learner, course)
    first, second, *rest = lessons_of(course)
    for lesson in [first, *rest[:-1]]:
        services.complete_lesson(learner, lesson)
    response = client.post(f"/courses/hand-hygiene/lessons/{rest[-1].uuid}/completion/")
    assert response["Location"] == f"/courses/hand-hygiene/lessons/{second.uuid}/"
    assert "you have completed this course" not in text(client.get(response["Location"]))


def test_a_visitor_not_enrolled_is_sent_back_to_the_course_page(
    client: Client, learner: User, course: Course
) -> None:
    lesson = lessons_of(course)[0]
    response = client.get(f"/courses/hand-hygiene/lessons/{lesson.uuid}/", follow=True)
    assert response.redirect_chain[-1][0] == "/courses/hand-hygiene/"
    assert "Enrol in this course to follow its lessons." in text(response)


def test_an_anonymous_visitor_is_asked_to_log_in_for_a_lesson(
    client: Client, course: Course
) -> None:
    lesson = lessons_of(course)[0]
    response = client.get(f"/courses/hand-hygiene/lessons/{lesson.uuid}/")
    assert response["Location"].startswith(reverse("accounts:login"))


def test_staff_preview_a_lesson_without_enrolling(client: Client, course: Course) -> None:
    client.force_login(StaffFactory.create())
    page = text(client.get(f"/courses/hand-hygiene/lessons/{lessons_of(course)[0].uuid}/"))
    assert "Preview" in page and "Mark as complete" not in page


def test_a_lesson_of_another_course_is_not_found(
    client: Client, learner: User, course: Course
) -> None:
    other = course_with_lessons()
    lesson = lessons_of(other)[0]
    assert client.get(f"/courses/hand-hygiene/lessons/{lesson.uuid}/").status_code == 404


def test_lesson_files_download_for_enrolled_learners_only(
    client: Client, learner: User, course: Course
) -> None:
    lesson = lessons_of(course)[0]
    attachment = services.add_lesson_file(lesson, "Poster", SimpleUploadedFile("p.pdf", b"%PDF"))
    url = reverse("catalog:lesson_file", args=["hand-hygiene", lesson.uuid, attachment.pk])
    assert client.get(url)["Location"] == "/courses/hand-hygiene/"
    services.enrol(learner, course)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert isinstance(response, FileResponse)
    assert b"".join(response) == b"%PDF"


# My learning


def test_my_learning_needs_a_login(client: Client) -> None:
    response = client.get("/courses/my-learning/")
    assert response["Location"].startswith(reverse("accounts:login"))


def test_my_learning_shows_progress_and_where_to_resume(
    client: Client, learner: User, course: Course
) -> None:
    services.enrol(learner, course)
    first, second, *_ = lessons_of(course)
    services.complete_lesson(learner, first)
    page = text(client.get("/courses/my-learning/"))
    assert "In progress" in page and "Hand hygiene" in page
    assert "1 of 4 lessons done" in page and 'value="25"' in page
    assert f'href="/courses/hand-hygiene/lessons/{second.uuid}/"' in page
    assert "No completed courses yet." in page


def test_my_learning_page_queries_stay_fixed(
    client: Client, learner: User, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    for _ in range(5):
        services.enrol(learner, course_with_lessons())
    # session, user, enrolments, the courses' rows, each course's lessons (then kept with its
    # row, and for its pages), completed lessons
    with django_assert_num_queries(10):
        client.get("/courses/my-learning/")
    services.enrol(learner, course_with_lessons())
    with django_assert_num_queries(6):  # the new course's row and lessons only
        client.get("/courses/my-learning/")
    with django_assert_num_queries(4):
        response = client.get("/courses/my-learning/")
    assert compressed_size(response) < BUDGET


def test_course_page_lists_the_links_other_parts_of_the_site_offer(
    client: Client, learner: User, course: Course
) -> None:
    def offer(*, user: User | AnonymousUser, course: Course) -> tuple[str | Promise, str] | None:
        return ("Practice questions", f"/practice/{course.slug}/") if user == learner else None

    hooks.course_links.answer(offer)
    try:
        page = text(client.get("/courses/hand-hygiene/"))
    finally:
        hooks.course_links.disconnect(offer)
    assert '<a href="/practice/hand-hygiene/">Practice questions</a>' in page


def test_lesson_page_shows_the_content_an_experiment_assigned(
    client: Client, learner: User, course: Course
) -> None:
    first, other = lessons_of(course)[:2]
    services.enrol(learner, course)

    def variant(*, learner: User | AnonymousUser, lesson: Lesson) -> Lesson | None:
        return other if lesson == first else None

    hooks.lesson_for.answer(variant)
    try:
        page = text(client.get(f"/courses/hand-hygiene/lessons/{first.uuid}/"))
    finally:
        hooks.lesson_for.disconnect(variant)
    assert f'<h1 id="lesson-title" dir="auto">{other.title}</h1>' in page
    # Completing it still records progress on the lesson of the course outline.
    assert f'action="/courses/hand-hygiene/lessons/{first.uuid}/completion/"' in page
