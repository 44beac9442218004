"""Pages that exchange a draft's content as a Common Cartridge: the import form's answer, which
lists what became modules, lessons and quizzes and what was left out with its reason, and the
export download."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from praxis.accounts.auth import SignedInRequest
from praxis.authoring import queries
from praxis.authoring.cartridges import export_cartridge, import_cartridge, require_exporter
from praxis.authoring.media_views import _report
from praxis.core.errors import PraxisError


@login_required
@require_POST
def import_view(request: SignedInRequest, key: str) -> HttpResponse:
    found = queries.find_draft(request.user, key)
    upload = request.FILES.get("cartridge")
    try:
        report = import_cartridge(found, request.user, upload, size=upload.size if upload else None)
    except PraxisError as error:
        _report(request, error)
        return redirect(reverse("authoring:draft", args=[found.uuid]) + "#cartridge-heading")
    return render(request, "authoring/cartridge_report.html", {"draft": found, "report": report})


@login_required
@require_GET
def export_view(request: SignedInRequest, key: str) -> HttpResponse:
    found = queries.find_draft(request.user, key)
    require_exporter(found, request.user)
    return cartridge_response(found.uuid, export_cartridge(found))


def cartridge_response(name: object, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="course-{name}.imscc"'
    return response
