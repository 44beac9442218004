"""Registrants are told when the back office cancels their event or moves it to other times,
by notice and e-mail as they chose; other edits tell nobody."""

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from pytest_django import DjangoCaptureOnCommitCallbacks

from praxis.accounts.tests.factories import UserFactory
from praxis.events.models import Event, Registration
from praxis.events.tests.factories import EventFactory, RegistrationFactory
from praxis.notifications.models import Notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def event() -> Event:
    return EventFactory.create(
        title="Sepsis skills day",
        time_zone="Asia/Amman",
        starts_at=(timezone.now() + timedelta(days=10)).replace(second=0, microsecond=0),
    )


def change_form(client: Client, event: Event) -> dict[str, Any]:
    """What the back office's change form of `event` posts back unchanged."""
    response = client.get(f"/admin/events/event/{event.pk}/change/")
    data: dict[str, Any] = {}
    form = response.context["adminform"].form
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(value, list):
            data[name] = [str(item) for item in value]
        elif value is None:
            data[name] = ""
        elif hasattr(field.widget, "widgets"):  # date and time, split in two
            local = timezone.localtime(value)
            data[f"{name}_0"], data[f"{name}_1"] = local.date(), local.time()
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = value
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
    return data


def save(client: Client, event: Event, **changes: Any) -> None:
    data = change_form(client, event) | changes
    response = client.post(f"/admin/events/event/{event.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.fixture
def back_office(client: Client) -> Client:
    client.force_login(UserFactory.create(is_staff=True, is_superuser=True))
    return client


def test_cancelling_the_event_tells_every_live_registrant(
    back_office: Client,
    event: Event,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    confirmed = RegistrationFactory.create(event=event)
    waiting = RegistrationFactory.create(event=event, status=Registration.Status.WAITLISTED)
    gone = RegistrationFactory.create(event=event, status=Registration.Status.CANCELLED)
    with django_capture_on_commit_callbacks(execute=True):
        save(back_office, event, status=Event.Status.CANCELLED)
    for registration in (confirmed, waiting):
        notice = Notice.objects.get(person=registration.person, kind="event_changed")
        assert notice.text == "“Sepsis skills day” is cancelled: it will not take place."
        assert notice.link == f"/events/{event.slug}/"
    assert not Notice.objects.filter(person=gone.person).exists()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [confirmed.person.email, waiting.person.email]
    )
    page = back_office.get("/admin/events/event/").content.decode()
    assert "2 registrants are told of the change." in page


def test_moving_the_event_tells_registrants_the_new_start_and_reminds_them_again(
    back_office: Client, event: Event
) -> None:
    confirmed = RegistrationFactory.create(event=event, reminded_at=timezone.now())
    data = change_form(back_office, event)
    data["starts_at_1"] = "11:30:00"
    data["ends_at_0"] = data["ends_at_0"] + timedelta(days=1)
    save(back_office, event, **data)
    notice = Notice.objects.get(person=confirmed.person, kind="event_changed")
    assert notice.text.startswith("“Sepsis skills day” has moved: it now starts on ")
    assert notice.text.endswith("(Asia/Amman).")
    confirmed.refresh_from_db()
    assert confirmed.reminded_at is None


def test_editing_the_summary_tells_nobody(back_office: Client, event: Event) -> None:
    RegistrationFactory.create(event=event)
    save(back_office, event, summary="A day of hands-on practice.")
    assert not Notice.objects.exists()
    event.refresh_from_db()
    assert event.summary == "A day of hands-on practice."


def test_the_back_office_refuses_an_address_the_events_pages_use(
    back_office: Client, event: Event
) -> None:
    data = change_form(back_office, event) | {"slug": "calendar"}
    response = back_office.post(f"/admin/events/event/{event.pk}/change/", data)
    assert response.status_code == 200
    assert "This address is taken by a page of the events." in response.content.decode()
    event.refresh_from_db()
    assert event.slug != "calendar"
