"""The events pages as a visitor, a registrant, a reviewer and staff see them."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries, DjangoCaptureOnCommitCallbacks

from conftest import SchemaCheckedClient
from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.catalog.tests.factories import TopicFactory
from praxis.events import services
from praxis.events.forms import TIME_ZONE_COOKIE
from praxis.events.models import Attendance, Event, Question, Registration
from praxis.events.tests.factories import (
    AbstractFactory,
    EventFactory,
    ExhibitorFactory,
    QuestionFactory,
    RegistrationFactory,
    RoomFactory,
    SessionFactory,
    SpeakerFactory,
    TrackFactory,
)
from praxis.events.tickets import ticket_code

pytestmark = pytest.mark.django_db


def test_listing_filters_by_type_region_language_topic_and_format(client: Client) -> None:
    topic = TopicFactory.create(slug="ipc")
    webinar = EventFactory.create(
        title="Sepsis webinar", type="webinar", format="online", region="AFR"
    )
    webinar.topics.add(topic)
    EventFactory.create(title="Atelier", language="fr", region="EUR")
    EventFactory.create(title="Draft thing", status=Event.Status.DRAFT)
    page = client.get("/events/").content.decode()
    assert "Sepsis webinar" in page and "Atelier" in page and "Draft thing" not in page
    for query in ("type=webinar", "region=AFR", "topic=ipc", "online=on", "q=sepsis"):
        page = client.get(f"/events/?{query}").content.decode()
        assert "Sepsis webinar" in page and "Atelier" not in page, query
    assert "Sepsis webinar" not in client.get("/events/?language=fr").content.decode()


def test_listing_separates_upcoming_and_past(client: Client) -> None:
    EventFactory.create(title="Next week")
    EventFactory.create(
        title="Last year",
        starts_at=timezone.now() - timedelta(days=400),
        ends_at=timezone.now() - timedelta(days=399),
    )
    assert "Last year" not in client.get("/events/?when=upcoming").content.decode()
    assert "Next week" not in client.get("/events/?when=past").content.decode()
    anytime = client.get("/events/?when=any").content.decode()
    assert "Last year" in anytime and "Next week" in anytime


def test_the_list_shows_what_is_still_to_come_unless_asked_otherwise(client: Client) -> None:
    EventFactory.create(title="Next week")
    EventFactory.create(
        title="Last Sunday",
        starts_at=timezone.now() - timedelta(days=7),
        ends_at=timezone.now() - timedelta(days=7) + timedelta(hours=1),
    )
    page = client.get("/events/").content.decode()
    assert "Next week" in page and "Last Sunday" not in page
    listed = client.get("/api/v1/events").json()["items"]
    assert [event["title"] for event in listed] == ["Next week"]
    everything = client.get("/api/v1/events?when=any").json()["items"]
    assert [event["title"] for event in everything] == ["Last Sunday", "Next week"]


@pytest.mark.parametrize("signed_in_as_learner", [False, True])
def test_an_event_that_has_ended_says_registration_is_closed_instead_of_offering_it(
    client: Client, signed_in_as_learner: bool
) -> None:
    if signed_in_as_learner:
        client.force_login(UserFactory.create())
    past = EventFactory.create(
        starts_at=timezone.now() - timedelta(days=7),
        ends_at=timezone.now() - timedelta(days=7) + timedelta(hours=1),
    )
    page = client.get(f"/events/{past.slug}/").content.decode()
    assert "Registration for this event is closed." in page
    assert f'action="/events/{past.slug}/registration/"' not in page
    assert client.get(f"/api/v1/events/{past.slug}").json()["registration_open"] is False


def test_a_visitors_kept_event_page_closes_registration_when_the_deadline_passes(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    deadline = timezone.now() + timedelta(hours=1)
    event = EventFactory.create(registration_deadline=deadline)
    before = client.get(f"/events/{event.slug}/").content.decode()
    assert f'action="/events/{event.slug}/registration/"' in before
    assert client.get(f"/api/v1/events/{event.slug}").json()["registration_open"] is True
    later = deadline + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    after = client.get(f"/events/{event.slug}/").content.decode()
    assert "Registration for this event is closed." in after
    assert f'action="/events/{event.slug}/registration/"' not in after


def test_listing_ignores_unknown_filter_values(client: Client) -> None:
    EventFactory.create(title="Still listed")
    response = client.get("/events/?type=party&region=MARS&when=soon&page=x")
    assert response.status_code == 200 and "Still listed" in response.content.decode()


def test_listing_takes_a_fixed_number_of_queries(
    client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    for _ in range(5):
        EventFactory.create(organiser=ExhibitorFactory.create().organisation)
    with django_assert_num_queries(4):  # languages and topics for the form, count, page
        client.get("/events/")


def test_event_page_shows_times_in_the_events_zone_then_the_chosen_one(client: Client) -> None:
    event = EventFactory.create(
        time_zone="Asia/Tokyo", starts_at=datetime(2030, 5, 1, 0, 0, tzinfo=UTC)
    )
    page = client.get(f"/events/{event.slug}/").content.decode()
    assert "9 a.m." in page and "(Asia/Tokyo)" in page
    client.get(
        "/events/time-zone/", {"time_zone": "Europe/London", "next": f"/events/{event.slug}/"}
    )
    page = client.get(f"/events/{event.slug}/").content.decode()
    assert "1 a.m." in page and "(Europe/London)" in page


def test_deadline_at_the_end_of_a_sentence_has_one_full_stop(client: Client) -> None:
    deadline = datetime(2030, 4, 30, 17, 0, tzinfo=UTC)
    event = EventFactory.create(
        time_zone="UTC",
        starts_at=datetime(2030, 5, 1, 9, 0, tzinfo=UTC),
        registration_deadline=deadline,
    )
    page = client.get(f"/events/{event.slug}/").content.decode()
    assert "Register by April 30, 2030, 5 p.m.</p>" in page
    assert "p.m.." not in page


def test_unknown_time_zone_is_ignored(client: Client) -> None:
    event = EventFactory.create(time_zone="Asia/Tokyo")
    response = client.get(
        "/events/time-zone/", {"time_zone": "Mars/Olympus", "next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response["Location"] == "/events/"
    assert TIME_ZONE_COOKIE not in response.cookies
    assert "(Asia/Tokyo)" in client.get(f"/events/{event.slug}/").content.decode()


def test_registering_from_the_page_with_answers(
    client: Client, person: User, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    event = EventFactory.create()
    question = QuestionFactory.create(event=event, label="Your job", required=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/events/{event.slug}/registration/", {question.field_name: "Nurse"}
        )
    assert response.status_code == 302
    page = client.get(f"/events/{event.slug}/").content.decode()
    assert "You are registered" in page and "Your ticket" in page
    assert Registration.objects.get(person=person).answers == {str(question.pk): "Nurse"}
    assert len(mail.outbox) == 1


def test_missing_answer_re_renders_the_form_with_the_message(client: Client, person: User) -> None:
    event = EventFactory.create()
    QuestionFactory.create(event=event, label="Your job", required=True)
    response = client.post(f"/events/{event.slug}/registration/", {})
    assert response.status_code == 400
    assert "This question needs an answer." in response.content.decode()
    assert not Registration.objects.exists()


def test_visitor_is_sent_to_log_in_before_registering(client: Client) -> None:
    event = EventFactory.create()
    response = client.post(f"/events/{event.slug}/registration/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_cancelling_from_the_page(client: Client, person: User) -> None:
    registration = RegistrationFactory.create(person=person)
    client.post(f"/events/{registration.event.slug}/cancellation/")
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


def test_ticket_page_shows_the_code_and_its_qr_code(client: Client, person: User) -> None:
    registration = RegistrationFactory.create(person=person)
    page = client.get(f"/events/{registration.event.slug}/ticket/").content.decode()
    assert ticket_code(registration) in page
    svg = client.get(f"/events/{registration.event.slug}/ticket.svg")
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content


def test_no_ticket_for_someone_waiting(client: Client, person: User) -> None:
    registration = RegistrationFactory.create(person=person, status=Registration.Status.WAITLISTED)
    assert client.get(f"/events/{registration.event.slug}/ticket/").status_code == 404


def test_online_link_is_for_registrants_only(client: Client, person: User) -> None:
    event = EventFactory.create(
        format="online", online_url="https://meet.example.org/secret", running=True
    )
    assert "meet.example.org" not in client.get(f"/events/{event.slug}/").content.decode()
    assert client.post(f"/events/{event.slug}/join/")["Location"] == f"/events/{event.slug}/"
    RegistrationFactory.create(event=event, person=person)
    assert (
        client.post(f"/events/{event.slug}/join/")["Location"] == "https://meet.example.org/secret"
    )


def test_join_online_before_the_link_opens_says_when(client: Client, person: User) -> None:
    starts = (timezone.now() + timedelta(days=3)).replace(hour=12, minute=0, second=0)
    event = EventFactory.create(
        format="online",
        online_url="https://meet.example.org/secret",
        time_zone="UTC",
        starts_at=starts,
    )
    RegistrationFactory.create(event=event, person=person)
    page = client.get(f"/events/{event.slug}/").content.decode()
    assert "The link to join opens" in page and "11:30 a.m." in page
    assert f'action="/events/{event.slug}/join/"' not in page
    response = client.post(f"/events/{event.slug}/join/", follow=True)
    assert response.redirect_chain[-1][0] == f"/events/{event.slug}/"
    assert "meet.example.org" not in response.content.decode()
    assert "The link to join opens" in response.content.decode()


def test_after_attending_the_certificate_is_linked_and_no_cancel_button(
    client: Client, person: User
) -> None:
    registration = RegistrationFactory.create(
        event=EventFactory.create(running=True), person=person
    )
    services.check_in(
        ticket_code(registration), registration.event, by=UserFactory.create(is_staff=True)
    )
    page = client.get(f"/events/{registration.event.slug}/").content.decode()
    assert "Your attendance is recorded." in page
    assert "Cancel my registration" not in page
    credential = registration.attendance.achievement.credential_id
    assert f'<a href="/credentials/{credential}">Your certificate of attendance</a>' in page
    assert f'<a href="/credentials/{credential}.pdf">Download it (PDF)</a>' in page
    assert client.get(f"/credentials/{credential}.pdf").status_code == 200
    client.post(f"/events/{registration.event.slug}/cancellation/")
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_timetable_lists_each_day_by_time_and_room(client: Client) -> None:
    event = EventFactory.create()
    event.ends_at = event.starts_at + timedelta(days=2)
    event.save()
    room = RoomFactory.create(event=event, name="Hall A")
    SessionFactory.create(event=event, room=room, title="Opening plenary")
    SessionFactory.create(
        event=event, title="Day two keynote", starts_at=event.starts_at + timedelta(days=1)
    )
    page = client.get(f"/events/{event.slug}/timetable/").content.decode()
    assert page.count('<table class="stack programme">') == 2
    assert page.index("Opening plenary") < page.index("Day two keynote")
    assert '<th scope="col" dir="auto">Hall A</th>' in page  # a column per room
    assert 'data-label="Hall A"' in page  # named again in each cell, for the list on phones


def test_timetable_names_each_sessions_own_speakers_in_name_order(
    client: Client, api_client: SchemaCheckedClient
) -> None:
    event = EventFactory.create()
    zola, amara, kofi = (
        SpeakerFactory.create(event=event, name=name) for name in ("Zola", "Amara", "Kofi")
    )
    SessionFactory.create(event=event, title="Panel").speakers.set([zola, amara])
    SessionFactory.create(
        event=event, title="Talk", starts_at=event.starts_at + timedelta(hours=1)
    ).speakers.set([kofi])
    SessionFactory.create(
        event=event, title="Break", starts_at=event.starts_at + timedelta(hours=2)
    )
    other = SessionFactory.create(title="Elsewhere")
    other.speakers.set([SpeakerFactory.create(event=other.event, name="Someone else")])
    page = client.get(f"/events/{event.slug}/timetable/").content.decode()
    assert '<p dir="auto">Amara, Zola</p>' in page
    assert '<p dir="auto">Kofi</p>' in page
    the_break = page[page.index('<strong dir="auto">Break</strong>') :]
    assert '<p dir="auto">' not in the_break[: the_break.index("</div>")]  # no speakers
    assert "Someone else" not in page
    listed = api_client.get(f"/api/v1/events/{event.slug}/sessions").json()
    assert [(s["title"], s["speakers"]) for s in listed] == [
        ("Panel", ["Amara", "Zola"]),
        ("Talk", ["Kofi"]),
        ("Break", []),
    ]


def test_timetable_shows_times_in_the_events_zone_then_the_chosen_one(client: Client) -> None:
    opening = datetime(2030, 3, 12, 5, 30, tzinfo=UTC)
    event = EventFactory.create(
        time_zone="Africa/Nairobi", starts_at=opening, ends_at=opening + timedelta(days=1)
    )
    SessionFactory.create(event=event, title="Opening plenary", starts_at=opening)
    url = f"/events/{event.slug}/timetable/"
    page = client.get(url).content.decode()
    assert "08:30–09:30" in page and "(Africa/Nairobi)" in page
    assert "05:30" not in page
    client.get("/events/time-zone/", {"time_zone": "Asia/Tokyo", "next": url})
    page = client.get(url).content.decode()
    assert "14:30–15:30" in page and "(Asia/Tokyo)" in page
    assert "08:30" not in page


def test_timetable_takes_a_fixed_number_of_queries(
    client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    event = EventFactory.create()
    track = TrackFactory.create(event=event)
    for hour in range(6):
        SessionFactory.create(
            event=event,
            room=RoomFactory.create(event=event),
            track=track,
            starts_at=event.starts_at + timedelta(hours=hour),
        )
    with django_assert_num_queries(4):  # event, sessions, speakers, materials
        client.get(f"/events/{event.slug}/timetable/")


def test_staff_scanner_checks_in_a_typed_code(client: Client) -> None:
    staff = UserFactory.create(is_staff=True)
    client.force_login(staff)
    registration = RegistrationFactory.create(event=EventFactory.create(running=True))
    url = f"/events/{registration.event.slug}/check-in/"
    response = client.post(url, {"code": ticket_code(registration)})
    assert "is checked in" in response.content.decode()
    again = client.post(url, {"code": ticket_code(registration)})
    assert again.status_code == 409 and "used already" in again.content.decode()
    assert Attendance.objects.count() == 1


def test_scanner_is_for_staff_only(client: Client, person: User) -> None:
    event = EventFactory.create()
    assert client.get(f"/events/{event.slug}/check-in/").status_code == 403


def test_abstract_submission_page(client: Client, person: User) -> None:
    event = EventFactory.create(abstracts_deadline=timezone.now() + timedelta(days=1))
    track = TrackFactory.create(event=event)
    response = client.post(
        f"/events/{event.slug}/abstracts/new/",
        {
            "track": track.pk,
            "title": "Coaching and hand rub",
            "body": "Results.",
            "authors": "Amina Diallo; Université de Dakar\nJo Lee",
        },
    )
    assert response.status_code == 302
    abstract = event.abstracts.get()
    assert abstract.authors[1] == {"name": "Jo Lee", "organisation": ""}


def test_late_abstract_page_shows_the_error(client: Client, person: User) -> None:
    event = EventFactory.create(abstracts_deadline=timezone.now() - timedelta(days=1))
    track = TrackFactory.create(event=event)
    response = client.post(
        f"/events/{event.slug}/abstracts/new/",
        {"track": track.pk, "title": "Late", "body": "Late.", "authors": "Jo Lee"},
    )
    assert response.status_code == 409 and "closed" in response.content.decode()


def test_review_page_hides_the_form_on_a_conflict_of_interest(client: Client) -> None:
    reviewer = UserFactory.create(organisation_name="Univ A")
    client.force_login(reviewer)
    abstract = AbstractFactory.create()
    abstract.track.reviewers.add(reviewer)
    other = AbstractFactory.create(
        event=abstract.event,
        track=abstract.track,
        authors=[{"name": "B", "organisation": "Univ B"}],
    )
    page = client.get(f"/events/{abstract.event.slug}/abstracts/review/").content.decode()
    assert "you share an organisation" in page
    response = client.post(
        f"/events/{abstract.event.slug}/abstracts/review/",
        {"abstract": str(other.uuid), f"{other.uuid}-score": "4", f"{other.uuid}-comment": "Good"},
    )
    assert response.status_code == 302 and other.reviews.get().score == 4


@pytest.mark.parametrize(
    ("score", "message"),
    [
        ("9", "Give a score from 1 to 5."),
        ("0", "Give a score from 1 to 5."),
        ("", "This field is required."),
    ],
)
def test_a_score_outside_the_scale_is_refused_beside_that_abstract_keeping_what_was_typed(
    client: Client, score: str, message: str
) -> None:
    reviewer = UserFactory.create()
    client.force_login(reviewer)
    first = AbstractFactory.create(title="Task sharing in rural clinics")
    first.track.reviewers.add(reviewer)
    second = AbstractFactory.create(
        event=first.event, track=first.track, title="Mentoring new midwives"
    )
    response = client.post(
        f"/events/{first.event.slug}/abstracts/review/",
        {
            "abstract": str(second.uuid),
            f"{second.uuid}-score": score,
            f"{second.uuid}-comment": "Clear method, small sample.",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    first_card, second_card = page.split('<article class="card"')[1:3]
    assert "Task sharing" in first_card and "Mentoring" in second_card
    assert f'id="id_{second.uuid}-score_error">{message}</p>' in second_card
    if score:
        assert f'value="{score}"' in second_card
    assert "Clear method, small sample.</textarea>" in second_card
    assert message not in first_card and "Clear method" not in first_card
    assert message not in page.split('<article class="card"')[0]
    assert not second.reviews.exists()


def test_exhibition_floor_and_booth_contact_form(
    client: Client, person: User, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    exhibitor = ExhibitorFactory.create(
        resources=[{"title": "Poster", "url": "https://example.org/p"}]
    )
    slug = exhibitor.event.slug
    assert exhibitor.organisation.name in client.get(f"/events/{slug}/exhibition/").content.decode()
    page = client.get(f"/events/{slug}/exhibition/{exhibitor.pk}/").content.decode()
    assert "Poster" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/events/{slug}/exhibition/{exhibitor.pk}/", {"message": "Do you ship kits?"})
    assert mail.outbox[0].to == ["booth@example.org"] and "ship kits" in mail.outbox[0].body


def test_empty_booth_message_is_refused(client: Client, person: User) -> None:
    exhibitor = ExhibitorFactory.create()
    response = client.post(
        f"/events/{exhibitor.event.slug}/exhibition/{exhibitor.pk}/", {"message": " "}
    )
    assert response.status_code == 400 and mail.outbox == []


def test_my_events_page_gives_the_private_feed_address(client: Client, person: User) -> None:
    registration = RegistrationFactory.create(person=person)
    page = client.get("/events/mine/").content.decode()
    assert registration.event.title in page and "/events/feeds/" in page


def test_checkbox_question_renders_as_a_checkbox(client: Client) -> None:
    event = EventFactory.create()
    QuestionFactory.create(event=event, label="I agree", kind=Question.Kind.CHECKBOX)
    assert 'type="checkbox"' in client.get(f"/events/{event.slug}/").content.decode()


def test_an_event_in_a_zone_the_list_leaves_out_still_shows_it_chosen(client: Client) -> None:
    event = EventFactory.create(time_zone="Asia/Calcutta")
    page = client.get(f"/events/{event.slug}/").content.decode()
    assert '<option selected value="Asia/Calcutta">Asia/Calcutta</option>' in page
    assert '<option value="Asia/Kolkata">Asia/Kolkata</option>' in page
    assert '<option value="Factory">' not in page
    chosen = client.get("/events/time-zone/", {"time_zone": "Asia/Calcutta", "next": "/events/"})
    assert chosen.status_code == 302
