"""The download of a draft's content as a Common Cartridge, and the report of an import. (The
form that imports one is the draft page's: praxis.authoring.draft_page, which then sends the
person to the report: what became modules, lessons and quizzes and what was left out with its
reason.)"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from praxis.accounts.auth import SignedInRequest
from praxis.authoring import queries
from praxis.authoring.cartridges import export_cartridge, require_exporter
from praxis.authoring.import_reports import kept_cartridge_report


@login_required
@require_GET
def export_view(request: SignedInRequest, key: str) -> HttpResponse:
    found = queries.find_draft(request.user, key)
    require_exporter(found, request.user)
    return cartridge_response(found.uuid, export_cartridge(found))


@login_required
@require_GET
def import_report(request: SignedInRequest, key: str) -> HttpResponse:
    """What the person's last import into the draft did; shown again on reload (it imports
    nothing), and to nobody else (404)."""
    found = queries.find_draft(request.user, key)
    report = kept_cartridge_report(request, found)
    return render(
        request,
        "authoring/cartridge_report.html",
        {"draft": found, "report": report},
        status=200 if report is not None else 404,
    )


def cartridge_response(name: object, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="course-{name}.imscc"'
    return response
