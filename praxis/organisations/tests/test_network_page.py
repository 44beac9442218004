"""A network's page: who may take a member organisation out of it and how each is asked first,
refusals on the page and through the API, and the list of organisations to take in."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from conftest import SchemaCheckedClient
from praxis.accounts.models import User
from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.organisations.models import Membership, Network, NetworkMember, Organisation, Role
from praxis.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

REFUSAL = (
    "Only the network&#x27;s lead organisation and the academy&#x27;s staff can remove an "
    "organisation from the network"
)


@pytest.fixture
def network() -> Network:
    """A network led by the Baltic association, with Jakarta and Sahel as members too."""
    lead = OrganisationFactory.create(name="Baltic Association of IPC Nurses", slug="baltic")
    found = Network.objects.create(name="IPC Nursing Network", slug="ipc", lead=lead)
    for slug, name in (
        ("baltic", None),
        ("jakarta", "Jakarta Institute of Nursing Sciences"),
        ("sahel", "Sahel Centre for Nursing"),
    ):
        organisation = lead if name is None else OrganisationFactory.create(name=name, slug=slug)
        NetworkMember.objects.create(
            network=found, organisation=organisation, joined_on="2024-01-01"
        )
    return found


def _admin_of(slug: str) -> User:
    admin = UserFactory.create()
    Membership.objects.create(
        user=admin, organisation=Organisation.objects.get(slug=slug), role=Role.ADMIN
    )
    return admin


def _row(page: str, name: str) -> str:
    """The list item of the member named `name`."""
    found = re.search(rf"<li><a [^>]*>{re.escape(name)}</a>.*?</li>", page, re.S)
    assert found is not None, name
    return found.group(0)


def _current(network: Network) -> set[str]:
    return set(
        NetworkMember.objects.filter(network=network, left_on__isnull=True).values_list(
            "organisation__slug", flat=True
        )
    )


def test_the_lead_is_offered_to_leave_for_itself_and_to_remove_the_others_each_asked_first(
    client: Client, network: Network
) -> None:
    client.force_login(_admin_of("baltic"))
    page = client.get(reverse("organisations:network", args=["ipc"])).content.decode()
    own = _row(page, "Baltic Association of IPC Nurses")
    other = _row(page, "Jakarta Institute of Nursing Sciences")
    assert '<details class="confirm">' in own and "<summary>Leave the network</summary>" in own
    assert "Remove from the network" not in own
    assert '<details class="confirm">' in other
    assert "<summary>Remove from the network</summary>" in other
    assert "Leave the network" not in other
    assert "Jakarta Institute of Nursing Sciences will no longer be a member" in other
    assert 'name="action" value="remove"' in other and 'value="jakarta"' in other


def test_the_lead_removing_another_member_is_told_it_was_removed(
    client: Client, network: Network
) -> None:
    client.force_login(_admin_of("baltic"))
    url = reverse("organisations:network_membership", args=["ipc"])
    response = client.post(url, {"action": "remove", "organisation": "jakarta"}, follow=True)
    page = response.content.decode()
    assert "Jakarta Institute of Nursing Sciences is removed from the network." in page
    assert "has left the network" not in page
    assert _current(network) == {"baltic", "sahel"}


def test_a_members_admin_may_make_only_their_own_organisation_leave(
    client: Client, network: Network
) -> None:
    client.force_login(_admin_of("sahel"))
    page = client.get(reverse("organisations:network", args=["ipc"])).content.decode()
    assert "<summary>Leave the network</summary>" in _row(page, "Sahel Centre for Nursing")
    assert "<details" not in _row(page, "Jakarta Institute of Nursing Sciences")
    assert "Remove from the network" not in page

    url = reverse("organisations:network_membership", args=["ipc"])
    refused = client.post(url, {"action": "remove", "organisation": "jakarta"})
    assert refused.status_code == 403
    assert REFUSAL in _row(refused.content.decode(), "Jakarta Institute of Nursing Sciences")
    assert _current(network) == {"baltic", "jakarta", "sahel"}

    left = client.post(url, {"action": "leave", "organisation": "sahel"}, follow=True)
    assert "Sahel Centre for Nursing has left the network." in left.content.decode()
    assert _current(network) == {"baltic", "jakarta"}


def test_a_stranger_cannot_take_a_member_out_whatever_the_action_says(
    client: Client, network: Network
) -> None:
    client.force_login(UserFactory.create())
    url = reverse("organisations:network_membership", args=["ipc"])
    for action in ("leave", "remove"):
        refused = client.post(url, {"action": action, "organisation": "baltic"})
        assert refused.status_code == 403
        assert REFUSAL in _row(refused.content.decode(), "Baltic Association of IPC Nurses")
    assert _current(network) == {"baltic", "jakarta", "sahel"}


def test_the_api_refuses_a_removal_by_another_members_admin_and_lets_the_lead_remove(
    api_client: SchemaCheckedClient, network: Network
) -> None:
    departure = "/api/v1/networks/ipc/members/jakarta/departure"
    api_client.client.force_login(_admin_of("sahel"))
    refused = api_client.post(departure, data={})
    assert refused.status_code == 403
    assert refused.json()["error"]["message"].startswith(
        "Only the network's lead organisation and the academy's staff can remove"
    )
    assert _current(network) == {"baltic", "jakarta", "sahel"}
    own = api_client.post("/api/v1/networks/ipc/members/sahel/departure", data={})
    assert own.status_code == 200
    api_client.client.force_login(_admin_of("baltic"))
    removed = api_client.post(departure, data={})
    assert removed.status_code == 200
    assert [m["organisation"] for m in removed.json()["members"]] == ["baltic"]


def test_organisations_to_take_in_are_listed_by_the_name_shown(
    client: Client, network: Network
) -> None:
    OrganisationFactory.create(
        name="Médecins des zones rurales",
        slug="medecins-rurales",
        names={"en": "Rural Doctors Association"},
    )
    OrganisationFactory.create(name="Nairobi School of Public Health", slug="nairobi")
    OrganisationFactory.create(name="Étoile Nursing College", slug="etoile")
    client.force_login(StaffFactory.create())
    page = client.get(reverse("organisations:network", args=["ipc"])).content.decode()
    select = page[page.index('<select name="organisation"') :]
    select = select[: select.index("</select>")]
    assert re.findall(r"<option [^>]*>([^<]*)</option>", select) == [
        "Étoile Nursing College",
        "Nairobi School of Public Health",
        "Rural Doctors Association",
    ]


def test_taking_in_an_organisation_already_there_is_refused_beside_the_field(
    client: Client, network: Network
) -> None:
    client.force_login(_admin_of("baltic"))
    OrganisationFactory.create(name="Outside College", slug="outside")
    url = reverse("organisations:network_membership", args=["ipc"])
    refused = client.post(url, {"action": "join", "organisation": "jakarta"})
    assert refused.status_code == 409
    page = refused.content.decode()
    field = page[page.index('<div class="field has-error">') :]
    assert "This organisation is already in the network." in field[: field.index("</div>")]
    assert _current(network) == {"baltic", "jakarta", "sahel"}
