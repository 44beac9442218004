"""The event page and timetable: what they cost in queries, and the country list made once."""

import re

import pytest
from django.test import Client
from django.utils import translation
from pytest_django import DjangoAssertNumQueries

from praxis.accounts.tests.factories import UserFactory
from praxis.events import services
from praxis.events.models import Event, Question
from praxis.events.tests.factories import EventFactory, QuestionFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event() -> Event:
    event = EventFactory.create()
    QuestionFactory.create(event=event, label="Job", kind=Question.Kind.TEXT)
    QuestionFactory.create(event=event, label="Country", kind=Question.Kind.COUNTRY, required=True)
    return event


def country_select(page: str) -> str:
    match = re.search(
        r"<select[^>]*>(?:(?!</select>).)*<option[^>]*value=\"KE\".*?</select>", page, re.S
    )
    assert match, "the page has no country drop-down"
    return match.group(0)


def test_country_drop_down_names_countries_in_the_visitors_language(
    client: Client, event: Event
) -> None:
    english = country_select(client.get(f"/events/{event.slug}/").content.decode())
    french = country_select(
        client.get(f"/events/{event.slug}/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    )
    assert '<option value="DE">Germany</option>' in english
    assert '<option value="DE">Allemagne</option>' in french
    assert english.count("<option") == french.count("<option") > 240
    assert " required" in english and 'name="q' in english


def test_country_drop_down_selects_the_registrants_own_answer_only(
    client: Client, event: Event
) -> None:
    kenyan, german = UserFactory.create(), UserFactory.create()
    country = event.questions.get(label="Country").field_name
    services.register(kenyan, event, {country: "KE"})
    services.register(german, event, {country: "DE"})
    client.force_login(kenyan)
    mine = country_select(client.get(f"/events/{event.slug}/").content.decode())
    client.force_login(german)
    theirs = country_select(client.get(f"/events/{event.slug}/").content.decode())
    assert re.findall(r"<option[^>]*selected[^>]*>", mine) == ['<option selected value="KE">']
    assert re.findall(r"<option[^>]*selected[^>]*>", theirs) == ['<option selected value="DE">']


def test_country_names_are_escaped(client: Client, event: Event) -> None:
    with translation.override("en"):
        page = client.get(f"/events/{event.slug}/").content.decode()
    assert "Côte d&#x27;Ivoire" in page or "Côte d&#39;Ivoire" in page


def test_event_page_takes_a_fixed_number_of_queries(
    client: Client, event: Event, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    client.force_login(UserFactory.create())
    client.get(f"/events/{event.slug}/")
    # 3: the session, the person, and in one statement their registration (none) and whether
    # they manage the event (events.own_state). The published event at its address, the places
    # taken (per version of the registrations), the blank registration form with its questions,
    # and the event's organisers, topics, tracks and exhibitors, are kept from the first view.
    with django_assert_num_queries(3):
        assert client.get(f"/events/{event.slug}/").status_code == 200


def test_each_reader_gets_their_own_answers_or_the_blank_form_in_turn(
    client: Client, event: Event
) -> None:
    registered, newcomer = UserFactory.create(), UserFactory.create()
    country = event.questions.get(label="Country").field_name
    services.register(registered, event, {country: "KE"})
    url = f"/events/{event.slug}/"
    for _round in range(2):  # the second round is served from what the first one kept
        for reader in (newcomer, registered, None):
            if reader is None:
                client.logout()
            else:
                client.force_login(reader)
            page = client.get(url).content.decode()
            selected = re.findall(r"<option[^>]*selected[^>]*>", country_select(page))
            if reader is registered:
                assert selected == ['<option selected value="KE">']
                assert "Cancel my registration" in page
            else:
                assert selected == ['<option selected value="">']
                assert ">Register</button>" in page and "Cancel my registration" not in page


def test_a_question_added_changed_or_removed_shows_on_the_next_view(
    client: Client, event: Event
) -> None:
    url = f"/events/{event.slug}/"
    assert "Dietary needs" not in client.get(url).content.decode()
    added = QuestionFactory.create(event=event, label="Dietary needs", kind=Question.Kind.TEXT)
    assert "Dietary needs" in client.get(url).content.decode()
    added.label = "Allergies"
    added.save()
    page = client.get(url).content.decode()
    assert "Allergies" in page and "Dietary needs" not in page
    added.delete()
    assert "Allergies" not in client.get(url).content.decode()


def test_timetable_takes_the_same_queries_for_many_sessions(
    client: Client, event: Event, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    client.get(f"/events/{event.slug}/")  # the event at its address is kept from here on
    SessionFactory.create(event=event)
    with django_assert_num_queries(3):  # sessions, speakers, materials
        client.get(f"/events/{event.slug}/timetable/")
    SessionFactory.create_batch(20, event=event)
    with django_assert_num_queries(3):
        assert client.get(f"/events/{event.slug}/timetable/").status_code == 200
