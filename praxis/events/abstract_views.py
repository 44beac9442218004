"""The call for abstracts: an author submits one to a track, a track's reviewers score those
they may review, and the event's organisers see every abstract with its reviews and decide.
Load the event, call the service, show the form again on a refusal."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from praxis.accounts.auth import SignedInRequest
from praxis.core.errors import PraxisError
from praxis.core.permissions import require
from praxis.core.refusals import show_form_errors
from praxis.events import queries, services
from praxis.events.forms import AbstractForm, DecisionForm, ReviewForm
from praxis.events.models import Abstract, Event
from praxis.events.permissions import manage_event, see_abstracts_of_event

# What an organiser may decide on an abstract under review, with the words the page gives them.
DECISIONS = {
    Abstract.Status.ACCEPTED: gettext_lazy("Accept"),
    Abstract.Status.POSTER: gettext_lazy("Accept as a poster"),
    Abstract.Status.REJECTED: gettext_lazy("Reject"),
}


@login_required
@require_http_methods(["GET", "POST"])
def submit_abstract(request: SignedInRequest, slug: str) -> HttpResponse:
    event = queries.visible_event(request.user, slug)
    form = AbstractForm(event, request.POST or None)
    status = 400 if form.errors else 200
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_abstract(
                request.user,
                event,
                track=form.cleaned_data["track"],
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                authors=form.author_list(),
            )
        except PraxisError as error:
            messages.error(request, str(error.message))
            status = error.status
            for name, errors in error.fields.items():
                for message in errors:
                    form.add_error(name if name in form.fields else None, str(message))
        else:
            messages.success(
                request, _("Your abstract is submitted. You will hear of the decision by e-mail.")
            )
            return redirect(reverse("events:detail", args=[event.slug]))
    return render(
        request,
        "events/abstract_form.html",
        {"event": event, "form": form, "zone": event.zone},
        status=status,
    )


def _decide(request: SignedInRequest, event: Event, abstracts: list[Abstract]) -> HttpResponse:
    """An organiser's decision on an abstract under review, posted from the abstracts page."""
    require(manage_event, request.user, event)
    abstract = next((a for a in abstracts if str(a.uuid) == request.POST.get("decide")), None)
    if abstract is None:
        raise Http404
    decision = request.POST.get("decision", "")
    if abstract.status != Abstract.Status.SUBMITTED:
        messages.error(request, _("A decision has been made on this abstract already."))
    elif decision not in DECISIONS:
        messages.error(request, _("Choose accept, poster or reject."))
    else:
        services.decide_abstract(abstract, decision, by=request.user)
        messages.success(request, _("Decided; the submitter is told by e-mail."))
    return redirect(reverse("events:review", args=[event.slug]) + f"#a-{abstract.uuid}")


@login_required
@require_http_methods(["GET", "POST"])
def review(request: SignedInRequest, slug: str) -> HttpResponse:
    """The event's abstracts: its organisers see every one with every review, and decide; a
    track's reviewers see those under review in their tracks, and score them."""
    event = queries.visible_event(request.user, slug)
    require(see_abstracts_of_event, request.user, event)
    organiser = manage_event.allows(request.user, event)

    def load() -> list[Abstract]:
        if organiser:
            return queries.all_abstracts(event)
        return queries.abstracts_to_review(request.user, event)

    abstracts = load()
    if request.method == "POST" and "decide" in request.POST:
        return _decide(request, event, abstracts)
    status = 200
    # The form as posted, kept with its errors to be shown again beside its abstract.
    refused: ReviewForm | None = None
    if request.method == "POST":
        abstract = next((a for a in abstracts if str(a.uuid) == request.POST.get("abstract")), None)
        if abstract is None:
            raise Http404
        refused = ReviewForm(event, request.POST, prefix=str(abstract.uuid))
        status = 400
        if refused.is_valid():
            try:
                services.review_abstract(
                    request.user,
                    abstract,
                    score=refused.cleaned_data["score"],
                    comment=refused.cleaned_data["comment"],
                )
            except PraxisError as error:
                show_form_errors(refused, error)
                status = error.status
            else:
                messages.success(request, _("Your review is saved."))
                return redirect(reverse("events:review", args=[event.slug]))
        abstracts = load()
    rows = []
    shown = False
    for abstract in abstracts:
        reviews = list(abstract.reviews.all())
        mine = next((r for r in reviews if r.reviewer_id == request.user.pk), None)
        # A reviewer's list holds only the tracks they review; an organiser's holds them all.
        reviews_track = not organiser or any(
            reviewer.pk == request.user.pk for reviewer in abstract.track.reviewers.all()
        )
        conflict = reviews_track and services.has_conflict_of_interest(request.user, abstract)
        form = None
        if (
            reviews_track
            and mine is None
            and not conflict
            and abstract.status == Abstract.Status.SUBMITTED
        ):
            if refused is not None and refused.prefix == str(abstract.uuid):
                form, shown = refused, True
            else:
                form = ReviewForm(event, prefix=str(abstract.uuid))
        row: dict[str, Any] = {
            "abstract": abstract,
            "conflict": conflict,
            "form": form,
            "mine": mine,
        }
        if organiser:
            row["decision_form"] = DecisionForm(DECISIONS.items(), auto_id=f"id_%s_{abstract.uuid}")
            row["reviews"] = reviews
            row["reviewers"] = list(abstract.track.reviewers.all())
            row["average"] = (
                round(sum(r.score for r in reviews) / len(reviews), 1) if reviews else None
            )
        rows.append(row)
    if refused is not None and not shown:
        # The abstract can no longer be reviewed here (decided, or a conflict): say why above.
        for message in refused.non_field_errors():
            messages.error(request, str(message))
    context = {"event": event, "rows": rows, "organiser": organiser}
    return render(request, "events/review.html", context, status=status)
