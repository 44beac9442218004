"""Community pages. Thin: load (404 if missing or unreadable), check, call a service, render."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from praxis.accounts.auth import SignedInRequest
from praxis.catalog import queries as catalog_queries
from praxis.community import mentions, queries, thread_views
from praxis.community.forms import (
    EditForm,
    EmailForm,
    ReplyForm,
    ResourceForm,
    SearchForm,
    SubscriptionForm,
    ThreadForm,
)
from praxis.community.models import (
    Attachment,
    Community,
    Membership,
    Post,
    Resource,
)
from praxis.community.page_actions import (
    mention_warnings,
    post_and_thread,
    post_url,
    thread_url,
    warn_of_unmatched_mentions,
)
from praxis.community.permissions import moderate_community, read_community
from praxis.community.services import inbound, posting, reading
from praxis.community.services import membership as memberships
from praxis.community.services import resources as library
from praxis.community.tags import canonical
from praxis.community.tags import split as split_list
from praxis.core.errors import NotFound, PayloadTooLarge, PermissionDenied, PraxisError
from praxis.core.languages import matching_tags, readers_of
from praxis.core.people import Person, signed_in
from praxis.core.permissions import require
from praxis.core.refusals import attempt, flash_form_errors, result_of, show_form_errors


@require_GET
def community_list(request: HttpRequest) -> HttpResponse:
    page = queries.communities(request.user, request.GET.get("page", 1))
    return render(
        request,
        "community/communities.html",
        {
            "page": page,
            "mine": queries.membership_statuses(request.user),
            "can_open": queries.may_open_communities(request.user),
            "search": SearchForm(),
        },
    )


@require_GET
def community(request: HttpRequest, slug: str) -> HttpResponse:
    found = queries.visible_community(request.user, slug)
    membership = queries.my_memberships(request.user).get(found.pk)
    can_read = read_community.allows(request.user, found)
    order = request.GET.get("order", queries.Order.LATEST)
    tag = request.GET.get("tag", "")
    page = None
    if can_read:
        page = queries.threads(
            found,
            request.GET.get("page", 1),
            reader=request.user,
            membership=membership,
            order=order,
            tag=tag,
        )
    signed = signed_in(request.user)
    return render(
        request,
        "community/community.html",
        {
            "community": found,
            "membership": membership,
            "can_read": can_read,
            "page": page,
            "order": order,
            "tag": canonical(tag),
            "orders": [
                (value, label)
                for value, label in queries.ORDER_LABELS.items()
                if signed or value not in (queries.Order.NEW, queries.Order.UNREAD)
            ],
            "tags": queries.popular_tags(found) if can_read else [],
            "can_moderate": moderate_community.allows(request.user, found),
            "email_form": EmailForm(initial={"email": membership.email if membership else None}),
        },
    )


@require_POST
@login_required
def mark_read(request: SignedInRequest, slug: str) -> HttpResponse:
    found = queries.visible_community(request.user, slug)
    require(read_community, request.user, found)
    count = reading.mark_all_read(request.user, found)
    messages.success(
        request,
        ngettext("%(count)d thread marked as read.", "%(count)d threads marked as read.", count)
        % {"count": count},
    )
    return redirect("community:community", slug)


@require_GET
def course_space(request: HttpRequest, slug: str) -> HttpResponse:
    user = request.user
    course = catalog_queries.visible_course(user, slug)
    if not signed_in(user):
        return redirect_to_login(request.get_full_path())
    space, _membership = memberships.open_course_space(user, course)
    return redirect("community:community", space.slug)


@require_POST
def join(request: HttpRequest, slug: str) -> HttpResponse:
    user = request.user
    found = queries.visible_community(user, slug)
    if not signed_in(user):
        return redirect_to_login(reverse("community:community", args=[slug]))
    membership = result_of(request, lambda: memberships.join(user, found))
    if membership is not None:
        if membership.status == Membership.Status.ACTIVE:
            messages.success(request, _("Welcome! You are now a member of this community."))
        else:
            messages.info(request, _("Your request to join was sent to the moderators."))
    return redirect("community:community", slug)


@require_POST
@login_required
def leave(request: SignedInRequest, slug: str) -> HttpResponse:
    found = queries.visible_community(request.user, slug)
    membership = queries.my_memberships(request.user).get(found.pk)
    memberships.leave(request.user, found)
    if membership is not None and membership.status == Membership.Status.INVITED:
        messages.success(request, _("You declined the invitation."))
        return redirect("community:communities")
    messages.success(request, _("You have left this community."))
    return redirect("community:community", slug)


@require_POST
@login_required
def email_settings(request: SignedInRequest, slug: str) -> HttpResponse:
    found = queries.visible_community(request.user, slug)
    attempt(
        request,
        lambda: memberships.set_email(request.user, found, request.POST.get("email", "")),
        _("Your e-mail settings are saved."),
        field_messages=True,
    )
    return redirect("community:community", slug)


def _files(request: HttpRequest, name: str = "attachments") -> list[Any]:
    return request.FILES.getlist(name)


@require_http_methods(["GET", "POST"])
@login_required
def new_thread(request: SignedInRequest, slug: str) -> HttpResponse:
    found = queries.visible_community(request.user, slug)
    if request.method == "POST":
        form = ThreadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                thread = posting.start_thread(
                    request.user,
                    found,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    kind=form.cleaned_data["kind"],
                    language=form.cleaned_data["language"],
                    files=_files(request),
                    tags=form.cleaned_data["tags"],
                )
            except posting.AlreadyPosted as repeated:
                messages.info(request, str(repeated.message))
                return redirect(thread_url(repeated.post.thread))
            except PraxisError as error:
                show_form_errors(form, error)
            else:
                if thread.is_visible:
                    messages.success(request, _("Your thread is posted."))
                else:
                    messages.info(
                        request,
                        _(
                            "Thank you. A moderator will review your first post before others"
                            " see it."
                        ),
                    )
                warn_of_unmatched_mentions(request, form.cleaned_data["body"], found)
                return redirect(thread_url(thread))
        status = 400
    else:
        draft = queries.draft_for(request.user, found, None)
        form = ThreadForm(
            initial={
                "language": _thread_language(request.user, found),
                "title": draft.title if draft else "",
                "body": draft.body if draft else "",
            }
        )
        status = 200
    return render(
        request, "community/new_thread.html", {"community": found, "form": form}, status=status
    )


def _thread_language(user: Person, community: Community) -> str:
    """The language a member most likely writes a new thread in: the first they read that the
    community uses, else the community's first, else the first they read."""
    readers = readers_of(user)
    for tag in readers:
        if found := matching_tags([tag], community.languages or []):
            return found[0]
    return (community.languages or readers)[0]


@csrf_exempt
@require_POST
def inbound_email(request: HttpRequest) -> JsonResponse:
    """Where the reply domain's mail server posts each message it receives (the raw message as
    the body, the envelope recipient as `?recipient=`), with the shared secret as a bearer
    token. Answers 200 once a message is handled, whatever became of it, so that the server
    does not send it again."""
    secret = settings.COMMUNITY_INBOUND_SECRET
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not inbound.enabled() or not secret:
        raise NotFound()
    if not constant_time_compare(given, secret):
        raise PermissionDenied(message=_("This address takes messages from the mail server only."))
    # Read as a stream: a message with attachments is larger than a form may be.
    raw = request.read(inbound.MAX_MESSAGE_BYTES + 1)
    if len(raw) > inbound.MAX_MESSAGE_BYTES:
        raise PayloadTooLarge()
    received = inbound.receive(raw, request.GET.get("recipient", "")[:254])
    return JsonResponse({"outcome": received.outcome, "detail": received.detail})


@require_GET
@login_required
def handles(request: SignedInRequest) -> JsonResponse:
    """Members' handles beginning with what was typed after "@", for community/mentions.js."""
    found = queries.visible_community(request.user, request.GET.get("community", "")[:120])
    require(read_community, request.user, found)
    matches = mentions.completions(found, request.GET.get("q", ""))
    return JsonResponse({"handles": [{"handle": h, "name": name} for h, name in matches]})


@require_POST
def reply(request: HttpRequest, thread_uuid: UUID) -> HttpResponse:
    user = request.user
    found = queries.visible_thread(user, thread_uuid)
    if not signed_in(user):
        return redirect_to_login(thread_url(found))
    form = ReplyForm(request.POST, request.FILES)
    if form.is_valid() and request.POST.get("preview"):
        shown = mentions.preview(form.cleaned_data["body"], found.community)
        extra = {
            "preview": shown,
            "preview_warnings": mention_warnings(shown.unmatched, posted=False),
        }
        return HttpResponse(thread_views.reply_page(request, found, form, extra))
    if form.is_valid():
        try:
            post = posting.reply(user, found, form.cleaned_data["body"], _files(request))
        except posting.AlreadyPosted as repeated:
            # Sent twice (a double click, or again after going back): the reply stands once.
            messages.info(request, str(repeated.message))
            repeated.post.thread = found
            return redirect(post_url(repeated.post))
        except PraxisError as error:
            show_form_errors(form, error)
        else:
            if post.status == Post.Status.HELD:
                messages.info(
                    request, _("Thank you. A moderator will review your post before others see it.")
                )
            else:
                messages.success(request, _("Your reply is posted."))
            warn_of_unmatched_mentions(request, form.cleaned_data["body"], found.community)
            post.thread = found
            return redirect(post_url(post))
    return HttpResponse(thread_views.reply_page(request, found, form, {}), status=400)


@require_POST
@login_required
def subscription(request: SignedInRequest, thread_uuid: UUID) -> HttpResponse:
    found = queries.visible_thread(request.user, thread_uuid)
    form = SubscriptionForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect(thread_url(found))
    attempt(
        request,
        lambda: memberships.set_thread_subscription(
            request.user, found, form.cleaned_data["level"]
        ),
        _("Your notification setting for this thread is saved."),
        field_messages=True,
    )
    return redirect(thread_url(found))


@require_POST
@login_required
def react(request: SignedInRequest, post_id: int) -> HttpResponse:
    post = post_and_thread(request, post_id)
    attempt(
        request,
        lambda: posting.react(request.user, post, request.POST.get("kind", "")),
        field_messages=True,
    )
    return redirect(post_url(post))


@require_POST
@login_required
def accept(request: SignedInRequest, post_id: int) -> HttpResponse:
    post = post_and_thread(request, post_id)
    chosen = None if request.POST.get("undo") else post
    attempt(
        request,
        lambda: posting.accept_answer(request.user, post.thread, chosen),
        _("The accepted answer is saved."),
        field_messages=True,
    )
    return redirect(post_url(post))


@require_http_methods(["GET", "POST"])
@login_required
def edit_post(request: SignedInRequest, post_id: int) -> HttpResponse:
    post = post_and_thread(request, post_id)
    is_author = post.author_id == request.user.pk
    if not is_author:
        require(moderate_community, request.user, post.thread.community)
    form = EditForm(request.POST or None, initial={"body": post.body})
    if request.method == "POST" and form.is_valid():
        try:
            posting.edit_post(
                request.user, post, form.cleaned_data["body"], form.cleaned_data["reason"]
            )
        except PraxisError as error:
            show_form_errors(form, error)
        else:
            messages.success(request, _("The post is saved; its earlier text is in its history."))
            warn_of_unmatched_mentions(request, form.cleaned_data["body"], post.thread.community)
            return redirect(post_url(post))
    return render(
        request,
        "community/edit_post.html",
        {"post": post, "form": form, "is_author": is_author},
        status=400 if request.method == "POST" else 200,
    )


@require_GET
def history(request: HttpRequest, post_id: int) -> HttpResponse:
    post = post_and_thread(request, post_id)
    if post.status != Post.Status.VISIBLE and not (
        post.author_id == request.user.pk
        or moderate_community.allows(request.user, post.thread.community)
    ):
        raise NotFound()
    revisions = post.revisions.select_related("edited_by")
    return render(request, "community/history.html", {"post": post, "revisions": revisions})


@require_http_methods(["GET", "POST"])
def notifications(request: HttpRequest) -> HttpResponse:
    """The community's notices moved to the notification centre, with every other pillar's."""
    return redirect("notifications:centre", permanent=True)


@require_GET
def member(request: HttpRequest, handle: str) -> HttpResponse:
    return render(
        request, "community/member.html", {"member": queries.member_page(request.user, handle)}
    )


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results = None
    if form.is_valid() and form.cleaned_data["q"]:
        results = queries.search_everything(
            request.user, form.cleaned_data["q"], all_languages=form.cleaned_data["all"]
        )
    return render(request, "community/search.html", {"form": form, "results": results})


@require_http_methods(["GET", "POST"])
def resource_library(request: HttpRequest, slug: str) -> HttpResponse:
    user = request.user
    found = queries.visible_community(user, slug)
    require(read_community, user, found)
    form = ResourceForm(
        request.POST or None, request.FILES or None, initial={"language": get_language()}
    )
    status = 200
    if request.method == "POST":
        if not signed_in(user):
            return redirect_to_login(request.path)
        if form.is_valid():
            data = form.cleaned_data
            try:
                resource = library.contribute_resource(
                    user,
                    found,
                    title=data["title"],
                    description=data["description"],
                    language=data["language"],
                    url=data["url"] or "",
                    file=data["file"],
                    topics=split_list(data["topics"]),
                )
            except PraxisError as error:
                show_form_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The resource is in the library.")
                    if resource.status == Resource.Status.PUBLISHED
                    else _("Thank you. A moderator will add it to the library."),
                )
                return redirect("community:resources", slug)
        status = 400
    return render(
        request,
        "community/resources.html",
        {
            "community": found,
            "resources": queries.resources(user, found),
            "form": form,
            "membership": queries.my_memberships(user).get(found.pk),
            "can_moderate": moderate_community.allows(user, found),
        },
        status=status,
    )


@require_POST
@login_required
def curate(request: SignedInRequest, resource_id: int) -> HttpResponse:
    resource = Resource.objects.select_related("community").filter(pk=resource_id).first()
    if resource is None or not read_community.allows(request.user, resource.community):
        raise NotFound()
    attempt(
        request,
        lambda: library.curate_resource(request.user, resource, request.POST.get("status", "")),
        _("The library is updated."),
        field_messages=True,
    )
    return redirect("community:resources", resource.community.slug)


def _download(request: HttpRequest, file: Any, name: str, content_type: str) -> FileResponse:
    response = FileResponse(
        file.open("rb"), as_attachment=True, filename=name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def attachment(request: HttpRequest, attachment_id: int) -> FileResponse:
    item = Attachment.objects.select_related("post__thread").filter(pk=attachment_id).first()
    if item is None:
        raise NotFound()
    post = post_and_thread(request, item.post_id)
    if post.status != Post.Status.VISIBLE and not (
        post.author_id == request.user.pk
        or moderate_community.allows(request.user, post.thread.community)
    ):
        raise NotFound()
    return _download(request, item.file, item.name, item.content_type)


@require_GET
def resource_file(request: HttpRequest, resource_id: int) -> FileResponse:
    resource = Resource.objects.select_related("community").filter(pk=resource_id).first()
    if (
        resource is None
        or not resource.file
        or not read_community.allows(request.user, resource.community)
    ):
        raise NotFound()
    if resource.status != Resource.Status.PUBLISHED and not moderate_community.allows(
        request.user, resource.community
    ):
        raise NotFound()
    return _download(
        request,
        resource.file,
        (resource.file.name or "file").rsplit("/", 1)[-1],
        resource.content_type,
    )


@csrf_exempt  # the signed token is the authority; mail clients POST without a form (RFC 8058)
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """One click, no login: GET shows what the link does, POST does it (mail clients that
    support one-click unsubscribe POST directly)."""
    try:
        membership = (
            memberships.unsubscribe(token)
            if request.method == "POST"
            else memberships.membership_for_token(token)
        )
    except PraxisError as error:
        return render(request, "community/unsubscribe.html", {"error": error}, status=error.status)
    return render(
        request,
        "community/unsubscribe.html",
        {"membership": membership, "done": request.method == "POST"},
    )


@require_POST
def save_draft(request: HttpRequest) -> HttpResponse:
    """Called by community/draft.js as the member types; answers JSON."""
    user = request.user
    if not signed_in(user):
        return JsonResponse({"saved": False}, status=401)
    found = Community.objects.filter(slug=request.POST.get("community", "")).first()
    if found is None or not read_community.allows(user, found):
        return JsonResponse({"saved": False}, status=404)
    thread_ref = request.POST.get("thread", "")
    found_thread = None
    if thread_ref:
        try:
            found_thread = queries.visible_thread(user, UUID(thread_ref))
        except (ValueError, PraxisError):
            return JsonResponse({"saved": False}, status=404)
    try:
        memberships.save_draft(
            user,
            found,
            found_thread,
            request.POST.get("title", ""),
            request.POST.get("body", ""),
        )
    except PraxisError as error:
        return JsonResponse(error.as_dict(), status=error.status)
    return JsonResponse({"saved": True})
