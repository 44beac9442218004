"""The download of a draft's content as a Common Cartridge. (The form that imports one is the
draft page's: praxis.authoring.draft_page, which shows what became modules, lessons and quizzes
and what was left out with its reason.)"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_GET

from praxis.accounts.auth import SignedInRequest
from praxis.authoring import queries
from praxis.authoring.cartridges import export_cartridge, require_exporter


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
