"""The research pages in a real browser: consent (in Arabic too), a project with its decisions,
an export with its report, and the analytics dashboard; each accessible."""

from pathlib import Path

import pytest
from playwright.sync_api import Page
from pytest_django import Settings as SettingsWrapper
from pytest_django.live_server_helper import LiveServer

from accessibility import assert_accessible
from conftest import in_language, sideways, sign_in
from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.catalog.models import Enrolment
from praxis.catalog.tests.factories import course_with_lessons
from praxis.core.tests.drawn_charts import chart_texts
from praxis.organisations.models import Role
from praxis.organisations.tests.factories import MembershipFactory, OrganisationFactory
from praxis.reference.models import Occupation
from praxis.research import services
from praxis.research.exports import run_export
from praxis.research.models import Project
from praxis.research.tests.factories import (
    ConsentTextFactory,
    ProjectFactory,
    consenting,
    research_officer,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_learner_grants_and_withdraws_consent_in_arabic(
    page: Page, live_server: LiveServer
) -> None:
    ConsentTextFactory.create(language="ar", title="موافقة دراسة التعلّم ٢٠٢٦", body="نص الموافقة.")
    ConsentTextFactory.create(language="en")
    learner = UserFactory.create(preferred_language="ar")
    sign_in(page, live_server, learner)
    in_language(page, live_server, "ar")
    page.goto("/research/consent/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.get_by_role("heading", name="موافقة دراسة التعلّم ٢٠٢٦").count() == 1
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("button[value=grant]").click()
    with page.expect_navigation():
        page.locator("button[value=withdraw]").click()
    assert page.locator("tbody tr").count() == 2
    assert_accessible(page)


def test_officer_approves_and_member_exports(
    page: Page, live_server: LiveServer, settings: SettingsWrapper, tmp_path: Path
) -> None:
    settings.RESEARCH_EXPORT_ROOT = str(tmp_path)
    officer = research_officer()
    project = ProjectFactory.create()
    sign_in(page, live_server, officer)
    page.goto(f"/research/projects/{project.uuid}/")
    assert_accessible(page)
    page.get_by_label("Decision").select_option("approved")
    page.get_by_label("Conditions or reasons").fill("Aggregate results only")
    with page.expect_navigation():
        page.get_by_role("button", name="Record the decision").click()
    assert Project.objects.get().status == Project.Status.APPROVED
    for _ in range(5):
        consenting(country="KE", occupation=Occupation.objects.get(isco08="2221"))
    export = services.request_export(Project.objects.get(), by=project.principal_investigator)
    run_export(export.pk)
    page.context.clear_cookies()
    sign_in(page, live_server, project.principal_investigator)
    page.goto(f"/research/exports/{export.uuid}/")
    assert page.get_by_role("link", name="Download CSV").count() == 1
    assert_accessible(page)


def test_analytics_dashboard_is_accessible(page: Page, live_server: LiveServer) -> None:
    course = course_with_lessons(modules=1, lessons_per_module=2)
    for _ in range(6):
        Enrolment.objects.create(learner=UserFactory.create(country="KE"), course=course)
    sign_in(page, live_server, StaffFactory.create())
    page.goto(f"/research/analytics/?course={course.slug}")
    # Eight charts: drawn where there is data, "No data yet" where there is none.
    assert page.locator("svg.chart").count() + page.locator(".chart-empty").count() == 8
    assert_accessible(page)


def test_analytics_bars_keep_their_labels_inside_the_chart_in_arabic(
    page: Page, live_server: LiveServer
) -> None:
    course = course_with_lessons(modules=1, lessons_per_module=2)
    for _ in range(6):
        Enrolment.objects.create(learner=UserFactory.create(country="KE"), course=course)
    in_language(page, live_server, "ar")
    sign_in(page, live_server, StaffFactory.create())
    page.goto(f"/research/analytics/?course={course.slug}&k=1")
    chart = page.locator("#chart-by-country ~ svg.chart, figure:has(#chart-by-country) svg.chart")
    box = chart.first.bounding_box()
    assert box is not None
    label = chart.first.locator("text").first.bounding_box()
    assert label is not None and label["width"] > 0
    assert box["x"] <= label["x"] and label["x"] + label["width"] <= box["x"] + box["width"]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_analytics_chart_labels_are_readable_on_a_phone(
    page: Page, live_server: LiveServer, language: str
) -> None:
    course = course_with_lessons(modules=1, lessons_per_module=2)
    for country in ["KE"] * 6 + ["JO"] * 3 + ["EG"] * 2:
        Enrolment.objects.create(learner=UserFactory.create(country=country), course=course)
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server, StaffFactory.create(), language=language)
    page.goto(f"/research/analytics/?course={course.slug}&k=1")
    assert sideways(page) == 0
    texts = chart_texts(page)
    country = "Kenya" if language == "en" else "كينيا"
    assert any(country in text["words"] for text in texts)
    for text in texts:
        assert text["size"] >= 11 and text["height"] >= 11, text
        assert text["inside"], text


def test_partner_dashboard_offers_only_their_courses_and_is_accessible(
    page: Page, live_server: LiveServer
) -> None:
    organisation = OrganisationFactory.create()
    ours = course_with_lessons(modules=1, lessons_per_module=1, title="Our course")
    ours.organisations.add(organisation)
    course_with_lessons(modules=1, lessons_per_module=1, title="Another course")
    admin = MembershipFactory.create(organisation=organisation, role=Role.ADMIN).user
    sign_in(page, live_server, admin)
    page.goto("/research/analytics/")
    choices = page.get_by_label("Course").locator("option").all_inner_texts()
    assert choices == ["All the courses of my organisations", "Our course"]
    assert_accessible(page)
