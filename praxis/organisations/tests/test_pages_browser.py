"""The partner directory in a real browser: accessible, in English and in Arabic."""

import pytest
from playwright.sync_api import Page

from accessibility import assert_accessible
from conftest import open_menu
from praxis.organisations.models import CollaboratingCentre
from praxis.organisations.tests.factories import (
    CollaboratingCentreFactory,
    MembershipFactory,
    NetworkMemberFactory,
    OrganisationFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def network() -> CollaboratingCentre:
    centre = CollaboratingCentreFactory.create(
        organisation__name="Nairobi School of Public Health",
        organisation__slug="nairobi-sph",
        organisation__names={"ar": "كلية نيروبي للصحة العامة"},
    )
    OrganisationFactory.create(name="Jakarta Nursing Academy", country="ID")
    NetworkMemberFactory.create(
        organisation=centre.organisation, network__name="East African Alliance"
    )
    MembershipFactory.create(
        organisation=centre.organisation, user__full_name="Amina Odhiambo", listed=True
    )
    return centre


def test_directory_filters_without_javascript_and_is_accessible(
    page: Page, network: CollaboratingCentre
) -> None:
    page.goto("/partners/")
    page.select_option("#id_region", "WPR")
    page.click("button[type=submit] >> text=Search")
    assert page.locator("h2.result-count").inner_text() == "1 organisation"
    assert_accessible(page)


def test_organisation_page_is_accessible_in_arabic(
    page: Page, network: CollaboratingCentre
) -> None:
    page.goto("/partners/nairobi-sph/")
    open_menu(page)
    with page.expect_navigation():
        page.select_option("#language-select", "ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert "كلية نيروبي للصحة العامة" in page.locator("h1").inner_text()
    assert_accessible(page)


def test_region_table_and_network_pages_are_accessible(
    page: Page, network: CollaboratingCentre
) -> None:
    page.goto("/partners/regions/")
    assert_accessible(page)
    page.goto("/partners/networks/")
    with page.expect_navigation():
        page.click("text=East African Alliance")
    assert "Nairobi School of Public Health" in page.content()
    assert_accessible(page)
