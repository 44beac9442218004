"""Wallet, credential, verification and CPD pages. Thin: load, check, call, render."""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_cookie

from praxis.accounts.auth import SignedInRequest
from praxis.accounts.shared_pages import sees_the_shared_page
from praxis.core import fragments
from praxis.core.errors import NotAuthenticated, PraxisError
from praxis.core.people import signed_in
from praxis.core.permissions import is_staff
from praxis.core.refusals import attempt
from praxis.core.timezones import viewer_zone
from praxis.credentials import evidence, exports, queries, services
from praxis.credentials.documents import achievement_document
from praxis.credentials.forms import ExternalActivityForm, PeriodForm, StatusForm, VerifyForm
from praxis.credentials.models import Achievement, CpdActivity, Credential
from praxis.credentials.page_cache import cached_credential_page
from praxis.credentials.permissions import own_record
from praxis.credentials.verification import MALFORMED, Verification, credential_from_url, parse
from praxis.credentials.verification import verify as check

LD_JSON = "application/ld+json"


def _json(document: dict[str, Any], content_type: str = LD_JSON) -> HttpResponse:
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2), content_type=content_type
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def did_document(request: HttpRequest) -> HttpResponse:
    return _json(queries.did_document(), "application/did+json")


@require_GET
def status_list(request: HttpRequest, purpose: str) -> HttpResponse:
    response = _json(queries.status_list_credential(purpose))
    response["Cache-Control"] = "public, max-age=60"
    return response


@require_GET
def achievement(request: HttpRequest, uuid: UUID) -> HttpResponse:
    found = get_object_or_404(Achievement.objects.prefetch_related("organisations"), uuid=uuid)
    return _json(achievement_document(found))


@login_required
@require_GET
def wallet(request: SignedInRequest) -> HttpResponse:
    return render(request, "credentials/wallet.html", {"credentials": queries.wallet(request.user)})


@require_GET
@vary_on_cookie  # a visitor with a session (staff) sees their own page; shared caches must know
def credential(request: HttpRequest, uuid: UUID) -> HttpResponse:
    share_url = request.build_absolute_uri(reverse("credentials:credential", args=[uuid]))
    if sees_the_shared_page(request):
        # Every visitor without a session sees the same page (its share link names the site
        # as asked for), kept by the credential's row as it is now.
        row = queries.credential_row(uuid)
        page = cached_credential_page(
            row,
            [get_language() or "en", share_url],
            lambda: _credential_page(
                request,
                queries.credential_by_uuid(uuid),
                share_url,
                {"csrf_token": fragments.CSRF_PLACEHOLDER},
            ),
        )
        return fragments.kept_response(page, request)
    return HttpResponse(_credential_page(request, queries.credential_by_uuid(uuid), share_url))


def _credential_page(
    request: HttpRequest, found: Credential, share_url: str, shared: dict[str, str] | None = None
) -> str:
    return render_to_string(
        "credentials/credential.html",
        {
            "credential": found,
            "verification": check(found.document),
            "zone": viewer_zone(request),
            "share_url": share_url,
            "status_form": StatusForm() if is_staff(request.user) else None,
            **(shared or {}),
        },
        request,
    )


@require_GET
def credential_json(request: HttpRequest, uuid: UUID) -> HttpResponse:
    found = queries.credential_by_uuid(uuid)
    response = _json(found.document)
    if "download" in request.GET:
        response["Content-Disposition"] = f'attachment; filename="credential-{found.uuid}.json"'
    return response


@require_GET
def credential_pdf(request: HttpRequest, uuid: UUID) -> HttpResponse:
    found = queries.credential_by_uuid(uuid)
    response = HttpResponse(exports.certificate_pdf(found), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{found.uuid}.pdf"'
    return response


@require_POST
def change_status(request: HttpRequest, uuid: UUID) -> HttpResponse:
    found = queries.credential_by_uuid(uuid)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an action."))
        return redirect("credentials:credential", uuid=found.uuid)
    action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
    try:
        if not signed_in(request.user):  # as the services would refuse a visitor
            raise NotAuthenticated()
        if action == "revoke":
            services.revoke_credential(found, by=request.user, reason=reason)
            messages.success(request, _("The credential is revoked."))
        elif action == "suspend":
            services.suspend_credential(found, by=request.user, reason=reason)
            messages.success(request, _("The credential is suspended."))
        else:
            services.reinstate_credential(found, by=request.user)
            messages.success(request, _("The credential is in force again."))
    except PraxisError as error:
        messages.error(
            request,
            " ".join([str(error.message), *(str(m) for ms in error.fields.values() for m in ms)]),
        )
    return redirect("credentials:credential", uuid=found.uuid)


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    form = VerifyForm(request.POST, request.FILES) if request.method == "POST" else VerifyForm()
    result = None
    if request.method == "POST" and form.is_valid():
        result = verify_submission(form.cleaned_data, served_at=request.build_absolute_uri("/"))
    return render(
        request,
        "credentials/verify.html",
        {"form": form, "result": result, "zone": viewer_zone(request)},
        status=200 if result is not None or request.method == "GET" else 400,
    )


def verify_submission(data: dict[str, Any], *, served_at: str = "") -> Any:
    """Verify whichever of URL, upload or pasted text was given; `served_at` is the address
    the site was asked at, whose credential URLs are its own too."""
    if data.get("url"):
        document = credential_from_url(data["url"], served_at=served_at)
        if document is None:
            return Verification(
                MALFORMED,
                _("Only credentials issued by this site can be looked up by address."),
            )
        return check(document)
    raw = data["file"].read() if data.get("file") else data.get("document", "")
    try:
        return check(parse(raw))
    except (ValueError, UnicodeDecodeError):
        return Verification(MALFORMED, _("This is not a credential: the JSON cannot be read."))


# CPD record


def _period(request: HttpRequest) -> tuple[PeriodForm, Any, Any]:
    form = PeriodForm(request.GET or None)
    if form.is_valid():
        return form, form.cleaned_data.get("start"), form.cleaned_data.get("end")
    return form, None, None


def _refused_period(request: SignedInRequest, period: PeriodForm) -> HttpResponse:
    """The record page with the period's errors beside its fields and no lines: a period that
    cannot be read is never shown (nor exported) as if it held no credits."""
    return _render_cpd(request, period, None, None, ExternalActivityForm(systems=_systems()), 400)


def _systems() -> list[tuple[str, str]]:
    return [(system.code, system.label) for system in queries.credit_systems()]


@login_required
@require_GET
def cpd_record(request: SignedInRequest) -> HttpResponse:
    form, start, end = _period(request)
    if form.errors:
        return _refused_period(request, form)
    return _render_cpd(request, form, start, end, ExternalActivityForm(systems=_systems()))


def _render_cpd(
    request: SignedInRequest,
    period: PeriodForm,
    start: Any,
    end: Any,
    activity_form: ExternalActivityForm,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "credentials/cpd.html",
        {
            "period": period,
            "record": [] if period.errors else queries.cpd_record(request.user, start, end),
            "activity_form": activity_form,
            "query": request.GET.urlencode(),
        },
        status=status,
    )


@login_required
@require_POST
def add_activity(request: SignedInRequest) -> HttpResponse:
    form = ExternalActivityForm(request.POST, request.FILES, systems=_systems())
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_external_activity(
                request.user,
                title=data["title"],
                provider=data["provider"],
                day=data["date"],
                system_code=data["system"],
                credits=data["credits"],
                evidence_url=data["evidence_url"],
                evidence_file=data["evidence_file"],
            )
        except PraxisError as error:
            for field, errors in error.fields.items():
                form.add_error(field if field in form.fields else None, [str(e) for e in errors])
        else:
            messages.success(request, _("The activity is added to your CPD record."))
            return redirect("credentials:cpd")
    return _render_cpd(request, PeriodForm(), None, None, form, status=400)


@login_required
@require_POST
def delete_activity(request: SignedInRequest, pk: int) -> HttpResponse:
    line = get_object_or_404(CpdActivity, pk=pk, learner=request.user)
    attempt(
        request,
        lambda: services.delete_external_activity(request.user, line),
        _("The activity is removed from your CPD record."),
    )
    return redirect("credentials:cpd")


@login_required
@require_GET
def cpd_evidence(request: SignedInRequest, pk: int) -> HttpResponseBase:
    """The evidence file of one of the learner's own CPD lines, for them alone (nobody else
    sees a CPD record): always a download, of the type checked when it was attached."""
    line = get_object_or_404(own_record.filter(request.user, CpdActivity.objects.all()), pk=pk)
    stored = line.evidence_file.name or ""
    if not stored:
        raise Http404
    try:
        opened = line.evidence_file.storage.open(stored, "rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        opened,
        as_attachment=True,
        filename=line.evidence_name,
        content_type=evidence.served_type(stored),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def cpd_csv(request: SignedInRequest) -> HttpResponse:
    form, start, end = _period(request)
    if form.errors:
        return _refused_period(request, form)
    response = HttpResponse(
        exports.cpd_csv(queries.cpd_lines(request.user, start, end)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="cpd-record.csv"'
    return response


@login_required
@require_GET
def cpd_pdf(request: SignedInRequest) -> HttpResponse:
    form, start, end = _period(request)
    if form.errors:
        return _refused_period(request, form)
    response = HttpResponse(
        exports.cpd_pdf(request.user, queries.cpd_record(request.user, start, end), start, end),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = 'attachment; filename="cpd-record.pdf"'
    return response
