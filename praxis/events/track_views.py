"""The tracks of an event, set by its organisers on one page: each track with a form to rename
it or move it in the list and, while no abstract was submitted to it, a button to remove it;
then a form to add one. Each view loads the event, checks that the person manages it, calls the
service and shows the page again with any refusal beside its field."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from praxis.accounts.auth import SignedInRequest
from praxis.core.errors import PraxisError
from praxis.core.languages import in_sentence
from praxis.core.refusals import show_form_errors
from praxis.events import services
from praxis.events.forms import TrackForm
from praxis.events.models import Event, Track
from praxis.events.reviewer_views import managed_event

NEW = "new"


def _prefix(track: Track) -> str:
    return f"t{track.pk}"


def _page(
    request: SignedInRequest,
    event: Event,
    refused: tuple[int | str, TrackForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    def form_for(key: int | str, initial: dict[str, object] | None, prefix: str) -> TrackForm:
        if refused and refused[0] == key:
            return refused[1]
        return TrackForm(initial=initial, prefix=prefix)

    tracks = [
        {
            "track": track,
            "form": form_for(
                track.pk, {"name": track.name, "position": track.position}, _prefix(track)
            ),
        }
        for track in services.event_tracks(event)
    ]
    context = {
        "event": event,
        "tracks": tracks,
        "new_form": form_for(NEW, None, NEW),
        "remove_label": _("Remove"),
        "remove_button": _("Remove the track"),
    }
    return render(request, "events/tracks.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def tracks(request: SignedInRequest, slug: str) -> HttpResponse:
    """The event's tracks, each to rename, move or remove, and a form to add one (POST): for
    the event's organisers only."""
    event = managed_event(request, slug)
    if request.method != "POST":
        return _page(request, event)
    form = TrackForm(request.POST, prefix=NEW)
    if not form.is_valid():
        return _page(request, event, refused=(NEW, form), status=400)
    try:
        track = services.add_track(event, form.settings(), by=request.user)
    except PraxisError as error:
        show_form_errors(form, error)
        return _page(request, event, refused=(NEW, form), status=error.status)
    messages.success(
        request, _("The track “%(name)s” is added.") % {"name": in_sentence(track.name)}
    )
    return redirect(reverse("events:tracks", args=[event.slug]) + f"#track-{track.pk}")


@login_required
@require_POST
def track(request: SignedInRequest, slug: str, track_id: int) -> HttpResponse:
    """Rename a track or move it in the list (the form), or remove it (`action=remove`)."""
    event = managed_event(request, slug)
    track = get_object_or_404(Track, event=event, pk=track_id)
    track.event = event
    back = reverse("events:tracks", args=[event.slug])
    if request.POST.get("action") == "remove":
        try:
            services.remove_track(track, by=request.user)
        except PraxisError as error:
            messages.error(request, str(error.message))
            return _page(request, event, status=error.status)
        messages.success(
            request, _("The track “%(name)s” is removed.") % {"name": in_sentence(track.name)}
        )
        return redirect(back)
    form = TrackForm(request.POST, prefix=_prefix(track))
    if not form.is_valid():
        return _page(request, event, refused=(track.pk, form), status=400)
    try:
        services.update_track(track, form.settings(), by=request.user)
    except PraxisError as error:
        show_form_errors(form, error)
        return _page(request, event, refused=(track.pk, form), status=error.status)
    messages.success(
        request, _("The track “%(name)s” is saved.") % {"name": in_sentence(track.name)}
    )
    return redirect(f"{back}#track-{track.pk}")
