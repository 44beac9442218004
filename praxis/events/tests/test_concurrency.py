"""Under concurrent registrations there is never overbooking.

Fifty threads, each with its own database connection, register at the same instant for ten
places. On PostgreSQL they share the test database and its row locks. On SQLite the in-memory
test database cannot show what concurrent connections do, so the test copies it to a file and
every thread opens that file as `make run` opens var/praxis.sqlite3 (WAL, BEGIN IMMEDIATE)."""

from __future__ import annotations

import copy
import sqlite3
import threading
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections

from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.core.errors import PraxisError
from praxis.events import services
from praxis.events.models import Event, Registration, Room, Venue
from praxis.events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db(transaction=True)

PEOPLE = 50
PLACES = 10


Runner = Callable[[Callable[[], Any]], Any]


@pytest.fixture
def own_connections(tmp_path: Path) -> Callable[[], Runner]:
    """Call it once the data is in place: it gives a runner that calls a function in the
    current thread with a connection of its own to the database under test (on SQLite, a file
    copy of it made at that moment), closed afterwards."""

    def connect() -> Runner:
        settings: dict[str, Any] | None = None
        wrapper_class = type(connections[DEFAULT_DB_ALIAS])
        if connection.vendor == "sqlite":
            path = tmp_path / "concurrency.sqlite3"
            connection.ensure_connection()
            target = sqlite3.connect(path)
            connection.connection.backup(target)
            # In WAL mode before any thread opens it, as var/praxis.sqlite3 is: otherwise the
            # first of fifty connections opened at once converts a rollback-journal file while
            # the others read it.
            target.execute("PRAGMA journal_mode=WAL")
            target.close()
            settings = copy.deepcopy(connection.settings_dict)
            settings["NAME"] = str(path)
            # The site's own settings, but a patient busy timeout: this machine may be slow, and
            # a writer giving up its wait is not what is tested here.
            settings["OPTIONS"]["init_command"] += " PRAGMA busy_timeout=120000;"

        def run(function: Callable[[], Any]) -> Any:
            if settings is not None:
                connections[DEFAULT_DB_ALIAS] = wrapper_class(settings, DEFAULT_DB_ALIAS)
            try:
                return function()
            finally:
                connections.close_all()

        return run

    return connect


def test_fifty_people_registering_at_once_for_ten_places_never_overbook(
    own_connections: Callable[[], Runner],
) -> None:
    event = EventFactory.create(capacity=PLACES, waitlist=False)
    people = [UserFactory.create() for _ in range(PEOPLE)]
    run = own_connections()
    start = threading.Barrier(PEOPLE)
    outcomes: list[str] = []
    lock = threading.Lock()

    def register(person: User) -> str:
        start.wait()
        try:
            services.register(person, event)
            return "registered"
        except PraxisError as error:
            return str(error.code)

    def attempt(person: User) -> None:
        try:
            result = run(lambda: register(person))
        except Exception as error:  # any other failure is an outcome to report
            result = repr(error)
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(set(outcomes)) == ["event_full", "registered"], outcomes
    assert outcomes.count("registered") == PLACES
    assert outcomes.count("event_full") == PEOPLE - PLACES

    def confirmed() -> int:
        return Registration.objects.filter(event=event, status="confirmed").count()

    counted: list[int] = []
    counter = threading.Thread(target=lambda: counted.append(run(confirmed)))
    counter.start()
    counter.join()
    assert counted == [PLACES]


def test_waiting_list_takes_everyone_beyond_capacity_in_order() -> None:
    event = EventFactory.create(capacity=2)
    statuses = [services.register(UserFactory.create(), event).status for _ in range(4)]
    assert statuses == ["confirmed", "confirmed", "waitlisted", "waitlisted"]


def test_organisers_of_ten_events_booking_one_venue_room_at_once_get_it_once(
    own_connections: Callable[[], Runner],
) -> None:
    venue = Venue.objects.create(name="Geneva conference centre")
    room = Room.objects.create(venue=venue, name="Hall 1")
    staff = UserFactory.create(is_staff=True)
    first = EventFactory.create(place=venue)
    events = [
        first,
        *(EventFactory.create(place=venue, starts_at=first.starts_at) for _ in range(9)),
    ]
    run = own_connections()
    start = threading.Barrier(len(events))
    outcomes: list[str] = []
    lock = threading.Lock()

    def book(event: Event) -> str:
        start.wait()
        try:
            services.save_session(
                event,
                by=staff,
                title="Plenary",
                starts_at=event.starts_at,
                ends_at=event.starts_at + timedelta(hours=1),
                room=room,
            )
            return "booked"
        except PraxisError as error:
            return str(error.code)

    def attempt(event: Event) -> None:
        try:
            result = run(lambda: book(event))
        except Exception as error:  # any other failure is an outcome to report
            result = repr(error)
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(event,)) for event in events]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["booked"] + ["room_double_booked"] * 9, outcomes
