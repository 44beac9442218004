"""The sessions and tokens page: seeing where one is signed in, and signing out there."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import SchemaCheckedClient
from praxis.accounts import services
from praxis.accounts.devices import describe_user_agent
from praxis.accounts.models import ApiToken, PersonSession, SecurityEvent, User
from praxis.accounts.services.sessions import LAST_SEEN_PRECISION, SEEN_SESSION_KEY
from praxis.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

FIREFOX_ANDROID = "Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0"
CHROME_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
NEW_PASSWORD = "clinic-orchard-77-kettle"


def logged_in(user: User, user_agent: str) -> Client:
    client = Client(HTTP_USER_AGENT=user_agent)
    response = client.post(
        reverse("accounts:login"), {"email": user.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    return client


@pytest.mark.parametrize(
    ("user_agent", "words"),
    [
        (FIREFOX_ANDROID, "Firefox on Android"),
        (CHROME_WINDOWS, "Chrome on Windows"),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Version/17.5 Safari/605.1.15",
            "Safari on macOS",
        ),
        ("Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36 Edg/131.0", "Edge on Linux"),
        ("curl/8.5.0", "curl"),
        ("", "Unknown browser"),
        ("\x00" * 300, "Unknown browser"),
    ],
)
def test_user_agents_are_named_in_plain_words(user_agent: str, words: str) -> None:
    assert describe_user_agent(user_agent) == words


def test_the_page_lists_each_session_and_marks_this_one(person: User) -> None:
    phone = logged_in(person, FIREFOX_ANDROID)
    laptop = logged_in(person, CHROME_WINDOWS)

    page = laptop.get(reverse("accounts:sessions")).content.decode()

    assert "Firefox on Android" in page
    assert "Chrome on Windows <strong>(this device)</strong>" in page
    assert phone.get(reverse("accounts:profile")).status_code == 200


def test_signing_out_one_session_ends_it(person: User) -> None:
    phone = logged_in(person, FIREFOX_ANDROID)
    laptop = logged_in(person, CHROME_WINDOWS)
    row = PersonSession.objects.get(user_agent=FIREFOX_ANDROID)

    laptop.post(reverse("accounts:session_end", args=[row.pk]))

    assert phone.get(reverse("accounts:profile")).status_code == 302
    assert laptop.get(reverse("accounts:profile")).status_code == 200
    assert "Firefox on Android" not in laptop.get(reverse("accounts:sessions")).content.decode()


def test_nobody_ends_another_persons_session(person: User) -> None:
    phone = logged_in(person, FIREFOX_ANDROID)
    intruder = logged_in(UserFactory.create(email="other@example.org"), CHROME_WINDOWS)
    row = PersonSession.objects.get(person=person)

    response = intruder.post(reverse("accounts:session_end", args=[row.pk]), follow=True)

    assert "This page or item does not exist" in response.content.decode()
    assert phone.get(reverse("accounts:profile")).status_code == 200


def test_signing_out_everywhere_else_keeps_this_session(person: User) -> None:
    phone = logged_in(person, FIREFOX_ANDROID)
    tablet = logged_in(person, FIREFOX_ANDROID)
    laptop = logged_in(person, CHROME_WINDOWS)

    response = laptop.post(reverse("accounts:sessions_end_others"), follow=True)

    assert "Signed out of 2 other sessions." in response.content.decode()
    assert phone.get(reverse("accounts:profile")).status_code == 302
    assert tablet.get(reverse("accounts:profile")).status_code == 302
    assert laptop.get(reverse("accounts:profile")).status_code == 200
    assert SecurityEvent.objects.filter(person=person, kind="sessions_ended").exists()


def test_signing_out_everywhere_ends_this_session_too(person: User) -> None:
    phone = logged_in(person, FIREFOX_ANDROID)
    laptop = logged_in(person, CHROME_WINDOWS)

    laptop.post(reverse("accounts:sessions_end_all"))

    assert phone.get(reverse("accounts:profile")).status_code == 302
    assert laptop.get(reverse("accounts:profile")).status_code == 302
    assert not PersonSession.objects.filter(person=person).exists()


def test_a_password_change_ends_the_other_sessions_and_keeps_this_one(person: User) -> None:
    phone = logged_in(person, FIREFOX_ANDROID)
    laptop = logged_in(person, CHROME_WINDOWS)

    laptop.post(
        reverse("accounts:password_change"),
        {"old_password": DEFAULT_PASSWORD, "new_password": NEW_PASSWORD},
    )

    assert phone.get(reverse("accounts:profile")).status_code == 302
    assert laptop.get(reverse("accounts:profile")).status_code == 200
    rows = PersonSession.objects.filter(person=person)
    assert [row.user_agent for row in rows] == [CHROME_WINDOWS]
    assert SecurityEvent.objects.filter(person=person, kind="password_changed").exists()


def test_logging_out_removes_the_session_from_the_list(person: User) -> None:
    laptop = logged_in(person, CHROME_WINDOWS)

    laptop.post(reverse("accounts:logout"))

    assert not PersonSession.objects.filter(person=person).exists()


def test_the_pages_need_a_login(client: Client) -> None:
    for name in ("accounts:sessions", "accounts:activity", "accounts:two_factor"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_api_lists_and_ends_sessions_of_the_caller_only(
    person: User, api_client: SchemaCheckedClient
) -> None:
    logged_in(person, FIREFOX_ANDROID)
    other = UserFactory.create(email="other@example.org")
    logged_in(other, CHROME_WINDOWS)
    api_client.force_login(person)

    listed = api_client.get("/api/v1/me/sessions").json()
    assert [s["device"] for s in listed] == ["Firefox on Android"]
    others = PersonSession.objects.get(person=other)
    assert api_client.delete(f"/api/v1/me/sessions/{others.pk}").status_code == 404
    assert api_client.delete(f"/api/v1/me/sessions/{listed[0]['id']}").status_code == 204
    assert api_client.get("/api/v1/me/sessions").json() == []


def test_the_token_list_shows_live_tokens(person_client: Client, person: User) -> None:
    services.create_api_token(person, "Moodle sync")
    revoked, _plaintext = services.create_api_token(person, "Old laptop")
    services.revoke_api_token(person, revoked.pk)

    page = person_client.get(reverse("accounts:sessions")).content.decode()

    assert "Moodle sync" in page
    assert "Old laptop" not in page


def test_a_token_used_within_the_last_minute_reads_used_just_now(
    person_client: Client, person: User
) -> None:
    token, _plaintext = services.create_api_token(person, "Moodle sync")
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())

    page = person_client.get(reverse("accounts:sessions")).text

    assert "· used just now</li>" in page


def test_the_page_shows_when_each_session_was_last_active(person: User) -> None:
    phone = logged_in(person, FIREFOX_ANDROID)
    laptop = logged_in(person, CHROME_WINDOWS)
    PersonSession.objects.filter(user_agent=FIREFOX_ANDROID).update(
        last_seen_at=timezone.now() - datetime.timedelta(hours=3)
    )

    page = laptop.get(reverse("accounts:sessions")).content.decode()

    assert "Last active" in page
    assert "3\xa0hours ago" in page
    assert phone.get(reverse("accounts:profile")).status_code == 200


@pytest.mark.parametrize(
    ("language", "now", "zero_minutes"),
    [("en", "Now", "0\xa0minutes"), ("ar", "الآن", "0\xa0دقيقة")],
)
def test_a_session_active_within_the_last_minute_reads_now(
    person: User, language: str, now: str, zero_minutes: str
) -> None:
    person.preferred_language = language
    person.save(update_fields=["preferred_language"])
    logged_in(person, FIREFOX_ANDROID)
    laptop = logged_in(person, CHROME_WINDOWS)
    PersonSession.objects.filter(user_agent=FIREFOX_ANDROID).update(
        created_at=timezone.now() - datetime.timedelta(seconds=30),
        last_seen_at=timezone.now() - datetime.timedelta(seconds=20),
    )

    page = laptop.get(reverse("accounts:sessions")).text

    phone_row = page.split("Firefox")[1].split("</tr>")[0]
    assert zero_minutes not in page
    assert phone_row.count(f">{now}</time>") == 2  # signed in and last active


def test_last_activity_is_written_at_most_every_few_minutes(person: User) -> None:
    phone = logged_in(person, FIREFOX_ANDROID)
    row = PersonSession.objects.get()
    long_ago = timezone.now() - datetime.timedelta(days=2)
    PersonSession.objects.filter(pk=row.pk).update(last_seen_at=long_ago)

    phone.get(reverse("accounts:profile"))  # just logged in: too soon to write again
    unchanged = PersonSession.objects.get().last_seen_at
    session = phone.session
    session[SEEN_SESSION_KEY] -= LAST_SEEN_PRECISION.total_seconds() + 1
    session.save()
    phone.get(reverse("accounts:profile"))
    written = PersonSession.objects.get().last_seen_at
    PersonSession.objects.filter(pk=row.pk).update(last_seen_at=long_ago)
    phone.get(reverse("accounts:profile"))

    assert unchanged == long_ago
    assert timezone.now() - written < datetime.timedelta(minutes=1)
    assert PersonSession.objects.get().last_seen_at == long_ago  # the next request wrote nothing


def test_a_page_reads_the_person_once_and_then_the_person_itself(client: Client) -> None:
    visitor = client.get("/courses/")
    assert type(visitor.wsgi_request.user) is AnonymousUser
    person = UserFactory.create()
    client.force_login(person)
    page = client.get("/courses/")
    assert page.status_code == 200
    # The view and its templates were given the person, not Django's lazy wrapper of them.
    assert type(page.wsgi_request.user) is User and page.wsgi_request.user.pk == person.pk
