"""Private message pages: the inbox, a conversation, writing to a member, blocking, flagging a
message, and the staff's list of flagged messages. Thin, like the other community pages."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from praxis.accounts.auth import SignedInRequest
from praxis.community import message_queries
from praxis.community.forms import MessageFlagForm, MessageForm, MessageReplyForm
from praxis.community.models import DirectMessage, MemberProfile
from praxis.community.services import messaging
from praxis.core.errors import NotFound, PermissionDenied, PraxisError
from praxis.core.permissions import is_staff
from praxis.core.refusals import attempt, flash_form_errors, show_form_errors


def _conversation_url(conversation: Any) -> str:
    return reverse("community:conversation", args=[conversation.uuid])


@require_GET
@login_required
def inbox(request: SignedInRequest) -> HttpResponse:
    page = message_queries.conversations(request.user, request.GET.get("page", 1))
    items = [(found, messaging.other_person(found, request.user)) for found in page.items]
    return render(request, "community/messages/inbox.html", {"page": page, "items": items})


@require_http_methods(["GET", "POST"])
@login_required
def new_message(request: SignedInRequest) -> HttpResponse:
    if request.method == "POST":
        form = MessageForm(request.POST)
        if form.is_valid():
            try:
                recipient = messaging.person_by_handle(form.cleaned_data["to"])
                sent = messaging.send(request.user, recipient, form.cleaned_data["body"])
            except PraxisError as error:
                show_form_errors(form, error)
            else:
                messages.success(request, _("Your message is sent."))
                return redirect(_conversation_url(sent.conversation))
        return render(request, "community/messages/new.html", {"form": form}, status=400)
    form = MessageForm(initial={"to": request.GET.get("to", "")[:41]})
    return render(request, "community/messages/new.html", {"form": form})


@require_http_methods(["GET", "POST"])
@login_required
def conversation(request: SignedInRequest, conversation_uuid: UUID) -> HttpResponse:
    found = message_queries.conversation_of(request.user, conversation_uuid)
    form = MessageReplyForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                messaging.reply(request.user, found, form.cleaned_data["body"])
            except PraxisError as error:
                show_form_errors(form, error)
            else:
                return redirect(_conversation_url(found) + "#latest")
        status = 400
    page = message_queries.conversation_page(request.user, found, request.GET.get("page"))
    messaging.mark_read(request.user, found)
    return render(
        request,
        "community/messages/conversation.html",
        {
            "cp": page,
            "form": form,
            "i_blocked": message_queries.has_blocked(request.user, page.other),
        },
        status=status,
    )


@require_POST
@login_required
def block(request: SignedInRequest, handle: str) -> HttpResponse:
    profile = MemberProfile.objects.select_related("user").filter(handle=handle).first()
    if profile is None:
        raise NotFound()
    if request.POST.get("action") == "unblock":
        messaging.unblock(request.user, profile.user)
        messages.success(request, _("You have unblocked this person."))
    elif attempt(request, lambda: messaging.block(request.user, profile.user)):
        messages.success(request, _("Blocked: neither of you can send the other private messages."))
    next_url = request.POST.get("next", "")
    if next_url.startswith("/community/messages/"):
        return redirect(next_url)
    return redirect("community:member", handle)


@require_POST
@login_required
def flag_message(request: SignedInRequest, message_id: int) -> HttpResponse:
    message = DirectMessage.objects.select_related("conversation").filter(pk=message_id).first()
    if message is None:
        raise NotFound()
    found = message_queries.conversation_of(request.user, message.conversation.uuid)
    form = MessageFlagForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect(_conversation_url(found))
    attempt(
        request,
        lambda: messaging.flag(request.user, message, form.cleaned_data["note"]),
        _("Thank you: the academy's staff will look at this message."),
        field_messages=True,
    )
    return redirect(_conversation_url(found))


@require_GET
@login_required
def flagged(request: SignedInRequest) -> HttpResponse:
    if not is_staff(request.user):
        raise PermissionDenied()
    return render(
        request,
        "community/messages/flagged.html",
        {"flagged": message_queries.flagged_messages()},
    )


@require_POST
@login_required
def moderate_message(request: SignedInRequest, message_id: int) -> HttpResponse:
    message = DirectMessage.objects.filter(pk=message_id).first()
    if message is None:
        raise NotFound()
    attempt(
        request,
        lambda: messaging.moderate(request.user, message, request.POST.get("action", "")),
        _("Done."),
        field_messages=True,
    )
    return redirect("community:flagged_messages")
