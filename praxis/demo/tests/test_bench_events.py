"""bench_data --events: events with sessions and registrations that keep the services'
invariants, and that people find and open like any other event."""

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Q
from django.test import Client

from praxis.events.models import Event, Registration, Session

pytestmark = pytest.mark.django_db

EVENTS = 60


@pytest.fixture
def bench(capsys: pytest.CaptureFixture[str]) -> str:
    call_command("bench_data", courses=5, learners=300, events=EVENTS)
    return capsys.readouterr().out


def test_creates_the_events_asked_for_with_sessions(bench: str) -> None:
    events = Event.objects.filter(slug__startswith="bench-event-")
    assert events.count() == EVENTS
    assert f"{EVENTS} events" in bench
    assert not events.annotate(n=Count("sessions")).filter(n=0).exists()
    assert len(set(events.values_list("language", flat=True))) >= 4
    assert events.filter(starts_at__lt=Event.objects.latest("starts_at").starts_at).exists()


def test_sessions_lie_within_their_event(bench: str) -> None:
    for session in Session.objects.select_related("event"):
        assert session.event.starts_at <= session.starts_at < session.ends_at
        assert session.ends_at <= session.event.ends_at


def test_registrations_keep_within_capacity_one_live_per_person(bench: str) -> None:
    assert Registration.objects.filter(status=Registration.Status.CONFIRMED).exists()
    for event in Event.objects.filter(capacity__isnull=False):
        capacity = event.capacity or 0
        confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
        assert confirmed <= capacity
        if event.registrations.filter(status=Registration.Status.WAITLISTED).exists():
            assert confirmed == capacity
    live = ~Q(status__in=[Registration.Status.CANCELLED, Registration.Status.DECLINED])
    twice = (
        Registration.objects.filter(live)
        .values("event", "person")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert not twice.exists()


def test_a_visitor_opens_a_bench_event_and_its_timetable(bench: str) -> None:
    event = (
        Event.objects.filter(status=Event.Status.PUBLISHED)
        .annotate(n=Count("sessions"))
        .order_by("-n")
        .first()
    )
    assert event is not None
    page = Client().get(f"/events/{event.slug}/")
    assert page.status_code == 200
    assert event.title in page.content.decode()
    timetable = Client().get(f"/events/{event.slug}/timetable/").content.decode()
    assert all(session.title in timetable for session in event.sessions.all())


def test_running_again_adds_no_events(bench: str) -> None:
    call_command("bench_data", courses=0, learners=0, events=EVENTS)
    assert Event.objects.count() == EVENTS


def test_negative_events_are_refused() -> None:
    with pytest.raises(CommandError, match="must not be negative"):
        call_command("bench_data", events=-1)
    assert not Event.objects.exists()
