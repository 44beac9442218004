"""Organisers' pages and services: registrants with search, filters and CSV; badges as PDF;
check-in by name with live counts; messages to registrants; slides, recordings and
video-conference links of sessions. Each for the organiser, the wrong user and bad input."""

import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from django.utils.html import strip_tags
from pytest_django import DjangoCaptureOnCommitCallbacks
from pytest_django import Settings as SettingsWrapper

from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from praxis.events import services
from praxis.events.models import Attendance, Event, Material, RegistrantMessage, Registration
from praxis.events.queries import attendance_counts
from praxis.events.tasks import send_registrant_message
from praxis.events.tests.factories import (
    EventFactory,
    QuestionFactory,
    RegistrationFactory,
    SessionFactory,
)
from praxis.events.tests.translations import translated
from praxis.notifications.models import Notice

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64


@pytest.fixture
def staff(client: Client) -> User:
    user = UserFactory.create(is_staff=True)
    client.force_login(user)
    return user


@pytest.fixture
def running() -> Event:
    return EventFactory.create(running=True)


@pytest.fixture
def media(settings: SettingsWrapper, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def registrant(event: Event, name: str, **kwargs: Any) -> Registration:
    return RegistrationFactory.create(
        event=event, person=UserFactory.create(full_name=name), **kwargs
    )


# Registrants, CSV and badges


def test_registrants_page_searches_by_name_and_filters_by_status(
    client: Client, staff: User, running: Event
) -> None:
    registrant(running, "Amina Yusuf")
    registrant(running, "Bao Chen", status=Registration.Status.WAITLISTED)
    url = f"/events/{running.slug}/registrants/"
    page = client.get(url).content.decode()
    assert "Amina Yusuf" in page and "Bao Chen" in page
    page = client.get(url, {"q": "amina"}).content.decode()
    assert "Amina Yusuf" in page and "Bao Chen" not in page
    page = client.get(url, {"status": "waitlisted"}).content.decode()
    assert "Bao Chen" in page and "Amina Yusuf" not in page


def test_registrants_page_ignores_an_unknown_filter_value(
    client: Client, staff: User, running: Event
) -> None:
    registrant(running, "Amina Yusuf")
    response = client.get(f"/events/{running.slug}/registrants/", {"status": "x" * 5000})
    assert response.status_code == 200 and "Amina Yusuf" in response.content.decode()


def test_registrants_csv_defuses_formulas_and_keeps_answers(
    client: Client, staff: User, running: Event
) -> None:
    question = QuestionFactory.create(event=running, label="Job")
    registration = registrant(running, '=HYPERLINK("http://evil")')
    registration.answers = {str(question.pk): "+1 nurse"}
    registration.save()
    response = client.get(f"/events/{running.slug}/registrants.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Name", "E-mail", "Organisation", "Status"] and rows[0][-1] == "Job"
    assert rows[1][0] == '\'=HYPERLINK("http://evil")'
    assert rows[1][-1] == "'+1 nurse"
    assert rows[0][4:6] == [f"Registered ({running.zone})", f"Attended ({running.zone})"]


def test_registrants_csv_says_yes_or_no_for_a_ticked_box(
    client: Client, staff: User, running: Event
) -> None:
    photographed = QuestionFactory.create(event=running, label="Photos", kind="checkbox")
    for name, ticked in (("Amina Yusuf", True), ("Bao Chen", False)):
        registration = registrant(running, name)
        registration.answers = {str(photographed.pk): ticked}
        registration.save()
    response = client.get(f"/events/{running.slug}/registrants.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert sorted(row[-1] for row in rows[1:]) == ["No", "Yes"]


def test_badges_come_as_a_pdf_in_both_layouts(client: Client, staff: User, running: Event) -> None:
    for name in ("Amina Yusuf", "Bao Chen", "Carlos Ruiz"):
        registrant(running, name)
    for layout in ("a4", "labels"):
        response = client.get(f"/events/{running.slug}/badges.pdf", {"layout": layout})
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF-")


def test_badges_with_an_unknown_layout_go_back_with_a_message(
    client: Client, staff: User, running: Event
) -> None:
    response = client.get(f"/events/{running.slug}/badges.pdf", {"layout": "poster"}, follow=True)
    assert "Choose a badge layout." in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "registrants/",
        "registrants.csv",
        "badges.pdf?layout=a4",
        "check-in/counts.json",
        "messages/",
        "check-in/",
    ],
)
def test_organiser_pages_refuse_a_learner(client: Client, running: Event, path: str) -> None:
    registrant(running, "Amina Yusuf")
    client.force_login(UserFactory.create())
    assert client.get(f"/events/{running.slug}/{path}").status_code == 403


def test_organiser_pages_send_a_visitor_to_sign_in(client: Client, running: Event) -> None:
    response = client.get(f"/events/{running.slug}/registrants/")
    assert response.status_code == 302 and "/login" in response["Location"]


# Check-in by name, and the counts


def test_desk_finds_a_registrant_by_name_and_checks_them_in(
    client: Client, staff: User, running: Event
) -> None:
    registration = registrant(running, "Amina Yusuf")
    registrant(running, "Bao Chen")
    url = f"/events/{running.slug}/check-in/"
    page = client.get(url, {"q": "Yusuf"}).content.decode()
    assert "Check in Amina Yusuf" in page and "Bao Chen" not in page
    page = client.post(url, {"registration": str(registration.uuid)}).content.decode()
    assert "Amina Yusuf is checked in." in page
    assert Attendance.objects.get(registration=registration).recorded_by == staff
    counts = client.get(f"/events/{running.slug}/check-in/counts.json").json()
    assert counts == {
        "confirmed": 2,
        "checked_in": 1,
        "online": 0,
        "present": 1,
        "labels": {
            "present": "present",
            "checked_in": "checked in at the desk",
            "online": "joined online",
            "confirmed": "confirmed",
        },
    }


def test_checking_in_twice_by_name_is_refused(client: Client, staff: User, running: Event) -> None:
    registration = registrant(running, "Amina Yusuf")
    services.check_in_registration(registration.uuid, running, by=staff)
    response = client.post(
        f"/events/{running.slug}/check-in/", {"registration": str(registration.uuid)}
    )
    assert response.status_code == 409
    assert "Amina Yusuf is checked in already." in response.content.decode()
    assert Attendance.objects.count() == 1


@pytest.mark.parametrize(
    "value", ["", "not-a-uuid", "x" * 10000, "00000000-0000-0000-0000-000000000000"]
)
def test_check_in_by_name_with_a_bad_registration_changes_nothing(
    client: Client, staff: User, running: Event, value: str
) -> None:
    response = client.post(f"/events/{running.slug}/check-in/", {"registration": value})
    assert response.status_code == 404
    assert "No such registrant of this event." in response.content.decode()
    assert not Attendance.objects.exists()


def test_check_in_by_name_refuses_a_registrant_of_another_event(staff: User) -> None:
    event, other = EventFactory.create(running=True), EventFactory.create(running=True)
    elsewhere = registrant(other, "Amina Yusuf")
    with pytest.raises(NotFound):
        services.check_in_registration(elsewhere.uuid, event, by=staff)


def test_check_in_by_name_refuses_a_learner_and_the_unconfirmed(running: Event) -> None:
    waiting = registrant(running, "Bao Chen", status=Registration.Status.WAITLISTED)
    with pytest.raises(PermissionDenied):
        services.check_in_registration(waiting.uuid, running, by=UserFactory.create())
    with pytest.raises(Conflict):
        services.check_in_registration(waiting.uuid, running, by=UserFactory.create(is_staff=True))
    assert not Attendance.objects.exists()


def test_check_in_by_name_waits_for_the_desk_to_open(staff: User) -> None:
    event = EventFactory.create()  # a week ahead
    registration = registrant(event, "Amina Yusuf")
    with pytest.raises(Conflict) as refused:
        services.check_in_registration(registration.uuid, event, by=staff)
    assert refused.value.code == "check_in_not_open"


# Messages to registrants


def test_message_reaches_the_chosen_registrants_through_the_notification_centre(
    client: Client,
    staff: User,
    running: Event,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    confirmed = registrant(running, "Amina Yusuf")
    registrant(running, "Bao Chen", status=Registration.Status.WAITLISTED)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/events/{running.slug}/messages/",
            {"subject": "Room change", "body": "We meet in Hall B.", "statuses": ["confirmed"]},
        )
    assert response.status_code == 302
    notice = Notice.objects.get(kind="organiser_message")
    assert notice.person == confirmed.person and notice.params["subject"] == "Room change"
    message = RegistrantMessage.objects.get()
    assert message.sent_at is not None and message.recipients == 1
    page = client.get(f"/events/{running.slug}/messages/").content.decode()
    assert "Room change" in page and "to 1 registrant" in page


def test_message_is_sent_once_even_if_the_job_runs_twice(staff: User, running: Event) -> None:
    registrant(running, "Amina Yusuf")
    message = RegistrantMessage.objects.create(
        event=running, subject="Hello", body="Welcome", statuses=["confirmed"], sent_by=staff
    )
    assert send_registrant_message(message.pk) == 1
    assert send_registrant_message(message.pk) == 0
    assert Notice.objects.filter(kind="organiser_message").count() == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"subject": "", "body": "Hi"}, "subject"),
        ({"subject": "Hi", "body": " "}, "body"),
        ({"subject": "Hi", "body": "x" * 2001}, "body"),
        ({"subject": "Hi", "body": "Hi", "statuses": ["cancelled"]}, "statuses"),
    ],
)
def test_a_bad_message_is_refused_and_nothing_is_sent(
    client: Client, staff: User, running: Event, data: dict[str, Any], field: str
) -> None:
    response = client.post(f"/events/{running.slug}/messages/", data)
    assert response.status_code == 400
    assert 'class="field-error"' in response.content.decode()
    assert not RegistrantMessage.objects.exists()


def test_an_empty_message_is_refused_with_one_clear_message_beside_it(
    client: Client, staff: User, running: Event
) -> None:
    response = client.post(
        f"/events/{running.slug}/messages/", {"subject": "Room change", "body": ""}
    )
    assert response.status_code == 400
    page = response.content.decode()
    error = page.split('id="id_body_error">')[1].split("</p>")[0]
    assert error == "Write a message of up to 2,000 characters."
    assert "This field is required." not in page
    assert 'value="Room change"' in page  # what was typed stays
    assert not RegistrantMessage.objects.exists()


def test_a_learner_cannot_message_registrants(running: Event) -> None:
    with pytest.raises(PermissionDenied):
        services.message_registrants(running, by=UserFactory.create(), subject="Hi", body="Spam")
    assert not RegistrantMessage.objects.exists()


# Slides, recordings and video-conference links


def test_slides_uploaded_after_the_session_are_offered_on_the_timetable(
    client: Client, staff: User, running: Event, media: Path
) -> None:
    session = SessionFactory.create(event=running, starts_at=running.starts_at)
    response = client.post(
        f"/events/{running.slug}/sessions/{session.uuid}/",
        {
            "action": "material",
            "kind": "slides",
            "title": "Opening slides",
            "file": SimpleUploadedFile("opening.pdf", PDF, content_type="text/html"),
        },
    )
    assert response.status_code == 302
    material = Material.objects.get()
    assert material.content_type == "application/pdf"
    client.logout()
    page = client.get(f"/events/{running.slug}/timetable/").content.decode()
    assert "Opening slides" in page
    download = client.get(f"/events/{running.slug}/materials/{material.uuid}/")
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download.getvalue().startswith(b"%PDF-")


def test_a_recording_may_be_a_link(staff: User, running: Event) -> None:
    session = SessionFactory.create(event=running, starts_at=running.starts_at)
    material = services.add_material(
        session, by=staff, kind="recording", title="Plenary", url="https://video.example.org/1"
    )
    assert material.url == "https://video.example.org/1" and not material.file


@pytest.mark.parametrize(
    ("kind", "content", "name"),
    [
        ("slides", b"<html><script>alert(1)</script></html>", "slides.pdf"),
        ("slides", MP4, "slides.pdf"),
        ("recording", PDF, "talk.mp4"),
        ("slides", b"PK\x03\x04not really a zip", "deck.pptx"),
        ("slides", b"", "empty.pdf"),
    ],
)
def test_a_file_that_is_not_what_it_claims_is_refused(
    staff: User, running: Event, media: Path, kind: str, content: bytes, name: str
) -> None:
    session = SessionFactory.create(event=running, starts_at=running.starts_at)
    with pytest.raises(ValidationFailed) as refused:
        services.add_material(
            session,
            by=staff,
            kind=kind,
            title="Deck",
            file=SimpleUploadedFile(name, content),
            file_name=name,
        )
    assert refused.value.code == "material_not_allowed"
    assert not Material.objects.exists() and not any(media.rglob("*.*"))


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"url": "http://video.example.org/1"}, "material_not_allowed"),
        ({"url": "javascript:alert(1)"}, "material_not_allowed"),
        ({"url": ""}, "material_not_allowed"),
        ({"kind": "poster", "url": "https://example.org"}, "material_not_allowed"),
        ({"title": "", "url": "https://example.org"}, "invalid_input"),
        ({"title": "x" * 201, "url": "https://example.org"}, "invalid_input"),
    ],
)
def test_bad_material_is_refused(
    staff: User, running: Event, changes: dict[str, Any], code: str
) -> None:
    session = SessionFactory.create(event=running, starts_at=running.starts_at)
    arguments: dict[str, Any] = {"kind": "recording", "title": "Talk", **changes}
    with pytest.raises(ValidationFailed) as refused:
        services.add_material(session, by=staff, **arguments)
    assert refused.value.code == code
    assert not Material.objects.exists()


def test_materials_wait_for_the_session_to_start(staff: User) -> None:
    session = SessionFactory.create(event=EventFactory.create())
    with pytest.raises(Conflict):
        services.add_material(
            session, by=staff, kind="slides", title="Deck", url="https://example.org/deck"
        )


def test_a_learner_cannot_add_material(running: Event) -> None:
    session = SessionFactory.create(event=running, starts_at=running.starts_at)
    with pytest.raises(PermissionDenied):
        services.add_material(
            session, by=UserFactory.create(), kind="slides", title="D", url="https://e.org"
        )


def test_the_video_call_link_is_shown_to_confirmed_registrants_only(
    client: Client, running: Event
) -> None:
    session = SessionFactory.create(event=running, title="Plenary")
    services.set_conference_link(
        session, "https://meet.example.org/plenary", by=UserFactory.create(is_staff=True)
    )
    url = f"/events/{running.slug}/timetable/"
    assert "meet.example.org" not in client.get(url).content.decode()
    waiting = registrant(running, "Bao Chen", status=Registration.Status.WAITLISTED)
    client.force_login(waiting.person)
    assert "meet.example.org" not in client.get(url).content.decode()
    confirmed = registrant(running, "Amina Yusuf")
    client.force_login(confirmed.person)
    page = client.get(url).content.decode()
    assert 'href="https://meet.example.org/plenary"' in page and "Join the video call" in page


@pytest.mark.parametrize(
    "url",
    [
        "http://meet.example.org/x",
        "ftp://x.org",
        "https://",
        "meet.example.org",
        "https://a b.org",
        "https://e.org/" + "x" * 500,
    ],
)
def test_a_video_call_link_must_be_https(
    client: Client, staff: User, running: Event, url: str
) -> None:
    session = SessionFactory.create(event=running)
    response = client.post(
        f"/events/{running.slug}/sessions/{session.uuid}/",
        {"action": "link", "conference_url": url},
    )
    assert response.status_code == 400
    assert "https://" in response.content.decode()
    session.refresh_from_db()
    assert session.conference_url == ""


def test_a_learner_cannot_set_a_video_call_link(client: Client, running: Event) -> None:
    session = SessionFactory.create(event=running)
    client.force_login(UserFactory.create())
    response = client.post(
        f"/events/{running.slug}/sessions/{session.uuid}/",
        {"action": "link", "conference_url": "https://evil.example.org"},
    )
    assert response.status_code == 403
    session.refresh_from_db()
    assert session.conference_url == ""


def test_session_manage_page_of_another_events_session_is_not_found(
    client: Client, staff: User, running: Event
) -> None:
    other = SessionFactory.create(event=EventFactory.create())
    assert client.get(f"/events/{running.slug}/sessions/{other.uuid}/").status_code == 404


def test_attendance_counts_follow_check_ins_and_online_joins(staff: User) -> None:
    event = EventFactory.create(
        running=True, format=Event.Format.HYBRID, online_url="https://m.org"
    )
    at_desk, online, absent = (registrant(event, name) for name in ("A", "B", "C"))
    services.check_in_registration(at_desk.uuid, event, by=staff)
    services.join_online(online.person, event)
    counts = attendance_counts(event)
    assert (counts.confirmed, counts.checked_in, counts.online, counts.present) == (3, 1, 1, 2)
    assert absent.status == Registration.Status.CONFIRMED
    assert timezone.now() > event.starts_at - timedelta(hours=1)


# French agrees "présent" with the number: one message per count, with its plural forms.
FRENCH_COUNTS = {
    ("people counted at an event\x04present", 0): "présent",
    ("people counted at an event\x04present", 1): "présents",
    ("people counted at an event\x04checked in at the desk", 0): "arrivée enregistrée",
    ("people counted at an event\x04checked in at the desk", 1): "arrivées enregistrées",
    ("people counted at an event\x04joined online", 0): "connecté en ligne",
    ("people counted at an event\x04joined online", 1): "connectés en ligne",
    ("people counted at an event\x04confirmed", 0): "confirmé",
    ("people counted at an event\x04confirmed", 1): "confirmés",
}


def count_shown(page: str, key: str) -> str:
    """The number and words of one attendance count, as the page shows them."""
    start = page.index(f'<strong data-count="{key}">')
    return " ".join(strip_tags(page[start : page.index("</li>", start)]).split())


@pytest.mark.parametrize("path", ["registrants/", "check-in/"])
def test_attendance_counts_agree_their_words_with_the_number(
    client: Client, staff: User, path: str
) -> None:
    event = EventFactory.create(
        running=True, format=Event.Format.HYBRID, online_url="https://m.org"
    )
    at_desk, online, _absent = (registrant(event, name) for name in ("A", "B", "C"))
    services.check_in_registration(at_desk.uuid, event, by=staff)
    services.join_online(online.person, event)
    with translated("fr", FRENCH_COUNTS):
        page = client.get(f"/events/{event.slug}/{path}", HTTP_ACCEPT_LANGUAGE="fr").text
        counts = client.get(
            f"/events/{event.slug}/check-in/counts.json", HTTP_ACCEPT_LANGUAGE="fr"
        ).json()
    assert count_shown(page, "present") == "2 présents"
    assert count_shown(page, "checked_in") == "1 arrivée enregistrée"
    assert count_shown(page, "online") == "1 connecté en ligne"
    assert count_shown(page, "confirmed") == "3 confirmés"
    # The page's counts refresh themselves with their words.
    assert counts["present"] == 2 and counts["labels"]["present"] == "présents"
    assert counts["labels"]["checked_in"] == "arrivée enregistrée"


def test_sent_messages_show_when_they_went_in_the_events_zone(client: Client, staff: User) -> None:
    event = EventFactory.create(time_zone="Asia/Amman")
    message = RegistrantMessage.objects.create(
        event=event, subject="Room change", body="Hall B.", statuses=["confirmed"], sent_by=staff
    )
    RegistrantMessage.objects.filter(pk=message.pk).update(
        created_at=datetime(2026, 12, 6, 22, 44, tzinfo=UTC)
    )
    page = client.get(f"/events/{event.slug}/messages/").content.decode()
    assert "Dec. 7, 2026, 1:44 a.m. (Asia/Amman)" in page
