"""Background jobs of research."""

from __future__ import annotations

from celery import shared_task

from praxis.research import ethics, exports, retention


@shared_task(name="research.produce_export")
def produce_export(export_id: int) -> str:
    """Write the files of one export (idempotent: a finished export is left alone)."""
    return str(exports.run_export(export_id).status)


EXPIRY = "research.expire_projects"


@shared_task(name=EXPIRY)
def expire_projects() -> int:
    """Mark projects whose ethics approval has lapsed as expired (daily; running it again
    changes nothing, as only approved projects are touched)."""
    return ethics.expire_projects()


DELETE_FILES = "research.delete_export_files"


@shared_task(name=DELETE_FILES)
def delete_export_files() -> int:
    """Delete the files of exports whose link expired or whose project ended (hourly; running
    it again deletes nothing more)."""
    return retention.delete_expired_files()
