"""An account erased while a research export is being written is left out of it, whenever the
erasure happens, and the research files already holding the person are deleted; a broken export
leaves no file."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone
from pytest_django import DjangoCaptureOnCommitCallbacks
from pytest_django import Settings as SettingsWrapper

from praxis.accounts.lifecycle import erasure
from praxis.accounts.models import AccountErasure
from praxis.research import consent, retention
from praxis.research import exports as research_exports
from praxis.research.anonymity import pseudonym
from praxis.research.models import Export
from praxis.research.tests.exporting import approved, csv_rows, learners, run_export

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _export_root(settings: SettingsWrapper, tmp_path: Path) -> None:
    settings.RESEARCH_EXPORT_ROOT = str(tmp_path / "exports")


def test_an_account_erased_during_a_research_export_is_left_out(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    people = learners(6)
    leaving = people[3]
    marker = str(leaving.uuid)
    request = AccountErasure.objects.create(user=leaving, erase_after=timezone.now())
    original = research_exports.report_progress

    def erase_midway(export: Export, percent: int) -> None:
        if AccountErasure.objects.filter(pk=request.pk, status="scheduled").exists():
            assert erasure.erase(request.pk)
        original(export, percent)

    monkeypatch.setattr(research_exports, "report_progress", erase_midway)
    project = approved()
    export = run_export(project, django_capture_on_commit_callbacks)

    assert export.status == Export.Status.DONE, export.error
    pseudonyms = {row["learner"] for row in csv_rows(export)}
    assert pseudonym(project.secret, marker) not in pseudonyms
    assert len(pseudonyms) == 5


def test_erasure_deletes_research_files_that_hold_the_person(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    people = learners(5)
    export = run_export(approved(), django_capture_on_commit_callbacks)
    assert export.status == Export.Status.DONE
    request = AccountErasure.objects.create(user=people[0], erase_after=timezone.now())

    with django_capture_on_commit_callbacks(execute=True):
        assert erasure.erase(request.pk)

    export.refresh_from_db()
    assert export.files_deleted_reason == Export.Deletion.PARTICIPANT_ERASED
    assert not research_exports.export_path(export, "csv").exists()


def test_an_erasure_after_the_files_are_stored_is_caught_before_the_export_is_done(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    people = learners(6)
    leaving = people[1]
    request = AccountErasure.objects.create(user=leaving, erase_after=timezone.now())
    original = research_exports._store

    def store_then_erase(export: Export, folder: Path) -> None:
        original(export, folder)
        if AccountErasure.objects.filter(pk=request.pk, status="scheduled").exists():
            assert erasure.erase(request.pk)

    monkeypatch.setattr(research_exports, "_store", store_then_erase)
    project = approved()
    export = run_export(project, django_capture_on_commit_callbacks)

    assert export.status == Export.Status.DONE, export.error
    pseudonyms = {row["learner"] for row in csv_rows(export)}
    assert pseudonym(project.secret, str(leaving.uuid)) not in pseudonyms
    assert len(pseudonyms) == 5
    assert export.report["withdrawn_during_export"] == 1


def test_an_export_that_breaks_leaves_no_file(monkeypatch: pytest.MonkeyPatch) -> None:
    learners(5)
    project = approved()
    export = Export.objects.create(
        project=project, requested_by=project.principal_investigator, k=project.k
    )
    calls: list[int] = []
    original = consent.consenting_learner_ids

    def breaks_on_the_second_reading() -> set[int]:
        calls.append(1)
        if len(calls) > 1:
            raise RuntimeError("the database went away")
        return original()

    monkeypatch.setattr(consent, "consenting_learner_ids", breaks_on_the_second_reading)

    with pytest.raises(RuntimeError):
        research_exports.run_export(export.pk)

    export.refresh_from_db()
    assert export.status != Export.Status.DONE
    assert not research_exports.export_path(export, "csv").exists()
    assert not research_exports.export_path(export, "parquet").exists()


def _waiting_on_the_participants_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
        row = cursor.fetchone()
    return bool(row and row[0])


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite runs one writing transaction at a time"
)
@pytest.mark.django_db(transaction=True)
def test_an_export_finishing_during_an_erasure_waits_for_it_and_leaves_the_person_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    people = learners(6)
    leaving = people[2]
    project = approved()
    export = Export.objects.create(
        project=project, requested_by=project.principal_investigator, k=project.k
    )
    request = AccountErasure.objects.create(user=leaving, erase_after=timezone.now())
    locked, go = threading.Event(), threading.Event()
    original = retention.files_kept

    def paused_inside_the_erasure() -> QuerySet[Export]:
        locked.set()
        go.wait(120)
        return original()

    monkeypatch.setattr(retention, "files_kept", paused_inside_the_erasure)
    outcome: dict[str, object] = {}

    def in_thread(name: str, work: Callable[[], object]) -> threading.Thread:
        def run() -> None:
            try:
                outcome[name] = work()
            finally:
                connection.close()

        thread = threading.Thread(target=run)
        thread.start()
        return thread

    eraser = in_thread("erased", lambda: erasure.erase(request.pk))
    assert locked.wait(120)  # the erasure holds the participants lock from here
    exporter = in_thread("export", lambda: research_exports.run_export(export.pk))
    deadline = time.monotonic() + 120
    while not _waiting_on_the_participants_lock() and exporter.is_alive():
        assert time.monotonic() < deadline, "the export never reached the lock"
        time.sleep(0.05)
    go.set()
    eraser.join(120)
    exporter.join(120)

    assert outcome["erased"] is True
    export.refresh_from_db()
    assert export.status == Export.Status.DONE, export.error
    pseudonyms = {row["learner"] for row in csv_rows(export)}
    assert pseudonym(project.secret, str(leaving.uuid)) not in pseudonyms
    assert len(pseudonyms) == 5
    assert export.report["withdrawn_during_export"] == 1
