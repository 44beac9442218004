"""Onboarding pages: an institution applies to join the partner network; staff review the
applications. Thin: check, call praxis.organisations.onboarding, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from praxis.accounts.auth import SignedInRequest
from praxis.core.errors import ErrorCode, NotFound, PraxisError
from praxis.core.forms import row_form
from praxis.core.permissions import require
from praxis.core.refusals import show_form_errors
from praxis.organisations import onboarding
from praxis.organisations.forms import ApplicationDecisionForm, PartnerApplicationForm
from praxis.organisations.models import PartnerApplication
from praxis.organisations.permissions import manage_directory


@require_http_methods(["GET", "POST"])
@login_required
def apply(request: SignedInRequest) -> HttpResponse:
    form = PartnerApplicationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                onboarding.apply(request.user, **form.cleaned_data)
            except PraxisError as error:
                show_form_errors(form, error)
            else:
                messages.success(
                    request, _("Thank you. The academy's staff will review your application.")
                )
                return redirect("organisations:apply")
        status = 400
    mine = PartnerApplication.objects.filter(applicant=request.user).select_related("organisation")
    return render(
        request,
        "organisations/apply.html",
        {"form": form, "mine": mine.order_by("-created_at")},
        status=status,
    )


def _applications_page(
    request: SignedInRequest,
    *,
    refused: tuple[int, ApplicationDecisionForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The applications waiting (each with its decision form) and those decided; `refused` is
    (application id, its form with the refusal on it), shown again in that application."""

    def decision_form(application: PartnerApplication) -> ApplicationDecisionForm:
        if refused is not None and refused[0] == application.pk:
            return refused[1]
        return row_form(ApplicationDecisionForm, application.pk)

    everything = PartnerApplication.objects.select_related("applicant", "organisation")
    return render(
        request,
        "organisations/applications.html",
        {
            "waiting": [
                (application, decision_form(application))
                for application in everything.filter(status=PartnerApplication.Status.SUBMITTED)
            ],
            "decided": everything.exclude(status=PartnerApplication.Status.SUBMITTED).order_by(
                "-decided_at"
            )[:50],
        },
        status=status,
    )


@require_GET
@login_required
def applications(request: SignedInRequest) -> HttpResponse:
    require(manage_directory, request.user)
    return _applications_page(request)


@require_POST
@login_required
def decide(request: SignedInRequest, application_id: int) -> HttpResponse:
    require(manage_directory, request.user)
    application = PartnerApplication.objects.filter(pk=application_id).first()
    if application is None:
        raise NotFound()
    approve = request.POST.get("decision") == "approve"
    # This application's form, shown again with what was typed and any error beside the note.
    form = row_form(ApplicationDecisionForm, application.pk, data=request.POST)
    status = 400
    if form.is_valid():
        try:
            onboarding.decide(
                application, request.user, approve=approve, note=form.cleaned_data["note"]
            )
        except PraxisError as error:
            if error.code == ErrorCode.ALREADY_DECIDED:
                # Its form is gone from the page: the application is among those decided.
                messages.error(request, str(error.message))
            else:
                show_form_errors(form, error)
            status = error.status
        else:
            messages.success(
                request,
                _("Approved: the organisation and its first admin are created.")
                if approve
                else _("Declined: the applicant is told why."),
            )
            return redirect("organisations:applications")
    return _applications_page(request, refused=(application.pk, form), status=status)
