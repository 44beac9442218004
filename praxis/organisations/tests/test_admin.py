"""The back office: staff record a Collaborating Centre and its term end follows from the dates."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from praxis.accounts.tests.factories import UserFactory
from praxis.organisations.models import CollaboratingCentre, Partnership
from praxis.organisations.tests.factories import OrganisationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client: Client) -> Client:
    client.force_login(UserFactory.create(is_staff=True, is_superuser=True))
    return client


def test_centre_added_in_the_back_office_gets_its_term_end(superuser_client: Client) -> None:
    organisation = OrganisationFactory.create()
    response = superuser_client.post(
        reverse("admin:organisations_collaboratingcentre_add"),
        {
            "organisation": organisation.pk,
            "reference_number": "KEN-77",
            "title": "Centre for nursing",
            "designated_on": "2023-02-01",
            "activity_types": "[]",
        },
    )
    assert response.status_code == 302
    centre = CollaboratingCentre.objects.get()
    assert centre.expires_on == datetime.date(2027, 2, 1)


def test_partnership_action_moves_it_and_records_who(superuser_client: Client) -> None:
    partnership = PartnershipFactory.create()
    superuser_client.post(
        reverse("admin:organisations_partnership_changelist"),
        {"action": "move_to_under_review", "_selected_action": [partnership.pk]},
    )
    partnership.refresh_from_db()
    assert partnership.status == Partnership.Status.UNDER_REVIEW
    assert partnership.events.get().to_status == "under_review"


def test_back_office_lists_load(superuser_client: Client) -> None:
    for name in ["organisation", "partnership", "network", "membership", "invitation"]:
        url = reverse(f"admin:organisations_{name}_changelist")
        assert superuser_client.get(url).status_code == 200
