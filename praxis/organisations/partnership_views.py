"""An organisation's partnerships and networks, for its admins and the academy's staff: every
partnership whatever its status, its history, proposing a new one, (staff) moving one along its
lifecycle; and a network's page, where organisations are taken into and out of it. Thin:
check, call praxis.organisations.services, render."""

from __future__ import annotations

import datetime
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.forms import ModelChoiceField
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from praxis.accounts.auth import SignedInRequest
from praxis.core.errors import NotFound, PraxisError
from praxis.core.forms import row_form
from praxis.core.languages import in_sentence
from praxis.core.people import signed_in
from praxis.core.permissions import require
from praxis.core.refusals import attempt, flash_form_errors, show_form_errors
from praxis.organisations import queries, services
from praxis.organisations.forms import NetworkMemberForm, PartnershipForm, PartnershipMoveForm
from praxis.organisations.models import Network, Organisation, Partnership, Role
from praxis.organisations.permissions import (
    has_role,
    lead_network,
    manage_organisation,
    organisation_ids_with_role,
)


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


def _network_page(
    request: HttpRequest,
    slug: str,
    *,
    join_form: NetworkMemberForm | None = None,
    refused: tuple[int | None, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    """A network's page. Each current member's row offers its way out to whoever may take it:
    "leave" to the organisation's own admins, "remove" to the network's managers (the rule
    take_out_of_network, read here from two queries for the whole list). `refused` is
    (organisation id, why) for a refusal shown in that organisation's row, or above the list
    when it has none; `join_form` is the add form posted, with its errors."""
    found, current, former = queries.network_page(slug)
    user = request.user
    own = organisation_ids_with_role(user, frozenset({Role.ADMIN}))
    leads = signed_in(user) and lead_network.allows(user, found)
    rows = [
        (member, "leave" if member.organisation_id in own else "remove" if leads else "")
        for member in current
    ]
    in_rows = refused is not None and refused[0] in {m.organisation_id for m in current}
    # A refusal of the add form is shown beside its field when the form is on the page.
    on_form = leads and join_form is not None
    if leads:
        join_form = join_form or NetworkMemberForm(organisations=queries.outside_network(found))
        field = join_form.fields["organisation"]
        assert isinstance(field, ModelChoiceField)
        field.queryset = queries.outside_network(found)
    return render(
        request,
        "organisations/network.html",
        {
            "network": found,
            "rows": rows,
            "former": former,
            "refused": refused if in_rows else None,
            "refusal": refused[1] if refused is not None and not (in_rows or on_form) else "",
            "join_form": join_form if leads else None,
        },
        status=status,
    )


@require_GET
def network(request: HttpRequest, slug: str) -> HttpResponse:
    return _network_page(request, slug)


@require_POST
@login_required
def network_membership(request: SignedInRequest, slug: str) -> HttpResponse:
    """Take an organisation into a network (its lead's admins, staff), or take it out: its own
    admins make it leave, the network's managers remove it. A refusal is shown on the page."""
    network = get_object_or_404(Network, slug=slug)
    if request.POST.get("action") in {"leave", "remove"}:
        organisation = get_object_or_404(Organisation, slug=request.POST.get("organisation", ""))
        leaving = has_role(request.user, organisation, frozenset({Role.ADMIN}))
        try:
            services.leave_network(network, organisation, request.user)
        except PraxisError as error:
            return _network_page(
                request, slug, refused=(organisation.pk, str(error.message)), status=error.status
            )
        name = in_sentence(organisation.display_name)
        messages.success(
            request,
            _("%(name)s has left the network.") % {"name": name}
            if leaving
            else _("%(name)s is removed from the network.") % {"name": name},
        )
        return redirect("organisations:network", slug)
    form = NetworkMemberForm(request.POST, organisations=Organisation.objects.all())
    if form.is_valid():
        organisation = form.cleaned_data["organisation"]
        try:
            services.join_network(network, organisation, request.user)
        except PraxisError as error:
            if error.fields:
                show_form_errors(form, error)
            else:
                form.add_error("organisation", str(error.message))
            return _network_page(
                request,
                slug,
                join_form=form,
                refused=(None, str(error.message)),
                status=error.status,
            )
        messages.success(
            request,
            _("%(name)s has joined the network.")
            % {"name": in_sentence(organisation.display_name)},
        )
        return redirect("organisations:network", slug)
    first = next(iter(form.errors.values()))[0]
    return _network_page(request, slug, join_form=form, refused=(None, str(first)), status=400)
