"""Handles ("@name") read the same in right-to-left pages and posts: the "@" stays before the
name instead of moving to its end."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from praxis.community.services import posting
from praxis.community.tests.conftest import Space

pytestmark = pytest.mark.django_db


def test_a_mention_in_arabic_text_is_set_left_to_right(space: Space) -> None:
    post = posting.reply(space.member, space.thread, "شكرا @mod")
    url = reverse("community:member", args=["mod"])
    assert f'<span dir="ltr"><a href="{url}"' in post.body_html
    assert ">@mod</a></span>" in post.body_html


def test_the_handle_on_a_member_page_is_set_left_to_right(client: Client, space: Space) -> None:
    client.force_login(space.moderator)
    page = client.get(
        reverse("community:member", args=["amina"]), HTTP_ACCEPT_LANGUAGE="ar"
    ).content.decode()
    assert '<bdi dir="ltr">@amina</bdi>' in page
