"""A thread's page: its posts, and the reply form for those who may post."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_cookie

from praxis.accounts.shared_pages import sees_the_shared_page
from praxis.community import queries, text, thread_page
from praxis.community.forms import ReplyForm
from praxis.community.models import Post, Thread
from praxis.community.services import reading
from praxis.community.thread_cache import cached_thread_page, cached_thread_posts
from praxis.community.thread_page import ThreadPage
from praxis.core import fragments
from praxis.core.people import signed_in

# A reader's own actions on a page of posts, kept by all they depend on (`_posts_html`).
OWN_ACTIONS_SCOPE = "community:own-actions"
# A page number past the end of any thread: its last page.
LAST_PAGE = 10**6


@require_GET
@vary_on_cookie  # a member sees their own page; shared caches must know
def thread(request: HttpRequest, thread_uuid: UUID) -> HttpResponse:
    if sees_the_shared_page(request):
        # Every visitor without a session reads the same first page, kept by the thread's own
        # row: the rows it names are read only to render it (PostgreSQL took longer to plan
        # the query joining them than to run it).
        found = queries.visible_thread(request.user, thread_uuid, related=())
        page = cached_thread_page(
            found,
            get_language() or "en",
            lambda: _thread_page(request, found, {"csrf_token": fragments.CSRF_PLACEHOLDER}),
        )
        return fragments.kept_response(page, request)
    # The rows the thread names (its course, lesson, accepted answer and its author) are read
    # only when its posts are rendered: most members are served them kept (a moderator's
    # page, rendered every time, reads those the thread has one by one).
    found = queries.visible_thread(request.user, thread_uuid, related=())
    return HttpResponse(_thread_page(request, found))


def _thread_page(request: HttpRequest, found: Thread, shared: dict[str, str] | None = None) -> str:
    page = thread_page.thread_page(
        request.user, found, request.GET.get("page", 1), attachments=False
    )
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
    return _rendered(request, found, page, ReplyForm(initial=initial), shared)


def reply_page(request: HttpRequest, found: Thread, form: ReplyForm, extra: dict[str, Any]) -> str:
    """The thread's last page with the reply being written: its preview, or what is wrong
    with it (`extra`), under the posts it answers."""
    page = thread_page.thread_page(request.user, found, LAST_PAGE, attachments=False)
    return _rendered(request, found, page, form, None, extra)


def _rendered(
    request: HttpRequest,
    found: Thread,
    page: ThreadPage,
    form: ReplyForm,
    shared: dict[str, str] | None,
    extra: dict[str, Any] | None = None,
) -> str:
    return render_to_string(
        "community/thread.html",
        {
            "tp": page,
            "thread": found,
            "community": found.community,
            "form": form,
            "posts_html": _posts_html(request, found, page, shared),
            **(shared or {}),
            **(extra or {}),
        },
        request,
    )


def _posts_html(
    request: HttpRequest, found: Thread, page: ThreadPage, shared: dict[str, str] | None
) -> SafeString:
    """The page's posts as every reader sees them, with the reader's own actions on each (and
    the pager) in their slots. The posts are kept when every reader of the page sees the same
    ones: all of them visible (no post held for its author) and the reader no moderator."""
    language = get_language() or "en"
    context = {
        "tp": page,
        "thread": found,
        "community": found.community,
        "LANGUAGE_CODE": language,
    }

    def render() -> str:
        prefetch_related_objects([item.post for item in page.posts], "attachments")
        return render_to_string("community/_thread_posts.html", context)

    if not page.can_moderate and all(
        item.post.status == Post.Status.VISIBLE for item in page.posts
    ):
        posts = cached_thread_posts(
            found,
            [
                language,
                timezone.get_current_timezone_name(),
                str(page.page.number),
                ",".join(str(item.post.pk) for item in page.posts),
            ],
            render,
        )
    else:
        posts = SafeString(render())
    user = request.user
    me = getattr(user, "pk", None)
    # All that the reader's own actions depend on: readers alike (most members: no post of
    # theirs on the page and no reaction of theirs) share them, rendered once, with each
    # reader's own token put in.
    alike = (
        found.pk,
        language,
        signed_in(user),
        page.membership is not None,
        page.can_post,
        page.can_moderate,
        page.page.number,
        found.kind,
        found.accepted_post_id,
        me == found.author_id,
        tuple(
            (
                item.post.pk,
                item.post.status,
                item.post.position,
                me == item.post.author_id,
                tuple((button.kind, button.count, button.pressed) for button in item.buttons),
            )
            for item in page.posts
        ),
    )
    own: str = fragments.cached_html(
        OWN_ACTIONS_SCOPE,
        [repr(alike)],
        lambda: render_to_string(
            "community/_posts_own.html",
            {**context, "user": user, "csrf_token": fragments.CSRF_PLACEHOLDER},
        ),
    )
    if shared is None:
        # Asked for only when a form is shown (a page without one sets no cookie); a page
        # kept for every visitor gets each visitor's token when it is served.
        own = fragments.with_csrf_token(own, request)
    values = fragments.slot_values(own)
    if page.page.pages > 1:
        # Its links keep the request's query, which only a request's context gives it.
        values["pager"] = render_to_string("catalog/_pager.html", {"page": page.page}, request)
    return fragments.fill_slots(posts, values)
