"""bench_data --posts: communities, threads and posts in six languages, indexed for search."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command
from django.db.models import Count, Max, Min

from praxis.community import queries
from praxis.community.models import Community, Post, Thread

pytestmark = pytest.mark.django_db

POSTS = 120


@pytest.fixture
def bench(capsys: pytest.CaptureFixture[str]) -> str:
    call_command("bench_data", courses=0, learners=0, posts=POSTS)
    return capsys.readouterr().out


def test_creates_the_posts_asked_for_in_threads_of_the_six_languages(bench: str) -> None:
    assert Post.objects.count() == POSTS
    assert f"{POSTS} posts" in bench
    communities = Community.objects.all()
    assert {language for c in communities for language in c.languages} == {
        "ar",
        "en",
        "es",
        "fr",
        "ru",
        "zh-Hans",
    }
    for thread in Thread.objects.select_related("community"):
        assert thread.language in thread.community.languages


def test_threads_count_their_posts_from_zero(bench: str) -> None:
    for thread in Thread.objects.annotate(
        post_count=Count("posts"), first=Min("posts__position"), last=Max("posts__position")
    ):
        assert thread.first == 0
        assert thread.last == thread.post_count - 1 == thread.reply_count
    for community in Community.objects.annotate(threads_found=Count("threads")):
        assert community.thread_count == community.threads_found


def test_threads_are_found_by_the_community_search(bench: str) -> None:
    # A Latin word written against Chinese characters ("ABCD评估") is one token to
    # PostgreSQL's parser, so the thread is taken from a language written with spaces.
    thread = Thread.objects.exclude(language="zh-Hans").order_by("id").first()
    assert thread is not None
    word = max(thread.title.split(), key=len)
    found = queries.search_everything(AnonymousUser(), word, all_languages=True)
    assert thread.pk in {t.pk for t in found.threads}


def test_running_again_adds_no_posts(bench: str) -> None:
    call_command("bench_data", courses=0, learners=0, posts=POSTS)
    assert Post.objects.count() == POSTS


def test_negative_posts_are_refused() -> None:
    with pytest.raises(CommandError, match="must not be negative"):
        call_command("bench_data", posts=-1)
    assert not Post.objects.exists()
