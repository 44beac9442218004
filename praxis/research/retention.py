"""Export files live only while they may be used.

They are deleted when their download link expires, when their project ends (expired, or its
approval withdrawn for review), and when a participant in them is erased. Each deletion is
written on the export's own log entry (when and why), which research officers see on the
project page and staff in the back office. The database records the deletion in the caller's
transaction; the files go once it commits, and the periodic job (research.tasks.
delete_export_files) removes whatever a stopped process left behind.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import Iterable
from pathlib import Path

from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from praxis.core.people import Person
from praxis.research.anonymity import pseudonym
from praxis.research.consent import lock_participants
from praxis.research.exports import FORMATS, PSEUDONYM, export_name, export_storage
from praxis.research.models import Assignment, ConsentRecord, Export, Project

logger = logging.getLogger(__name__)


def files_kept() -> QuerySet[Export]:
    """Exports whose files are on disk and not yet deleted."""
    return Export.objects.filter(status=Export.Status.DONE, files_deleted_at__isnull=True)


def _remove_folders(names: Iterable[str]) -> None:
    """Delete each named export's files from the export storage (local disk or a bucket)."""
    storage = export_storage()
    for name in names:
        for fmt in FORMATS:
            storage.delete(f"{name}/export.{fmt}")
        if isinstance(storage, FileSystemStorage):  # on local disk, its folder too, once empty
            with contextlib.suppress(OSError):
                Path(storage.path(name)).rmdir()


def delete_files(exports: QuerySet[Export], reason: str) -> int:
    """Record that the files of `exports` are deleted, for `reason` (Export.Deletion), and
    remove them once the transaction commits; return how many exports lost their files."""
    with transaction.atomic():
        doomed = list(
            exports.filter(files_deleted_at__isnull=True)
            .select_for_update()
            .values_list("pk", "uuid", "project_id")
        )
        if not doomed:
            return 0
        Export.objects.filter(pk__in=[pk for pk, _uuid, _project in doomed]).update(
            files_deleted_at=timezone.now(), files_deleted_reason=reason
        )
        for _pk, name, project in doomed:
            logger.info(
                "research export %s of project %s: files deleted (%s)", name, project, reason
            )
        folders = [str(name) for _pk, name, _project in doomed]
        transaction.on_commit(lambda: _remove_folders(folders))
    return len(doomed)


def delete_project_files(project: Project) -> int:
    """The project ended: delete the files of all its exports (one still being written fails
    on its own, as it checks the approval again once written)."""
    return delete_files(files_kept().filter(project=project), Export.Deletion.PROJECT_ENDED)


def delete_expired_files() -> int:
    """Delete the files of exports whose link expired or whose project is no longer approved
    or past its ethics date, and any export folder under the export root that no export
    still keeps or is writing. Safe to run again; returns how many exports lost their files."""
    now = timezone.now()
    ended = ~Q(project__status=Project.Status.APPROVED) | Q(
        project__ethics_expires_on__lte=now.date()
    )
    deleted = delete_files(files_kept().filter(ended), Export.Deletion.PROJECT_ENDED)
    deleted += delete_files(files_kept().filter(expires_at__lte=now), Export.Deletion.LINK_EXPIRED)
    storage = export_storage()
    try:
        folders, _files = storage.listdir("")
    except FileNotFoundError:  # nothing was ever exported here
        folders = []
    if folders:
        keep = {
            str(uuid)
            for uuid in Export.objects.filter(
                Q(status__in=[Export.Status.QUEUED, Export.Status.RUNNING])
                | Q(status=Export.Status.DONE, files_deleted_at__isnull=True)
            ).values_list("uuid", flat=True)
        }
        _remove_folders(name for name in folders if _names_an_export(name) and name not in keep)
    return deleted


def _names_an_export(name: str) -> bool:
    """Whether a folder is named as exports are (a UUID): nothing else under the export root
    is ever deleted, should it be shared with other files."""
    try:
        return str(uuid.UUID(name)) == name
    except ValueError:
        return False


def exports_holding(person: Person) -> list[Export]:
    """The exports whose files, still kept, have a row of `person` (pseudonymised): what a
    person's archive lists as their part in research. An export whose file cannot be read is
    left out here (it cannot be said to hold them)."""
    return [
        export
        for export in files_kept().select_related("project").order_by("created_at", "pk")
        if _holds(export, person, unknown=False)
    ]


def _holds(export: Export, person: Person, *, unknown: bool = True) -> bool:
    """Whether the export's files have a row of `person` (under the project's pseudonym);
    `unknown` when the file is not there to tell."""
    storage, name = export_storage(), export_name(export, "parquet")
    if not storage.exists(name):
        return unknown  # erasure: cannot tell, so delete rather than keep
    # Imported here, not at start-up: pyarrow adds about 40 MB to every process (see exports).
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    with storage.open(name, "rb") as file:
        learners = pq.read_table(file, columns=[PSEUDONYM]).column(PSEUDONYM)
    value = pseudonym(export.project.secret, str(person.uuid))
    return bool(pc.any(pc.equal(learners, value)).as_py())


@transaction.atomic
def erase_participant(person: Person) -> int:
    """Erase what research holds about `person`: delete the files of every export with a row
    of theirs, their consent records (so no later export holds them) and their experiment
    assignments. Called by account erasure; returns how many exports lost their files.

    Holds the participants lock: an export finishing meanwhile is either done before the files
    are searched, or checks its learners after the person is gone."""
    lock_participants(exclusive=True)
    holding = [
        export.pk for export in files_kept().select_related("project") if _holds(export, person)
    ]
    deleted = delete_files(
        Export.objects.filter(pk__in=holding), Export.Deletion.PARTICIPANT_ERASED
    )
    ConsentRecord.objects.filter(learner=person).delete()
    Assignment.objects.filter(learner=person).delete()
    return deleted
