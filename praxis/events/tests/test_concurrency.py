"""Under concurrent registrations there is never overbooking (PostgreSQL row locks)."""

import threading

import pytest
from django.db import connection, connections

from praxis.accounts.tests.factories import UserFactory
from praxis.core.errors import PraxisError
from praxis.events import services
from praxis.events.models import Registration
from praxis.events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db(transaction=True)

PEOPLE = 50
PLACES = 10


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks are PostgreSQL's; SQLite runs one writer at a time (DATABASE_URL decides)",
)
def test_fifty_people_registering_at_once_for_ten_places_never_overbook():
    event = EventFactory(capacity=PLACES, waitlist=False)
    people = [UserFactory() for _ in range(PEOPLE)]
    start = threading.Barrier(PEOPLE)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(person):
        try:
            start.wait()
            services.register(person, event)
            result = "registered"
        except PraxisError as error:
            result = str(error.code)
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("registered") == PLACES
    assert outcomes.count("event_full") == PEOPLE - PLACES
    assert Registration.objects.filter(event=event, status="confirmed").count() == PLACES


def test_waiting_list_takes_everyone_beyond_capacity_in_order():
    event = EventFactory(capacity=2)
    statuses = [services.register(UserFactory(), event).status for _ in range(4)]
    assert statuses == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
