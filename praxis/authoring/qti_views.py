"""Pages that exchange a draft quiz's questions as QTI: the export download and the import
form's answer, which lists the questions added and the items left out with their reason."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from praxis.accounts.auth import SignedInRequest
from praxis.authoring import queries
from praxis.authoring.media_views import _report
from praxis.authoring.quiz_exchange import export_quiz, import_questions
from praxis.core.errors import PraxisError


@login_required
@require_GET
def export_qti(request: SignedInRequest, key: str, quiz_key: str) -> HttpResponse:
    found = queries.find_draft(request.user, key)
    quiz = queries.find_quiz(found, quiz_key)
    version = request.GET.get("version", "2.1")
    response = HttpResponse(export_quiz(quiz, version), content_type="application/zip")
    name = f"quiz-{quiz.key}-qti{version.replace('.', '')}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def import_qti(request: SignedInRequest, key: str, quiz_key: str) -> HttpResponse:
    found = queries.find_draft(request.user, key)
    quiz = queries.find_quiz(found, quiz_key)
    upload = request.FILES.get("qti")
    try:
        report = import_questions(quiz, request.user, upload, size=upload.size if upload else None)
    except PraxisError as error:
        _report(request, error)
        return redirect(reverse("authoring:quiz", args=[found.uuid, quiz.key]) + "#qti-heading")
    return render(
        request, "authoring/qti_report.html", {"draft": found, "quiz": quiz, "report": report}
    )
