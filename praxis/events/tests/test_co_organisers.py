"""Partner co-organisers manage the events their organisation (co-)organises, through the
`manage_event` rule: its admins run the programme, registrants and check-in as staff do; its
other members, and another organisation's admins, do not."""

import pytest
from django.test import Client

from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.core.errors import PermissionDenied
from praxis.events import queries, services
from praxis.events.models import Event
from praxis.events.permissions import manage_event, view_event
from praxis.events.tests.factories import EventFactory, RegistrationFactory
from praxis.organisations.models import Membership, Organisation, Role
from praxis.organisations.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner() -> Organisation:
    return OrganisationFactory.create(name="Makerere School of Public Health")


@pytest.fixture
def event(partner: Organisation) -> Event:
    event = EventFactory.create(running=True)
    event.co_organisers.add(partner)
    return event


def admin_of(organisation: Organisation, role: str = Role.ADMIN) -> User:
    return MembershipFactory.create(organisation=organisation, role=role).user


def test_an_admin_of_a_co_organiser_manages_the_event(partner: Organisation, event: Event) -> None:
    admin = admin_of(partner)
    assert manage_event.allows(admin, event)
    assert event in manage_event.filter(admin, Event.objects.all())
    registration = RegistrationFactory.create(event=event)
    attendance = services.check_in_registration(registration.uuid, event, by=admin)
    assert attendance.recorded_by == admin


def test_an_admin_of_the_organiser_manages_the_event(partner: Organisation) -> None:
    event = EventFactory.create(organiser=partner)
    assert manage_event.allows(admin_of(partner), event)


def test_an_admin_of_another_organisation_does_not(event: Event) -> None:
    stranger = admin_of(OrganisationFactory.create(name="Other university"))
    assert not manage_event.allows(stranger, event)
    assert event not in manage_event.filter(stranger, Event.objects.all())
    registration = RegistrationFactory.create(event=event)
    with pytest.raises(PermissionDenied):
        services.check_in_registration(registration.uuid, event, by=stranger)
    with pytest.raises(PermissionDenied):
        services.message_registrants(event, by=stranger, subject="Hi", body="Hello")


@pytest.mark.parametrize("role", [Role.MEMBER, Role.AUTHOR, Role.REVIEWER])
def test_other_roles_of_the_co_organiser_do_not(
    partner: Organisation, event: Event, role: str
) -> None:
    assert not manage_event.allows(admin_of(partner, role), event)


def test_an_admin_whose_membership_is_not_active_does_not(
    partner: Organisation, event: Event
) -> None:
    membership = MembershipFactory.create(
        organisation=partner, role=Role.ADMIN, status=Membership.Status.REQUESTED
    )
    assert not manage_event.allows(membership.user, event)


def test_co_organisers_see_their_draft_others_do_not(partner: Organisation) -> None:
    draft = EventFactory.create(status=Event.Status.DRAFT)
    draft.co_organisers.add(partner)
    admin, stranger = admin_of(partner), admin_of(OrganisationFactory.create())
    assert view_event.allows(admin, draft)
    assert draft in view_event.filter(admin, Event.objects.all())
    assert not view_event.allows(stranger, draft)
    assert draft not in view_event.filter(stranger, Event.objects.all())


def test_co_organiser_pages_open_to_the_partner_admin_only(
    client: Client, partner: Organisation, event: Event
) -> None:
    RegistrationFactory.create(event=event, person=UserFactory.create(full_name="Amina Yusuf"))
    client.force_login(admin_of(partner))
    page = client.get(f"/events/{event.slug}/registrants/").content.decode()
    assert "Amina Yusuf" in page
    assert "Registrants, CSV and badges" in client.get(f"/events/{event.slug}/").content.decode()
    client.force_login(admin_of(OrganisationFactory.create()))
    assert client.get(f"/events/{event.slug}/registrants/").status_code == 403
    assert client.get(f"/events/{event.slug}/check-in/").status_code == 403


def test_the_partner_admin_is_offered_the_events_to_run(
    partner: Organisation, event: Event
) -> None:
    assert queries.events_to_run(admin_of(partner)) == [event]
    assert queries.events_to_run(admin_of(OrganisationFactory.create())) == []
    assert queries.events_to_run(UserFactory.create()) == []


def test_a_drafts_page_opens_to_its_organisers_whoever_asked_first(partner: Organisation) -> None:
    draft = EventFactory.create(status=Event.Status.DRAFT, title="Sepsis summit")
    draft.co_organisers.add(partner)
    organiser, stranger = Client(), Client()
    organiser.force_login(admin_of(partner))
    stranger.force_login(UserFactory.create())
    address = f"/events/{draft.slug}/"
    for _turn in range(2):
        assert stranger.get(address).status_code == 404
        assert Client().get(address).status_code == 404
        assert "Sepsis summit" in organiser.get(address).content.decode()
    draft.status = Event.Status.PUBLISHED
    draft.save()
    assert "Sepsis summit" in stranger.get(address).content.decode()
