"""The call for abstracts: an author submits one to a track, and a track's reviewers score
those they may review. Load the event, call the service, show the form again on a refusal."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from praxis.accounts.auth import SignedInRequest
from praxis.core.errors import PraxisError
from praxis.core.permissions import require
from praxis.core.refusals import show_form_errors
from praxis.events import queries, services
from praxis.events.forms import AbstractForm, ReviewForm
from praxis.events.permissions import review_abstracts_of_event


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


@login_required
@require_http_methods(["GET", "POST"])
def review(request: SignedInRequest, slug: str) -> HttpResponse:
    event = queries.visible_event(request.user, slug)
    require(review_abstracts_of_event, request.user, event)
    abstracts = queries.abstracts_to_review(request.user, event)
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
        abstracts = queries.abstracts_to_review(request.user, event)
    rows = []
    shown = False
    for abstract in abstracts:
        mine = next((r for r in abstract.reviews.all() if r.reviewer_id == request.user.pk), None)
        conflict = services.has_conflict_of_interest(request.user, abstract)
        form = None
        if mine is None and not conflict:
            if refused is not None and refused.prefix == str(abstract.uuid):
                form, shown = refused, True
            else:
                form = ReviewForm(event, prefix=str(abstract.uuid))
        rows.append({"abstract": abstract, "conflict": conflict, "form": form, "mine": mine})
    if refused is not None and not shown:
        # The abstract can no longer be reviewed here (decided, or a conflict): say why above.
        for message in refused.non_field_errors():
            messages.error(request, str(message))
    return render(request, "events/review.html", {"event": event, "rows": rows}, status=status)
