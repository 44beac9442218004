"""The community pages as a member, a moderator, a visitor and an outsider see them."""

from __future__ import annotations

import pytest
from django.http import FileResponse
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries, DjangoCaptureOnCommitCallbacks

from praxis.accounts.tests.factories import UserFactory
from praxis.catalog.tests.factories import CourseFactory, EnrolmentFactory
from praxis.community import thread_page
from praxis.community.models import (
    Community,
    Draft,
    Membership,
    Post,
    Thread,
    ThreadSubscription,
)
from praxis.community.services import posting
from praxis.community.tests.conftest import Space
from praxis.community.tests.factories import CommunityFactory, MembershipFactory, PostFactory

pytestmark = pytest.mark.django_db


def thread_url(thread: Thread) -> str:
    return reverse("community:thread", args=[thread.uuid])


def test_visitor_sees_open_communities_but_not_closed_ones(client: Client, space: Space) -> None:
    hidden = CommunityFactory.create(name="Closed circle", access=Community.Access.INVITATION)
    page = client.get(reverse("community:communities")).content.decode()
    assert space.community.name in page
    assert hidden.name not in page


def test_visitor_reads_an_open_thread_and_is_asked_to_log_in_to_reply(
    client: Client, space: Space
) -> None:
    page = client.get(thread_url(space.thread)).content.decode()
    assert "What do you use?" in page
    assert "Log in to reply." in page


def test_outsider_gets_404_for_an_invitation_only_community(client: Client) -> None:
    community = CommunityFactory.create(access=Community.Access.INVITATION)
    client.force_login(UserFactory.create())
    response = client.get(reverse("community:community", args=[community.slug]))
    assert response.status_code == 404


def test_member_replies_through_the_form(client: Client, space: Space) -> None:
    client.force_login(space.member)
    response = client.post(
        reverse("community:reply", args=[space.thread.uuid]), {"body": "We use gel"}
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "We use gel" in page
    assert "Your reply is posted." in page


def test_a_reply_sent_twice_is_posted_once_and_the_second_send_shows_it(
    client: Client, space: Space
) -> None:
    client.force_login(space.member)
    address = reverse("community:reply", args=[space.thread.uuid])
    first = client.post(address, {"body": "We use gel"})
    again = client.post(address, {"body": "We use gel\r\n"})  # as after going back
    assert Post.objects.filter(body="We use gel").count() == 1
    assert again.status_code == 302 and again["Location"] == first["Location"]
    page = client.get(again["Location"]).content.decode()
    assert page.count("We use gel") == 1
    assert "You have just posted this reply." in page
    different = client.post(address, {"body": "We use gel and soap"})
    assert different.status_code == 302
    assert Post.objects.filter(thread=space.thread).count() == 3


def test_a_new_thread_sent_twice_is_started_once(client: Client, space: Space) -> None:
    client.force_login(space.member)
    address = reverse("community:new_thread", args=[space.community.slug])
    form = {"title": "Glove sizes", "body": "Which sizes do you stock?", "kind": "discussion",
            "language": "en"}  # fmt: skip
    first = client.post(address, form)
    again = client.post(address, form)
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert Thread.objects.filter(title="Glove sizes").count() == 1
    assert "You have just started this thread." in client.get(again["Location"]).content.decode()


def test_empty_reply_re_renders_the_form_with_an_error(client: Client, space: Space) -> None:
    client.force_login(space.member)
    response = client.post(reverse("community:reply", args=[space.thread.uuid]), {"body": ""})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert Post.objects.count() == 1


def test_non_member_reply_is_refused_with_a_message(client: Client, space: Space) -> None:
    client.force_login(UserFactory.create())
    response = client.post(reverse("community:reply", args=[space.thread.uuid]), {"body": "Hi"})
    assert response.status_code == 400
    assert "Join this community" in response.content.decode()
    assert Post.objects.count() == 1


def test_join_an_open_community(client: Client, space: Space) -> None:
    user = UserFactory.create()
    client.force_login(user)
    client.post(reverse("community:join", args=[space.community.slug]))
    assert Membership.objects.get(user=user).status == Membership.Status.ACTIVE
    assert user.community_profile.handle


def test_request_to_join_waits_for_a_moderator(client: Client) -> None:
    community = CommunityFactory.create(access=Community.Access.REQUEST)
    user = UserFactory.create()
    client.force_login(user)
    client.post(reverse("community:join", args=[community.slug]))
    assert Membership.objects.get(user=user).status == Membership.Status.REQUESTED


def test_start_a_thread_through_the_form(client: Client, space: Space) -> None:
    client.force_login(space.member)
    response = client.post(
        reverse("community:new_thread", args=[space.community.slug]),
        {"title": "Glove use", "kind": "question", "language": "fr", "body": "Quand ?"},
    )
    thread = Thread.objects.get(title="Glove use")
    assert response["Location"] == thread_url(thread)
    assert (thread.kind, thread.language) == ("question", "fr")


def test_thread_page_of_500_replies_is_paginated_in_fixed_queries(
    client: Client, space: Space, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    PostFactory.create_batch(500, thread=space.thread, author=space.member)
    client.force_login(space.member)
    url = thread_url(space.thread)
    client.get(url)  # warm the session
    # 9: the thread, whose posts are held, its posts (counted and read), their attachments
    # and reactions (none: the reader's own are not asked for), the reader's own state in one
    # query (membership, read once for moderating and posting, subscription, draft and how far
    # they have read it), plus the session and the person.
    with django_assert_num_queries(9):
        response = client.get(url + "?page=3")
    # 4 once the page's posts are kept: none of them is read again.
    with django_assert_num_queries(4):
        again = client.get(url + "?page=3")
    for page in (response.content.decode(), again.content.decode()):
        assert page.count('<article id="post-') == 20
        assert "Page 3 of 26" in page


def test_quote_prefills_the_reply(client: Client, space: Space) -> None:
    client.force_login(space.member)
    post = space.thread.posts.get()
    page = client.get(thread_url(space.thread) + f"?quote={post.pk}").content.decode()
    assert "&gt; What do you use?" in page


def test_draft_endpoint_saves_and_the_form_shows_it(client: Client, space: Space) -> None:
    client.force_login(space.member)
    response = client.post(
        reverse("community:draft"),
        {"community": space.community.slug, "thread": str(space.thread.uuid), "body": "Half a tho"},
    )
    assert response.json() == {"saved": True}
    assert Draft.objects.get().body == "Half a tho"
    assert "Half a tho" in client.get(thread_url(space.thread)).content.decode()


def test_each_member_sees_their_own_draft_and_notification_choice_in_turn(space: Space) -> None:
    """The empty reply form and each notification choice are rendered once; a draft and a
    choice stay their member's own, whoever asked first."""
    drafting = MembershipFactory.create(community=space.community).user
    following = space.member  # who started the thread follows it
    Draft.objects.create(
        user=drafting, community=space.community, thread=space.thread, body="Half a tho"
    )
    assert ThreadSubscription.objects.get(thread=space.thread, user=following).level == "follow"
    readers = {person: Client() for person in (drafting, following)}
    for person, reader in readers.items():
        reader.force_login(person)
    for _turn in range(2):
        for person, reader in readers.items():
            page = reader.get(thread_url(space.thread)).content.decode()
            assert ("Half a tho" in page) == (person == drafting)
            assert ('<option value="follow" selected>' in page) == (person == following)
            assert ('<option value="default" selected>' in page) == (person == drafting)


def test_draft_endpoint_refuses_visitors_and_unknown_communities(
    client: Client, space: Space
) -> None:
    assert client.post(reverse("community:draft"), {"community": "x"}).status_code == 401
    client.force_login(space.member)
    assert client.post(reverse("community:draft"), {"community": "nope"}).status_code == 404
    assert not Draft.objects.exists()


def test_flag_form_and_moderation_queue(client: Client, space: Space) -> None:
    other = MembershipFactory.create(community=space.community).user
    post = posting.reply(other, space.thread, "Buy cheap gloves at example.com")
    client.force_login(space.member)
    client.post(reverse("community:flag", args=[post.pk]), {"reason": "spam"})
    client.force_login(space.moderator)
    queue = client.get(reverse("community:queue", args=[space.community.slug])).content.decode()
    assert "Buy cheap gloves" in queue
    assert "Spam or advertising" in queue


def test_moderation_queue_lists_only_posts_with_open_flags(client: Client, space: Space) -> None:
    for number in range(55):
        PostFactory.create(
            thread=space.thread, author=space.member, body_html=f"<p>Calm reply {number}</p>"
        )
    other = MembershipFactory.create(community=space.community).user
    flagged = posting.reply(other, space.thread, "Buy cheap gloves at example.com")
    client.force_login(space.member)
    client.post(reverse("community:flag", args=[flagged.pk]), {"reason": "spam"})
    client.force_login(space.moderator)
    queue = client.get(reverse("community:queue", args=[space.community.slug])).content.decode()
    flagged_section = queue.split('id="flagged-title"')[1].split('id="requests-title"')[0]
    assert "Buy cheap gloves" in flagged_section
    assert "Calm reply" not in flagged_section and "What do you use?" not in flagged_section


def test_no_reaction_buttons_on_ones_own_post(client: Client, space: Space) -> None:
    other = MembershipFactory.create(community=space.community).user
    reply = posting.reply(other, space.thread, "We use alcohol rub from the pharmacy.")
    posting.react(other, space.thread.posts.get(position=0), "thanks")
    client.force_login(space.member)
    page = client.get(reverse("community:thread", args=[space.thread.uuid])).content.decode()
    own = page.split(f'id="post-{space.thread.posts.get(position=0).pk}"')[1].split("</article>")[0]
    theirs = page.split(f'id="post-{reply.pk}"')[1].split("</article>")[0]
    assert "community:react" not in own and "/reaction/" not in own
    assert "Thanks · 1" in own  # what others gave is still shown
    assert "/reaction/" in theirs
    response = client.post(
        reverse("community:react", args=[space.thread.posts.get(position=0).pk]),
        {"kind": "agree"},
        follow=True,
    )
    assert "You cannot react to your own post." in response.content.decode()


def test_a_reader_who_is_no_member_sees_the_reactions_but_is_offered_no_button(
    client: Client, space: Space
) -> None:
    # Reacting is for members (a non-member's reaction is refused with "Join this community
    # first."), so a signed-in reader of an open community is shown what others gave, as
    # counts, and no button that could only be refused.
    opening = space.thread.posts.get(position=0)
    posting.react(space.moderator, opening, "thanks")
    reader = UserFactory.create()
    client.force_login(reader)

    def opening_post() -> str:
        page = client.get(reverse("community:thread", args=[space.thread.uuid])).content.decode()
        return page.split(f'id="post-{opening.pk}"')[1].split("</article>")[0]

    assert "Thanks · 1" in opening_post()
    assert "/reaction/" not in opening_post()
    MembershipFactory.create(community=space.community, user=reader)
    assert "/reaction/" in opening_post()


def test_member_cannot_open_the_moderation_queue(client: Client, space: Space) -> None:
    client.force_login(space.member)
    response = client.get(reverse("community:queue", args=[space.community.slug]))
    assert response.status_code == 403


def test_moderator_hides_a_post_and_the_member_sees_why(client: Client, space: Space) -> None:
    post = posting.reply(space.member, space.thread, "Off topic")
    client.force_login(space.moderator)
    client.post(
        reverse("community:moderate_post", args=[post.pk]),
        {"action": "hide", "reason": "Off topic for this thread"},
    )
    client.force_login(space.member)
    record = client.get(reverse("community:moderation_record")).content.decode()
    assert "Off topic for this thread" in record
    assert "Hid a post" in record
    client.logout()
    assert "Off topic</p>" not in client.get(thread_url(space.thread)).content.decode()


def test_notifications_page_lists_mentions(
    client: Client, space: Space, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        posting.reply(space.moderator, space.thread, "@amina see this")
    client.force_login(space.member)
    page = client.get(reverse("notifications:centre")).content.decode()
    assert "mentioned you" in page and '<strong class="tag">New</strong>' in page
    client.post(reverse("notifications:centre"))
    page = client.get(reverse("notifications:centre")).content.decode()
    assert '<strong class="tag">New</strong>' not in page


def test_member_page_shows_reputation(client: Client, space: Space) -> None:
    posting.react(space.moderator, space.thread.posts.get(), "helpful")
    page = client.get(reverse("community:member", args=["amina"])).content.decode()
    assert "1 point" in page


def test_course_space_is_for_enrolled_learners(client: Client) -> None:
    course = CourseFactory.create()
    learner = EnrolmentFactory.create(course=course).learner
    client.force_login(learner)
    response = client.get(reverse("community:course_space", args=[course.slug]))
    community = Community.objects.get(course=course)
    assert response["Location"] == reverse("community:community", args=[community.slug])
    assert Membership.objects.filter(community=community, user=learner).exists()
    client.force_login(UserFactory.create())
    response = client.get(reverse("community:community", args=[community.slug]))
    assert response.status_code == 404


def test_attachment_downloads_as_a_file_never_inline(client: Client, space: Space) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    post = posting.reply(
        space.member,
        space.thread,
        "Form",
        files=[SimpleUploadedFile("notes.txt", b"plain words")],
    )
    response = client.get(reverse("community:attachment", args=[post.attachments.get().pk]))
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "text/plain"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert isinstance(response, FileResponse)
    assert b"".join(response) == b"plain words"
    response.close()


def test_community_by_request_shows_itself_but_not_its_threads(client: Client) -> None:
    community = CommunityFactory.create(access=Community.Access.REQUEST)
    member = MembershipFactory.create(community=community).user
    posting.start_thread(member, community, title="Members only talk", body="Inside")
    client.force_login(UserFactory.create())
    page = client.get(reverse("community:community", args=[community.slug])).content.decode()
    assert "Ask to join" in page
    assert "Members only talk" not in page


def test_course_links_hook_offers_the_discussion_space_to_enrolled_learners(db: None) -> None:
    from praxis.community.links import course_space_link

    course = CourseFactory.create()
    learner = EnrolmentFactory.create(course=course).learner
    link = course_space_link(user=learner, course=course)
    assert link is not None
    label, url = link
    assert url == reverse("community:course_space", args=[course.slug])
    assert str(label) == "Discussion space"
    assert course_space_link(user=UserFactory.create(), course=course) is None


def test_community_and_thread_lists_take_fixed_queries(
    client: Client, space: Space, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    for n in range(5):
        CommunityFactory.create()
        posting.start_thread(space.member, space.community, title=f"Thread {n}", body="Body")
    client.force_login(space.member)
    client.get(reverse("community:communities"))  # warm the session
    with django_assert_num_queries(6):  # the sixth: whether they may open a community
        client.get(reverse("community:communities"))
    with django_assert_num_queries(8):  # the seventh and eighth: the threads, their tags
        page = client.get(reverse("community:community", args=[space.community.slug]))
    assert page.content.decode().count("/community/t/") == 6


def test_a_question_shows_its_accepted_answer_at_a_glance_with_avatars(
    client: Client, space: Space
) -> None:
    question = posting.start_thread(
        space.member, space.community, title="Which gloves?", body="For cleaning?", kind="question"
    )
    writers = [MembershipFactory.create(community=space.community).user for _ in range(3)]
    for number in range(25):
        answer = posting.reply(writers[number % 3], question, f"Answer {number}")
    posting.accept_answer(space.member, question, answer)  # the last: on page 2
    page = client.get(thread_url(question)).content.decode()
    name = answer.author.full_name
    assert f'href="?page=2#post-{answer.pk}">Answered: accepted answer by {name}</a>' in page
    second = client.get(thread_url(question) + "?page=2").content.decode()
    assert f'href="#post-{answer.pk}">Answered' in second
    initials = "".join(word[0] for word in name.split()[:: len(name.split()) - 1]).upper()
    assert f'aria-hidden="true">{initials}</span>' in second


@pytest.mark.parametrize(
    ("name", "initials"),
    [("Grace Wanjiru", "GW"), ("Ana María de la Cruz", "AC"), ("李伟", "李"), ("", "?")],
)
def test_avatar_initials(name: str, initials: str) -> None:
    assert thread_page.initials(name) == initials


def test_handles_are_suggested_from_the_communitys_members_only(
    client: Client, space: Space
) -> None:
    MembershipFactory.create(community=space.community, profile="amir")
    MembershipFactory.create(profile="amelia")  # a member elsewhere
    url = reverse("community:handles")
    assert client.get(url, {"community": space.community.slug, "q": "am"}).status_code == 302
    client.force_login(space.member)
    found = client.get(url, {"community": space.community.slug, "q": "AM"}).json()["handles"]
    assert [item["handle"] for item in found] == ["amina", "amir"]
    assert found[0]["name"] == space.member.full_name
    for typed in ("", "a b", "<script>", "é", "x" * 41):
        response = client.get(url, {"community": space.community.slug, "q": typed})
        assert response.json() == {"handles": []}
    closed = CommunityFactory.create(access=Community.Access.INVITATION)
    assert client.get(url, {"community": closed.slug, "q": "a"}).status_code == 404
    assert client.get(url, {"q": "a"}).status_code == 404
