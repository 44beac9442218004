"""What several community pages share: their addresses and loading a post."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from praxis.community import queries
from praxis.community.mentions import UnmatchedMention, unmatched_mentions
from praxis.community.models import (
    Community,
    Post,
    Thread,
)
from praxis.core.errors import NotFound


def thread_url(thread: Thread, page: int | None = None) -> str:
    url = reverse("community:thread", args=[thread.uuid])
    return f"{url}?page={page}" if page and page > 1 else url


def post_url(post: Post) -> str:
    page = max(1, -(-(post.position + 1) // queries.POSTS_PER_PAGE))
    return thread_url(post.thread, page) + f"#post-{post.pk}"


def post_and_thread(request: HttpRequest, post_id: int) -> Post:
    post = Post.objects.select_related("thread", "author").filter(pk=post_id).first()
    if post is None:
        raise NotFound()
    post.thread = queries.visible_thread(request.user, post.thread.uuid)
    return post


def mention_warnings(unmatched: list[UnmatchedMention], *, posted: bool) -> list[str]:
    """What to tell the author about mentions that match nobody, before or after posting."""
    warnings = []
    for mention in unmatched:
        if posted:
            warning = _("@%(handle)s matched no member, so nobody was notified.")
        else:
            warning = _("@%(handle)s matches no member, so nobody will be notified.")
        warning %= {"handle": mention.handle}
        if mention.suggestions:
            handles = ", ".join(f"@{handle}" for handle in mention.suggestions)
            warning += " " + _("Did you mean %(handles)s?") % {"handles": handles}
        warnings.append(warning)
    return warnings


def warn_of_unmatched_mentions(request: HttpRequest, body: str, community: Community) -> None:
    """Tell the author which of their @mentions matched nobody, and whom they may have meant."""
    for warning in mention_warnings(unmatched_mentions(body, community), posted=True):
        messages.warning(request, warning)
