"""Search across communities, threads and resources, in the reader's languages."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.community import queries
from praxis.community.models import Community, Resource
from praxis.community.services import membership as memberships
from praxis.community.services import moderation, posting
from praxis.community.services import resources as library
from praxis.community.tests.conftest import Space
from praxis.community.tests.factories import CommunityFactory, MembershipFactory
from praxis.core.errors import PraxisError

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader() -> User:
    return UserFactory.create(languages=["en", "fr"], preferred_language="en")


def test_threads_are_found_by_title_and_reply_text(space: Space, reader: User) -> None:
    posting.reply(space.member, space.thread, "Chlorhexidine is what we stock")
    assert queries.search_everything(reader, "alcohol").threads == [space.thread]
    assert queries.search_everything(reader, "chlorhexidine").threads == [space.thread]


def test_results_are_in_the_readers_languages_unless_asked(space: Space, reader: User) -> None:
    thread = posting.start_thread(
        space.member, space.community, title="Гигиена рук", body="Как часто?", language="ru"
    )
    assert queries.search_everything(reader, "гигиена").threads == []
    assert queries.search_everything(reader, "гигиена", all_languages=True).threads == [thread]


def test_french_thread_is_found_with_accents_folded(space: Space, reader: User) -> None:
    thread = posting.start_thread(
        space.member, space.community, title="Hygiène des mains", body="Élèves", language="fr"
    )
    assert queries.search_everything(reader, "hygiene").threads == [thread]


def test_hidden_thread_and_closed_community_are_not_found(space: Space, reader: User) -> None:
    moderation.hide_post(space.moderator, space.thread.posts.get(), "Duplicate")
    assert queries.search_everything(reader, "alcohol").threads == []
    closed = CommunityFactory.create(access=Community.Access.INVITATION, name="Secret ward circle")
    member = MembershipFactory.create(community=closed).user
    posting.start_thread(member, closed, title="Secret ward round", body="Inside")
    memberships.create_community(slug="x", name="Ward managers")
    found = queries.search_everything(reader, "ward")
    assert [c.name for c in found.communities] == ["Ward managers"]
    assert found.threads == []


def test_published_resources_are_found_and_proposed_ones_are_not(
    space: Space, reader: User
) -> None:
    proposed = library.contribute_resource(
        space.member,
        space.community,
        title="Glove guide",
        description="When to glove",
        language="en",
        url="https://example.org/gloves",
    )
    assert proposed.status == Resource.Status.PROPOSED
    assert queries.search_everything(reader, "glove").resources == []
    library.curate_resource(space.moderator, proposed, Resource.Status.PUBLISHED)
    assert queries.search_everything(reader, "glove").resources == [proposed]


def test_resource_needs_a_link_or_an_allowed_file(space: Space) -> None:
    with pytest.raises(PraxisError):
        library.contribute_resource(
            space.member, space.community, title="T", description="D", language="en"
        )
    with pytest.raises(PraxisError):
        library.contribute_resource(
            space.member,
            space.community,
            title="T",
            description="D",
            language="en",
            url="javascript:alert(1)",
        )
    with pytest.raises(PraxisError):
        library.contribute_resource(
            space.member,
            space.community,
            title="T",
            description="D",
            language="en",
            file=SimpleUploadedFile("x.pdf", b"not a pdf"),
        )
    assert not Resource.objects.exists()


def test_punctuation_only_query_finds_nothing(space: Space, reader: User) -> None:
    assert queries.search_everything(reader, "!!! ???").empty


def test_search_page_shows_results(client: Client, space: Space) -> None:
    page = client.get("/community/search/?q=alcohol").content.decode()
    assert "Alcohol rub shortages" in page


def test_a_reader_of_chinese_finds_threads_in_simplified_chinese(space: Space) -> None:
    thread = posting.start_thread(
        space.member, space.community, title="手部卫生", body="多久一次？", language="zh-hans"
    )
    chinese_reader = UserFactory.create(languages=["zh"], preferred_language="en")
    assert queries.search_everything(chinese_reader, "手部卫生").threads == [thread]
    assert queries.search_everything(UserFactory.create(languages=["fr"]), "手部卫生").threads == []


def test_the_most_recent_matches_are_scored_when_many_match(
    space: Space, reader: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads = [
        posting.start_thread(
            space.member, space.community, title=title, body="Measles.", language="en"
        )
        for title in ("Measles measles measles", "Ward rounds", "Night shifts")
    ]
    assert queries.search_everything(reader, "measles").threads[0] == threads[0]
    monkeypatch.setattr("praxis.community.search.SCORED_CANDIDATES", 2)
    # Past the bound, the best match, started first, is not scored.
    assert set(queries.search_everything(reader, "measles").threads) == {threads[1], threads[2]}


def test_a_match_on_a_short_word_alone_follows_those_scored(space: Space, reader: User) -> None:
    # "手套" (gloves) is shorter than a trigram: on SQLite it is matched by substring, which
    # bm25 cannot score, while its synonym "gloves" is matched and scored by the index.
    chinese = posting.start_thread(
        space.member, space.community, title="手套", body="尺寸？", language="zh-hans"
    )
    english = posting.start_thread(
        space.member, space.community, title="Gloves", body="Which sizes?", language="en"
    )
    found = queries.search_everything(reader, "手套", all_languages=True).threads
    assert found == [english, chinese]
