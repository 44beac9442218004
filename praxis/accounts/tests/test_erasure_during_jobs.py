"""An account erased while a research export is being written is left out of it, and the
research files already holding the person are deleted."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import timezone
from pytest_django import DjangoCaptureOnCommitCallbacks
from pytest_django import Settings as SettingsWrapper

from praxis.accounts.lifecycle import erasure
from praxis.accounts.models import AccountErasure
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
