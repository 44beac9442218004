"""The partner directory in a real browser: accessible, in English and in Arabic."""

import pytest
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from accessibility import assert_accessible
from conftest import open_menu, sideways, sign_in
from praxis.organisations import memberships
from praxis.organisations.models import CollaboratingCentre, Invitation, NetworkMember, Role
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


def test_a_networks_page_fits_a_phone_and_asks_before_a_member_is_removed(
    page: Page, live_server: LiveServer
) -> None:
    member = NetworkMemberFactory.create(
        network__slug="ipc", organisation__name="Jakarta Institute of Nursing Sciences"
    )
    OrganisationFactory.create(
        name="Ghana Ministry of Health, Human Resources for Health Development Directorate"
    )
    lead_admin = MembershipFactory.create(organisation=member.network.lead, role=Role.ADMIN).user
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server, lead_admin)
    page.goto("/partners/networks/ipc/")
    assert sideways(page) == 0
    chooser = page.locator("#id_organisation")
    box = chooser.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 390
    page.get_by_text("Remove from the network").click()
    assert NetworkMember.objects.get(pk=member.pk).left_on is None  # asked, not yet done
    with page.expect_navigation():
        page.get_by_role("button", name="Yes, remove").click()
    assert "Jakarta Institute of Nursing Sciences is removed from the network." in page.content()
    assert_accessible(page)


def test_an_admin_withdraws_an_invitation_from_the_manage_page(
    page: Page, live_server: LiveServer
) -> None:
    admin = MembershipFactory.create(role=Role.ADMIN, organisation__slug="kisumu")
    memberships.invite(admin.organisation, "nurse@example.org", Role.AUTHOR, admin.user)
    sign_in(page, live_server, admin.user)
    page.goto("/partners/kisumu/manage/")
    row = page.get_by_role("row", name="nurse@example.org")
    row.get_by_text("Withdraw", exact=True).click()
    with page.expect_navigation():
        row.get_by_role("button", name="Yes, withdraw it").click()
    assert "The invitation to nurse@example.org is withdrawn" in page.content()
    assert not Invitation.objects.exists()
    assert_accessible(page)
