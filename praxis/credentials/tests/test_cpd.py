from __future__ import annotations

import csv
import io
import subprocess
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.core.errors import Conflict, PermissionDenied, ValidationFailed
from praxis.credentials.models import CpdActivity, Credential
from praxis.credentials.queries import cpd_record
from praxis.credentials.services import (
    add_external_activity,
    delete_external_activity,
    issue_credential,
)
from praxis.credentials.tests.conftest import MakeAchievement
from praxis.credentials.tests.factories import ExternalActivityFactory, credit_system

pytestmark = pytest.mark.django_db


def pdf_text(pdf: bytes) -> str:
    """The text of a PDF as poppler's pdftotext extracts it (Debian: poppler-utils)."""
    extracted = subprocess.run(
        ["pdftotext", "-", "-"],  # noqa: S607 - poppler from the system
        input=pdf,
        capture_output=True,
        check=True,
    )
    return extracted.stdout.decode()


def _add(learner: User, **kwargs: Any) -> CpdActivity:
    arguments: dict[str, Any] = {
        "title": "Regional nursing conference",
        "system_code": "cpd-hours",
        "credits": "3",
        "day": timezone.localdate(),
        "provider": "Nursing council",
        "evidence_url": "https://council.example/attendance/42",
    }
    arguments.update(kwargs)
    return add_external_activity(learner, **arguments)


def test_external_activity_is_marked_self_reported(learner: User) -> None:
    line = _add(learner)
    assert line.self_reported and line.credits == Decimal("3")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", ""),
        ("title", "x" * 300),
        ("system_code", "nope"),
        ("credits", "abc"),
        ("credits", "0"),
        ("credits", "-2"),
        ("credits", "1e9"),
        ("day", None),
        ("evidence_url", "javascript:alert(1)"),
    ],
)
def test_bad_external_activity_is_refused_and_nothing_is_saved(
    learner: User, field: str, value: Any
) -> None:
    with pytest.raises(ValidationFailed):
        _add(learner, **{field: value})
    assert not CpdActivity.objects.exists()


def test_external_activity_in_the_future_is_refused(learner: User) -> None:
    with pytest.raises(ValidationFailed):
        _add(learner, day=timezone.localdate() + timedelta(days=3))


def test_record_totals_credits_by_system_with_certificates_and_self_reported(
    issued: Credential,
) -> None:
    _add(issued.learner, credits="1.5")
    totals = {total.system.code: total for total in cpd_record(issued.learner)}
    assert totals["cpd-hours"].total == Decimal("4.00")
    assert totals["cpd-hours"].verified == Decimal("2.50")
    assert totals["cpd-hours"].self_reported == Decimal("1.5")
    assert totals["ama-pra-1"].total == Decimal("2.50")


def test_record_applies_the_daily_cap(learner: User) -> None:
    day = date(2026, 3, 2)
    for _ in range(3):
        ExternalActivityFactory.create(
            learner=learner, system=credit_system("eaccme"), date=day, credits=4
        )
    ExternalActivityFactory.create(
        learner=learner, system=credit_system("eaccme"), date=day + timedelta(days=1), credits=2
    )
    (total,) = cpd_record(learner)
    assert total.total == Decimal("10")  # 12 on the first day capped at 8, plus 2


def test_record_keeps_to_the_period(learner: User) -> None:
    ExternalActivityFactory.create(learner=learner, date=date(2025, 12, 31), credits=5)
    ExternalActivityFactory.create(learner=learner, date=date(2026, 1, 15), credits=2)
    (total,) = cpd_record(learner, date(2026, 1, 1), date(2026, 12, 31))
    assert total.total == Decimal("2")


def test_learner_removes_a_self_reported_line(learner: User) -> None:
    line = _add(learner)
    delete_external_activity(learner, line)
    assert not CpdActivity.objects.exists()


def test_credits_from_a_certificate_cannot_be_removed(issued: Credential) -> None:
    line = issued.cpd_activities.first()
    assert line is not None
    with pytest.raises(Conflict):
        delete_external_activity(issued.learner, line)


def test_nobody_removes_another_learners_line(learner: User) -> None:
    line = _add(learner)
    with pytest.raises(PermissionDenied):
        delete_external_activity(UserFactory.create(), line)


def test_cpd_page_adds_an_activity_with_an_evidence_file(client: Client, learner: User) -> None:
    client.force_login(learner)
    response = client.post(
        "/credentials/cpd/activities/",
        {
            "title": "Ward simulation day",
            "provider": "Teaching hospital",
            "date": "2026-01-10",
            "system": "cpd-hours",
            "credits": "6",
            "evidence_file": SimpleUploadedFile("attendance.pdf", b"%PDF-1.4 evidence"),
        },
    )
    assert response.status_code == 302
    page = client.get("/credentials/cpd/").content.decode()
    assert "Ward simulation day" in page and "Self-reported" in page


def test_cpd_page_shows_errors_for_bad_input(client: Client, learner: User) -> None:
    client.force_login(learner)
    response = client.post(
        "/credentials/cpd/activities/",
        {"title": "", "date": "soon", "system": "nope", "credits": "many"},
    )
    assert response.status_code == 400
    assert not CpdActivity.objects.exists()


def test_cpd_page_lists_lines_without_extra_queries(
    client: Client, issued: Credential, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    for _ in range(5):
        _add(issued.learner)
    client.force_login(issued.learner)
    with django_assert_num_queries(4):
        client.get("/credentials/cpd/")


def test_cpd_csv_export_has_a_line_per_credit_with_evidence(
    client: Client, issued: Credential
) -> None:
    _add(issued.learner, title="=HYPERLINK(1)")
    client.force_login(issued.learner)
    response = client.get("/credentials/cpd/record.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {row["credit_system"] for row in rows} == {"cpd-hours", "ama-pra-1"}
    certificate_rows = [row for row in rows if row["certificate_id"]]
    assert certificate_rows[0]["evidence"].endswith(str(issued.uuid))
    assert any(row["activity"] == "'=HYPERLINK(1)" for row in rows)


def test_cpd_pdf_export_shows_the_totals(client: Client, issued: Credential) -> None:
    client.force_login(issued.learner)
    response = client.get("/credentials/cpd/record.pdf")
    text = pdf_text(response.content)
    assert "AMA PRA Category 1" in text and "Hand hygiene in practice" in text


def test_certificate_pdf_carries_arabic_and_chinese_text(
    client: Client, learner: User, make_achievement: MakeAchievement
) -> None:
    learner.full_name = "أمينة يوسف"
    learner.save()
    credential = issue_credential(learner, make_achievement("course:ar", name="感染预防与控制"))
    response = client.get(f"/credentials/{credential.uuid}.pdf", HTTP_ACCEPT_LANGUAGE="ar")
    text = pdf_text(response.content)
    assert "感染预防与控制" in text
    assert "يوسف" in text or "فسوي" in text  # extraction order of right-to-left text varies
    assert str(credential.uuid) in text


def test_event_certificate_pdf_is_a_certificate_of_attendance(
    client: Client, learner: User, make_achievement: MakeAchievement
) -> None:
    credential = issue_credential(
        learner, make_achievement("event:workshop", kind="event", name="IPC workshop")
    )
    text = pdf_text(client.get(f"/credentials/{credential.uuid}.pdf").content)
    assert "Certificate of attendance" in text
    assert "Certificate of achievement" not in text


def test_course_certificate_pdf_is_a_certificate_of_achievement(
    client: Client, issued: Credential
) -> None:
    text = pdf_text(client.get(f"/credentials/{issued.uuid}.pdf").content)
    assert "Certificate of achievement" in text
