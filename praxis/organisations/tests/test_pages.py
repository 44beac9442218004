"""The directory, organisation, network and region pages, membership and import pages."""

import datetime
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import FileResponse
from django.test import Client
from django.urls import reverse
from PIL import Image
from pytest_django import DjangoAssertNumQueries

from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.catalog.models import Course
from praxis.catalog.tests.factories import CourseFactory
from praxis.organisations import memberships
from praxis.organisations.models import Invitation, Membership, Organisation, Role
from praxis.organisations.queries import regions_of
from praxis.organisations.tests.factories import (
    CollaboratingCentreFactory,
    MembershipFactory,
    NetworkMemberFactory,
    OrganisationFactory,
    PartnershipFactory,
)

pytestmark = pytest.mark.django_db


def test_indonesia_changes_region_on_2025_05_23() -> None:
    assert regions_of({"ID"}, datetime.date(2025, 5, 22)) == {"ID": "SEAR"}
    assert regions_of({"ID"}, datetime.date(2025, 5, 23)) == {"ID": "WPR"}


def test_directory_filters_by_type_region_and_centre_status(
    client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    OrganisationFactory.create(name="Nairobi School of Public Health", country="KE")
    OrganisationFactory.create(name="Jakarta Nursing Academy", country="ID", topics=["nursing"])
    CollaboratingCentreFactory.create(
        organisation__name="Old Centre", designated_on=datetime.date(2015, 1, 1)
    )
    with django_assert_num_queries(5):
        page = client.get(reverse("organisations:directory"), {"region": "WPR"})
    assert "Jakarta Nursing Academy" in page.text
    assert "Nairobi School" not in page.text
    page = client.get(reverse("organisations:directory"), {"status": "expired"})
    assert "Old Centre" in page.text and "Jakarta" not in page.text
    page = client.get(reverse("organisations:directory"), {"topic": "nursing", "q": "jakarta"})
    assert "1 organisation" in page.text


def test_directory_ignores_nonsense_filters(client: Client) -> None:
    OrganisationFactory.create(name="Nairobi School of Public Health")
    page = client.get(reverse("organisations:directory"), {"type": "spaceship", "q": "x" * 5000})
    assert page.status_code == 200


def test_organisation_page_lists_courses_networks_and_listed_people_only(client: Client) -> None:
    organisation = OrganisationFactory.create(name="Nairobi School of Public Health")
    course = CourseFactory.create(title="Community health workers in practice")
    course.organisations.add(organisation)
    CourseFactory.create(title="Secret draft", status=Course.Status.DRAFT).organisations.add(
        organisation
    )
    NetworkMemberFactory.create(organisation=organisation, network__name="East African Alliance")
    MembershipFactory.create(
        organisation=organisation, user__full_name="Amina Odhiambo", listed=True
    )
    MembershipFactory.create(
        organisation=organisation, user__full_name="Hidden Person", listed=False
    )
    page = client.get(reverse("organisations:organisation", args=[organisation.slug]))
    assert "Community health workers in practice" in page.text
    assert "Secret draft" not in page.text
    assert "East African Alliance" in page.text
    assert "Amina Odhiambo" in page.text and "Hidden Person" not in page.text


def test_collaborating_centre_page_shows_its_designation(client: Client) -> None:
    centre = CollaboratingCentreFactory.create(reference_number="KEN-42")
    page = client.get(reverse("organisations:organisation", args=[centre.organisation.slug]))
    assert "KEN-42" in page.text and "Term ends" in page.text


def test_region_table_and_network_pages(client: Client) -> None:
    member = NetworkMemberFactory.create(
        organisation__country="ID", left_on=datetime.date(2025, 1, 1)
    )
    page = client.get(reverse("organisations:regions"))
    assert "Western Pacific Region" in page.text
    page = client.get(reverse("organisations:network", args=[member.network.slug]))
    assert "Former members" in page.text


def test_visitor_asks_to_join_and_admin_approves_on_the_manage_page(client: Client) -> None:
    organisation = OrganisationFactory.create()
    admin = MembershipFactory.create(organisation=organisation, role=Role.ADMIN).user
    person = UserFactory.create()
    client.force_login(person)
    client.post(reverse("organisations:request_to_join", args=[organisation.slug]))
    request = Membership.objects.get(user=person)
    client.force_login(admin)
    manage = client.get(reverse("organisations:manage", args=[organisation.slug]))
    assert person.full_name in manage.text
    client.post(
        reverse("organisations:decide_membership", args=[organisation.slug, request.pk]),
        {"action": "approve"},
    )
    request.refresh_from_db()
    assert request.status == Membership.Status.ACTIVE


def test_an_unknown_decision_says_only_what_to_do_and_changes_nothing(client: Client) -> None:
    organisation = OrganisationFactory.create()
    admin = MembershipFactory.create(organisation=organisation, role=Role.ADMIN).user
    request = MembershipFactory.create(
        organisation=organisation, status=Membership.Status.REQUESTED
    )
    client.force_login(admin)
    page = client.post(
        reverse("organisations:decide_membership", args=[organisation.slug, request.pk]),
        {"action": "promote-everyone"},
        follow=True,
    )
    shown = [str(message) for message in page.context["messages"]]
    assert shown == ["Choose what to do."]
    request.refresh_from_db()
    assert request.status == Membership.Status.REQUESTED


def test_the_sole_admin_demoting_themselves_is_told_why_beside_their_row(client: Client) -> None:
    organisation = OrganisationFactory.create()
    sole = MembershipFactory.create(
        organisation=organisation, role=Role.ADMIN, user__full_name="Kofi Mensah"
    )
    client.force_login(sole.user)
    url = reverse("organisations:decide_membership", args=[organisation.slug, sole.pk])
    page = client.post(url, {"action": "role", "role": Role.MEMBER})
    assert page.status_code == 409
    row = re.search(
        r"<tr>\s*<th scope=\"row\" dir=\"auto\">Kofi Mensah</th>.*?</tr>", page.text, re.S
    )
    assert row is not None
    assert "An organisation needs at least one admin: make someone else an admin first." in (
        row.group(0)
    )
    assert '<option value="member" selected>' in row.group(0)
    removed = client.post(url, {"action": "remove"})
    assert removed.status_code == 409
    assert "make someone else an admin first" in removed.text
    sole.refresh_from_db()
    assert (sole.role, sole.status) == (Role.ADMIN, Membership.Status.ACTIVE)
    assert client.get(reverse("organisations:manage", args=[organisation.slug])).status_code == 200


def test_an_admin_who_steps_down_is_sent_to_the_public_page(client: Client) -> None:
    organisation = OrganisationFactory.create()
    stepping_down = MembershipFactory.create(organisation=organisation, role=Role.ADMIN)
    MembershipFactory.create(organisation=organisation, role=Role.ADMIN)
    client.force_login(stepping_down.user)
    page = client.post(
        reverse("organisations:decide_membership", args=[organisation.slug, stepping_down.pk]),
        {"action": "role", "role": Role.MEMBER},
    )
    assert page.status_code == 302
    assert page["Location"] == reverse("organisations:organisation", args=[organisation.slug])


def test_a_member_who_is_not_admin_cannot_change_roles_from_the_manage_form(
    client: Client,
) -> None:
    organisation = OrganisationFactory.create()
    admin = MembershipFactory.create(organisation=organisation, role=Role.ADMIN)
    member = MembershipFactory.create(organisation=organisation, role=Role.MEMBER)
    client.force_login(member.user)
    url = reverse("organisations:decide_membership", args=[organisation.slug, admin.pk])
    assert client.post(url, {"action": "role", "role": Role.MEMBER}).status_code == 403
    assert client.post(url, {"action": "role", "role": "emperor"}).status_code == 403
    admin.refresh_from_db()
    assert admin.role == Role.ADMIN


def test_members_of_other_organisations_cannot_manage(client: Client) -> None:
    organisation = OrganisationFactory.create()
    client.force_login(MembershipFactory.create(role=Role.ADMIN).user)
    assert client.get(reverse("organisations:manage", args=[organisation.slug])).status_code == 403


def test_invitation_page_refuses_someone_the_link_was_forwarded_to(client: Client) -> None:
    organisation = OrganisationFactory.create()
    invitation = memberships.invite(
        organisation, "director@example.org", Role.ADMIN, StaffFactory.create()
    )
    url = reverse(
        "organisations:accept_invitation", args=[memberships.invitation_token(invitation)]
    )
    stranger = UserFactory.create(email="stranger@example.org")
    client.force_login(stranger)
    page = client.get(url)
    assert "sent to another e-mail address" in page.text
    assert "Accept" not in page.text
    refused = client.post(url)
    assert refused.status_code == 403
    assert not Membership.objects.filter(user=stranger).exists()


def test_inviting_a_member_to_the_role_they_have_says_they_are_a_member_and_sends_nothing(
    client: Client,
) -> None:
    organisation = OrganisationFactory.create()
    admin = MembershipFactory.create(organisation=organisation, role=Role.ADMIN).user
    MembershipFactory.create(
        organisation=organisation, role=Role.AUTHOR, user__email="amina@example.org"
    )
    client.force_login(admin)
    url = reverse("organisations:manage", args=[organisation.slug])
    sent = {"invite": "1", "email": "Amina@Example.org", "role": Role.AUTHOR}
    page = client.post(url, sent, follow=True)
    assert page.status_code == 409
    assert (
        '<p class="field-error" id="id_email_error">This person is already a member.</p>'
        in page.text
    )
    assert "The invitation is on its way." not in page.text
    assert 'value="Amina@Example.org"' in page.text
    assert not Invitation.objects.exists()
    # Another role is a change the member is asked to accept: that invitation goes out.
    page = client.post(url, {**sent, "role": Role.REVIEWER}, follow=True)
    assert "The invitation is on its way." in page.text
    assert Invitation.objects.get().role == Role.REVIEWER


def test_invitation_page_shows_a_members_role_change_and_lets_them_choose(client: Client) -> None:
    membership = MembershipFactory.create(role=Role.ADMIN, user__email="head@example.org")
    invitation = memberships.invite(
        membership.organisation, "head@example.org", Role.MEMBER, StaffFactory.create()
    )
    url = reverse(
        "organisations:accept_invitation", args=[memberships.invitation_token(invitation)]
    )
    client.force_login(membership.user)
    page = client.get(url)
    assert "You are Organisation admin" in page.text and "Member" in page.text
    assert "Keep Organisation admin" in page.text
    client.post(url, {"role_change": "keep"})
    membership.refresh_from_db()
    assert membership.role == Role.ADMIN
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


def test_an_organisations_logo_shows_on_its_page_as_an_image_only(client: Client) -> None:
    organisation = OrganisationFactory.create()
    client.force_login(StaffFactory.create())
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "teal").save(buffer, "GIF")
    upload = SimpleUploadedFile("logo.html", buffer.getvalue() + b"<script>alert(1)</script>")
    client.post(reverse("organisations:manage", args=[organisation.slug]), {"logo": upload})

    page = client.get(reverse("organisations:organisation", args=[organisation.slug]))
    found = re.search(r'<img src="([^"]+)"', page.text)
    assert found is not None
    src = found.group(1)
    logo = client.get(src)

    assert logo.status_code == 200
    assert logo["Content-Type"] == "image/png"
    assert logo["X-Content-Type-Options"] == "nosniff"
    assert isinstance(logo, FileResponse)
    assert b"".join(logo).startswith(b"\x89PNG")


def test_a_logo_address_that_names_another_file_is_not_found(client: Client) -> None:
    organisation = OrganisationFactory.create()
    url = reverse("organisations:logo", args=[organisation.slug, "secret_key.png"])
    assert client.get(url).status_code == 404
    assert client.get(f"/media/{organisation.slug}.png").status_code == 404


def test_expired_invitation_page_says_so(client: Client) -> None:
    page = client.get(reverse("organisations:accept_invitation", args=["forged"]))
    assert page.status_code == 404
    assert "not valid" in page.text


def test_import_page_previews_with_row_errors_and_imports_on_confirmation(client: Client) -> None:
    client.force_login(StaffFactory.create())
    bad = b"name,type,country\nAccra Institute,university,GH\nAtlantis,ngo,XX\n"
    page = client.post(reverse("organisations:import"), {"file": SimpleUploadedFile("o.csv", bad)})
    assert "Unknown country" in page.text and "nothing has been imported" in page.text
    good = "name,type,country\nAccra Institute,university,GH\n"
    page = client.post(
        reverse("organisations:import"), {"file": SimpleUploadedFile("o.csv", good.encode())}
    )
    assert "Import 1 organisation" in page.text
    client.post(reverse("organisations:import"), {"text": good, "confirm": "1"})
    assert Organisation.objects.filter(name="Accra Institute").exists()


def test_import_page_is_for_staff(client: Client) -> None:
    client.force_login(UserFactory.create())
    assert client.get(reverse("organisations:import")).status_code == 403


def test_malformed_membership_choice_is_404(client: Client) -> None:
    client.force_login(UserFactory.create())
    response = client.post(reverse("organisations:mine"), {"membership": "x", "listed": "1"})
    assert response.status_code == 404


def test_active_partnerships_are_on_the_organisation_page(client: Client) -> None:
    partnership = PartnershipFactory.create(status="active", title="Field epidemiology curriculum")
    PartnershipFactory.create(organisation=partnership.organisation, title="Secret proposal")
    page = client.get(reverse("organisations:organisation", args=[partnership.organisation.slug]))
    assert "Field epidemiology curriculum" in page.text
    assert "Secret proposal" not in page.text
