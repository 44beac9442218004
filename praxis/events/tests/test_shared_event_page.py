"""An event's page rendered once for every visitor without a session: current after every change
of what it shows (places taken, the event, its organisers, topics and exhibitors), and never
anybody's own registration."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from praxis.accounts.tests.factories import UserFactory
from praxis.catalog.tests.factories import TopicFactory
from praxis.core.fragments import CSRF_PLACEHOLDER
from praxis.core.timezones import VIEWER_ZONE_COOKIE
from praxis.events import services
from praxis.events.models import Event, Exhibitor, Question
from praxis.events.tests.factories import EventFactory
from praxis.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def page(client: Client, event: Event) -> str:
    return re.sub(r"\s+", " ", client.get(f"/events/{event.slug}/").content.decode())


@pytest.fixture
def event() -> Event:
    return EventFactory.create(title="Triage in emergencies", capacity=3, waitlist=True)


def test_a_second_visitor_gets_the_page_without_a_query(
    event: Event, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    first = page(Client(), event)
    # The event at its address, its places taken and the page are all kept.
    with django_assert_num_queries(0):
        second = page(Client(), event)
    assert "Triage in emergencies" in second
    assert "3 places left" in first and "3 places left" in second


def test_places_left_and_the_waiting_list_show_at_once(event: Event) -> None:
    assert "3 places left" in page(Client(), event)
    people = UserFactory.create_batch(4)
    services.register(people[0], event)
    assert "2 places left" in page(Client(), event)
    for person in people[1:]:
        services.register(person, event)
    shown = page(Client(), event)
    assert "0 places left · 1 waiting" in shown
    assert "Join the waiting list" in shown
    services.cancel_registration(people[0], event)
    # The first on the waiting list takes the place: still none left, nobody waiting.
    shown = page(Client(), event)
    assert "0 places left" in shown and "waiting" not in shown.split("places left")[1][:20]


def reader(kind: str) -> Client:
    """A visitor without a session, or a person signed in (whose page reads the event's
    organisers, topics, tracks and exhibitors from what is kept per version of the event)."""
    client = Client()
    if kind == "signed in":
        client.force_login(UserFactory.create())
    return client


@pytest.mark.parametrize("kind", ["visitor", "signed in"])
def test_the_event_its_organisers_topics_and_exhibitors_show_at_once(
    event: Event, kind: str
) -> None:
    def seen(event: Event) -> str:
        return page(reader(kind), event)

    seen(event)
    event.title = "Triage in mass casualty events"
    event.save()
    assert "Triage in mass casualty events" in seen(event)
    partner = OrganisationFactory.create(name="Nairobi School of Nursing")
    event.co_organisers.add(partner)
    assert "Nairobi School of Nursing" in seen(event)
    partner.name = "Nairobi College of Nursing"
    partner.save()
    assert "Nairobi College of Nursing" in seen(event)
    topic = TopicFactory.create(slug="emergencies", names={"en": "Emergencies"})
    event.topics.add(topic)
    assert "Emergencies" in seen(event)
    topic.names = {"en": "Emergency care"}
    topic.save()
    assert "Emergency care" in seen(event)
    assert "Exhibition" not in seen(event)
    Exhibitor.objects.create(event=event, organisation=partner, booth="A1")
    assert "Exhibition" in seen(event)
    Question.objects.create(event=event, label="Your facility", kind=Question.Kind.TEXT)
    assert "Your facility" in seen(event)


def test_an_event_withdrawn_or_moved_is_gone_from_its_address_at_once(event: Event) -> None:
    assert Client().get(f"/events/{event.slug}/").status_code == 200
    old_address = event.slug
    event.slug = "triage-2027"
    event.save()
    assert Client().get(f"/events/{old_address}/").status_code == 404
    assert "Triage in emergencies" in page(Client(), event)
    event.status = Event.Status.DRAFT
    event.save()
    assert Client().get(f"/events/{event.slug}/").status_code == 404
    assert Client().get(f"/events/{event.slug}/timetable/").status_code == 404


def test_the_organisers_new_name_shows_at_once(event: Event) -> None:
    organiser = OrganisationFactory.create(name="Kenyatta National Hospital")
    event.organiser = organiser
    event.save()
    assert "Kenyatta National Hospital" in page(Client(), event)
    organiser.name = "Aga Khan University Hospital"
    organiser.save()
    assert "Aga Khan University Hospital" in page(Client(), event)


def test_a_registration_removed_with_its_person_frees_the_place_at_once(event: Event) -> None:
    person = UserFactory.create()
    services.register(person, event)
    assert "2 places left" in page(Client(), event)
    person.delete()  # the registration goes with its person, through the cascade
    assert "3 places left" in page(Client(), event)


def test_a_registrant_sees_their_ticket_and_a_visitor_after_them_does_not(event: Event) -> None:
    visitor_before = page(Client(), event)
    person = UserFactory.create()
    services.register(person, event)
    own = Client()
    own.force_login(person)
    mine = page(own, event)
    assert "Your ticket" in mine and "Cancel my registration" in mine
    visitor_after = page(Client(), event)
    for shown in (visitor_before, visitor_after):
        assert "Your ticket" not in shown
        assert "You will be asked to log in or sign up first." in shown
    assert "You will be asked to log in or sign up first." not in mine


def test_each_visitor_gets_their_own_csrf_token(event: Event) -> None:
    tokens = []
    for _visitor in range(2):
        visitor = Client(enforce_csrf_checks=True)
        response = visitor.get(f"/events/{event.slug}/")
        body = response.content.decode()
        assert CSRF_PLACEHOLDER not in body
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        assert token is not None and "csrftoken" in response.cookies
        tokens.append(token.group(1))
        assert "Cookie" in response.headers["Vary"]
    assert tokens[0] != tokens[1]


def test_a_visitor_in_a_zone_of_their_own_gets_their_own_times(event: Event) -> None:
    page(Client(), event)
    visitor = Client()
    visitor.cookies[VIEWER_ZONE_COOKIE] = "Asia/Tokyo"
    assert "(Asia/Tokyo)" in page(visitor, event)
    assert "(Asia/Tokyo)" not in page(Client(), event)
    assert f"({event.time_zone})" in page(Client(), event)


def test_each_registrant_sees_their_own_answers_and_a_change_at_once() -> None:
    event = EventFactory.create(title="Triage in emergencies")
    job = Question.objects.create(event=event, position=1, label="Job", kind=Question.Kind.TEXT)
    first, second = UserFactory.create_batch(2)
    services.register(first, event, {job.field_name: "Nurse"})
    services.register(second, event, {job.field_name: "Midwife"})
    readers = {}
    for person in (first, second):
        readers[person] = Client()
        readers[person].force_login(person)
    for _ in range(2):
        assert "Nurse</textarea>" in page(readers[first], event)
        assert "Midwife</textarea>" not in page(readers[first], event)
        assert "Midwife</textarea>" in page(readers[second], event)
    services.update_answers(first, event, {job.field_name: "Paramedic"})
    assert "Paramedic</textarea>" in page(readers[first], event)
    job.label = "Profession"
    job.save()
    assert "Profession" in page(readers[first], event)
    assert "Save my answers" in page(readers[second], event)
    # An event asking nothing has no answers to save.
    quiet = EventFactory.create(title="Open day")
    services.register(first, quiet)
    shown = page(readers[first], quiet)
    assert "Cancel my registration" in shown and "Save my answers" not in shown
