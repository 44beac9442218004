"""The demo events: several types, languages and regions; loading twice changes nothing."""

import pytest

from praxis.accounts.tests.factories import UserFactory
from praxis.demo.events import load_events
from praxis.events.models import Event, Registration, Session

pytestmark = pytest.mark.django_db


def test_demo_events_load_once_in_several_languages_and_regions() -> None:
    for email in ("amina@praxis.example", "marie@praxis.example", "grace@praxis.example"):
        UserFactory.create(email=email)
    UserFactory.create(is_staff=True)
    assert load_events()["events"] == 5
    assert load_events()["events"] == 0
    assert set(Event.objects.values_list("language", flat=True)) == {
        "en",
        "es",
        "ar",
        "fr",
        "zh-hans",
    }
    assert set(Event.objects.values_list("type", flat=True)) >= {
        "conference",
        "webinar",
        "workshop",
        "exhibition",
    }
    conference = Event.objects.get(type="conference")
    assert (conference.ends_at - conference.starts_at).days == 2
    assert Session.objects.filter(event=conference).count() == 30
    workshop = Event.objects.get(type="workshop")
    assert workshop.registrations.filter(status=Registration.Status.WAITLISTED).count() == 1
