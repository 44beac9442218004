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
from praxis.core.errors import NotFound, PraxisError
from praxis.core.forms import row_form
from praxis.core.permissions import require
from praxis.core.refusals import attempt, flash_form_errors, show_form_errors
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


@require_GET
@login_required
def applications(request: SignedInRequest) -> HttpResponse:
    require(manage_directory, request.user)
    everything = PartnerApplication.objects.select_related("applicant", "organisation")
    return render(
        request,
        "organisations/applications.html",
        {
            "waiting": [
                (application, row_form(ApplicationDecisionForm, application.pk))
                for application in everything.filter(status=PartnerApplication.Status.SUBMITTED)
            ],
            "decided": everything.exclude(status=PartnerApplication.Status.SUBMITTED).order_by(
                "-decided_at"
            )[:50],
        },
    )


@require_POST
@login_required
def decide(request: SignedInRequest, application_id: int) -> HttpResponse:
    require(manage_directory, request.user)
    application = PartnerApplication.objects.filter(pk=application_id).first()
    if application is None:
        raise NotFound()
    approve = request.POST.get("decision") == "approve"
    form = ApplicationDecisionForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect("organisations:applications")
    attempt(
        request,
        lambda: onboarding.decide(
            application, request.user, approve=approve, note=form.cleaned_data["note"]
        ),
        _("Approved: the organisation and its first admin are created.")
        if approve
        else _("Declined: the applicant is told why."),
        field_messages=True,
    )
    return redirect("organisations:applications")
