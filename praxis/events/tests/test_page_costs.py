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
    # 11: whether the viewer manages the event is one query on their memberships.
    with django_assert_num_queries(11):
        assert client.get(f"/events/{event.slug}/").status_code == 200


def test_timetable_takes_the_same_queries_for_many_sessions(
    client: Client, event: Event, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    SessionFactory.create(event=event)
    with django_assert_num_queries(4):  # event, sessions, speakers, materials
        client.get(f"/events/{event.slug}/timetable/")
    SessionFactory.create_batch(20, event=event)
    with django_assert_num_queries(4):
        assert client.get(f"/events/{event.slug}/timetable/").status_code == 200
