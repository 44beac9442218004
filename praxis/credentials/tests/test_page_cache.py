"""A credential's verification page rendered once for every visitor without a session: its
status current on the next view, kept no longer than its verdict holds, and the share link
naming the site as asked for."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.test import Client

from praxis.accounts.tests.factories import StaffFactory
from praxis.core.fragments import TIMEOUT_SECONDS
from praxis.credentials import services
from praxis.credentials.page_cache import seconds_valid

pytestmark = pytest.mark.django_db


def heading(client: Client, issued: Any, **extra: Any) -> str:
    page = client.get(f"/credentials/{issued.uuid}", **extra).content.decode()
    return page.split('<h2 id="verification-title">', 1)[1].split("</h2>", 1)[0]


def test_a_revocation_and_a_reinstatement_show_on_the_next_view(issued: Any) -> None:
    staff = StaffFactory.create()
    assert heading(Client(), issued) == "Valid"
    services.suspend_credential(issued, by=staff, reason="Under review")
    assert heading(Client(), issued) == "Suspended"
    services.reinstate_credential(issued, by=staff)
    assert heading(Client(), issued) == "Valid"
    services.revoke_credential(issued, by=staff, reason="Issued in error")
    assert heading(Client(), issued) == "Revoked"


def test_the_share_link_names_the_site_each_visitor_asked_for(issued: Any, settings: Any) -> None:
    settings.ALLOWED_HOSTS = ["testserver", "verify.example.org"]
    Client().get(f"/credentials/{issued.uuid}")
    page = Client().get(f"/credentials/{issued.uuid}", HTTP_HOST="verify.example.org")
    assert f'value="http://verify.example.org/credentials/{issued.uuid}"' in page.content.decode()


def test_staff_get_their_own_page_with_the_status_form(client: Client, issued: Any) -> None:
    Client().get(f"/credentials/{issued.uuid}")
    staff = client  # the suite's client: staff logged in with their second factor proven
    staff.force_login(StaffFactory.create())
    assert "Status (staff)" in staff.get(f"/credentials/{issued.uuid}").content.decode()
    visitor = Client().get(f"/credentials/{issued.uuid}")
    assert "Status (staff)" not in visitor.content.decode()
    assert "Cookie" in visitor["Vary"]


def test_a_verdict_is_kept_no_longer_than_it_holds() -> None:
    now = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
    ending = {"validFrom": "2026-01-01T00:00:00Z", "validUntil": "2026-12-04T12:00:30Z"}
    starting = {"validFrom": "2026-12-04T12:02:00Z"}
    assert seconds_valid(ending, now) == 30
    assert seconds_valid(starting, now) == 120
    assert seconds_valid({"validFrom": "2026-01-01T00:00:00Z"}, now) == TIMEOUT_SECONDS
    assert seconds_valid(ending, now + timedelta(hours=1)) == TIMEOUT_SECONDS
    assert seconds_valid("not a document", now) == TIMEOUT_SECONDS
