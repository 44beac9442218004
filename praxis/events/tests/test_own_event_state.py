"""A signed-in reader's event page: what every reader sees is rendered once, and each reader's
own state (their registration or place on the waiting list, their attendance and certificate,
their links as organiser or reviewer) is read in one statement and shown to them alone."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.core.timezones import VIEWER_ZONE_COOKIE
from praxis.events import services
from praxis.events.models import Event, Registration
from praxis.events.tests.factories import EventFactory, RegistrationFactory, TrackFactory
from praxis.events.tickets import ticket_code
from praxis.organisations.models import Role
from praxis.organisations.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

# What only some readers may see, each of their own.
TICKET = "Your ticket"
WAITING = "You leave the waiting list and lose your turn on it."
MANAGING = "Check people in"
ALL_REVIEWS = "Abstracts and reviews"
REVIEWING = "Review abstracts"
CANCELLING = "Cancel my registration"
OWN = (TICKET, WAITING, MANAGING, ALL_REVIEWS, REVIEWING, CANCELLING)


def client_of(person: User) -> Client:
    client = Client()
    client.force_login(person)
    return client


def page(client: Client, event: Event) -> str:
    return re.sub(r"\s+", " ", client.get(f"/events/{event.slug}/").content.decode())


def test_a_registrants_page_reads_their_own_state_in_one_query(
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    registration = RegistrationFactory.create(event=EventFactory.create(running=True))
    client = client_of(registration.person)
    page(client, registration.event)
    # The session, the person, and their registration with whether they manage the event.
    with django_assert_num_queries(3):
        shown = page(client, registration.event)
    assert TICKET in shown and CANCELLING in shown


def test_an_attendees_certificate_and_credits_come_with_their_registration(
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    event = EventFactory.create(cpd_credits=6, running=True)
    registration = RegistrationFactory.create(event=event)
    services.check_in(ticket_code(registration), event, by=UserFactory.create(is_staff=True))
    client = client_of(registration.person)
    page(client, event)
    with django_assert_num_queries(3):
        shown = page(client, event)
    assert "Your attendance is recorded. You earned 6.00 CPD credits." in shown
    assert "Your certificate of attendance" in shown
    # Nobody else is shown their certificate, nor that they attended.
    other = page(client_of(UserFactory.create()), event)
    assert "Your certificate of attendance" not in other and "attendance is recorded" not in other


def test_each_reader_sees_only_their_own_state_whoever_read_the_page_first() -> None:
    organiser = OrganisationFactory.create()
    event = EventFactory.create(capacity=1, waitlist=True, organiser=organiser)
    registrant, waiting, stranger = UserFactory.create_batch(3)
    services.register(registrant, event)
    assert services.register(waiting, event).status == Registration.Status.WAITLISTED
    manager = MembershipFactory.create(organisation=organiser, role=Role.ADMIN).user
    reviewer = UserFactory.create()
    TrackFactory.create(event=event).reviewers.add(reviewer)
    expected = {
        registrant: {TICKET, CANCELLING},
        waiting: {WAITING, CANCELLING},
        manager: {MANAGING, ALL_REVIEWS},
        reviewer: {REVIEWING},
        stranger: set(),
    }
    readers = list(expected)
    for order in (readers, readers[::-1]):
        for person in order:
            shown = page(client_of(person), event)
            assert {own for own in OWN if own in shown} == expected[person], person


def test_each_reader_sees_the_times_in_their_own_zone() -> None:
    event = EventFactory.create()
    readers = {"Asia/Tokyo": UserFactory.create(), "America/Lima": UserFactory.create()}
    for zone, person in [*readers.items(), *readers.items()]:
        client = client_of(person)
        client.cookies[VIEWER_ZONE_COOKIE] = zone
        shown = page(client, event)
        assert f'<option selected value="{zone}">' in shown
        assert f'<span class="muted">({zone})</span>' in shown


def test_a_signed_in_person_asks_once_whether_they_manage_events(
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    EventFactory.create(title="Triage in emergencies")
    client = client_of(UserFactory.create())
    client.get("/events/")
    # The session, the person, and whether they manage any event (then they may create one).
    with django_assert_num_queries(3):
        shown = client.get("/events/").content.decode()
    assert "Triage in emergencies" in shown and "Create an event" not in shown
