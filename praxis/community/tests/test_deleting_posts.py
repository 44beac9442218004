"""An author takes back one of their replies: asked to confirm on a page, or through the API;
nobody else can, and an opening post stays."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from conftest import SchemaCheckedClient
from praxis.community.models import MemberProfile, Post, Reaction, Thread
from praxis.community.services import posting
from praxis.community.tests.conftest import Space
from praxis.community.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def answer(space: Space) -> Post:
    """The moderator's reply to the member's question, accepted and thanked."""
    space.thread.kind = Thread.Kind.QUESTION
    space.thread.save()
    text = SimpleUploadedFile("steps.txt", b"1. Wash\n2. Dry\n")
    post = posting.reply(space.moderator, space.thread, "Gel at every bed.", [text])
    posting.react(space.member, post, Reaction.Kind.THANKS)
    posting.accept_answer(space.member, space.thread, post)
    return post


def delete_url(post: Post) -> str:
    return reverse("community:delete_post", args=[post.pk])


def test_the_author_sees_delete_under_their_reply_and_confirms_first(
    client: Client, space: Space, answer: Post
) -> None:
    client.force_login(space.moderator)
    page = client.get(reverse("community:thread", args=[space.thread.uuid])).content.decode()
    assert delete_url(answer) in page
    confirm = client.get(delete_url(answer)).content.decode()
    assert "this cannot be undone" in confirm
    assert Post.objects.filter(pk=answer.pk).exists()  # opening the page deletes nothing


def test_deleting_a_reply_takes_back_what_it_brought(
    client: Client, space: Space, answer: Post
) -> None:
    stored = answer.attachments.get().file
    assert stored.name
    client.force_login(space.moderator)
    response = client.post(delete_url(answer), follow=True)
    assert "Your reply is deleted." in response.content.decode()
    assert not Post.objects.filter(pk=answer.pk).exists()
    thread = Thread.objects.get(pk=space.thread.pk)
    assert thread.reply_count == 0
    assert thread.accepted_post is None
    assert MemberProfile.objects.get(user=space.moderator).reputation == 0
    assert not stored.storage.exists(stored.name)


def test_nobody_else_can_delete_a_reply(client: Client, space: Space, answer: Post) -> None:
    other = MembershipFactory.create(community=space.community).user
    client.force_login(other)
    page = client.get(reverse("community:thread", args=[space.thread.uuid])).content.decode()
    assert delete_url(answer) not in page
    assert client.post(delete_url(answer)).status_code == 403
    client.force_login(space.member)  # the question's author
    assert client.post(delete_url(answer)).status_code == 403
    assert Post.objects.filter(pk=answer.pk).exists()


def test_an_opening_post_cannot_be_deleted(client: Client, space: Space) -> None:
    opening = space.thread.posts.get(position=0)
    client.force_login(space.member)
    page = client.get(reverse("community:thread", args=[space.thread.uuid])).content.decode()
    assert delete_url(opening) not in page
    response = client.post(delete_url(opening))
    assert response.status_code == 400
    assert "The opening post of a thread cannot be deleted" in response.content.decode()
    assert Post.objects.filter(pk=opening.pk).exists()


def test_the_api_deletes_the_authors_reply_only(
    api_client: SchemaCheckedClient, space: Space, answer: Post
) -> None:
    api_client.force_login(space.member)
    refused = api_client.delete(f"/api/v1/community-posts/{answer.pk}")
    assert refused.status_code == 403
    api_client.force_login(space.moderator)
    assert api_client.delete(f"/api/v1/community-posts/{answer.pk}").status_code == 204
    assert api_client.delete(f"/api/v1/community-posts/{answer.pk}").status_code == 404
