"""The reviewers of each track of an event's call for abstracts, set by its organisers:
load the event, check that the person manages it, call the service, show the page again with
any refusal beside its field. Also the page where an invited person accepts to review."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from praxis.accounts.auth import SignedInRequest
from praxis.accounts.models import User
from praxis.core.errors import ErrorCode, NotFound, PraxisError
from praxis.core.languages import in_sentence
from praxis.core.people import signed_in
from praxis.core.permissions import require
from praxis.core.refusals import show_form_errors
from praxis.events import queries, services
from praxis.events.forms import ReviewerForm
from praxis.events.models import Event, ReviewerInvitation, Track
from praxis.events.permissions import manage_event, view_event
from praxis.events.services.reviewer_invitations import LINK_MESSAGE


def managed_event(request: SignedInRequest, slug: str) -> Event:
    """The event with `slug`, which the person must manage (404 or 403 otherwise)."""
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
    invited = services.pending_invitations(event)
    for track, reviewers in services.tracks_with_reviewers(event):
        form = (
            refused[1]
            if refused and refused[0] == track.pk
            else ReviewerForm(prefix=f"t{track.pk}")
        )
        tracks.append(
            {
                "track": track,
                "reviewers": reviewers,
                "invitations": invited.get(track.pk, []),
                "form": form,
            }
        )
    context = {
        "event": event,
        "tracks": tracks,
        "remove_label": _("Remove"),
        "remove_button": _("Remove the reviewer"),
        "withdraw_label": _("Withdraw"),
        "withdraw_button": _("Withdraw the invitation"),
    }
    return render(request, "events/reviewers.html", context, status=status)


@login_required
@require_GET
def reviewers(request: SignedInRequest, slug: str) -> HttpResponse:
    """Each track of the event with its reviewers, a form to add one and a button to remove
    each: for the event's organisers only."""
    return _page(request, managed_event(request, slug))


@login_required
@require_POST
def track_reviewers(request: SignedInRequest, slug: str, track_id: int) -> HttpResponse:
    """Add a reviewer to a track or invite an address (the form), remove a reviewer
    (`action=remove`, `reviewer`) or withdraw an invitation (`action=withdraw`, `invitation`)."""
    event = managed_event(request, slug)
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
            request,
            _("%(name)s no longer reviews this track.") % {"name": in_sentence(person.full_name)},
        )
        return redirect(back)
    if request.POST.get("action") == "withdraw":
        try:
            key = UUID(str(request.POST.get("invitation", "")))
        except ValueError:
            raise Http404 from None
        invitation = get_object_or_404(ReviewerInvitation, track=track, uuid=key)
        invitation.track = track
        services.withdraw_reviewer_invitation(invitation, by=request.user)
        messages.success(request, _("The invitation is withdrawn: its link no longer works."))
        return redirect(back)
    form = ReviewerForm(request.POST, prefix=f"t{track.pk}")
    form.is_valid()
    try:
        added = services.add_reviewer(track, form.cleaned_data.get("who") or "", by=request.user)
    except PraxisError as error:
        show_form_errors(form, error)
        return _page(request, event, refused=(track.pk, form), status=error.status)
    if isinstance(added, ReviewerInvitation):
        messages.success(request, _invited_message(added))
    else:
        messages.success(
            request,
            _("%(name)s now reviews this track and is told so.")
            % {"name": in_sentence(added.full_name)},
        )
    return redirect(back)


def _invited_message(invitation: ReviewerInvitation) -> str:
    """What the organiser is told once an address is invited: the same words for every
    address, whether anyone has an account with it or not."""
    return _(
        "An invitation is on its way to %(address)s. Whoever accepts it with this address "
        "becomes a reviewer of the track."
    ) % {"address": in_sentence(invitation.email)}


@require_http_methods(["GET", "POST"])
def reviewer_invitation(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """An invitation to review a track's abstracts, opened from its e-mail: the person signed
    in with the invited address accepts it; anybody else is told what to do."""
    user = request.user
    try:
        invitation = services.read_reviewer_invitation(token)
        if invitation.track.event.slug != slug:
            raise NotFound(ErrorCode.INVALID_TOKEN, LINK_MESSAGE)
    except PraxisError as error:
        refused: dict[str, object] = {"error": error, "invitation": None}
        return render(request, "events/reviewer_invitation.html", refused, status=error.status)
    if request.method == "POST" and not signed_in(user):
        return redirect_to_login(request.get_full_path())
    refusal: PraxisError | None = None
    if signed_in(user):
        try:
            services.check_reviewer_invitee(invitation, user)
            if request.method == "POST":
                track = services.accept_reviewer_invitation(token, user)
                messages.success(
                    request,
                    _("You now review the abstracts of the track “%(track)s”.")
                    % {"track": in_sentence(track.name)},
                )
                if view_event.allows(user, track.event):
                    return redirect(reverse("events:review", args=[slug]))
                # A draft's reviewers see its abstracts once it is published.
                messages.info(
                    request,
                    _(
                        "“%(event)s” is not published yet. Once it is, its abstracts are "
                        "listed for you on its page, under “Review abstracts”."
                    )
                    % {"event": in_sentence(track.event.title)},
                )
                return redirect(reverse("events:list"))
        except PraxisError as error:
            refusal = error
    context = {"invitation": invitation, "error": None, "refusal": refusal}
    status = refusal.status if refusal and request.method == "POST" else 200
    return render(request, "events/reviewer_invitation.html", context, status=status)
