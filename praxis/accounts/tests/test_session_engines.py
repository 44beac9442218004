"""The session engines read a session's row with their own SQL: what Django's stores honour, they
honour, and nothing more."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import Settings as SettingsWrapper

from praxis.accounts.models import User
from praxis.accounts.session_engines import cached_db, db
from praxis.accounts.tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

ENGINES = ["praxis.accounts.session_engines.db", "praxis.accounts.session_engines.cached_db"]


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest, settings: SettingsWrapper) -> str:
    settings.SESSION_ENGINE = request.param
    return str(request.param)


def signed_in(person: User) -> Client:
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"email": person.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    return client


def test_a_signed_in_person_is_known_on_their_next_page(engine: str, person: User) -> None:
    response = signed_in(person).get(reverse("catalog:my_learning"))
    assert response.status_code == 200
    assert response.context["user"] == person


def test_an_expired_session_signs_nobody_in(engine: str, person: User) -> None:
    client = signed_in(person)
    key = client.cookies["sessionid"].value
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    # The cached store reads the database once the cache no longer holds the session.
    caches[settings.SESSION_CACHE_ALIAS].delete(cached_db.SessionStore(key).cache_key)
    response = client.get(reverse("catalog:my_learning"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("store", [db.SessionStore, cached_db.SessionStore])
def test_a_key_the_store_does_not_hold_is_not_taken_over(store: type[db.SessionStore]) -> None:
    offered = "a" * 32
    session = store(offered)
    assert session.load() == {}
    session["seen"] = True
    session.save()
    assert session.session_key != offered
    assert not Session.objects.filter(session_key=offered).exists()
    assert store(session.session_key).load() == {"seen": True}


@pytest.mark.parametrize(
    "cookie", ["", "short", "' OR '1'='1", "x" * 5000, "a" * 31 + "\u00e9", "%00" * 20]
)
def test_a_malformed_session_cookie_signs_nobody_in_and_stores_nothing(
    engine: str, person: User, cookie: str
) -> None:
    signed_in(person)  # a real session exists beside it
    stored = Session.objects.count()
    client = Client()
    client.cookies["sessionid"] = cookie
    response = client.get(reverse("catalog:my_learning"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert Session.objects.count() == stored
