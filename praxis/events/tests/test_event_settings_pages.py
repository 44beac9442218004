"""Organisers create an event on the site (a draft), change its settings, publish it and cancel
it: staff for any organisation, a partner's admins for their own. Registrants are told when a
published event moves or is cancelled; lists show each change on the very next request; bad
input is refused beside its field and changes nothing; the wrong people are refused."""

import html
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django import DjangoCaptureOnCommitCallbacks

from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.catalog.tests.factories import TopicFactory
from praxis.events.models import Event, Registration
from praxis.events.tests.factories import EventFactory, RegistrationFactory
from praxis.events.tests.test_registration_page import field_errors
from praxis.events.tests.translations import translated
from praxis.notifications.models import Notice
from praxis.organisations.models import Organisation, Role
from praxis.organisations.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def next_month(hour: int) -> str:
    """A time on the clock, a month from now, as the date-and-time field posts it."""
    day = (timezone.now() + timedelta(days=30)).date()
    return f"{day.isoformat()}T{hour:02d}:30"


def filled(**changes: Any) -> dict[str, Any]:
    """The new-event form, filled in as an organiser does."""
    return {
        "title": "Sepsis skills day",
        "type": "workshop",
        "summary": "Recognise and treat sepsis in the first hour.",
        "language": "en",
        "region": "AFR",
        "time_zone": "Africa/Nairobi",
        "starts_at": next_month(9),
        "ends_at": next_month(17),
        "format": "in_person",
        "venue": "Kenyatta International Convention Centre",
        "online_url": "",
        "capacity": "40",
        "waitlist": "on",
        "registration_deadline": "",
        "cpd_credits": "6",
    } | changes


@pytest.fixture
def staff(client: Client) -> User:
    user = UserFactory.create(is_staff=True)
    client.force_login(user)
    return user


@pytest.fixture
def school() -> Organisation:
    return OrganisationFactory.create(name="Nairobi School of Public Health")


@pytest.fixture
def joseph(client: Client, school: Organisation) -> User:
    """An admin of a partner organisation, signed in; not staff."""
    user = MembershipFactory.create(organisation=school, role=Role.ADMIN).user
    client.force_login(user)
    return user


def test_staff_create_a_draft_that_only_organisers_see_then_publish_it_into_the_list(
    client: Client, staff: User
) -> None:
    visitor = Client()
    assert "Sepsis skills day" not in visitor.get("/events/").content.decode()
    response = client.post("/events/new/", filled())
    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == "/events/sepsis-skills-day/"
    assert (event.slug, event.status, event.capacity) == ("sepsis-skills-day", "draft", 40)
    # Typed on Nairobi's clock: 09:30 there is 06:30 UTC.
    assert event.starts_at.astimezone(event.zone).strftime("%H:%M") == "09:30"
    assert event.starts_at.strftime("%H:%M") == "06:30"
    page = client.get(response["Location"]).content.decode()
    assert "Saved as a draft" in page and "Edit or publish the event" in page
    assert visitor.get("/events/sepsis-skills-day/").status_code == 404
    assert "Sepsis skills day" not in visitor.get("/events/").content.decode()

    edit = client.get("/events/sepsis-skills-day/edit/").content.decode()
    assert "Publish the event" in edit and "(Africa/Nairobi)" in edit
    response = client.post("/events/sepsis-skills-day/edit/", {"action": "publish"})
    assert response.status_code == 302
    assert Event.objects.get().status == Event.Status.PUBLISHED
    # The kept list shows it on the very next request, and so does the calendar.
    assert "Sepsis skills day" in visitor.get("/events/").content.decode()
    assert visitor.get("/events/sepsis-skills-day/").status_code == 200
    day = (timezone.now() + timedelta(days=30)).date().isoformat()
    calendar = visitor.get(f"/events/calendar/?span=week&date={day}").content.decode()
    assert "Sepsis skills day" in calendar


def test_a_new_event_starts_on_its_organisers_clock_and_in_their_language(
    client: Client, joseph: User
) -> None:
    joseph.time_zone = "Africa/Nairobi"
    joseph.save(update_fields=["time_zone"])
    page = client.get("/events/new/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<option selected value="Africa/Nairobi">' in page
    assert 'name="language" value="en"' in page


def test_the_list_offers_creating_an_event_to_staff_and_partner_admins_only(
    client: Client, school: Organisation
) -> None:
    learner = UserFactory.create()
    admin = MembershipFactory.create(organisation=school, role=Role.ADMIN).user
    author = MembershipFactory.create(organisation=school, role=Role.AUTHOR).user
    for user, offered in ((learner, False), (author, False), (admin, True)):
        client.force_login(user)
        assert ('href="/events/new/"' in client.get("/events/").content.decode()) is offered


def test_a_partner_admin_creates_for_their_own_organisation_and_cannot_pick_another(
    client: Client, joseph: User, school: Organisation
) -> None:
    other = OrganisationFactory.create(name="Geneva Hospital Trust")
    form = client.get("/events/new/").content.decode()
    organiser_choices = form[
        form.index('name="organiser"') : form.index("</select>", form.index('name="organiser"'))
    ]
    assert "Nairobi School of Public Health" in organiser_choices
    assert "Geneva Hospital Trust" not in organiser_choices

    response = client.post("/events/new/", filled(organiser=other.pk))
    assert response.status_code == 400
    assert "Choose one of the organisations you are an admin of." in field_errors(
        response.content.decode(), "id_organiser"
    )
    response = client.post("/events/new/", filled())
    assert "Choose one of the organisations you are an admin of." in field_errors(
        response.content.decode(), "id_organiser"
    )
    assert not Event.objects.exists()

    response = client.post("/events/new/", filled(organiser=school.pk, co_organisers=[other.pk]))
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.organiser == school and list(event.co_organisers.all()) == [other]
    # He manages it: its settings page opens for him.
    assert client.get(f"/events/{event.slug}/edit/").status_code == 200


def test_a_title_taken_gets_a_number_and_a_title_without_latin_letters_an_address(
    client: Client, staff: User
) -> None:
    EventFactory.create(slug="sepsis-skills-day")
    client.post("/events/new/", filled())
    client.post("/events/new/", filled(title="New"))
    client.post("/events/new/", filled(title="يوم مهارات الإنتان"))
    assert sorted(Event.objects.values_list("slug", flat=True)) == [
        "event",
        "new-2",
        "sepsis-skills-day",
        "sepsis-skills-day-2",
    ]


def test_a_learner_may_neither_create_nor_edit(client: Client) -> None:
    event = EventFactory.create()
    client.force_login(UserFactory.create())
    assert client.get("/events/new/").status_code == 403
    assert client.post("/events/new/", filled()).status_code == 403
    assert client.get(f"/events/{event.slug}/edit/").status_code == 403
    response = client.post(f"/events/{event.slug}/edit/", {"action": "cancel"})
    assert response.status_code == 403
    assert Event.objects.get().status == Event.Status.PUBLISHED
    assert "Edit the event" not in client.get(f"/events/{event.slug}/").content.decode()


def test_another_organisations_admin_is_refused_and_does_not_see_its_draft(
    client: Client, joseph: User
) -> None:
    published = EventFactory.create(organiser=OrganisationFactory.create())
    draft = EventFactory.create(status=Event.Status.DRAFT, organiser=published.organiser)
    assert client.get(f"/events/{published.slug}/edit/").status_code == 403
    response = client.post(f"/events/{published.slug}/edit/", filled(title="Taken over"))
    assert response.status_code == 403
    assert client.get(f"/events/{draft.slug}/edit/").status_code == 404
    published.refresh_from_db()
    assert published.title != "Taken over"


def test_moving_a_published_event_tells_its_registrants_and_shows_at_once(
    client: Client,
    staff: User,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    client.post("/events/new/", filled())
    client.post("/events/sepsis-skills-day/edit/", {"action": "publish"})
    event = Event.objects.get()
    confirmed = RegistrationFactory.create(event=event)
    visitor = Client()
    assert "06:30" not in visitor.get("/events/?when=any").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/events/sepsis-skills-day/edit/",
            filled(starts_at=next_month(11), ends_at=next_month(18)),
        )
    assert response.status_code == 302
    notice = Notice.objects.get(person=confirmed.person, kind="event_changed")
    assert notice.text.startswith("“Sepsis skills day” has moved: it now starts on ")
    assert notice.text.endswith("(Africa/Nairobi).")
    page = client.get("/events/sepsis-skills-day/").content.decode()
    assert "1 registrant is told of the change." in page
    event.refresh_from_db()
    assert event.starts_at.astimezone(event.zone).strftime("%H:%M") == "11:30"
    assert "11:30" in visitor.get("/events/sepsis-skills-day/").content.decode()


def test_editing_a_draft_or_other_fields_tells_nobody(
    client: Client,
    staff: User,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    event = EventFactory.create(status=Event.Status.DRAFT, slug="quiet")
    RegistrationFactory.create(event=event)
    topic = TopicFactory.create()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/events/quiet/edit/",
            filled(starts_at=next_month(8), title="Quieter", topics=[topic.pk]),
        )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Quieter" and list(event.topics.all()) == [topic]
    assert event.slug == "quiet"  # its address stays
    assert not Notice.objects.exists()


def test_cancelling_asks_first_then_tells_registrants_and_the_page_says_so(
    client: Client,
    staff: User,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    event = EventFactory.create(title="Sepsis skills day", slug="sepsis")
    waiting = RegistrationFactory.create(event=event, status=Registration.Status.WAITLISTED)
    visitor = Client()
    assert "Sepsis skills day" in visitor.get("/events/").content.decode()
    edit = client.get("/events/sepsis/edit/").content.decode()
    # The button that cancels is inside the confirmation, under its question.
    start = edit.index('<details class="confirm">')
    confirmation = edit[start : edit.index("</details>", start)]
    assert "Everybody registered is told that it will not take place." in confirmation
    assert 'name="action" value="cancel"' in confirmation
    assert "Yes, cancel the event" in confirmation
    assert edit.count('value="cancel"') == 1
    assert Event.objects.get().status == Event.Status.PUBLISHED

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/events/sepsis/edit/", {"action": "cancel"})
    assert response.status_code == 302 and response["Location"] == "/events/sepsis/"
    notice = Notice.objects.get(person=waiting.person, kind="event_changed")
    assert notice.text == "“Sepsis skills day” is cancelled: it will not take place."
    # It keeps its address, which says so; the lists drop it at once.
    assert "This event is cancelled." in visitor.get("/events/sepsis/").content.decode()
    assert "Sepsis skills day" not in visitor.get("/events/").content.decode()
    # Cancelled, it is changed no more.
    assert "it can no longer be changed" in client.get("/events/sepsis/edit/").content.decode()
    response = client.post("/events/sepsis/edit/", filled(title="Back again"))
    assert response.status_code == 409
    assert Event.objects.get().title == "Sepsis skills day"


def test_a_draft_cannot_be_cancelled_nor_a_published_event_published_again(
    client: Client, staff: User
) -> None:
    draft = EventFactory.create(status=Event.Status.DRAFT, slug="draft")
    EventFactory.create(slug="live")
    client.post("/events/draft/edit/", {"action": "cancel"})
    draft.refresh_from_db()
    assert draft.status == Event.Status.DRAFT
    page = client.get("/events/live/edit/").content.decode()
    assert "Publish the event" not in page
    response = client.post("/events/live/edit/", {"action": "publish"}, follow=True)
    assert "Only a draft can be published." in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": ""}, "title", "Give a title of up to 200 characters."),
        ({"title": "   "}, "title", "Give a title of up to 200 characters."),
        ({"summary": "x" * 10_000}, "summary", "Write a summary of up to 4,000 characters."),
        ({"venue": "x" * 10_000}, "venue", "Give a venue of up to 300 characters."),
        ({"ends_at": next_month(8)}, "ends_at", "The event must end after it starts."),
        ({"ends_at": "next Tuesday"}, "ends_at", "Give a date and time, such as 2027-03-14"),
        ({"time_zone": "Mars/Olympus_Mons"}, "time_zone", "Choose a time zone from the list."),
        ({"time_zone": "../../etc/passwd"}, "time_zone", "Choose a time zone from the list."),
        ({"capacity": "0"}, "capacity", "Give a number of places from 1 to 1,000,000"),
        ({"capacity": "-5"}, "capacity", "Give a number of places from 1 to 1,000,000"),
        ({"capacity": "1000000000000"}, "capacity", "Give a number of places from 1 to 1,000,000"),
        ({"capacity": "many"}, "capacity", "Give a number of places from 1 to 1,000,000"),
        ({"format": "online"}, "online_url", "Give the https:// link people join an online"),
        (
            {"format": "online", "online_url": "javascript:alert(1)"},
            "online_url",
            "Give a full https:// link of up to 200 characters.",
        ),
        (
            {"format": "hybrid", "online_url": "http://meet.example.org/x"},
            "online_url",
            "Give a full https:// link of up to 200 characters.",
        ),
        ({"venue": ""}, "venue", "Give the venue, up to 300 characters"),
        ({"cpd_credits": "-1"}, "cpd_credits", "Give CPD credits from 0 to 999.99."),
        ({"cpd_credits": "1e9"}, "cpd_credits", "Give CPD credits from 0 to 999.99."),
        ({"language": "klingon!"}, "language", "This is not a language tag"),
        ({"type": "party"}, "type", "Choose a type of event."),
        (
            {"registration_deadline": next_month(18)},
            "registration_deadline",
            "The registration deadline must be before the event ends.",
        ),
        ({"title": "Sepsis\x00day"}, "title", "The request contains the NUL character"),
        ({"summary": "\x00"}, "summary", "The request contains the NUL character"),
    ],
)
def test_bad_input_is_refused_beside_its_field_and_changes_nothing(
    client: Client, staff: User, changes: dict[str, Any], field: str, message: str
) -> None:
    event = EventFactory.create(slug="kept", title="Kept as it was")
    for path in ("/events/new/", "/events/kept/edit/"):
        response = client.post(path, filled(**changes))
        assert response.status_code == 400, path
        page = response.content.decode()
        assert message in field_errors(page, f"id_{field}"), path
        assert "There is a problem" in page
    assert list(Event.objects.values_list("pk", flat=True)) == [event.pk]
    event.refresh_from_db()
    assert event.title == "Kept as it was"


def test_errors_are_shown_in_the_readers_language(client: Client, staff: User) -> None:
    french = {
        "Give a title of up to 200 characters.": "Donnez un titre de 200 caractères au plus.",
        "The event must end after it starts.": "L’événement doit finir après son début.",
    }
    with translated("fr", french):
        response = client.post(
            "/events/new/", filled(title="", ends_at=next_month(8)), HTTP_ACCEPT_LANGUAGE="fr"
        )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Donnez un titre de 200 caractères au plus." in field_errors(page, "id_title")
    assert "L’événement doit finir après son début." in html.unescape(
        field_errors(page, "id_ends_at")
    )
    assert not Event.objects.exists()


def test_nul_outside_a_field_gets_the_error_page_and_strangers_get_no_form(
    client: Client, school: Organisation
) -> None:
    event = EventFactory.create(slug="kept")
    assert client.post("/events/new/", filled(title="a\x00b")).status_code == 302  # to log in
    client.force_login(UserFactory.create())
    assert client.post("/events/kept/edit/", filled(title="a\x00b")).status_code == 403
    client.force_login(MembershipFactory.create(organisation=school, role=Role.ADMIN).user)
    response = client.get("/events/new/?next=%00")
    assert response.status_code == 400 and 'name="title"' not in response.content.decode()
    assert Event.objects.get().title == event.title
