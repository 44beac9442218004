"""Benchmarks for events.

`python bench/events.py seed` adds to the database named by DATABASE_URL a three-day conference
("bench-conference") with 3 tracks, 8 rooms, 40 speakers and 200 sessions, whose timetable page
bench/run.py then measures with wrk like the other pages.

`python bench/events.py registrations` measures registrations per second under
BENCH_CLIENTS (8) concurrent clients, each a process with its own database connection, against
a throwaway test database (test_<name> on PostgreSQL; a temporary SQLite file otherwise, where
writers take turns). BENCH_REGISTRANTS (800) people register for an event of BENCH_PLACES (200)
places with a waiting list; each registration is the real service (row lock, answers, xAPI
statement, e-mail after commit to an in-memory outbox). It then counts confirmed places: any
number above the capacity is overbooking and is reported as such. Nothing passes or fails on
time.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "praxis.settings")
# Confirmation e-mails go to an in-memory outbox, not the console.
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"

import django  # noqa: E402  # django.setup() must run first

django.setup()

from django.db import connection, connections  # noqa: E402  # django.setup() must run first
from django.test.utils import setup_test_environment  # noqa: E402  # django.setup() must run first
from django.utils import timezone  # noqa: E402  # django.setup() must run first

from praxis.accounts.models import User  # noqa: E402  # django.setup() must run first
from praxis.events import services  # noqa: E402  # django.setup() must run first
from praxis.events.models import (  # noqa: E402  # django.setup() must run first
    Event,
    Question,
    Registration,
    Room,
    Session,
    Speaker,
    Track,
)

CLIENTS = int(os.environ.get("BENCH_CLIENTS", "8"))
REGISTRANTS = int(os.environ.get("BENCH_REGISTRANTS", "800"))
PLACES = int(os.environ.get("BENCH_PLACES", "200"))
CONFERENCE = "bench-conference"
SESSIONS = 200


def seed() -> None:
    """The three-day conference with 200 sessions (made anew each time)."""
    Event.objects.filter(slug=CONFERENCE).delete()
    start = (timezone.now() + timedelta(days=30)).replace(hour=6, minute=0, second=0, microsecond=0)
    event = Event.objects.create(
        slug=CONFERENCE,
        title="Benchmark conference on the health workforce",
        summary="Three days, three tracks, eight rooms, two hundred sessions.",
        type=Event.Type.CONFERENCE,
        format=Event.Format.HYBRID,
        status=Event.Status.PUBLISHED,
        language="en",
        region="EUR",
        time_zone="Europe/Zurich",
        starts_at=start,
        ends_at=start + timedelta(days=2, hours=12),
        venue="Geneva",
    )
    tracks = [
        Track.objects.create(event=event, name=f"Track {n + 1}", position=n) for n in range(3)
    ]
    rooms = [Room.objects.create(event=event, name=f"Room {n + 1}", position=n) for n in range(8)]
    speakers = Speaker.objects.bulk_create(
        Speaker(event=event, name=f"Speaker {n + 1}", organisation_name="Institute")
        for n in range(40)
    )
    sessions = []
    # 3 days × 9 slots × 8 rooms = 216 places for 200 sessions.
    for index in range(SESSIONS):
        day, rest = divmod(index, 9 * len(rooms))
        slot, room = divmod(rest, len(rooms))
        begins = start + timedelta(days=day, hours=slot)
        sessions.append(
            Session(
                event=event,
                title=f"Session {index + 1}: findings from the field",
                track=tracks[index % len(tracks)],
                room=rooms[room],
                starts_at=begins,
                ends_at=begins + timedelta(minutes=50),
            )
        )
    sessions = Session.objects.bulk_create(sessions)
    links = Session.speakers.through
    links.objects.bulk_create(
        links(session_id=session.pk, speaker_id=speakers[(i + k) % len(speakers)].pk)
        for i, session in enumerate(sessions)
        for k in range(2)
    )
    print(f"seeded /events/{CONFERENCE}/timetable/ with {len(sessions)} sessions")


def registrations() -> None:
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        # Threads need a database file they can all open, not a private in-memory one.
        folder = tempfile.mkdtemp()
        connection.settings_dict["TEST"]["NAME"] = str(Path(folder) / "events-bench.sqlite3")
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        measure()
    finally:
        connections.close_all()
        connection.creation.destroy_test_db(old_name, verbosity=0)


def measure() -> None:
    event = Event.objects.create(
        slug="bench-registrations",
        title="Benchmark workshop",
        summary="Registration under load.",
        type=Event.Type.WORKSHOP,
        format=Event.Format.IN_PERSON,
        status=Event.Status.PUBLISHED,
        language="en",
        starts_at=timezone.now() + timedelta(days=7),
        ends_at=timezone.now() + timedelta(days=7, hours=8),
        capacity=PLACES,
        waitlist=True,
    )
    question = Question.objects.create(event=event, label="Role", required=True)
    people = User.objects.bulk_create(
        User(email=f"registrant{n}@bench.example", full_name=f"Registrant {n}")
        for n in range(REGISTRANTS)
    )
    people = list(User.objects.filter(email__endswith="@bench.example").order_by("pk"))
    # One registration first, untimed, so that imports and caches are warm.
    services.register(people.pop(), event, {str(question.pk): "Nurse"})
    shares = [[person.pk for person in people[n::CLIENTS]] for n in range(CLIENTS)]
    failures: multiprocessing.Queue[str] = multiprocessing.get_context("fork").Queue()
    start = multiprocessing.get_context("fork").Barrier(CLIENTS + 1)
    connections.close_all()  # each client process opens its own connection

    def client(share: list[int]) -> None:
        start.wait()
        try:
            for person in User.objects.filter(pk__in=share):
                services.register(person, event, {str(question.pk): "Nurse"})
        except Exception as error:
            failures.put(repr(error))
        finally:
            connections.close_all()

    processes = [
        multiprocessing.get_context("fork").Process(target=client, args=(share,))
        for share in shares
    ]
    for process in processes:
        process.start()
    start.wait()
    began = time.perf_counter()
    for process in processes:
        process.join()
    elapsed = time.perf_counter() - began
    confirmed = Registration.objects.filter(event=event, status="confirmed").count()
    waiting = Registration.objects.filter(event=event, status="waitlisted").count()
    done = confirmed + waiting - 1  # less the untimed first one
    print(f"registrations ({connection.vendor}, {CLIENTS} concurrent client processes)")
    print(f"  {done / elapsed:8.1f} registrations/s ({done} in {elapsed:.1f} s)")
    print(
        f"  {confirmed} confirmed for {PLACES} places, {waiting} waiting, "
        f"overbooked: {max(0, confirmed - PLACES)}"
    )
    if not failures.empty():
        print(f"  a client failed: {failures.get()}")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "registrations"
    {"seed": seed, "registrations": registrations}[command]()
