"""Pages for a draft's clinical cases: add one from the draft's page, edit or remove it on its
own page. Thin like quiz_views.py: load (404), call a service in cases.py, show refusals."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from praxis.accounts.auth import SignedInRequest
from praxis.authoring import cases, queries
from praxis.authoring.draft_forms import CaseForm
from praxis.authoring.form_refusals import messages_of
from praxis.authoring.models import DraftCase
from praxis.authoring.permissions import edit_draft
from praxis.authoring.views import _number
from praxis.core.errors import ErrorCode, PraxisError
from praxis.core.refusals import show_form_errors


def _case_url(case: DraftCase) -> str:
    return reverse("authoring:case", args=[case.draft.uuid, case.key])


@login_required
@require_POST
def add_case(request: SignedInRequest, key: str) -> HttpResponse:
    found = queries.find_draft(request.user, key)
    form = CaseForm(request.POST)
    try:
        if not form.is_valid():
            for field_errors in form.errors.values():
                for message in field_errors:
                    messages.error(request, str(message))
        else:
            case = cases.add_case(found, request.user, **form.cleaned_data)
            messages.success(request, _("Clinical case added. Questions can now belong to it."))
            return redirect(_case_url(case))
    except PraxisError as error:
        for message in messages_of(error):
            messages.error(request, message)
    return redirect(reverse("authoring:draft", args=[found.uuid]) + "#cases-heading")


@login_required
@require_http_methods(["GET", "POST"])
def case(request: SignedInRequest, key: str, case_key: str) -> HttpResponse:
    found = queries.find_draft(request.user, key)
    item = queries.find_case(found, case_key)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    form = CaseForm(
        request.POST if action == "save" else None,
        initial={"title": item.title, "vignette": item.vignette},
    )
    conflict = False
    status = 200
    revision = item.revision
    if request.method == "POST":
        revision = _number(request.POST.get("revision"))
        try:
            if action == "remove":
                cases.remove_case(item, request.user)
                messages.success(request, _("Clinical case removed."))
                return redirect(reverse("authoring:draft", args=[found.uuid]) + "#cases-heading")
            if action != "save":
                messages.error(request, _("Choose what to do."))
                status = 400
            elif not form.is_valid():
                status = 400
            else:
                cases.save_case(item, request.user, revision=revision, **form.cleaned_data)
                messages.success(request, _("Clinical case saved."))
                return redirect(_case_url(item))
        except PraxisError as error:
            conflict = error.code == ErrorCode.STALE_SAVE
            status = error.status
            item.refresh_from_db()
            if conflict:  # the newest text is kept beside what was typed
                revision = item.revision
            if action == "save":
                show_form_errors(form, error)
            else:
                for message in messages_of(error):
                    messages.error(request, message)
    return render(
        request,
        "authoring/case.html",
        {
            "draft": found,
            "case": item,
            "form": form,
            "revision": revision,
            "questions": cases.questions_of(item),
            "can_edit": found.is_editable and edit_draft.allows(request.user, found),
            "conflict": conflict,
        },
        status=status,
    )
