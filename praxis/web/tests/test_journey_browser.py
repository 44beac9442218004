"""A health worker's first journey, in a real browser, as the issue describes it:

a new visitor switches to French, signs up, finds a French course by search, enrols, completes
every lesson and sees the course completed in "My learning"; the same pages in Arabic are laid
out right to left. Every page on the way passes the axe-core accessibility check.
"""

import re

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from accessibility import assert_accessible
from conftest import open_menu
from praxis.accounts.models import User
from praxis.catalog.models import Course, Enrolment
from praxis.catalog.services import reindex_course
from praxis.catalog.tests.factories import course_with_lessons
from praxis.lrs.models import Statement
from praxis.lrs.vocabulary import VERB_COMPLETED

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def in_language(language: str, message: str) -> str:
    with translation.override(language):
        return gettext(message)


def switch_language(page: Page, code: str) -> None:
    open_menu(page)
    with page.expect_navigation():
        page.select_option("#language-select", code)
    assert page.locator("html").get_attribute("lang") == code


@pytest.fixture
def french_course() -> Course:
    course = course_with_lessons(
        modules=2,
        lessons_per_module=2,
        slug="hygiene-des-mains",
        language="fr",
        title="Hygiène des mains dans les soins",
        summary="Les cinq moments pour l'hygiène des mains, pas à pas.",
    )
    course_with_lessons(
        modules=1,
        lessons_per_module=1,
        slug="hand-hygiene",
        language="en",
        title="Hand hygiene in care",
    )
    for indexed in Course.objects.all():
        reindex_course(indexed)
    return course


def test_new_visitor_learns_a_french_course_from_sign_up_to_completion(
    page: Page, french_course: Course
) -> None:
    my_learning_fr = in_language("fr", "My learning")
    assert my_learning_fr != "My learning", "the French catalogue is missing"

    page.goto("/")
    switch_language(page, "fr")
    assert_accessible(page)

    open_menu(page)
    page.click("header a[href$='/accounts/signup/']")
    page.fill("input[name=full_name]", "Awa Ndiaye")
    page.fill("input[name=email]", "awa.ndiaye@example.org")
    page.fill("input[name=password]", "soins-infirmiers-2026")
    if page.locator("input[name=password_confirm]").count():
        page.fill("input[name=password_confirm]", "soins-infirmiers-2026")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert User.objects.filter(email="awa.ndiaye@example.org").exists()
    # Signing up ends with the link e-mailed to the address.
    found = re.search(r"https?://\S+(/accounts/verify/\S+/)", str(mail.outbox[-1].body))
    assert found is not None
    page.goto(found.group(1))
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "fr"
    assert_accessible(page)

    page.click("header a[href$='/courses/']")
    page.fill("input[name=q]", "hygiène mains")
    page.click("form[role=search] button[type=submit], main form button[type=submit]")
    page.wait_for_load_state()
    result = page.locator("main a", has_text="Hygiène des mains dans les soins").first
    assert result.is_visible()
    assert_accessible(page)
    result.click()
    page.wait_for_load_state()

    page.click("form[action$='/enrolment/'] button")
    page.wait_for_load_state()
    assert_accessible(page)
    page.click(".enrolment a.button")
    page.wait_for_load_state()
    assert_accessible(page)

    for _ in range(4):
        page.click("main form[action$='/completion/'] button")
        page.wait_for_load_state()

    page.click(f"header a:has-text('{my_learning_fr}')")
    page.wait_for_load_state()
    completed = page.locator("section[aria-labelledby=completed-title]")
    course_link = completed.get_by_role("link", name="Hygiène des mains dans les soins", exact=True)
    assert course_link.is_visible()
    # The certificate earned is linked beside the course.
    expect(completed.locator("a[href^='/credentials/']").first).to_be_visible()
    assert_accessible(page)

    enrolment = Enrolment.objects.get(learner__email="awa.ndiaye@example.org")
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert (
        Statement.objects.filter(
            verb_id=VERB_COMPLETED, registration=enrolment.registration
        ).count()
        == 1
    )

    # The same pages in Arabic are laid out right to left and stay accessible.
    switch_language(page, "ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("h1").inner_text() == in_language("ar", "My learning")
    assert_accessible(page)
    for path in ["/courses/", f"/courses/{french_course.slug}/"]:
        page.goto(path)
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert page.locator("html").get_attribute("lang") == "ar"
        assert_accessible(page)
    module = french_course.modules.first()
    assert module is not None
    lesson = module.lessons.first()
    assert lesson is not None
    page.goto(f"/courses/{french_course.slug}/lessons/{lesson.uuid}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    # French lesson text inside the Arabic page keeps its own language and direction.
    assert page.locator("article.lesson").get_attribute("lang") == "fr"
    assert_accessible(page)
