"""Background jobs of research."""

from __future__ import annotations

from celery import shared_task

from praxis.research import ethics, exports


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
