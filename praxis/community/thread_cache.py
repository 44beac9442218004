"""A thread's first page as every visitor without a session sees it, rendered once per version;
and each page of its posts as every member who moderates nothing there reads them (the posts
with their authors and reactions counted, and whose posts are held), read once per version.

What the page shows comes from three places, each followed differently:
- the thread's own row (title, kind, visibility, locking, accepted answer, reply count, tags,
  lesson), read afresh on every request to check who may read it: its fields are part of the
  key, so a change made by a bulk update (moderation hides a thread that way) shows at once;
- its posts, their attachments and reactions: any save or delete of one replaces the thread's
  version (`connect`, whichever code path made it);
- the people and communities named on it (names, handles, reputation): any save of a person's
  name, a member's profile or a community, and every change of reputation
  (`people_changed`), replaces one version that all threads' pages share.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save
from django.utils.safestring import SafeString

from praxis.community.models import (
    Attachment,
    Community,
    MemberProfile,
    Post,
    Reaction,
    Thread,
    ThreadTag,
)
from praxis.core import fragments

PEOPLE_SCOPE = "community:people"
T = TypeVar("T")


def _scope(thread_id: int) -> str:
    return f"community:thread:{thread_id}"


def thread_changed(thread_id: int) -> None:
    fragments.changed(_scope(thread_id))


def people_changed() -> None:
    """Show every thread's page afresh: a name, handle, reputation or community changed."""
    fragments.changed(PEOPLE_SCOPE)


def cached_thread_page(thread: Thread, language: str, render: Callable[[], str]) -> SafeString:
    """The HTML that `render` makes of the thread's first page in `language`, made at most once
    per version of the thread, of its row as read now, and of the people named on it."""
    return fragments.cached_html(
        _scope(thread.pk), (language, _row(thread), fragments.version(PEOPLE_SCOPE)), render
    )


def _row(thread: Thread) -> str:
    return repr(
        (
            thread.title,
            thread.kind,
            thread.is_visible,
            thread.is_locked,
            thread.is_pinned,
            thread.accepted_post_id,
            thread.reply_count,
            thread.tag_names,
            thread.lesson_id,
            thread.community_id,
            thread.updated_at,
        )
    )


def cached_posts_page(thread: Thread, number: int, read: Callable[[], T]) -> T:
    """What `read` reads of page `number` of the thread's posts as every reader sees them who
    moderates nothing there (the posts, their authors and profiles, their reactions counted),
    read at most once per version of the thread, of its row as read now, and of the people
    named on it."""
    parts = ("posts read", str(number), _row(thread), fragments.version(PEOPLE_SCOPE))
    return fragments.cached_value(_scope(thread.pk), parts, read)


def cached_thread_posts(thread: Thread, parts: list[str], render: Callable[[], str]) -> SafeString:
    """The HTML that `render` makes of a page of the thread's posts for these parts (language,
    time zone, the posts on the page), made at most once per version of the thread, of its row
    as read now, and of the people named on it: what a signed-in member reads around their own
    actions (community.thread_views)."""
    return cached_thread_page(thread, "\x1f".join(["posts", *parts]), render)


def _thread_of(instance: Any) -> int | None:
    if isinstance(instance, Thread):
        return int(instance.pk)
    if isinstance(instance, Post | ThreadTag):
        return int(instance.thread_id)
    if isinstance(instance, Attachment | Reaction):
        return Post.objects.filter(pk=instance.post_id).values_list("thread_id", flat=True).first()
    return None


def _on_change(sender: Any, instance: Any, **kwargs: Any) -> None:
    thread_id = _thread_of(instance)
    if thread_id is not None:
        thread_changed(thread_id)


def _on_person_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    fields = kwargs.get("update_fields")
    # A sign-in writes the time of it; only a change of name shows on threads.
    if fields is None or "full_name" in fields:
        people_changed()


def _on_people_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    people_changed()


def connect() -> None:
    for model in (Thread, Post, ThreadTag, Attachment, Reaction):
        name = f"thread-page-{model.__name__}"
        post_save.connect(_on_change, sender=model, dispatch_uid=name)
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"{name}-deleted")
    for shown in (Community, MemberProfile):
        name = f"thread-pages-{shown.__name__}"
        post_save.connect(_on_people_changed, sender=shown, dispatch_uid=name)
        post_delete.connect(_on_people_changed, sender=shown, dispatch_uid=f"{name}-deleted")
    post_save.connect(_on_person_saved, sender=get_user_model(), dispatch_uid="thread-pages-user")
