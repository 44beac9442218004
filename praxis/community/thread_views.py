"""A thread's page: its posts, and the reply form for those who may post."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_cookie

from praxis.accounts.shared_pages import sees_the_shared_page
from praxis.community import queries, text
from praxis.community.forms import ReplyForm
from praxis.community.models import Post, Thread
from praxis.community.services import reading
from praxis.community.thread_cache import cached_thread_page
from praxis.core import fragments
from praxis.core.people import signed_in


@require_GET
@vary_on_cookie  # a member sees their own page; shared caches must know
def thread(request: HttpRequest, thread_uuid: UUID) -> HttpResponse:
    found = queries.visible_thread(request.user, thread_uuid)
    if sees_the_shared_page(request):
        # Every visitor without a session reads the same first page.
        page = cached_thread_page(
            found,
            get_language() or "en",
            lambda: _thread_page(request, found, {"csrf_token": fragments.CSRF_PLACEHOLDER}),
        )
        return HttpResponse(fragments.with_csrf_token(page, request))
    return HttpResponse(_thread_page(request, found))


def _thread_page(request: HttpRequest, found: Thread, shared: dict[str, str] | None = None) -> str:
    page = queries.thread_page(request.user, found, request.GET.get("page", 1))
    if signed_in(request.user) and page.page.items:
        reading.record_reading(request.user, found, page.page.number, page.reading)
    initial = {"body": page.draft.body if page.draft else ""}
    quoted = request.GET.get("quote", "")
    if quoted.isdigit() and page.can_post:
        post = (
            Post.objects.filter(thread=found, pk=int(quoted), status=Post.Status.VISIBLE)
            .select_related("author")
            .first()
        )
        if post is not None:
            initial["body"] = text.quote(post.author.full_name, post.body) + initial["body"]
    return render_to_string(
        "community/thread.html",
        {
            "tp": page,
            "thread": found,
            "community": found.community,
            "form": ReplyForm(initial=initial),
            **(shared or {}),
        },
        request,
    )
