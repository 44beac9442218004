"""What a member sees around a reply: the preview and a refused reply keep the thread on the
page, a thread waiting for review says why it takes no reply yet, a new thread starts in the
member's language, and the moderation queue speaks the moderator's language."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from praxis.accounts.tests.factories import UserFactory
from praxis.community import queries, thread_page
from praxis.community.models import Post
from praxis.community.services import moderation, posting
from praxis.community.tests.conftest import Space
from praxis.community.tests.factories import CommunityFactory, MembershipFactory
from praxis.core.languages import readers_of

pytestmark = pytest.mark.django_db


def reply_url(space: Space) -> str:
    return reverse("community:reply", args=[space.thread.uuid])


def test_the_preview_shows_the_thread_being_answered(client: Client, space: Space) -> None:
    client.force_login(space.member)
    response = client.post(reply_url(space), {"body": "We use **gel**", "preview": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<strong>gel</strong>" in page
    assert "Alcohol rub shortages" in page  # the thread's title
    assert "What do you use?" in page  # the post being answered


def test_a_refused_reply_keeps_the_thread_on_the_page(client: Client, space: Space) -> None:
    client.force_login(space.member)
    response = client.post(reply_url(space), {"body": "   \n  "})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Alcohol rub shortages" in page
    assert "What do you use?" in page


@pytest.fixture
def held_space(space: Space) -> tuple[Space, Post]:
    """`space` with a new member whose first thread waits for review."""
    space.community.hold_first_posts = True
    space.community.save()
    newcomer = MembershipFactory.create(community=space.community, approved_posts=0).user
    thread = posting.start_thread(
        newcomer, space.community, title="Triage training", body="How do you train staff?"
    )
    return space, thread.posts.get()


def test_a_thread_waiting_for_review_offers_its_author_no_reply_form(
    client: Client, held_space: tuple[Space, Post]
) -> None:
    _space, post = held_space
    client.force_login(post.author)
    page = client.get(reverse("community:thread", args=[post.thread.uuid])).content.decode()
    assert "Replies can be added once a moderator has approved this thread." in page
    assert "Post reply" not in page


def test_replying_to_ones_own_thread_under_review_says_why_it_is_refused(
    client: Client, held_space: tuple[Space, Post]
) -> None:
    _space, post = held_space
    client.force_login(post.author)
    response = client.post(
        reverse("community:reply", args=[post.thread.uuid]), {"body": "One more detail"}
    )
    assert response.status_code == 400
    assert "Replies can be added once a moderator has approved this thread." in (
        response.content.decode()
    )
    assert post.thread.posts.count() == 1


def test_the_author_can_correct_a_post_waiting_for_review(
    client: Client, held_space: tuple[Space, Post]
) -> None:
    _space, post = held_space
    client.force_login(post.author)
    page = client.get(reverse("community:thread", args=[post.thread.uuid])).content.decode()
    assert reverse("community:edit_post", args=[post.pk]) in page


def test_the_held_reason_is_shown_in_the_moderators_language(client: Client, space: Space) -> None:
    space.community.hold_first_posts = True
    space.community.save()
    newcomer = MembershipFactory.create(community=space.community, approved_posts=0).user
    with translation.override("ru"):
        posting.start_thread(newcomer, space.community, title="Сортировка", body="Как?")
    client.force_login(space.moderator)
    queue = reverse("community:queue", args=[space.community.slug])
    english = client.get(queue, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "A new member&#x27;s first post" in english
    assert "Первое сообщение нового участника" not in english
    french = client.get(queue, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Premier message d&#x27;un nouveau membre" in french


def test_a_new_thread_starts_in_the_members_language_when_the_community_has_it(
    client: Client,
) -> None:
    community = CommunityFactory.create(languages=["en", "fr", "ar"])
    member = MembershipFactory.create(
        community=community, user=UserFactory.create(languages=["fr", "en"])
    ).user
    client.force_login(member)
    page = client.get(reverse("community:new_thread", args=[community.slug])).content.decode()
    assert 'name="language" value="fr"' in page
    # A community in none of the member's languages: its own first language.
    other = CommunityFactory.create(languages=["sw", "pt"])
    MembershipFactory.create(community=other, user=member)
    page = client.get(reverse("community:new_thread", args=[other.slug])).content.decode()
    assert 'name="language" value="sw"' in page


def test_avatar_letters_are_of_one_script() -> None:
    assert thread_page.initials("李伟 (Li Wei)") == "李"
    assert thread_page.initials("Ольга Смирнова (Olga Smirnova)") == "ОС"
    assert thread_page.initials("Grace Wanjiru") == "GW"


def test_community_search_reads_the_languages_every_search_reads(space: Space) -> None:
    """The languages of the site's other searches (core.languages.readers_of): those the
    person speaks, then the interface's, then the one saved on their profile."""
    reader = UserFactory.create(languages=["en"], preferred_language="en")
    french = posting.start_thread(
        space.member, space.community, title="Gants en nitrile", body="Lesquels ?", language="fr"
    )
    with translation.override("en"):
        assert readers_of(reader) == ["en"]
        assert queries.search_everything(reader, "gants").threads == []
        assert queries.search_everything(reader, "gants", all_languages=True).threads == [french]
    with translation.override("fr"):
        assert queries.search_everything(reader, "gants").threads == [french]
    # Asking in English, one whose saved interface language is French reads French too.
    reader.preferred_language = "fr"
    with translation.override("en"):
        assert readers_of(reader) == ["en", "fr"]
        assert queries.search_everything(reader, "gants").threads == [french]


def test_the_author_of_a_hidden_thread_is_told_it_is_hidden(client: Client, space: Space) -> None:
    moderation.hide_post(space.moderator, space.thread.posts.get(position=0), "Off topic")
    client.force_login(space.member)
    hidden = "This thread is hidden by a moderator: no replies can be added."
    page = client.get(reverse("community:thread", args=[space.thread.uuid])).content.decode()
    assert hidden in page
    assert "Post reply" not in page
    response = client.post(reply_url(space), {"body": "Still here?"})
    assert response.status_code == 400
    assert hidden in response.content.decode()
