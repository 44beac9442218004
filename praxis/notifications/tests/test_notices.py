"""Notices: delivery as each person chose, e-mail at once and in digests (never twice), the
notification centre, the header count, and nobody reading another's notices."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries, DjangoCaptureOnCommitCallbacks
from pytest_django import Settings as SettingsWrapper

from conftest import SchemaCheckedClient
from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.catalog.notices import course_updated
from praxis.community.notices import mention, moderation
from praxis.notifications import delivery, queries, services
from praxis.notifications.models import Notice, Preference

pytestmark = pytest.mark.django_db


def _mention(person: User, thread: str = "Night shifts", actor: str = "Chen Li") -> Notice | None:
    return services.notify(person, mention, "/community/t/x/", actor=actor, thread=thread)


def test_a_notice_is_listed_in_the_centre_with_its_text_and_link(client: Client) -> None:
    person = UserFactory.create()
    _mention(person)
    client.force_login(person)
    page = client.get(reverse("notifications:centre")).content.decode()
    assert "Chen Li mentioned you in “Night shifts”" in page
    assert '<strong class="tag">New</strong>' in page
    assert "1 unread notification" in page
    # Unread, it opens through a form that marks it read; read, it is a plain link.
    assert 'name="open" value="1"' in page
    client.post(reverse("notifications:centre"))
    page = client.get(reverse("notifications:centre")).content.decode()
    assert 'href="/community/t/x/"' in page


def test_the_centre_shows_each_change_at_once_and_each_reader_their_own_token() -> None:
    person = UserFactory.create()
    _mention(person, thread="Night shifts")
    first, second = Client(), Client()
    for client in (first, second):
        client.force_login(person)
    assert "“Night shifts”" in first.get(reverse("notifications:centre")).content.decode()
    # Kept as rendered, with each reader's own token in its forms: one marks the notice read.
    page = second.get(reverse("notifications:centre")).content.decode()
    token = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[-1]
    notice = Notice.objects.get(person=person)
    strict = Client(enforce_csrf_checks=True)
    strict.cookies = second.cookies
    marked = strict.post(
        reverse("notifications:read", args=[notice.pk]), {"csrfmiddlewaretoken": token}
    )
    assert marked.status_code == 302
    page = first.get(reverse("notifications:centre")).content.decode()
    assert 'href="/community/t/x/"' in page and '<strong class="tag">New</strong>' not in page
    _mention(person, thread="Hand rubs")
    page = first.get(reverse("notifications:centre")).content.decode()
    assert "“Hand rubs”" in page and page.count('<strong class="tag">New</strong>') == 1
    # Another person's centre never shows these notices.
    other = Client()
    other.force_login(UserFactory.create())
    assert "Night shifts" not in other.get(reverse("notifications:centre")).content.decode()


def test_moderation_outcomes_say_what_happened(client: Client) -> None:
    person = UserFactory.create()
    services.notify(person, moderation, "/", action="approve", community="Nurses", thread="Masks")
    services.notify(person, moderation, "/", action="suspend", community="Nurses")
    client.force_login(person)
    page = client.get(reverse("notifications:centre")).content.decode()
    assert "A moderator approved your post in “Masks”; it is now visible." in page
    assert "A moderator suspended you in Nurses." in page
    assert "taken action" not in page


def test_never_means_no_notice_at_all() -> None:
    person = UserFactory.create()
    Preference.objects.create(person=person, kind="mention", delivery="never")
    assert _mention(person) is None
    assert not Notice.objects.filter(person=person).exists()


def test_email_at_once_goes_after_commit_in_the_readers_language(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    person = UserFactory.create(full_name="Amina Diallo", email="amina@example.org")
    Preference.objects.create(person=person, kind="mention", delivery="email")
    with django_capture_on_commit_callbacks(execute=True):
        notice = _mention(person)
        assert notice is not None
        assert not mail.outbox  # not before the hand-off commits
    assert [m.to for m in mail.outbox] == [["amina@example.org"]]
    assert mail.outbox[0].subject == "Chen Li mentioned you in “Night shifts”"
    assert "Dear Amina Diallo," in mail.outbox[0].body
    assert "/community/t/x/" in mail.outbox[0].body
    assert reverse("notifications:preferences") in mail.outbox[0].body
    notice.refresh_from_db()
    assert notice.emailed_at is not None
    assert delivery.send_emails([notice.pk]) == 0  # run again: nothing twice
    assert len(mail.outbox) == 1


def test_in_app_and_digest_choices_send_no_email_at_once(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    in_app, daily = UserFactory.create(), UserFactory.create()
    Preference.objects.create(person=daily, kind="mention", delivery="daily")
    with django_capture_on_commit_callbacks(execute=True):
        _mention(in_app)
        _mention(daily)
    assert not mail.outbox
    assert Notice.objects.filter(person__in=[in_app, daily]).count() == 2


def test_daily_digest_groups_by_kind_and_never_sends_an_item_twice() -> None:
    person = UserFactory.create(email="bola@example.org")
    other = UserFactory.create(email="chen@example.org")
    for key in ("mention", "course_updated"):
        Preference.objects.create(person=person, kind=key, delivery="daily")
    Preference.objects.create(person=other, kind="mention", delivery="weekly")
    _mention(person, thread="Masks")
    _mention(person, thread="Gloves")
    services.notify(person, course_updated, "/courses/ipc/", course="IPC basics", version=2)
    _mention(other, thread="Not today")

    assert delivery.send_digests("daily") == 1
    assert [m.to for m in mail.outbox] == [["bola@example.org"]]
    digest = mail.outbox[0]
    assert "daily digest, 3 notifications" in digest.subject
    body = digest.body
    assert body.index("Someone mentions you") < body.index("“Masks”") < body.index("“Gloves”")
    assert body.index("Updates to courses you follow") < body.index("IPC basics")
    assert "Not today" not in body

    assert delivery.send_digests("daily") == 0  # again the same day: nothing new, nothing sent
    _mention(person, thread="Gowns")
    assert delivery.send_digests("daily", now=timezone.now() + timedelta(days=1)) == 1
    assert "Gowns" in mail.outbox[1].body and "Masks" not in mail.outbox[1].body

    assert delivery.send_digests("weekly") == 1
    assert mail.outbox[2].to == ["chen@example.org"] and "Not today" in mail.outbox[2].body
    assert delivery.send_digests("weekly") == 0


def test_a_failed_digest_stays_due(settings: SettingsWrapper) -> None:
    settings.EMAIL_BACKEND = "praxis.events.tests.test_reminders.FlakyBackend"
    person = UserFactory.create(email="x@unreachable.example")
    Preference.objects.create(person=person, kind="mention", delivery="weekly")
    _mention(person)
    assert delivery.send_digests("weekly") == 0
    assert Notice.objects.get(person=person).emailed_at is None
    person.email = "x@example.org"
    person.save()
    assert delivery.send_digests("weekly") == 1


def test_marking_read_one_and_all(client: Client) -> None:
    person = UserFactory.create()
    first, second = _mention(person), _mention(person, thread="Gloves")
    assert first is not None and second is not None
    client.force_login(person)
    response = client.post(reverse("notifications:read", args=[first.pk]))
    assert response.status_code == 302
    page = client.get(reverse("notifications:centre")).content.decode()
    assert "1 unread notification" in page
    assert page.count('<strong class="tag">New</strong>') == 1
    client.post(reverse("notifications:centre"))
    assert not Notice.objects.filter(person=person, read_at__isnull=True).exists()
    page = client.get(reverse("notifications:centre")).content.decode()
    assert '<strong class="tag">New</strong>' not in page and "0 unread notifications" in page
    assert second.pk


def test_opening_a_notice_marks_it_read_and_goes_to_its_page(client: Client) -> None:
    person = UserFactory.create()
    notice = _mention(person)
    assert notice is not None
    client.force_login(person)
    response = client.post(reverse("notifications:read", args=[notice.pk]), {"open": "1"})
    assert response.status_code == 302 and response["Location"] == "/community/t/x/"


def test_nobody_reads_or_marks_another_persons_notices(
    client: Client, api_client: SchemaCheckedClient
) -> None:
    owner, intruder = UserFactory.create(), UserFactory.create()
    notice = _mention(owner, thread="Private matter")
    assert notice is not None
    client.force_login(intruder)
    assert client.post(reverse("notifications:read", args=[notice.pk])).status_code == 404
    assert client.post(reverse("notifications:read", args=[999999])).status_code == 404
    assert "Private matter" not in client.get(reverse("notifications:centre")).content.decode()
    api_client.force_login(intruder)
    response = api_client.post(f"/api/v1/me/notifications/{notice.pk}/read")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    assert api_client.get("/api/v1/me/notifications").json()["items"] == []
    notice.refresh_from_db()
    assert notice.read_at is None


def test_the_centre_and_api_need_a_login(client: Client, api_client: SchemaCheckedClient) -> None:
    response = client.get(reverse("notifications:centre"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert api_client.get("/api/v1/me/notifications").status_code == 401


def test_the_centre_pages_notices(client: Client) -> None:
    person = UserFactory.create()
    for n in range(25):
        _mention(person, thread=f"Thread {n:02d}")
    client.force_login(person)
    first = client.get(reverse("notifications:centre")).content.decode()
    assert "Thread 24" in first and "Thread 04" not in first and "Page 1 of 2" in first
    second = client.get(reverse("notifications:centre"), {"page": "2"}).content.decode()
    assert "Thread 04" in second and "Thread 24" not in second
    assert client.get(reverse("notifications:centre"), {"page": "x"}).status_code == 200


def test_the_centre_counts_notices_only_past_a_full_page(
    client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    person = UserFactory.create()
    for n in range(3):
        _mention(person, thread=f"Thread {n:02d}")
    client.force_login(person)
    client.get(reverse("notifications:centre"))
    # The session, the person and their notices: fewer than a page are all there are.
    with django_assert_num_queries(3):
        page = client.get(reverse("notifications:centre")).content.decode()
    assert "Thread 00" in page and "Thread 02" in page and "Page 1 of" not in page


def test_the_centre_counts_a_full_page_and_shows_the_last_past_the_end(client: Client) -> None:
    person = UserFactory.create()
    for n in range(queries.NOTICES_PER_PAGE):
        _mention(person, thread=f"Thread {n:02d}")
    client.force_login(person)
    full = client.get(reverse("notifications:centre")).content.decode()
    assert full.count('<li id="notice-') == queries.NOTICES_PER_PAGE and "Page 1 of" not in full
    _mention(person, thread="Thread 20")
    past = client.get(reverse("notifications:centre"), {"page": "9"}).content.decode()
    assert "Page 2 of 2" in past and "Thread 00" in past and "Thread 20" not in past


def test_the_api_lists_and_marks_read(api_client: SchemaCheckedClient) -> None:
    person = UserFactory.create()
    notice = _mention(person)
    assert notice is not None
    api_client.force_login(person)
    body = api_client.get("/api/v1/me/notifications").json()
    assert body["unread"] == 1
    assert body["items"][0]["text"] == "Chen Li mentioned you in “Night shifts”"
    assert api_client.post(f"/api/v1/me/notifications/{notice.pk}/read").json()["read"] is True
    assert api_client.post("/api/v1/me/notifications/read").json() == {"marked": 0}


def test_the_header_shows_the_unread_count_from_the_cache(
    client: Client,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    person = UserFactory.create()
    client.force_login(person)  # counts once, at login
    with django_assert_num_queries(0):
        assert queries.unread_count(person) == 0
    with django_capture_on_commit_callbacks(execute=True):
        _mention(person)
        _mention(person, thread="Gloves")
    page = client.get(reverse("catalog:catalogue")).content.decode()
    assert '<span class="count">2<span class="visually-hidden"> unread</span></span>' in page
    with django_capture_on_commit_callbacks(execute=True):
        services.mark_all_read(person)
    page = client.get(reverse("catalog:catalogue")).content.decode()
    assert 'class="count"' not in page
    assert 'href="/notifications/"' in page


def test_a_new_notice_shows_in_the_header_whichever_worker_counted_before(
    client: Client,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
    settings: SettingsWrapper,
    tmp_path: Path,
) -> None:
    # As `make run` serves without Redis: each worker's own memory, and a file all of them read.
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "counters": {
            "BACKEND": "praxis.core.counters.CounterCache",
            "LOCATION": str(tmp_path / "counters.sqlite3"),
        },
    }
    person = UserFactory.create()
    client.force_login(person)
    page = client.get(reverse("catalog:catalogue")).content.decode()
    assert 'class="count"' not in page
    # Another worker notifies them; this one's own memory still holds what it counted before.
    with django_capture_on_commit_callbacks(execute=True):
        _mention(person)
    caches["default"].set(f"notifications:unread:{person.pk}", 0)
    page = client.get(reverse("catalog:catalogue")).content.decode()
    assert '<span class="count">1<span class="visually-hidden"> unread</span></span>' in page


def test_a_title_written_the_other_way_keeps_its_place_in_the_notice(client: Client) -> None:
    """An English thread title inside an Arabic notice is set apart (Unicode's directional
    isolates), so that its punctuation stays with it rather than moving to the sentence's end;
    an Arabic title in an English notice too; a title written the sentence's way is left alone."""
    reader = UserFactory.create(preferred_language="ar")
    _mention(reader, thread="Gloves: when to change?", actor="أمينة حداد")
    client.force_login(reader)
    page = client.get(reverse("notifications:centre"), HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert "\u2068Gloves: when to change?\u2069" in page
    assert "\u2068أمينة حداد" not in page
    english = UserFactory.create(preferred_language="en")
    _mention(english, thread="نقص القفازات", actor="Chen Li")
    client.force_login(english)
    page = client.get(reverse("notifications:centre")).content.decode()
    assert "\u2068نقص القفازات\u2069" in page and "\u2068Chen Li" not in page


def test_the_communitys_old_notifications_page_redirects(client: Client) -> None:
    client.force_login(UserFactory.create())
    response = client.get("/community/notifications/")
    assert response.status_code == 301 and response["Location"] == "/notifications/"


def test_no_notices_are_made_while_held() -> None:
    person = UserFactory.create()
    with services.without_notices():
        assert _mention(person) is None
    assert _mention(person) is not None
    assert Notice.objects.filter(person=person).count() == 1
