"""The data saver on catalogue and lesson pages: no image or video is in the page until the
person asks for that one item; off, everything is there as before."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from praxis.accounts.data_saver import DATA_SAVER_COOKIE
from praxis.accounts.tests.factories import UserFactory
from praxis.catalog import services
from praxis.catalog.models import Course, Lesson
from praxis.catalog.tests.factories import course_with_media

pytestmark = pytest.mark.django_db

# Anything that makes a browser fetch a picture or a recording.
MEDIA = re.compile(r"<img\b|<video\b|<audio\b|<source\b|srcset=|/image/|lesson-images/|/recording")


@pytest.fixture
def media() -> tuple[Course, Lesson]:
    return course_with_media()


def _saver_on(client: Client) -> Client:
    client.cookies[DATA_SAVER_COOKIE] = "on"
    return client


def _learner_client(client: Client, course: Course, *, data_saver: bool) -> Client:
    learner = UserFactory.create(data_saver=data_saver)
    services.enrol(learner, course)
    client.force_login(learner)
    return client


def _lesson_url(course: Course, lesson: Lesson) -> str:
    return reverse("catalog:lesson", args=[course.slug, lesson.uuid])


def test_with_the_data_saver_on_the_catalogue_and_course_page_hold_the_image_back(
    client: Client, media: tuple[Course, Lesson]
) -> None:
    course, _lesson = media
    _saver_on(client)

    for url in (reverse("catalog:catalogue"), reverse("catalog:course", args=[course.slug])):
        page = client.get(url).content.decode()
        assert not MEDIA.search(page), url
        assert "Show image" in page
        assert "Data saver is on" in page
        assert "Turn the data saver off" in page


def test_with_the_data_saver_off_the_image_is_in_the_page(
    client: Client, media: tuple[Course, Lesson]
) -> None:
    course, _lesson = media

    for url in (reverse("catalog:catalogue"), reverse("catalog:course", args=[course.slug])):
        page = client.get(url).content.decode()
        assert f"/courses/{course.slug}/image/" in page
        assert "<img" in page
        assert "Show image" not in page
        assert "Data saver is on" not in page
        assert "Turn on the data saver" in page


def test_show_image_brings_in_that_image_only(client: Client, media: tuple[Course, Lesson]) -> None:
    course, _lesson = media
    _saver_on(client)
    catalogue = client.get(reverse("catalog:catalogue"), {"q": "hand"}).content.decode()
    link = re.search(r'<a class="held course-image" id="held-([^"]+)" href="([^"]+)"', catalogue)
    assert link is not None
    assert link.group(1) == f"image-{course.slug}"
    assert "q=hand" in link.group(2)  # the search is kept

    shown = client.get(reverse("catalog:catalogue") + link.group(2).replace("&amp;", "&"))

    page = shown.content.decode()
    assert page.count("<img") == 1
    assert f'<picture class="course-image" id="held-image-{course.slug}">' in page


def test_with_the_learners_data_saver_the_lesson_holds_back_its_picture_and_video(
    client: Client, media: tuple[Course, Lesson]
) -> None:
    course, lesson = media
    _learner_client(client, course, data_saver=True)

    page = client.get(_lesson_url(course, lesson)).content.decode()

    assert not MEDIA.search(page)
    assert "Show image: A handrub dispenser" in page
    assert re.search(r"Load video \(\d+(\.\d+)?\s(bytes|KB)\)", page.replace("\xa0", " "))
    assert "Turn it off in your profile" in page


def test_with_the_data_saver_off_the_lesson_has_its_picture_and_video(
    client: Client, media: tuple[Course, Lesson]
) -> None:
    course, lesson = media
    _learner_client(client, course, data_saver=False)

    page = client.get(_lesson_url(course, lesson)).content.decode()

    assert "<img" in page
    assert '<video id="held-video"' in page
    assert "Show image" not in page
    assert "Load video" not in page


def test_asking_for_one_item_of_a_lesson_shows_only_it(
    client: Client, media: tuple[Course, Lesson]
) -> None:
    course, lesson = media
    _learner_client(client, course, data_saver=True)

    picture = client.get(_lesson_url(course, lesson), {"show": "picture-1"}).content.decode()
    assert re.search(r'<span id="held-picture-1"><img [^>]*src="/courses/lesson-images/', picture)
    assert "<video" not in picture

    video = client.get(_lesson_url(course, lesson), {"show": "video"}).content.decode()
    assert '<video id="held-video"' in video
    assert "<img" not in video


@pytest.mark.parametrize("show", ["", "picture-99", "<script>", "x" * 5000])
def test_an_unknown_item_to_show_shows_nothing_more(
    client: Client, media: tuple[Course, Lesson], show: str
) -> None:
    course, lesson = media
    _learner_client(client, course, data_saver=True)

    response = client.get(_lesson_url(course, lesson), {"show": show})

    assert response.status_code == 200
    page = response.content.decode()
    assert not MEDIA.search(page)
    assert "<script>" not in page.split("<main", 1)[1]


def test_the_data_saver_choice_sets_a_cookie_and_goes_back(client: Client) -> None:
    response = client.get(reverse("web:data_saver"), {"data_saver": "on", "next": "/courses/"})

    assert response.status_code == 302
    assert response["Location"] == "/courses/"
    assert response.cookies[DATA_SAVER_COOKIE].value == "on"
    assert "Data saver is on" in client.get("/courses/").content.decode()

    client.get(reverse("web:data_saver"), {"data_saver": "off", "next": "/courses/"})
    assert "Data saver is on" not in client.get("/courses/").content.decode()


@pytest.mark.parametrize(
    ("choice", "back"),
    [
        ("maybe", "/courses/"),
        ("", "/courses/"),
        ("on", "https://elsewhere.example/"),
        ("on", "//x"),
    ],
)
def test_a_bad_data_saver_choice_changes_nothing_and_never_leaves_the_site(
    client: Client, choice: str, back: str
) -> None:
    response = client.get(reverse("web:data_saver"), {"data_saver": choice, "next": back})

    assert response.status_code == 302
    assert response["Location"] in {"/courses/", "/"}
    assert (DATA_SAVER_COOKIE in response.cookies) == (choice == "on")
