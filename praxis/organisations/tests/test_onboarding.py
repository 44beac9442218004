"""Onboarding of a new partner: the application, the staff's review, and the organisation with
its first admin; on the pages and through the API (checked against the OpenAPI document)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from conftest import SchemaCheckedClient
from praxis.accounts.tests.factories import UserFactory
from praxis.core.errors import Conflict, PermissionDenied, ValidationFailed
from praxis.notifications.models import Notice
from praxis.organisations import onboarding, services
from praxis.organisations.models import (
    Membership,
    Network,
    NetworkMember,
    Organisation,
    PartnerApplication,
    Role,
)
from praxis.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

APPLICATION: dict[str, Any] = {
    "name": "Kisumu School of Nursing",
    "type": "university",
    "country": "KE",
    "website": "https://nursing.example.ac.ke",
    "description": "We train 400 nurses and midwives a year for western Kenya.",
    "motivation": "We would like to co-create a course on neonatal resuscitation.",
}


def test_an_institution_applies_and_staff_approve_it(client: Client) -> None:
    applicant = UserFactory.create()
    staff = UserFactory.create(is_staff=True)
    client.force_login(applicant)
    response = client.post(reverse("organisations:apply"), APPLICATION, follow=True)
    assert "The academy&#x27;s staff will review your application." in response.content.decode()
    assert "Waiting for review" in response.content.decode()
    assert Notice.objects.filter(person=staff, kind="partner_application").count() == 1

    client.force_login(staff)
    queue = client.get(reverse("organisations:applications")).content.decode()
    assert "Kisumu School of Nursing" in queue and "neonatal resuscitation" in queue
    application = PartnerApplication.objects.get()
    response = client.post(
        reverse("organisations:decide_application", args=[application.pk]),
        {"decision": "approve"},
        follow=True,
    )
    assert "Approved: the organisation and its first admin are created." in (
        response.content.decode()
    )
    organisation = Organisation.objects.get(name="Kisumu School of Nursing")
    assert organisation.slug == "kisumu-school-of-nursing" and str(organisation.country) == "KE"
    membership = Membership.objects.get(organisation=organisation)
    assert (membership.user, membership.role, membership.status) == (
        applicant,
        Role.ADMIN,
        "active",
    )
    (notice,) = Notice.objects.filter(person=applicant, kind="partner_application_decided")
    assert notice.link == reverse("organisations:manage", args=[organisation.slug])
    client.force_login(applicant)
    assert client.get(notice.link).status_code == 200  # they manage it now


def test_a_declined_application_says_why_and_creates_nothing(client: Client) -> None:
    applicant = UserFactory.create()
    staff = UserFactory.create(is_staff=True)
    application = onboarding.apply(applicant, **APPLICATION)
    with pytest.raises(ValidationFailed):
        onboarding.decide(application, staff, approve=False, note="  ")
    onboarding.decide(application, staff, approve=False, note="Please apply through your ministry.")
    assert not Organisation.objects.filter(name=APPLICATION["name"]).exists()
    client.force_login(applicant)
    page = client.get(reverse("organisations:apply")).content.decode()
    assert "Declined" in page and "Please apply through your ministry." in page
    with pytest.raises(Conflict) as again:
        onboarding.decide(application, staff, approve=True)
    assert again.value.code == "already_decided"


def test_declining_without_a_note_says_why_beside_that_applications_note(
    client: Client,
) -> None:
    first = onboarding.apply(UserFactory.create(), **APPLICATION)
    second = onboarding.apply(UserFactory.create(), **{**APPLICATION, "name": "Moi University"})
    client.force_login(UserFactory.create(is_staff=True))
    response = client.post(
        reverse("organisations:decide_application", args=[second.pk]),
        {"decision": "decline", "note": "   "},
    )
    assert response.status_code == 400
    page = response.content.decode()
    card = page[page.index(f'id="application-{second.pk}"') :]
    card = card[: card.index("</article>")]
    assert '<div class="field has-error">' in card
    assert (
        f'<p class="field-error" id="id_note_{second.pk}_error">'
        "Say why: the applicant reads this note.</p>"
    ) in card
    assert 'aria-invalid="true"' in card
    assert "Say why" not in page[: page.index(f'id="application-{first.pk}"')]
    assert "Some of the information given is not valid." not in page
    second.refresh_from_db()
    assert second.status == PartnerApplication.Status.SUBMITTED


def test_a_declining_note_too_long_is_kept_as_typed_beside_the_field(client: Client) -> None:
    application = onboarding.apply(UserFactory.create(), **APPLICATION)
    client.force_login(UserFactory.create(is_staff=True))
    note = "Please apply through your ministry. " * 60
    response = client.post(
        reverse("organisations:decide_application", args=[application.pk]),
        {"decision": "decline", "note": note},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert f'id="id_note_{application.pk}_error"' in page
    assert "Please apply through your ministry. Please apply" in page
    application.refresh_from_db()
    assert application.status == PartnerApplication.Status.SUBMITTED


def test_the_application_form_names_countries_in_the_readers_language_in_its_order(
    client: Client,
) -> None:
    client.force_login(UserFactory.create())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    page = client.get(reverse("organisations:apply")).content.decode()
    select = page[page.index('<select name="country"') :]
    names = re.findall(r"<option [^>]*>([^<]*)</option>", select[: select.index("</select>")])
    assert "Allemagne" in names and "Germany" not in names
    assert names.index("Afrique du Sud") < names.index("Allemagne") < names.index("Bahamas")
    assert names.index("Égypte") < names.index("Équateur") < names.index("Espagne")
    assert names.index("Espagne") < names.index("Éthiopie") < names.index("Fidji")


def test_the_application_forms_heading_says_what_it_is_for(client: Client) -> None:
    client.force_login(UserFactory.create())
    page = client.get(reverse("organisations:apply")).content.decode()
    assert '<h2 id="apply-title">Apply to become a partner</h2>' in page


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "x" * 251}, "name"),
        ({"type": "academy"}, "type"),
        ({"country": "XX"}, "country"),
        ({"website": "javascript:alert(1)"}, "website"),
        ({"description": "Short"}, "description"),
        ({"motivation": "x" * 4001}, "motivation"),
    ],
)
def test_bad_applications_change_nothing(change: dict[str, str], field: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        onboarding.apply(UserFactory.create(), **{**APPLICATION, **change})
    assert field in refused.value.fields
    assert not PartnerApplication.objects.exists()
    assert not Notice.objects.exists()


def test_one_application_at_a_time_and_not_for_an_existing_partner() -> None:
    applicant = UserFactory.create()
    onboarding.apply(applicant, **APPLICATION)
    with pytest.raises(Conflict) as pending:
        onboarding.apply(applicant, **{**APPLICATION, "name": "Another school"})
    assert pending.value.code == "application_pending"
    OrganisationFactory.create(name="Makerere University")
    with pytest.raises(ValidationFailed) as exists:
        onboarding.apply(UserFactory.create(), **{**APPLICATION, "name": "makerere university"})
    assert exists.value.code == "organisation_exists"
    assert PartnerApplication.objects.count() == 1


def test_only_staff_review_applications(client: Client) -> None:
    application = onboarding.apply(UserFactory.create(), **APPLICATION)
    partner_admin = UserFactory.create()
    with pytest.raises(PermissionDenied):
        onboarding.decide(application, partner_admin, approve=True)
    client.force_login(partner_admin)
    assert client.get(reverse("organisations:applications")).status_code == 403
    response = client.post(
        reverse("organisations:decide_application", args=[application.pk]),
        {"decision": "approve"},
    )
    assert response.status_code == 403
    assert not Organisation.objects.filter(name=APPLICATION["name"]).exists()
    assert client.get(reverse("organisations:apply")).status_code == 200
    client.logout()
    assert client.get(reverse("organisations:apply")).status_code == 302


def test_api_application_and_decision(api_client: SchemaCheckedClient) -> None:
    applicant = UserFactory.create()
    api_client.force_login(applicant)
    created = api_client.post("/api/v1/partner-applications", data=APPLICATION)
    assert created.status_code == 201 and created.json()["status"] == "submitted"
    again = api_client.post("/api/v1/partner-applications", data=APPLICATION)
    assert again.status_code == 409
    assert api_client.get("/api/v1/partner-applications").status_code == 403
    api_client.force_login(UserFactory.create(is_staff=True))
    (waiting,) = api_client.get("/api/v1/partner-applications").json()
    decided = api_client.post(
        f"/api/v1/partner-applications/{waiting['id']}/decision", data={"approve": True}
    )
    assert decided.json()["organisation"] == "kisumu-school-of-nursing"
    api_client.force_login(applicant)
    (mine,) = api_client.get("/api/v1/me/partner-applications").json()
    assert mine["status"] == "approved"


@pytest.mark.parametrize(
    "data",
    [
        {**APPLICATION, "type": "academy"},
        {**APPLICATION, "country": "Kenya"},
        {**APPLICATION, "description": 12},
        {key: value for key, value in APPLICATION.items() if key != "motivation"},
    ],
)
def test_api_bad_applications_change_nothing(
    api_client: SchemaCheckedClient, data: dict[str, Any]
) -> None:
    api_client.force_login(UserFactory.create())
    response = api_client.post("/api/v1/partner-applications", data=data)
    assert response.status_code == 400
    assert not PartnerApplication.objects.exists()


# Partnerships, proposed and followed by the organisation's admins


def test_an_admin_proposes_a_partnership_and_follows_it_through_its_lifecycle(
    client: Client,
) -> None:
    organisation = OrganisationFactory.create(name="Kisumu School of Nursing")
    other = OrganisationFactory.create(name="Moi University")
    admin = UserFactory.create()
    Membership.objects.create(user=admin, organisation=organisation, role=Role.ADMIN)
    client.force_login(admin)
    url = reverse("organisations:partnerships", args=[organisation.slug])
    response = client.post(
        url,
        {"title": "Neonatal care course", "type": "co_creation", "other_organisation": other.pk},
        follow=True,
    )
    assert "Proposed. The academy&#x27;s staff will review the partnership." in (
        response.content.decode()
    )
    partnership = organisation.partnerships.get()
    assert "Move to" not in response.content.decode()  # only staff move partnerships

    staff = UserFactory.create(is_staff=True)
    client.force_login(staff)
    move = reverse("organisations:move_partnership", args=[organisation.slug, partnership.uuid])
    client.post(move, {"to": "under_review"})
    client.post(move, {"to": "active", "note": "Signed on 3 December"})
    partnership.refresh_from_db()
    assert partnership.status == "active"
    assert Notice.objects.filter(person=admin, kind="partnership_moved").count() == 2
    refused = client.post(move, {"to": "proposed"}, follow=True)
    assert "cannot become" in refused.content.decode()

    client.force_login(admin)
    page = client.get(url).content.decode()
    assert "Under review → Active" in page and "Signed on 3 December" in page


def test_partnerships_are_for_the_organisations_admins_and_bad_input_changes_nothing(
    client: Client,
) -> None:
    organisation = OrganisationFactory.create()
    url = reverse("organisations:partnerships", args=[organisation.slug])
    client.force_login(UserFactory.create())
    assert client.get(url).status_code == 403
    admin = UserFactory.create()
    Membership.objects.create(user=admin, organisation=organisation, role=Role.ADMIN)
    client.force_login(admin)
    for data in (
        {"title": "", "type": "mou"},
        {"title": "T", "type": "alliance"},
        {"title": "T", "type": "mou", "starts_on": "2027-01-02", "ends_on": "2026-01-01"},
        {"title": "T", "type": "mou", "other_organisation": organisation.pk},
        {"title": "T", "type": "mou", "starts_on": "not a date"},
    ):
        assert client.post(url, data).status_code == 400
    assert not organisation.partnerships.exists()
    partnership = services.propose_partnership(organisation, admin, type="mou", title="MoU")
    move = reverse("organisations:move_partnership", args=[organisation.slug, partnership.uuid])
    response = client.post(move, {"to": "active"}, follow=True)
    assert "You do not have permission to do this." in response.content.decode()
    partnership.refresh_from_db()
    assert partnership.status == "proposed"


def test_every_problem_of_a_proposed_partnership_is_reported_at_once(client: Client) -> None:
    organisation = OrganisationFactory.create()
    admin = UserFactory.create()
    Membership.objects.create(user=admin, organisation=organisation, role=Role.ADMIN)
    client.force_login(admin)
    response = client.post(
        reverse("organisations:partnerships", args=[organisation.slug]),
        {"title": "", "type": "mou", "starts_on": "2027-01-02", "ends_on": "2026-01-01"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert '<p class="field-error" id="id_title_error">' in page
    assert (
        '<p class="field-error" id="id_ends_on_error">The end cannot come before the start.</p>'
    ) in page
    assert 'value="2027-01-02"' in page and 'value="2026-01-01"' in page
    assert not organisation.partnerships.exists()


# Networks: the lead's admins take organisations in; an organisation's admins take it out


def test_a_networks_lead_takes_organisations_in_and_a_member_leaves(client: Client) -> None:
    lead = OrganisationFactory.create(name="East African Nursing Alliance lead")
    Network.objects.create(name="East African Nursing Alliance", slug="eana", lead=lead)
    school = OrganisationFactory.create(name="Kisumu School of Nursing")
    lead_admin, school_admin = UserFactory.create(), UserFactory.create()
    Membership.objects.create(user=lead_admin, organisation=lead, role=Role.ADMIN)
    Membership.objects.create(user=school_admin, organisation=school, role=Role.ADMIN)
    url = reverse("organisations:network_membership", args=["eana"])

    client.force_login(school_admin)
    assert (
        "Take an organisation into"
        not in client.get(reverse("organisations:network", args=["eana"])).content.decode()
    )
    refused = client.post(url, {"organisation": school.slug, "action": "join"}, follow=True)
    assert "You do not have permission to do this." in refused.content.decode()
    assert not NetworkMember.objects.exists()

    client.force_login(lead_admin)
    response = client.post(url, {"organisation": school.slug, "action": "join"}, follow=True)
    assert "Kisumu School of Nursing has joined the network." in response.content.decode()
    again = client.post(url, {"organisation": school.slug, "action": "join"}, follow=True)
    assert "already in the network" in again.content.decode()

    client.force_login(school_admin)
    page = client.get(reverse("organisations:network", args=["eana"])).content.decode()
    assert "Leave the network" in page
    client.post(url, {"organisation": school.slug, "action": "leave"})
    assert NetworkMember.objects.get().left_on is not None
    client.force_login(UserFactory.create())
    stranger = client.post(url, {"organisation": lead.slug, "action": "join"}, follow=True)
    assert "You do not have permission to do this." in stranger.content.decode()
    assert NetworkMember.objects.count() == 1
    unknown = client.post(url, {"organisation": "nobody"}, follow=True)
    assert "Choose an organisation." in unknown.content.decode()
