"""Moderation pages: flags, hiding and editing with a reason, locking and moving threads, the
queue, suspensions, join requests, invitations, and a member's record of actions concerning them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from praxis.accounts.auth import SignedInRequest
from praxis.community import queries
from praxis.community.forms import (
    FlagForm,
    InviteForm,
    ModerationReasonForm,
    OpenCommunityForm,
    SuspensionForm,
    ThreadModerationForm,
)
from praxis.community.models import (
    Community,
    MemberProfile,
    Membership,
)
from praxis.community.page_actions import (
    post_and_thread,
    post_url,
    thread_url,
)
from praxis.community.permissions import moderate_community
from praxis.community.services import membership as memberships
from praxis.community.services import moderation, posting
from praxis.core.errors import NotFound, PermissionDenied, PraxisError
from praxis.core.forms import row_form
from praxis.core.permissions import require
from praxis.core.refusals import attempt, flash_form_errors, show_form_errors
from praxis.organisations.models import Organisation
from praxis.organisations.permissions import manage_organisation


@require_http_methods(["GET", "POST"])
@login_required
def flag(request: SignedInRequest, post_id: int) -> HttpResponse:
    post = post_and_thread(request, post_id)
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            posting.flag_post(
                request.user, post, form.cleaned_data["reason"], form.cleaned_data["note"]
            )
        except PraxisError as error:
            show_form_errors(form, error)
        else:
            messages.success(request, _("Thank you. The moderators will look at this post."))
            return redirect(post_url(post))
    return render(
        request,
        "community/flag.html",
        {"post": post, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@login_required
def moderate_post(request: SignedInRequest, post_id: int) -> HttpResponse:
    post = post_and_thread(request, post_id)
    next_url = request.POST.get("next", "")
    back = next_url if next_url.startswith("/community/") else post_url(post)
    form = ModerationReasonForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect(back)
    reason = form.cleaned_data["reason"]
    actions: dict[str, Callable[[], Any]] = {
        "approve": lambda: moderation.approve_post(request.user, post),
        "hide": lambda: moderation.hide_post(request.user, post, reason),
        "unhide": lambda: moderation.unhide_post(request.user, post, reason),
        "dismiss": lambda: moderation.dismiss_flags(request.user, post),
    }
    action = actions.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, _("Choose an action."))
    else:
        attempt(
            request,
            action,
            _("Done. The action is logged and shown to the member."),
            field_messages=True,
        )
    return redirect(back)


@require_POST
@login_required
def moderate_thread(request: SignedInRequest, thread_uuid: UUID) -> HttpResponse:
    found = queries.visible_thread(request.user, thread_uuid)
    form = ThreadModerationForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect(thread_url(found))
    reason = form.cleaned_data["reason"]
    target_slug = form.cleaned_data["target"]

    def move() -> Any:
        target = Community.objects.filter(slug=target_slug).first()
        if target is None:
            raise NotFound()
        return moderation.move_thread(request.user, found, target, reason)

    actions: dict[str, Callable[[], Any]] = {
        "lock": lambda: moderation.set_locked(request.user, found, True, reason),
        "unlock": lambda: moderation.set_locked(request.user, found, False, reason),
        "pin": lambda: moderation.set_pinned(request.user, found, True),
        "unpin": lambda: moderation.set_pinned(request.user, found, False),
        "move": move,
    }
    action = actions.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, _("Choose an action."))
    else:
        attempt(
            request,
            action,
            _("Done. The action is logged and shown to the member."),
            field_messages=True,
        )
    return redirect(thread_url(found))


def _queue_page(
    request: HttpRequest,
    found: Community,
    suspension_form: SuspensionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The moderation queue; `suspension_form` is the suspension form as posted, with its
    errors, when it was refused."""
    return render(
        request,
        "community/queue.html",
        {
            "community": found,
            "queue": queries.moderation_queue(found),
            "invite_form": InviteForm(auto_id="invite-%s"),
            "suspension_form": suspension_form or row_form(SuspensionForm, "suspend"),
        },
        status=status,
    )


@require_GET
@login_required
def queue(request: HttpRequest, slug: str) -> HttpResponse:
    found = queries.visible_community(request.user, slug)
    require(moderate_community, request.user, found)
    return _queue_page(request, found)


@require_POST
@login_required
def suspend(request: SignedInRequest, slug: str) -> HttpResponse:
    found = queries.visible_community(request.user, slug)
    require(moderate_community, request.user, found)
    form = row_form(SuspensionForm, "suspend", data=request.POST)
    if not form.is_valid():
        return _queue_page(request, found, form, status=400)
    profile = (
        MemberProfile.objects.select_related("user")
        .filter(handle=form.cleaned_data["handle"].lstrip("@").lower())
        .first()
    )
    if profile is None:
        form.add_error("handle", _("No member has this handle."))
        return _queue_page(request, found, form, status=400)
    try:
        moderation.suspend_member(
            request.user,
            found,
            profile.user,
            form.cleaned_data["days"],
            form.cleaned_data["reason"],
        )
    except PraxisError as error:
        show_form_errors(form, error)
        return _queue_page(request, found, form, status=error.status)
    messages.success(request, _("Done. The action is logged and shown to the member."))
    return redirect("community:queue", slug)


@require_POST
@login_required
def approve_member(request: SignedInRequest, slug: str, membership_id: int) -> HttpResponse:
    return _on_membership(
        request, slug, membership_id, moderation.approve_member, _("The member is accepted.")
    )


def _on_membership(
    request: SignedInRequest,
    slug: str,
    membership_id: int,
    action: Callable[[Any, Membership], object],
    done: str,
) -> HttpResponse:
    """Run a moderator's `action` on a membership of the community, then back to its queue."""
    found = queries.visible_community(request.user, slug)
    membership = Membership.objects.filter(community=found, pk=membership_id).first()
    if membership is None:
        raise NotFound()
    attempt(request, lambda: action(request.user, membership), done, field_messages=True)
    return redirect("community:queue", slug)


@require_http_methods(["GET", "POST"])
@login_required
def invite(request: SignedInRequest, slug: str) -> HttpResponse:
    found = queries.visible_community(request.user, slug)
    require(moderate_community, request.user, found)
    if request.method == "GET":  # the invitations' address, opened: where they are sent from
        return redirect(reverse("community:queue", args=[slug]) + "#invite-title")
    who = request.POST.get("who", "")
    attempt(
        request,
        lambda: moderation.invite(request.user, found, who),
        # The same words whether or not an address has an account (see moderation.invite).
        _("Invited. If the address belongs to an account, its owner is told."),
        field_messages=True,
    )
    return redirect("community:queue", slug)


@require_POST
@login_required
def withdraw_invitation(request: SignedInRequest, slug: str, membership_id: int) -> HttpResponse:
    return _on_membership(
        request,
        slug,
        membership_id,
        moderation.withdraw_invitation,
        _("The invitation is withdrawn."),
    )


@require_GET
@login_required
def moderation_record(request: SignedInRequest) -> HttpResponse:
    page = queries.actions_concerning(request.user, request.GET.get("page", 1))
    return render(request, "community/moderation_record.html", {"page": page})


@require_http_methods(["GET", "POST"])
@login_required
def open_community(request: SignedInRequest) -> HttpResponse:
    """A partner's admin (or staff) opens a community hosted by an organisation they manage."""
    hosts = manage_organisation.filter(request.user, Organisation.objects.all()).order_by("name")
    if not hosts.exists():
        raise PermissionDenied()
    form = OpenCommunityForm(request.POST or None, hosts=hosts)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                opened = memberships.open_community(
                    request.user,
                    data["host"],
                    name=data["name"],
                    description=data["description"],
                    kind=data["kind"],
                    access=data["access"],
                    languages=data["languages"],
                )
            except PraxisError as error:
                show_form_errors(form, error)
                status = error.status
            else:
                messages.success(request, _("The community is open; you are its moderator."))
                return redirect("community:community", opened.slug)
        else:
            status = 409 if _only_name_taken(form) else 400
    return render(request, "community/open.html", {"form": form}, status=status)


def _only_name_taken(form: OpenCommunityForm) -> bool:
    """Whether the form's one problem is a name its host already gives a community."""
    return list(form.errors) == ["name"] and form.has_error("name", "community_exists")
