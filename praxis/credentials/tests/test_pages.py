from __future__ import annotations

import copy
import json
from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from praxis.accounts.models import User
from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.credentials.models import Credential
from praxis.credentials.services import issue_credential
from praxis.credentials.tests.conftest import MakeAchievement

pytestmark = pytest.mark.django_db


def test_wallet_lists_credentials_with_downloads_and_share_link(
    client: Client,
    issued: Credential,
    make_achievement: MakeAchievement,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    issue_credential(issued.learner, make_achievement("course:two", name="Triage basics"))
    client.force_login(issued.learner)
    with django_assert_num_queries(6):
        page = client.get("/credentials/")
    text = page.content.decode()
    assert "Hand hygiene in practice" in text and "Triage basics" in text
    assert f"/credentials/{issued.uuid}.pdf" in text
    assert f"/credentials/{issued.uuid}.json?download=1" in text
    assert "Kenya Medical Training College" in text


def test_wallet_needs_login(client: Client) -> None:
    assert client.get("/credentials/").status_code == 302


def test_credential_json_downloads_the_signed_document(client: Client, issued: Credential) -> None:
    response = client.get(f"/credentials/{issued.uuid}.json?download=1")
    assert response["Content-Disposition"].startswith("attachment")
    assert response.json() == issued.document


def test_share_page_shows_the_credential_is_valid(client: Client, issued: Credential) -> None:
    page = client.get(f"/credentials/{issued.uuid}").content.decode()
    assert 'data-status="valid"' in page
    assert "Amina Yusuf" in page


def test_share_page_gives_dates_in_the_readers_language_and_zone(
    client: Client, learner: User, make_achievement: MakeAchievement
) -> None:
    issued = issue_credential(
        learner, make_achievement(), issued_at=datetime(2026, 3, 1, 14, 30, tzinfo=UTC)
    )
    page = client.get(f"/credentials/{issued.uuid}").content.decode()
    assert "March 1, 2026, 2:30 p.m. (UTC)" in page
    assert ">2026-03-01T14:30:00Z<" not in page
    client.cookies["praxis_time_zone"] = "Africa/Nairobi"
    client.cookies["django_language"] = "fr"
    page = client.get(f"/credentials/{issued.uuid}").content.decode()
    assert "1 mars 2026 17:30 (Africa/Nairobi)" in page


def test_verify_page_gives_a_readable_date(client: Client, issued: Credential) -> None:
    page = client.post("/credentials/verify/", {"document": json.dumps(issued.document)})
    text = page.content.decode()
    assert f">{issued.document['validFrom']}<" not in text
    assert f'datetime="{issued.document["validFrom"]}"' in text


def test_unknown_credential_is_not_found(client: Client) -> None:
    response = client.get("/credentials/6f1d2a3e-0000-4000-8000-000000000000")
    assert response.status_code == 404


def test_certificate_pdf_is_a_pdf(client: Client, issued: Credential) -> None:
    response = client.get(f"/credentials/{issued.uuid}.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_verify_page_accepts_a_pasted_credential(client: Client, issued: Credential) -> None:
    page = client.post("/credentials/verify/", {"document": json.dumps(issued.document)})
    assert 'data-status="valid"' in page.content.decode()


def test_verify_page_accepts_an_uploaded_file(client: Client, issued: Credential) -> None:
    upload = SimpleUploadedFile("c.json", json.dumps(issued.document).encode())
    page = client.post("/credentials/verify/", {"file": upload})
    assert 'data-status="valid"' in page.content.decode()


def test_verify_page_reports_tampering(client: Client, issued: Credential) -> None:
    document = copy.deepcopy(issued.document)
    document["validFrom"] = "2020-01-01T00:00:00Z"
    page = client.post("/credentials/verify/", {"document": json.dumps(document)})
    assert 'data-status="tampered"' in page.content.decode()


def test_verify_page_looks_up_our_own_address(client: Client, issued: Credential) -> None:
    page = client.post("/credentials/verify/", {"url": issued.document["id"]})
    assert 'data-status="valid"' in page.content.decode()


def test_verify_page_never_fetches_other_sites(client: Client) -> None:
    page = client.post("/credentials/verify/", {"url": "https://elsewhere.example/c/1"})
    assert "Only credentials issued by this site" in page.content.decode()


@pytest.mark.parametrize("garbage", ["{not json", "[1, 2]", "null", '"text"'])
def test_verify_page_says_garbage_is_not_a_credential(client: Client, garbage: str) -> None:
    page = client.post("/credentials/verify/", {"document": garbage})
    assert 'data-status="malformed"' in page.content.decode()


def test_verify_page_with_nothing_asks_for_a_credential(client: Client) -> None:
    page = client.post("/credentials/verify/", {})
    assert page.status_code == 400
    assert "Paste, upload or link a credential" in page.content.decode()


def test_verify_page_refuses_huge_input(client: Client) -> None:
    page = client.post("/credentials/verify/", {"document": "x" * 300_000})
    assert page.status_code == 400


def test_staff_revokes_on_the_credential_page(client: Client, issued: Credential) -> None:
    client.force_login(StaffFactory.create())
    client.post(
        f"/credentials/{issued.uuid}/status/", {"action": "revoke", "reason": "Issued in error"}
    )
    page = client.get(f"/credentials/{issued.uuid}").content.decode()
    assert 'data-status="revoked"' in page and "Issued in error" in page


def test_learner_cannot_revoke_on_the_credential_page(client: Client, issued: Credential) -> None:
    client.force_login(issued.learner)
    client.post(f"/credentials/{issued.uuid}/status/", {"action": "revoke", "reason": "x"})
    issued.refresh_from_db()
    assert issued.revoked_at is None


def test_another_learner_does_not_see_my_wallet(client: Client, issued: Credential) -> None:
    client.force_login(UserFactory.create())
    assert "Hand hygiene" not in client.get("/credentials/").content.decode()
