"""Factories for events and their parts."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import factory
from django.utils import timezone

from praxis.events.models import (
    Abstract,
    Event,
    Exhibitor,
    Question,
    Registration,
    Room,
    Session,
    Speaker,
    Track,
)


def nine_in_zurich(moment: datetime) -> datetime:
    """09:00 in Geneva's time zone on the day of `moment`: a day of programme that does not
    cross midnight, whenever the tests run."""
    day = moment.astimezone(ZoneInfo("Europe/Zurich")).date()
    return datetime.combine(day, time(9), tzinfo=ZoneInfo("Europe/Zurich")).astimezone(UTC)


class EventFactory(factory.django.DjangoModelFactory[Event]):
    """A published workshop a week from now, lasting a day, in Geneva's time zone."""

    class Meta:
        model = Event

    slug = factory.Sequence(lambda n: f"event-{n}")
    title = factory.Sequence(lambda n: f"Hand hygiene workshop {n}")
    summary = "Practise the five moments for hand hygiene."
    type = Event.Type.WORKSHOP
    format = Event.Format.IN_PERSON
    status = Event.Status.PUBLISHED
    language = "en"
    region = "EUR"
    time_zone = "Europe/Zurich"
    starts_at = factory.LazyFunction(lambda: nine_in_zurich(timezone.now() + timedelta(days=7)))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=8))
    venue = "Campus, room 1"

    class Params:
        # Under way: started half an hour ago, so people can check in and join online.
        running = factory.Trait(
            starts_at=factory.LazyFunction(
                lambda: (timezone.now() - timedelta(minutes=30)).replace(microsecond=0)
            )
        )


class TrackFactory(factory.django.DjangoModelFactory[Track]):
    class Meta:
        model = Track

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Track {n}")


class RoomFactory(factory.django.DjangoModelFactory[Room]):
    class Meta:
        model = Room

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Room {n}")


class SpeakerFactory(factory.django.DjangoModelFactory[Speaker]):
    class Meta:
        model = Speaker

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Speaker {n}")


class SessionFactory(factory.django.DjangoModelFactory[Session]):
    class Meta:
        model = Session

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
    starts_at = factory.LazyAttribute(lambda o: o.event.starts_at)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=1))


class QuestionFactory(factory.django.DjangoModelFactory[Question]):
    class Meta:
        model = Question

    event = factory.SubFactory(EventFactory)
    label = factory.Sequence(lambda n: f"Question {n}")


class RegistrationFactory(factory.django.DjangoModelFactory[Registration]):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory("praxis.accounts.tests.factories.UserFactory")
    status = Registration.Status.CONFIRMED


class AbstractFactory(factory.django.DjangoModelFactory[Abstract]):
    class Meta:
        model = Abstract

    event = factory.SubFactory(EventFactory)
    track = factory.SubFactory(TrackFactory, event=factory.SelfAttribute("..event"))
    submitter = factory.SubFactory("praxis.accounts.tests.factories.UserFactory")
    title = factory.Sequence(lambda n: f"Hand rub adherence in district hospitals {n}")
    body = "We observed hand rub use before and after a coaching programme."
    authors = factory.LazyFunction(lambda: [{"name": "A. Author", "organisation": "Univ A"}])


class ExhibitorFactory(factory.django.DjangoModelFactory[Exhibitor]):
    class Meta:
        model = Exhibitor

    event = factory.SubFactory(EventFactory, type=Event.Type.EXHIBITION)
    organisation = factory.SubFactory("praxis.organisations.tests.factories.OrganisationFactory")
    booth = factory.Sequence(lambda n: f"B{n}")
    contact_email = "booth@example.org"
