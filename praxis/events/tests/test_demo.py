"""The demo events: several types, languages and regions; loading twice changes nothing."""

import pytest
from django.utils import timezone

from praxis.accounts.tests.factories import UserFactory
from praxis.demo.events import load_events
from praxis.events.models import Event, Material, Registration, Session

pytestmark = pytest.mark.django_db


def test_demo_events_load_once_in_several_languages_and_regions() -> None:
    for email in ("amina@praxis.example", "marie@praxis.example", "grace@praxis.example"):
        UserFactory.create(email=email)
    UserFactory.create(email="staff@praxis.example", is_staff=True)
    assert load_events()["events"] == 6
    assert load_events()["events"] == 0
    assert set(Event.objects.values_list("language", flat=True)) == {
        "en",
        "es",
        "ar",
        "fr",
        "zh-Hans",
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
    # The conference books the rooms of its venue, and its plenaries have a video-call link.
    assert conference.place is not None
    assert set(conference.sessions.values_list("room__venue", flat=True)) == {conference.place.pk}
    assert conference.sessions.exclude(conference_url="").count() == 3
    # Last week's webinar offers its slides and recording.
    webinar = Event.objects.get(slug="hand-hygiene-refresher-webinar")
    assert webinar.ends_at < timezone.now()
    assert set(Material.objects.filter(session__event=webinar).values_list("kind", flat=True)) == {
        "slides",
        "recording",
    }
    workshop = Event.objects.get(type="workshop")
    assert workshop.registrations.filter(status=Registration.Status.WAITLISTED).count() == 1
