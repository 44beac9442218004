"""A community's members as its moderators see them: the list, searchable and page by page,
and removing a member in one confirmed step, with an optional reason they are shown."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from praxis.accounts.auth import SignedInRequest
from praxis.community import queries
from praxis.community.forms import MemberSearchForm, RemovalForm
from praxis.community.models import MemberProfile, Membership
from praxis.community.permissions import moderate_community
from praxis.community.services import moderation
from praxis.core.errors import NotFound, PermissionDenied, PraxisError
from praxis.core.permissions import require
from praxis.core.refusals import show_form_errors


@require_GET
@login_required
def members(request: SignedInRequest, slug: str) -> HttpResponse:
    found = queries.visible_community(request.user, slug)
    require(moderate_community, request.user, found)
    search = MemberSearchForm(request.GET)
    wanted = search.cleaned_data["q"] if search.is_valid() else ""
    page = queries.members(found, wanted, request.GET.get("page", 1))
    # Each member the moderator may remove has their own removal form: its question, reason and
    # button open together from the row, so removing takes one confirmed step.
    rows = [
        (
            membership,
            RemovalForm(auto_id=f"id_removal_{membership.pk}_%s")
            if moderation.may_remove(request.user, found, membership)
            else None,
        )
        for membership in page.items
    ]
    return render(
        request,
        "community/members.html",
        {"community": found, "page": page, "search": search, "wanted": wanted, "rows": rows},
        status=200 if search.is_valid() else 400,
    )


@require_http_methods(["GET", "POST"])
@login_required
def remove_member(request: SignedInRequest, slug: str, handle: str) -> HttpResponse:
    """POSTed with action "remove" and an optional reason (the confirmation on the members
    page), the member is removed. Otherwise, or when the removal is refused, the page asks
    again, with the reason's box and any error beside it."""
    found = queries.visible_community(request.user, slug)
    require(moderate_community, request.user, found)
    profile = MemberProfile.objects.select_related("user").filter(handle=handle).first()
    if profile is None:
        raise NotFound()
    removing = request.method == "POST" and request.POST.get("action") == "remove"
    form = RemovalForm(request.POST if removing else None)
    status = 200
    if not removing:
        membership = Membership.objects.filter(
            community=found, user=profile.user, status=Membership.Status.ACTIVE
        ).first()
        if membership is None:
            raise NotFound()
        if not moderation.may_remove(request.user, found, membership):
            raise PermissionDenied()
    elif form.is_valid():
        try:
            moderation.remove_member(request.user, found, profile.user, form.cleaned_data["reason"])
        except PraxisError as error:
            show_form_errors(form, error)
            status = error.status
        else:
            messages.success(request, _("Done. The action is logged and shown to the member."))
            return redirect("community:members", slug)
    else:
        status = 400
    return render(
        request,
        "community/remove_member.html",
        {"community": found, "profile": profile, "form": form},
        status=status,
    )
