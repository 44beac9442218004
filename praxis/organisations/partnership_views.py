"""An organisation's partnerships and networks, for its admins and the academy's staff: every
partnership whatever its status, its history, proposing a new one, (staff) moving one along its
lifecycle, and taking organisations into and out of networks. Thin: check, call
praxis.organisations.services, render."""

from __future__ import annotations

import datetime
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from praxis.accounts.auth import SignedInRequest
from praxis.core.errors import NotFound, PraxisError
from praxis.core.forms import row_form
from praxis.core.permissions import require
from praxis.core.refusals import attempt, flash_form_errors, show_form_errors
from praxis.organisations import services
from praxis.organisations.forms import NetworkMemberForm, PartnershipForm, PartnershipMoveForm
from praxis.organisations.models import Network, Organisation, Partnership
from praxis.organisations.permissions import manage_organisation


def _date(value: object) -> datetime.date | None:
    return value if isinstance(value, datetime.date) else None


@require_http_methods(["GET", "POST"])
@login_required
def partnerships(request: SignedInRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    require(manage_organisation, request.user, organisation)
    form = PartnershipForm(request.POST or None, exclude=organisation)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.propose_partnership(
                    organisation,
                    request.user,
                    type=data["type"],
                    title=data["title"],
                    scope=data["scope"],
                    starts_on=_date(data["starts_on"]),
                    ends_on=_date(data["ends_on"]),
                    other_organisation=data["other_organisation"],
                )
            except PraxisError as error:
                show_form_errors(form, error)
            else:
                messages.success(
                    request, _("Proposed. The academy's staff will review the partnership.")
                )
                return redirect("organisations:partnerships", slug)
        status = 400
    found = (
        Partnership.objects.filter(
            Q(organisation=organisation) | Q(other_organisation=organisation)
        )
        .select_related("organisation", "other_organisation")
        .prefetch_related("events__by")
        .order_by("-created_at")
    )
    steps = {
        partnership.pk: sorted(services.PARTNERSHIP_STEPS.get(partnership.status, set()))
        for partnership in found
    }
    labels = dict(Partnership.Status.choices)
    return render(
        request,
        "organisations/partnerships.html",
        {
            "organisation": organisation,
            "partnerships": [
                (
                    p,
                    [(step, labels[step]) for step in steps[p.pk]],
                    row_form(PartnershipMoveForm, p.pk),
                )
                for p in found
            ],
            "form": form,
        },
        status=status,
    )


@require_POST
@login_required
def move(request: SignedInRequest, slug: str, partnership_uuid: UUID) -> HttpResponse:
    partnership = Partnership.objects.filter(uuid=partnership_uuid).first()
    if partnership is None or partnership.organisation.slug != slug:
        raise NotFound()
    form = PartnershipMoveForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect("organisations:partnerships", slug)
    attempt(
        request,
        lambda: services.move_partnership(
            partnership, request.POST.get("to", ""), request.user, form.cleaned_data["note"]
        ),
        _("The partnership has moved on; the organisations' admins are told."),
        field_messages=True,
    )
    return redirect("organisations:partnerships", slug)


@require_POST
@login_required
def network_membership(request: SignedInRequest, slug: str) -> HttpResponse:
    """Take an organisation into a network (its lead's admins, staff), or take it out (also
    the organisation's own admins)."""
    network = get_object_or_404(Network, slug=slug)
    form = NetworkMemberForm(request.POST, organisations=Organisation.objects.all())
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect("organisations:network", slug)
    organisation = form.cleaned_data["organisation"]
    if request.POST.get("action") == "leave":
        attempt(
            request,
            lambda: services.leave_network(network, organisation, request.user),
            _("%(name)s has left the network.") % {"name": organisation.display_name},
        )
    else:
        attempt(
            request,
            lambda: services.join_network(network, organisation, request.user),
            _("%(name)s has joined the network.") % {"name": organisation.display_name},
        )
    return redirect("organisations:network", slug)
