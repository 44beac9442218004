"""Registrants as CSV and badges as PDF through the API, for those who manage the event (staff,
admins of a co-organising partner); the same filters as the registrants page."""

import csv
import io

import pytest

from conftest import SchemaCheckedClient
from praxis.accounts.tests.factories import UserFactory
from praxis.events.models import Event, Registration
from praxis.events.tests.factories import EventFactory, RegistrationFactory
from praxis.organisations.models import Role
from praxis.organisations.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event() -> Event:
    event = EventFactory.create(running=True)
    for name, status in (
        ("Amina Yusuf", Registration.Status.CONFIRMED),
        ("Bao Chen", Registration.Status.WAITLISTED),
        ("Carlos Ruiz", Registration.Status.CONFIRMED),
    ):
        RegistrationFactory.create(
            event=event, person=UserFactory.create(full_name=name), status=status
        )
    return event


def _rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_staff_download_the_registrants_filtered(
    api_client: SchemaCheckedClient, event: Event
) -> None:
    api_client.force_login(UserFactory.create(is_staff=True))
    response = api_client.get(f"/api/v1/events/{event.slug}/registrants.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "registrants.csv" in response["Content-Disposition"]
    names = sorted(row[0] for row in _rows(response.content)[1:])
    assert names == ["Amina Yusuf", "Bao Chen", "Carlos Ruiz"]
    waiting = api_client.get(
        f"/api/v1/events/{event.slug}/registrants.csv", {"status": "waitlisted"}
    )
    assert [row[0] for row in _rows(waiting.content)[1:]] == ["Bao Chen"]
    found = api_client.get(f"/api/v1/events/{event.slug}/registrants.csv", {"q": "carlos"})
    assert [row[0] for row in _rows(found.content)[1:]] == ["Carlos Ruiz"]


def test_a_co_organisers_admin_prints_the_badges(
    api_client: SchemaCheckedClient, event: Event
) -> None:
    partner = OrganisationFactory.create()
    event.co_organisers.add(partner)
    api_client.force_login(MembershipFactory.create(organisation=partner, role=Role.ADMIN).user)
    for layout in ("a4", "labels"):
        response = api_client.get(f"/api/v1/events/{event.slug}/badges.pdf", {"layout": layout})
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF-")
    csv_file = api_client.get(f"/api/v1/events/{event.slug}/registrants.csv")
    assert csv_file.status_code == 200


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("badges.pdf", {"layout": "poster"}),
        ("badges.pdf", {"attended": "maybe"}),
        ("badges.pdf", {"q": "x" * 201}),
        ("registrants.csv", {"status": "x" * 5000}),
        ("registrants.csv", {"attended": "1"}),
    ],
)
def test_bad_filters_are_400(
    api_client: SchemaCheckedClient, event: Event, path: str, query: dict[str, str]
) -> None:
    api_client.force_login(UserFactory.create(is_staff=True))
    response = api_client.get(f"/api/v1/events/{event.slug}/{path}", query)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_input"


@pytest.mark.parametrize("path", ["registrants.csv", "badges.pdf"])
def test_registrants_and_other_organisations_admins_get_403(
    api_client: SchemaCheckedClient, event: Event, path: str
) -> None:
    registrant = event.registrations.first()
    assert registrant is not None
    api_client.force_login(registrant.person)
    refused = api_client.get(f"/api/v1/events/{event.slug}/{path}")
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "permission_denied"
    event.co_organisers.add(OrganisationFactory.create())
    outsider = MembershipFactory.create(organisation=OrganisationFactory.create(), role=Role.ADMIN)
    api_client.force_login(outsider.user)
    assert api_client.get(f"/api/v1/events/{event.slug}/{path}").status_code == 403
    api_client.logout()
    assert api_client.get(f"/api/v1/events/{event.slug}/{path}").status_code == 401
    assert api_client.get(f"/api/v1/events/no-such-event/{path}").status_code == 401
