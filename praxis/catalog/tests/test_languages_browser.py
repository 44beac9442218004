"""A course written in a right-to-left language reads right to left inside a page whose interface
is left to right, and the other way round: accessible on a phone and a desktop."""

import pytest
from playwright.sync_api import Page

from accessibility import assert_accessible
from conftest import in_language
from praxis.catalog import services
from praxis.catalog.models import Course
from praxis.catalog.tests.factories import TranslationGroupFactory, course_with_lessons
from praxis.core.languages import load_language_names

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def urdu_course() -> Course:
    group = TranslationGroupFactory.create()
    course_with_lessons(slug="hand-hygiene", title="Hand hygiene", translation_group=group)
    course = course_with_lessons(
        slug="hand-hygiene-ur",
        title="ہاتھوں کی صفائی",
        language="ur",
        translation_group=group,
    )
    services.reindex_course(course)
    # The server's names of languages are read once per process, as the WSGI entry point does.
    load_language_names()
    return course


def _direction(page: Page, selector: str) -> str:
    return str(page.locator(selector).first.evaluate("e => getComputedStyle(e).direction"))


@pytest.mark.parametrize("width", [1280, 390])
def test_an_urdu_course_reads_right_to_left_in_the_english_interface(
    page: Page, urdu_course: Course, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/courses/hand-hygiene-ur/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert _direction(page, "html") == "ltr"
    header = page.locator("main header[lang='ur']")
    assert header.get_attribute("dir") == "rtl"
    assert _direction(page, "main header[lang='ur'] h1") == "rtl"
    assert page.get_by_role("heading", level=1).inner_text() == "ہاتھوں کی صفائی"
    # The course's language is named in the reader's language.
    assert page.locator("main dd", has_text="Urdu").count() == 1
    # Nothing overflows the viewport sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_accessible(page)


def test_the_catalogue_card_of_an_urdu_course_is_right_to_left_in_arabic_and_english(
    page: Page, live_server: object, urdu_course: Course
) -> None:
    # A course written in Urdu alone has its own card (a translation is shown on the card of
    # the version in the reader's language).
    course_with_lessons(slug="maternal-care-ur", title="زچگی کی دیکھ بھال", language="ur")
    page.goto("/courses/")
    card = "article.card[lang='ur']"
    assert page.locator(card).get_attribute("dir") == "rtl"
    assert _direction(page, card) == "rtl"
    assert _direction(page, "article.card[lang='en']") == "ltr"
    assert_accessible(page)
    in_language(page, live_server, "ar")  # type: ignore[arg-type]  # the live server fixture
    page.goto("/courses/")
    assert _direction(page, "html") == "rtl"
    assert _direction(page, "article.card[lang='en']") == "ltr"
    assert _direction(page, card) == "rtl"
    assert_accessible(page)
