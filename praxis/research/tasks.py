"""Background jobs of research."""

from __future__ import annotations

from celery import shared_task

from praxis.research import exports


@shared_task(name="research.produce_export")
def produce_export(export_id: int) -> str:
    """Write the files of one export (idempotent: a finished export is left alone)."""
    return str(exports.run_export(export_id).status)
