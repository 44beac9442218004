"""Events for benchmarks: trainings, workshops, seminars, webinars and conferences in the six UN
languages, past and to come, with their sessions and the bench learners' registrations.

Titles and summaries are the demo courses' own, in each course's language, so the event list
and the search read like a real calendar. Rows are written in bulk, bypassing the services (no
e-mails, no xAPI statements), but keep their invariants: one live registration per person and
event, confirmed places within the capacity and the rest on the waiting list in order, sessions
inside their event's days, an event's end after its start.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from praxis.accounts.models import User
from praxis.demo.bench_data import BATCH, LEARNER_DOMAIN, analyze
from praxis.demo.content import THEMES
from praxis.events.models import Event, Registration, Session
from praxis.reference.models import WhoRegion

EVENT_PREFIX = "bench-event-"
# The kinds of event, how often each is held, and how many sessions it has (fewest, most).
KINDS = (
    (Event.Type.WEBINAR, 35, (1, 1)),
    (Event.Type.SEMINAR, 20, (1, 3)),
    (Event.Type.WORKSHOP, 20, (2, 6)),
    (Event.Type.TRAINING, 15, (3, 10)),
    (Event.Type.CONFERENCE, 8, (8, 40)),
    (Event.Type.EXHIBITION, 2, (1, 4)),
)
# Registrations per event: most events are small, a few draw hundreds.
MOST_REGISTRANTS = 400
ZONES = {
    "ar": "Africa/Cairo",
    "en": "Africa/Nairobi",
    "es": "America/Bogota",
    "fr": "Africa/Dakar",
    "ru": "Europe/Moscow",
    "zh-hans": "Asia/Shanghai",
}


def create_event_data(
    *, events: int, seed: int = 2026, report: Callable[[str], None] = lambda line: None
) -> Counter[str]:
    """Add `events` events with sessions and registrations of the bench learners; return the
    counts created. Nothing is added when bench events exist already."""
    if events <= 0 or Event.objects.filter(slug__startswith=EVENT_PREFIX).exists():
        return Counter()
    rng = random.Random(seed)  # noqa: S311 — reproducible sample data, not secrets
    started = time.monotonic()
    created = _create(events, rng)
    report(f"events, sessions and registrations: {time.monotonic() - started:.1f} s")
    return created


@transaction.atomic
def _create(count: int, rng: random.Random) -> Counter[str]:
    texts = [
        (language, course)
        for theme in THEMES
        if not theme.draft
        for language, course in theme.courses.items()
    ]
    kinds = [kind for kind, _weight, _sessions in KINDS]
    weights = [weight for _kind, weight, _sessions in KINDS]
    sizes = {kind: sessions for kind, _weight, sessions in KINDS}
    regions = list(WhoRegion.values)
    formats = list(Event.Format.values)
    today = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    events: list[Event] = []
    for number in range(count):
        language, course = rng.choice(texts)
        kind = rng.choices(kinds, weights)[0]
        days = 1 if sizes[kind][1] <= 6 else rng.randint(2, 4)
        # A third in the past year, the rest in the coming year.
        offset = rng.randint(-365, -1) if rng.random() < 0.33 else rng.randint(1, 365)
        starts = today + timedelta(days=offset, hours=rng.randint(6, 14))
        events.append(
            Event(
                slug=f"{EVENT_PREFIX}{number:05d}",
                title=f"{course.title} · {Event.Type(kind).label}"[:200],
                summary=course.summary,
                type=kind,
                format=rng.choice(formats),
                status=Event.Status.CANCELLED if rng.random() < 0.03 else Event.Status.PUBLISHED,
                language=language,
                region=rng.choice(regions),
                time_zone=ZONES.get(language, "UTC"),
                starts_at=starts,
                ends_at=starts + timedelta(days=days - 1, hours=rng.randint(2, 8)),
                venue="" if rng.random() < 0.4 else "Conference centre",
                capacity=rng.choice([None, 30, 50, 100, 200, 500]),
            )
        )
    Event.objects.bulk_create(events, batch_size=BATCH)

    sessions: list[Session] = []
    for event in events:
        fewest, most = sizes[Event.Type(event.type)]
        length = (event.ends_at - event.starts_at) / rng.randint(fewest, most)
        begins = event.starts_at
        while begins + length <= event.ends_at and length >= timedelta(minutes=15):
            sessions.append(
                Session(
                    event=event,
                    title=f"{event.title[:200]} · {len(sessions) % 40 + 1}",
                    starts_at=begins,
                    ends_at=begins + length - timedelta(minutes=5),
                )
            )
            begins += length
    Session.objects.bulk_create(sessions, batch_size=BATCH)

    learners = list(
        User.objects.filter(email__endswith="@" + LEARNER_DOMAIN).values_list("id", flat=True)
    )
    registrations: list[Registration] = []
    now = timezone.now()
    for event in events:
        wanted = min(len(learners), int(rng.paretovariate(1.2) * 10) - 10)
        chosen = rng.sample(learners, k=max(0, min(wanted, MOST_REGISTRANTS)))
        confirmed = 0
        for place, person in enumerate(chosen):
            waitlisted = cancelled = None
            if rng.random() < 0.05:
                status, cancelled = Registration.Status.CANCELLED, now
            elif event.capacity is None or confirmed < event.capacity:
                status, confirmed = Registration.Status.CONFIRMED, confirmed + 1
            else:
                status, waitlisted = Registration.Status.WAITLISTED, now + timedelta(seconds=place)
            registrations.append(
                Registration(
                    event=event,
                    person_id=person,
                    status=status,
                    waitlisted_at=waitlisted,
                    cancelled_at=cancelled,
                )
            )
    Registration.objects.bulk_create(registrations, batch_size=BATCH)
    analyze("events_event", "events_session", "events_registration")
    return Counter(events=len(events), sessions=len(sessions), registrations=len(registrations))
