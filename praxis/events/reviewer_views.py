"""The reviewers of each track of an event's call for abstracts, set by its organisers:
load the event, check that the person manages it, call the service, show the page again with
any refusal beside its field."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from praxis.accounts.auth import SignedInRequest
from praxis.accounts.models import User
from praxis.core.errors import PraxisError
from praxis.core.permissions import require
from praxis.core.refusals import show_form_errors
from praxis.events import queries, services
from praxis.events.forms import ReviewerForm
from praxis.events.models import Event, Track
from praxis.events.permissions import manage_event


def _managed(request: SignedInRequest, slug: str) -> Event:
    event = queries.visible_event(request.user, slug, fresh=True)
    require(manage_event, request.user, event)
    return event


def _page(
    request: SignedInRequest,
    event: Event,
    refused: tuple[int, ReviewerForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    tracks = []
    for track, reviewers in services.tracks_with_reviewers(event):
        form = (
            refused[1]
            if refused and refused[0] == track.pk
            else ReviewerForm(prefix=f"t{track.pk}")
        )
        tracks.append({"track": track, "reviewers": reviewers, "form": form})
    context = {
        "event": event,
        "tracks": tracks,
        "remove_label": _("Remove"),
        "remove_button": _("Remove the reviewer"),
    }
    return render(request, "events/reviewers.html", context, status=status)


@login_required
@require_GET
def reviewers(request: SignedInRequest, slug: str) -> HttpResponse:
    """Each track of the event with its reviewers, a form to add one and a button to remove
    each: for the event's organisers only."""
    return _page(request, _managed(request, slug))


@login_required
@require_POST
def track_reviewers(request: SignedInRequest, slug: str, track_id: int) -> HttpResponse:
    """Add a reviewer to a track (the form), or remove one (`action=remove`, `reviewer`)."""
    event = _managed(request, slug)
    track = get_object_or_404(Track, event=event, pk=track_id)
    track.event = event
    back = reverse("events:reviewers", args=[event.slug]) + f"#track-{track.pk}"
    if request.POST.get("action") == "remove":
        try:
            key = UUID(str(request.POST.get("reviewer", "")))
        except ValueError:
            raise Http404 from None
        person = get_object_or_404(User, uuid=key)
        services.remove_reviewer(track, person, by=request.user)
        messages.success(
            request, _("%(name)s no longer reviews this track.") % {"name": person.full_name}
        )
        return redirect(back)
    form = ReviewerForm(request.POST, prefix=f"t{track.pk}")
    form.is_valid()
    try:
        person = services.add_reviewer(track, form.cleaned_data.get("who") or "", by=request.user)
    except PraxisError as error:
        show_form_errors(form, error)
        return _page(request, event, refused=(track.pk, form), status=error.status)
    messages.success(
        request,
        _("%(name)s now reviews this track and is told so.") % {"name": person.full_name},
    )
    return redirect(back)
