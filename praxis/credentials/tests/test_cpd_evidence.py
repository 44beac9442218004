"""The evidence file of a self-reported CPD activity: only documents and pictures, told by
their content; shown and served to their learner alone, never in a way that runs; in their data
archive, and gone with their account."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image
from pytest_django import DjangoCaptureOnCommitCallbacks

from praxis.accounts.lifecycle import erasure
from praxis.accounts.lifecycle.archive import write_archive
from praxis.accounts.models import AccountErasure, User
from praxis.accounts.tests.factories import UserFactory
from praxis.credentials.models import CpdActivity
from praxis.credentials.tests.test_cpd import pdf_text

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(out, "PNG")
    return out.getvalue()


def _post(client: Client, upload: SimpleUploadedFile, **fields: str) -> Any:
    data: dict[str, Any] = {
        "title": "Ward simulation day",
        "provider": "Teaching hospital",
        "date": "2026-01-10",
        "system": "cpd-hours",
        "credits": "6",
        "evidence_file": upload,
        **fields,
    }
    return client.post("/credentials/cpd/activities/", data)


def _kept_files(media: Path) -> list[Path]:
    return [path for path in media.rglob("*") if path.is_file()]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("evil.exe", b"MZ\x90\x00\x03\x00\x00\x00", "Attach a PDF, a JPEG, PNG or WebP picture"),
        ("evil.html", b"<script>alert(1)</script>", "Attach a PDF, a JPEG, PNG or WebP picture"),
        ("evil.svg", b"<svg onload='alert(1)'/>", "Attach a PDF, a JPEG, PNG or WebP picture"),
        ("evidence", PDF, "Attach a PDF, a JPEG, PNG or WebP picture"),
        ("evil.pdf", b"<html><script>alert(1)</script></html>", "not the PDF file its name"),
        ("evil.png", PDF, "not the PNG file its name"),
        ("notes.txt", b"\x00\x01\x02binary\xff", "not the TXT file its name"),
    ],
)
def test_evidence_of_a_kind_not_allowed_is_refused_beside_its_field(
    client: Client, learner: User, media: Path, name: str, content: bytes, message: str
) -> None:
    client.force_login(learner)
    response = _post(client, SimpleUploadedFile(name, content))
    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="field has-error"' in page
    assert message in page.split('for="id_evidence_file"')[1].split("</div>")[0]
    assert not CpdActivity.objects.exists()
    assert _kept_files(media) == []


def test_evidence_over_the_size_limit_is_refused(
    client: Client, learner: User, media: Path
) -> None:
    client.force_login(learner)
    response = _post(client, SimpleUploadedFile("big.pdf", PDF + b"0" * (5 * 1024 * 1024)))
    assert response.status_code == 400
    assert "The evidence file must be under 5 MB." in response.content.decode()
    assert not CpdActivity.objects.exists()
    assert _kept_files(media) == []


@pytest.mark.parametrize(
    ("name", "content", "served_as"),
    [
        ("attendance.pdf", PDF, "application/pdf"),
        ("badge photo.PNG", png(), "image/png"),
        ("notes.txt", "Présence confirmée — 6 h".encode(), "text/plain; charset=utf-8"),
    ],
)
def test_learner_opens_their_own_evidence_as_a_download_that_cannot_run(
    client: Client, learner: User, name: str, content: bytes, served_as: str
) -> None:
    client.force_login(learner)
    assert _post(client, SimpleUploadedFile(name, content)).status_code == 302
    line = CpdActivity.objects.get()
    page = client.get("/credentials/cpd/").content.decode()
    link = f"/credentials/cpd/activities/{line.pk}/evidence"
    shown = name.replace(" ", "_")  # the storage's safe name for it
    assert f'href="{link}"' in page and shown in page.split(link)[1][:200]
    response = client.get(link)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content  # type: ignore[attr-defined]  # a FileResponse
    assert response["Content-Type"] == served_as
    assert response["Content-Disposition"].startswith("attachment;")
    assert shown in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_nobody_else_opens_a_learners_evidence(client: Client, learner: User) -> None:
    client.force_login(learner)
    _post(client, SimpleUploadedFile("attendance.pdf", PDF))
    link = f"/credentials/cpd/activities/{CpdActivity.objects.get().pk}/evidence"
    client.force_login(UserFactory.create())
    assert client.get(link).status_code == 404
    client.logout()
    response = client.get(link)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_line_without_a_file_has_no_evidence_to_open(client: Client, learner: User) -> None:
    client.force_login(learner)
    _post(client, SimpleUploadedFile("attendance.pdf", b""))  # an empty file is refused
    assert not CpdActivity.objects.exists()
    client.post(
        "/credentials/cpd/activities/",
        {"title": "Reading", "date": "2026-01-10", "system": "cpd-hours", "credits": "1"},
    )
    line = CpdActivity.objects.get()
    assert client.get(f"/credentials/cpd/activities/{line.pk}/evidence").status_code == 404


def test_exports_name_the_evidence_file_not_where_it_is_kept(client: Client, learner: User) -> None:
    client.force_login(learner)
    _post(
        client,
        SimpleUploadedFile("attendance.pdf", PDF),
        evidence_url="https://council.example/attendance/42",
    )
    response = client.get("/credentials/cpd/record.csv")
    (row,) = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    assert row["evidence"] == "https://council.example/attendance/42; attendance.pdf"
    text = pdf_text(client.get("/credentials/cpd/record.pdf").content)
    assert "attendance.pdf" in text and "cpd-evidence" not in text


def test_removing_a_line_removes_its_evidence_file(
    client: Client,
    learner: User,
    media: Path,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    client.force_login(learner)
    _post(client, SimpleUploadedFile("attendance.pdf", PDF))
    assert len(_kept_files(media)) == 1
    line = CpdActivity.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/credentials/cpd/activities/{line.pk}/deletion/")
    assert not CpdActivity.objects.exists()
    assert _kept_files(media) == []


def test_the_learners_data_archive_holds_their_evidence_files(
    client: Client, learner: User, media: Path
) -> None:
    client.force_login(learner)
    _post(client, SimpleUploadedFile("attendance.pdf", PDF))
    archive = io.BytesIO()
    write_archive(learner, archive)
    with zipfile.ZipFile(archive) as opened:
        kept = [name for name in opened.namelist() if name.startswith("cpd/evidence/")]
        assert len(kept) == 1 and kept[0].endswith("-attendance.pdf")
        assert opened.read(kept[0]) == PDF


def test_erasing_the_learner_deletes_their_evidence_files(
    client: Client,
    learner: User,
    media: Path,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    client.force_login(learner)
    _post(client, SimpleUploadedFile("attendance.pdf", PDF))
    assert len(_kept_files(media)) == 1
    request = AccountErasure.objects.create(user=learner, erase_after=learner.created_at)
    with django_capture_on_commit_callbacks(execute=True):
        assert erasure.erase(request.pk) is True
    assert not CpdActivity.objects.exists()
    assert _kept_files(media) == []
