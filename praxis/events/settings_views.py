"""Organisers' pages to create an event and to change its settings, publish it or cancel it.
Each loads the event, requires the rule, then calls the service (`services.event_settings`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from praxis.accounts.auth import SignedInRequest
from praxis.core.errors import ErrorCode, PraxisError, ValidationFailed
from praxis.core.middleware import error_response
from praxis.core.people import Person, signed_in
from praxis.core.permissions import require
from praxis.core.refusals import attempt, show_form_errors
from praxis.events import queries, services
from praxis.events.forms import EventForm
from praxis.events.models import Event
from praxis.events.permissions import create_event, manage_event


def _told(count: int) -> str:
    return ngettext(
        "%(count)d registrant is told of the change.",
        "%(count)d registrants are told of the change.",
        count,
    ) % {"count": count}


def _managed(user: Person, slug: str) -> Event:
    event = queries.visible_event(user, slug, fresh=True)
    require(manage_event, user, event)
    return event


def _page(
    request: HttpRequest, event: Event | None, form: EventForm, status: int = 200
) -> HttpResponse:
    cancelled = event is not None and event.status == Event.Status.CANCELLED
    return render(
        request,
        "events/event_form.html",
        {"event": event, "form": form, "cancelled": cancelled},
        status=status,
    )


def _save(request: HttpRequest, user: Person, event: Event | None) -> HttpResponse:
    form = EventForm(user, event, request.POST)
    if not form.is_valid():
        return _page(request, event, form, 400)
    try:
        if event is None:
            event = services.create_event(form.settings(), by=user)
            messages.success(
                request,
                _("Saved as a draft: only its organisers see the event until it is published."),
            )
        else:
            told = services.update_event(event, form.settings(), by=user)
            messages.success(request, _("The event is saved."))
            if told:
                messages.info(request, _told(told))
    except PraxisError as error:
        show_form_errors(form, error)
        if event is not None:
            event.refresh_from_db()
        return _page(request, event, form, error.status)
    return redirect(reverse("events:detail", args=[event.slug]))


def _publish_or_cancel(request: HttpRequest, user: Person, event: Event) -> HttpResponse:
    if request.POST["action"] == "publish":
        if attempt(request, lambda: services.publish_event(event, by=user)):
            messages.success(
                request, _("The event is published: it shows in the lists and takes registrations.")
            )
            return redirect(reverse("events:detail", args=[event.slug]))
    else:
        told: list[int] = []
        if attempt(request, lambda: told.append(services.cancel_event(event, by=user))):
            messages.success(request, _("The event is cancelled."))
            if told[0]:
                messages.info(request, _told(told[0]))
            return redirect(reverse("events:detail", args=[event.slug]))
    return redirect(reverse("events:edit", args=[event.slug]))


@login_required
@require_http_methods(["GET", "POST"])
def new_event(request: SignedInRequest) -> HttpResponse:
    """Create an event: a draft, for one of the person's organisations (staff: any)."""
    require(create_event, request.user)
    if request.method == "POST":
        return _save(request, request.user, None)
    return _page(request, None, EventForm(request.user))


@login_required
@require_http_methods(["GET", "POST"])
def edit_event(request: SignedInRequest, slug: str) -> HttpResponse:
    """Change an event's settings, publish its draft, or cancel it once published."""
    event = _managed(request.user, slug)
    if request.method == "POST":
        if request.POST.get("action") in ("publish", "cancel"):
            return _publish_or_cancel(request, request.user, event)
        return _save(request, request.user, event)
    return _page(request, event, EventForm(request.user, event))


def _refuse_unstorable(request: HttpRequest, message: str) -> HttpResponse:
    """A form posted with text no database can store (the NUL character), shown again with the
    refusal beside each field that held it; nothing is saved. Called by the input guard in
    place of the view, so the view's own checks are made here."""
    user = request.user
    if not signed_in(user):
        return redirect_to_login(request.get_full_path())
    match = request.resolver_match
    slug = match.kwargs.get("slug") if match else None
    event = None
    try:
        if slug is None:
            require(create_event, user)
        else:
            event = _managed(user, slug)
    except PraxisError as error:
        # Raised here, outside the view, it is answered here as the view's would be.
        return error_response(request, error)
    data = request.POST.copy()
    refused = []
    for name, values in data.lists():
        if any("\x00" in value for value in values):
            refused.append(name)
            data.setlist(name, [value.replace("\x00", "") for value in values])
    if request.method != "POST" or not refused:
        # In the address or a field's name rather than a field's value: the error page.
        return error_response(request, ValidationFailed(ErrorCode.INVALID_CHARACTER, message))
    form = EventForm(user, event, data)
    form.is_valid()
    for name in refused:
        form.add_error(name if name in form.fields else None, message)
    return _page(request, event, form, 400)


# The input guard shows its refusal of these forms on the form, beside the field.
new_event.render_bad_input = _refuse_unstorable  # type: ignore[attr-defined]  # read by the input guard
edit_event.render_bad_input = _refuse_unstorable  # type: ignore[attr-defined]  # read by the input guard
