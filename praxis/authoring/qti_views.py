"""The download of a draft quiz's questions as QTI, and the report of an import. (The form that
imports questions is the quiz page's: praxis.authoring.quiz_views, which then sends the person to
the report: the questions added and the items left out with their reason.)"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from praxis.accounts.auth import SignedInRequest
from praxis.authoring import queries
from praxis.authoring.import_reports import kept_qti_report
from praxis.authoring.quiz_exchange import export_quiz


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
@require_GET
def import_report(request: SignedInRequest, key: str, quiz_key: str) -> HttpResponse:
    """What the person's last import into the quiz did; shown again on reload (it imports
    nothing), and to nobody else (404)."""
    found = queries.find_draft(request.user, key)
    quiz = queries.find_quiz(found, quiz_key)
    report = kept_qti_report(request, quiz)
    return render(
        request,
        "authoring/qti_report.html",
        {"draft": found, "quiz": quiz, "report": report},
        status=200 if report is not None else 404,
    )
