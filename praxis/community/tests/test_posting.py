"""Threads, replies, attachments, edits, reactions, accepted answers, flags and holds."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from pytest_django import DjangoCaptureOnCommitCallbacks
from pytest_django import Settings as SettingsWrapper

from praxis.accounts.tests.factories import UserFactory
from praxis.community.models import (
    Attachment,
    Community,
    Flag,
    MemberProfile,
    Post,
    PostRevision,
    Thread,
    ThreadSubscription,
)
from praxis.community.services import membership as memberships
from praxis.community.services import posting
from praxis.community.tests.conftest import Space
from praxis.community.tests.factories import CommunityFactory, MembershipFactory
from praxis.core.errors import ErrorCode, PraxisError
from praxis.notifications.models import Notice

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"


def test_member_starts_a_thread_that_counts_and_is_followed(space: Space) -> None:
    community = Community.objects.get(pk=space.community.pk)
    assert community.thread_count == 1
    assert space.thread.is_visible
    assert space.thread.posts.get().body_html == "<p>What do you use?</p>"
    assert space.thread.subscriptions.get().user == space.member


def test_reply_gets_the_next_position_and_counts(space: Space) -> None:
    first = posting.reply(space.moderator, space.thread, "Ethanol 70 %")
    second = posting.reply(space.member, space.thread, "Thanks")
    assert (first.position, second.position) == (1, 2)
    assert Thread.objects.get(pk=space.thread.pk).reply_count == 2


def test_the_same_reply_again_within_minutes_is_refused_and_writes_nothing(
    space: Space, client: Client
) -> None:
    first = posting.reply(space.member, space.thread, "Ethanol 70 %")
    with pytest.raises(posting.AlreadyPosted) as error:
        posting.reply(space.member, space.thread, "Ethanol 70 %")
    assert error.value.code == ErrorCode.ALREADY_POSTED and error.value.post == first
    assert posting.reply(space.moderator, space.thread, "Ethanol 70 %").position == 2
    client.force_login(space.member)
    answer = client.post(
        f"/api/v1/community-threads/{space.thread.uuid}/posts",
        {"body": "Ethanol 70 %"},
        content_type="application/json",
    )
    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "already_posted"
    assert Thread.objects.get(pk=space.thread.pk).reply_count == 2
    Post.objects.filter(pk=first.pk).update(created_at=first.created_at - posting.REPEAT_WINDOW)
    assert posting.reply(space.member, space.thread, "Ethanol 70 %").position == 3


def test_non_member_cannot_post_and_nothing_is_written(space: Space) -> None:
    outsider = UserFactory.create()
    with pytest.raises(PraxisError) as error:
        posting.reply(outsider, space.thread, "Hello")
    assert error.value.code == ErrorCode.NOT_A_MEMBER
    assert Post.objects.count() == 1


def test_anonymous_cannot_post(space: Space) -> None:
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PraxisError) as error:
        posting.reply(AnonymousUser(), space.thread, "Hello")  # type: ignore[arg-type]  # anonymous on purpose
    assert error.value.code == ErrorCode.NOT_AUTHENTICATED


def test_locked_thread_refuses_replies_from_members(space: Space) -> None:
    space.thread.is_locked = True
    space.thread.save()
    with pytest.raises(PraxisError) as error:
        posting.reply(space.member, space.thread, "One more thing")
    assert error.value.code == ErrorCode.THREAD_LOCKED
    assert Post.objects.count() == 1


def test_moderator_may_still_reply_in_a_locked_thread(space: Space) -> None:
    space.thread.is_locked = True
    space.thread.save()
    assert posting.reply(space.moderator, space.thread, "Closing note").position == 1


@pytest.mark.parametrize("body", ["", "   ", "x" * 20001])
def test_empty_or_huge_reply_is_refused(space: Space, body: str) -> None:
    with pytest.raises(PraxisError) as error:
        posting.reply(space.member, space.thread, body)
    assert "body" in error.value.fields
    assert Post.objects.count() == 1


def test_thread_without_title_or_with_unknown_language_is_refused(space: Space) -> None:
    with pytest.raises(PraxisError):
        posting.start_thread(space.member, space.community, title=" ", body="Body")
    with pytest.raises(PraxisError) as error:
        posting.start_thread(space.member, space.community, title="T", body="B", language="xx")
    assert error.value.code == ErrorCode.UNKNOWN_LANGUAGE
    assert Thread.objects.count() == 1


def test_script_and_html_in_markdown_are_neutralised(space: Space) -> None:
    post = posting.reply(
        space.member,
        space.thread,
        '<script>alert(1)</script><img src=x onerror="alert(2)"> [click](javascript:alert(3))'
        ' <a href="#" onclick="alert(4)">x</a> <iframe src="https://evil.example"></iframe>',
    )
    html = post.body_html
    for forbidden in ("<script", "onerror", "javascript:", "onclick", "<iframe", "alert(1)"):
        assert forbidden not in html


def test_mention_links_to_the_member_and_notifies_them(
    space: Space, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        post = posting.reply(space.moderator, space.thread, "@amina have you tried the gel?")
    assert 'href="/community/people/amina/"' in post.body_html
    note = Notice.objects.get(person=space.member, kind="mention")
    assert note.link.endswith(f"#post-{post.pk}")


def test_mention_inside_code_is_left_alone(space: Space) -> None:
    post = posting.reply(space.moderator, space.thread, "Type `@amina` to mention")
    assert "/community/people/amina/" not in post.body_html


def test_reply_notifies_followers_but_not_the_author(
    space: Space, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        posting.reply(space.moderator, space.thread, "Ethanol")
    assert Notice.objects.filter(person=space.member, kind="reply").count() == 1
    assert not Notice.objects.filter(person=space.moderator).exists()


def test_muted_thread_sends_no_notification(
    space: Space, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    memberships.set_thread_subscription(space.member, space.thread, "mute")
    with django_capture_on_commit_callbacks(execute=True):
        posting.reply(space.moderator, space.thread, "Ethanol")
    assert not Notice.objects.filter(person=space.member).exists()


def test_a_reply_follows_the_thread_but_keeps_a_level_already_chosen(space: Space) -> None:
    posting.reply(space.moderator, space.thread, "Ethanol")
    levels = ThreadSubscription.objects.filter(thread=space.thread)
    assert levels.get(user=space.moderator).level == ThreadSubscription.Level.FOLLOW
    memberships.set_thread_subscription(space.member, space.thread, "mute")
    posting.reply(space.member, space.thread, "Thanks")
    posting.reply(space.moderator, space.thread, "Soap too")
    assert levels.get(user=space.member).level == ThreadSubscription.Level.MUTE
    assert levels.filter(user=space.moderator).count() == 1


def test_pdf_attachment_is_kept_with_its_sniffed_type(space: Space) -> None:
    upload = SimpleUploadedFile("audit.pdf", PDF, content_type="application/pdf")
    post = posting.reply(space.member, space.thread, "Our form", files=[upload])
    attachment = Attachment.objects.get(post=post)
    assert (attachment.name, attachment.content_type, attachment.size) == (
        "audit.pdf",
        "application/pdf",
        len(PDF),
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("audit.pdf", b"MZ\x90\x00 an executable"),  # wrong content behind a good name
        ("run.exe", PDF),  # good content behind a disallowed name
        ("page.txt", b"<html><script>alert(1)</script></html>"),
        ("empty.png", b""),
    ],
)
def test_disallowed_attachment_is_refused_and_nothing_written(
    space: Space, name: str, content: bytes
) -> None:
    upload = SimpleUploadedFile(name, content)
    with pytest.raises(PraxisError) as error:
        posting.reply(space.member, space.thread, "See attached", files=[upload])
    assert error.value.code == ErrorCode.ATTACHMENT_NOT_ALLOWED
    assert Post.objects.count() == 1
    assert not Attachment.objects.exists()


def test_oversized_attachment_is_refused(space: Space, settings: SettingsWrapper) -> None:
    settings.COMMUNITY_ATTACHMENT_MAX_BYTES = 100
    upload = SimpleUploadedFile("big.pdf", PDF + b"0" * 200)
    with pytest.raises(PraxisError) as error:
        posting.reply(space.member, space.thread, "See attached", files=[upload])
    assert error.value.code == ErrorCode.FILE_TOO_LARGE
    assert error.value.status == 413
    assert Post.objects.count() == 1


def test_new_members_first_post_is_held_and_hidden_from_others(space: Space) -> None:
    Community.objects.filter(pk=space.community.pk).update(hold_first_posts=True)
    newcomer = MembershipFactory.create(community=space.community, approved_posts=0).user
    post = posting.reply(newcomer, space.thread, "Hello all")
    assert post.status == Post.Status.HELD
    assert Thread.objects.get(pk=space.thread.pk).reply_count == 0


def test_link_heavy_post_by_new_member_is_held(space: Space) -> None:
    newcomer = MembershipFactory.create(community=space.community, approved_posts=1).user
    post = posting.reply(
        newcomer, space.thread, "https://a.example https://b.example https://c.example"
    )
    assert post.status == Post.Status.HELD
    assert "links" in post.held_reason


def test_established_members_links_are_not_held(space: Space) -> None:
    post = posting.reply(
        space.member, space.thread, "https://a.example https://b.example https://c.example"
    )
    assert post.status == Post.Status.VISIBLE


def test_posting_too_fast_is_rate_limited(space: Space, settings: SettingsWrapper) -> None:
    settings.COMMUNITY_POST_RATE_LIMIT = 2
    posting.reply(space.member, space.thread, "one")  # the thread was the first
    with pytest.raises(PraxisError) as error:
        posting.reply(space.member, space.thread, "two")
    assert error.value.code == ErrorCode.RATE_LIMITED
    assert Post.objects.count() == 2


def test_suspended_member_cannot_post(space: Space) -> None:
    from praxis.community.services import moderation

    moderation.suspend_member(space.moderator, space.community, space.member, 3, "Spam")
    with pytest.raises(PraxisError) as error:
        posting.reply(space.member, space.thread, "Still here")
    assert error.value.code == ErrorCode.MEMBER_SUSPENDED


def test_author_edit_keeps_the_earlier_text(space: Space) -> None:
    post = space.thread.posts.get()
    posting.edit_post(space.member, post, "What do you use on the ward?")
    post.refresh_from_db()
    assert post.body == "What do you use on the ward?"
    assert post.edited_at is not None
    assert PostRevision.objects.get(post=post).body == "What do you use?"


def test_someone_else_cannot_edit_a_post(space: Space) -> None:
    other = MembershipFactory.create(community=space.community).user
    with pytest.raises(PraxisError) as error:
        posting.edit_post(other, space.thread.posts.get(), "Vandalised")
    assert error.value.code == ErrorCode.PERMISSION_DENIED
    assert not PostRevision.objects.exists()


def test_moderator_edit_needs_a_reason_and_is_logged_for_the_member(space: Space) -> None:
    post = space.thread.posts.get()
    with pytest.raises(PraxisError):
        posting.edit_post(space.moderator, post, "Edited", "")
    posting.edit_post(space.moderator, post, "Edited", "Removed a phone number")
    action = space.member.moderation_received.get()
    assert (action.kind, action.reason) == ("edit", "Removed a phone number")


def test_reactions_toggle_and_build_reputation(space: Space) -> None:
    post = space.thread.posts.get()
    assert posting.react(space.moderator, post, "helpful") is True
    assert MemberProfile.objects.get(user=space.member).reputation == 1
    assert posting.react(space.moderator, post, "helpful") is False
    assert MemberProfile.objects.get(user=space.member).reputation == 0


def test_reacting_to_ones_own_post_is_refused(space: Space) -> None:
    post = space.thread.posts.get()
    with pytest.raises(PraxisError) as caught:
        posting.react(space.member, post, "agree")
    assert caught.value.code == ErrorCode.OWN_POST_REACTION
    post.refresh_from_db()
    assert post.reaction_count == 0 and not post.reactions.exists()
    assert MemberProfile.objects.get(user=space.member).reputation == 0


def test_unknown_reaction_is_refused(space: Space) -> None:
    with pytest.raises(PraxisError):
        posting.react(space.moderator, space.thread.posts.get(), "love")


def test_accepted_answer_rewards_its_author_and_tells_them(space: Space) -> None:
    space.thread.kind = Thread.Kind.QUESTION
    space.thread.save()
    answer = posting.reply(space.moderator, space.thread, "Ethanol 70 %")
    posting.accept_answer(space.member, space.thread, answer)
    assert Thread.objects.get(pk=space.thread.pk).accepted_post == answer
    assert MemberProfile.objects.get(user=space.moderator).reputation == 10
    assert Notice.objects.filter(person=space.moderator, kind="accepted").exists()
    posting.accept_answer(space.member, space.thread, None)
    assert MemberProfile.objects.get(user=space.moderator).reputation == 0


def test_only_questions_have_accepted_answers(space: Space) -> None:
    answer = posting.reply(space.moderator, space.thread, "Ethanol")
    with pytest.raises(PraxisError) as error:
        posting.accept_answer(space.member, space.thread, answer)
    assert error.value.code == ErrorCode.NOT_A_QUESTION


def test_another_member_cannot_accept_an_answer(space: Space) -> None:
    space.thread.kind = Thread.Kind.QUESTION
    space.thread.save()
    answer = posting.reply(space.moderator, space.thread, "Ethanol")
    other = MembershipFactory.create(community=space.community).user
    with pytest.raises(PraxisError):
        posting.accept_answer(other, space.thread, answer)
    assert Thread.objects.get(pk=space.thread.pk).accepted_post is None


def test_flagging_twice_is_refused(space: Space) -> None:
    post = space.thread.posts.get()
    posting.flag_post(space.moderator, post, "spam")
    with pytest.raises(PraxisError) as error:
        posting.flag_post(space.moderator, post, "offensive")
    assert error.value.code == ErrorCode.ALREADY_FLAGGED
    assert Flag.objects.count() == 1


def test_flag_needs_a_known_reason(space: Space) -> None:
    with pytest.raises(PraxisError):
        posting.flag_post(space.moderator, space.thread.posts.get(), "boring")
    assert not Flag.objects.exists()


def test_closed_community_is_not_readable_by_outsiders() -> None:
    community = CommunityFactory.create(access=Community.Access.INVITATION)
    member = MembershipFactory.create(community=community).user
    thread = posting.start_thread(member, community, title="Private", body="Inside")
    with pytest.raises(PraxisError):
        posting.flag_post(UserFactory.create(), thread.posts.get(), "spam")


def test_a_reply_from_the_thread_page_takes_a_fixed_number_of_queries(
    space: Space,
    client: Client,
    django_assert_num_queries: Any,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    """Replying, following the thread and notifying its followers (the job run in process, as
    the embedded default runs it): the same statements whatever the thread holds."""
    client.force_login(space.moderator)
    # SQLite's search index replaces the thread's row in two statements, PostgreSQL's in one.
    expected = 18 if connection.vendor == "sqlite" else 17
    for number in range(3):
        with (
            django_capture_on_commit_callbacks(execute=True),
            django_assert_num_queries(expected),
        ):
            answer = client.post(
                f"/community/t/{space.thread.uuid}/reply/", {"body": f"Reply {number}"}
            )
        assert answer.status_code == 302
    assert Thread.objects.get(pk=space.thread.pk).reply_count == 3
    assert Notice.objects.filter(person=space.member, kind="reply").count() == 3
