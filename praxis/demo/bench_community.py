"""Community data for benchmarks: open communities in the six UN languages, their threads and
posts, written in bulk and indexed through the community's own search index.

The text is the demo courses' own, in each language: a post is one to three paragraphs of a
theme's lessons and summaries, a thread's title a lesson's title or its opening question, so
that the community reads and searches like one where health workers discuss their practice
(hand hygiene, the cold chain, triage, childbirth, outbreaks...). Rows bypass the services for
speed (no notifications, no mentions, no rate limits) but keep their invariants: positions from
0 without gaps, reply counts and last-post times that match the posts, thread counts that match
the threads.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from praxis.accounts.models import User
from praxis.community import search
from praxis.community.models import Community, Membership, Post, Thread
from praxis.community.text import render_post
from praxis.core.languages import canonical_tag
from praxis.demo.bench_data import analyze
from praxis.demo.content import THEMES
from praxis.demo.content.people import PASSWORD
from praxis.demo.outline import Theme

COMMUNITY_PREFIX = "bench-community-"
AUTHOR_DOMAIN = "community.bench.praxis.example"
AUTHORS = 2000
POSTS_PER_THREAD = (1, 19)  # the first post and up to 18 replies: ten on average
BATCH = 5000
INDEX_BATCH = 500
COMMUNITIES_PER_THEME_LANGUAGE = 3
SPOKEN = {"zh-hans": "zh"}
# How people open a question, in each language: {} is a lesson's title.
QUESTIONS = {
    "en": ("Question about {}", "{}: what works in your facility?", "Help needed: {}"),
    "fr": ("Question sur {}", "{} : qu'est-ce qui marche chez vous ?", "Besoin d'aide : {}"),
    "es": ("Pregunta sobre {}", "{}: ¿qué funciona en su centro?", "Necesito ayuda: {}"),
    "ru": ("Вопрос: {}", "{}: что работает у вас?", "Нужен совет: {}"),
    "ar": ("سؤال حول {}", "{}: ما الذي ينجح في مرفقكم؟", "أحتاج إلى مساعدة: {}"),
    "zh-hans": ("关于{}的问题", "{}：你们机构怎么做？", "求助：{}"),
}
COMMUNITY_KINDS = (
    ("practitioners", Community.Kind.TOPIC),
    ("network", Community.Kind.NETWORK),
    ("region", Community.Kind.REGION),
)


def _paragraphs(theme: Theme, language: str) -> list[str]:
    """The paragraphs of a theme's course in `language`: its summary, objectives and the
    paragraphs of its lessons, without Markdown headings."""
    course = theme.courses[language]
    found = [course.summary, *course.objectives]
    for module in course.modules:
        for lesson in module.lessons:
            for paragraph in lesson.body.split("\n\n"):
                paragraph = paragraph.strip().lstrip("#").lstrip()
                if len(paragraph) > 20:  # a heading or a list's lead-in alone is no post
                    found.append(paragraph)
    return found


def _titles(theme: Theme, language: str) -> list[str]:
    course = theme.courses[language]
    return [lesson.title for module in course.modules for lesson in module.lessons]


def create_community_data(
    *, posts: int, seed: int = 2026, report: Callable[[str], None] = lambda line: None
) -> Counter[str]:
    """Add communities, threads and `posts` posts (ten a thread on average), indexed; return
    the counts created. Nothing is added when bench communities exist already."""
    if posts <= 0 or Community.objects.filter(slug__startswith=COMMUNITY_PREFIX).exists():
        return Counter()
    rng = random.Random(seed)  # noqa: S311 — reproducible sample data, not secrets
    started = time.monotonic()
    created = _create(posts, rng)
    report(f"communities, threads and posts: {time.monotonic() - started:.1f} s")
    started = time.monotonic()
    _index()
    report(f"community search index: {time.monotonic() - started:.1f} s")
    return created


@transaction.atomic
def _create(posts: int, rng: random.Random) -> Counter[str]:
    themes = [theme for theme in THEMES if not theme.draft]
    now = timezone.now()
    password = make_password(PASSWORD)
    authors = User.objects.bulk_create(
        [
            User(
                email=f"member{number:05d}@{AUTHOR_DOMAIN}",
                full_name=f"Member {number}",
                password=password,
                languages=[SPOKEN.get(language, language)],
                preferred_language=language,
                email_verified_at=now,
            )
            for number, language in enumerate(
                rng.choices(list(QUESTIONS), [15, 15, 35, 15, 10, 10], k=AUTHORS)
            )
        ],
        batch_size=BATCH,
    )

    # Communities: each theme in each of its languages, a few kinds of each.
    spaces: list[tuple[Community, Theme, str]] = []
    for theme in themes:
        for language in theme.courses:
            course = theme.courses[language]
            for suffix, kind in COMMUNITY_KINDS[:COMMUNITIES_PER_THEME_LANGUAGE]:
                community = Community(
                    slug=f"{COMMUNITY_PREFIX}{theme.key}-{language}-{suffix}",
                    name=f"{course.title} · {suffix}",
                    description=course.summary,
                    kind=kind,
                    access=Community.Access.OPEN,
                    languages=[canonical_tag(language)],
                    hold_first_posts=False,
                )
                spaces.append((community, theme, language))
    Community.objects.bulk_create([space[0] for space in spaces], batch_size=BATCH)
    Membership.objects.bulk_create(
        [
            Membership(community=community, user=author, approved_posts=3)
            for community, _theme, language in spaces
            for author in authors
            if author.preferred_language == language
        ],
        batch_size=BATCH,
    )
    paragraphs = {(t.key, language): _paragraphs(t, language) for _c, t, language in spaces}
    titles = {(t.key, language): _titles(t, language) for _c, t, language in spaces}
    speakers = {
        language: [a for a in authors if a.preferred_language == language] or authors
        for language in QUESTIONS
    }
    rendered: dict[str, str] = {}

    def html(paragraph: str) -> str:
        if paragraph not in rendered:
            rendered[paragraph] = render_post(paragraph, set())
        return rendered[paragraph]

    # Threads, each with its posts; the last thread takes what is left of `posts`.
    threads: list[Thread] = []
    planned: list[list[tuple[str, str, int]]] = []  # per thread: (body, HTML, author id)
    remaining = posts
    while remaining > 0:
        community, theme, language = rng.choice(spaces)
        count = min(remaining, rng.randint(*POSTS_PER_THREAD))
        remaining -= count
        pool = paragraphs[(theme.key, language)]
        bodies = []
        for _post in range(count):
            chosen = rng.sample(pool, k=min(len(pool), rng.randint(1, 3)))
            author = rng.choice(speakers[language])
            bodies.append(("\n\n".join(chosen), "\n".join(map(html, chosen)), author.pk))
        title = rng.choice(titles[(theme.key, language)])
        question = rng.random() < 0.5
        if question:
            title = rng.choice(QUESTIONS[language]).format(title)
        last = now - timedelta(minutes=rng.randint(0, 60 * 24 * 365))
        threads.append(
            Thread(
                community=community,
                author_id=bodies[0][2],
                title=title[:200],
                kind=Thread.Kind.QUESTION if question else Thread.Kind.DISCUSSION,
                language=language,
                reply_count=count - 1,
                last_posted_at=last,
            )
        )
        planned.append(bodies)
    Thread.objects.bulk_create(threads, batch_size=BATCH)
    post_rows = [
        Post(thread=thread, author_id=author, position=position, body=body, body_html=body_html)
        for thread, bodies in zip(threads, planned, strict=True)
        for position, (body, body_html, author) in enumerate(bodies)
    ]
    Post.objects.bulk_create(post_rows, batch_size=BATCH)
    counts = Counter(thread.community_id for thread in threads)
    members = Counter(language for author in authors for language in [author.preferred_language])
    for community, _theme, language in spaces:
        Community.objects.filter(pk=community.pk).update(
            thread_count=counts[community.pk], member_count=members[language]
        )
    return Counter(
        community_members=len(authors),
        communities=len(spaces),
        threads=len(threads),
        posts=len(post_rows),
    )


@transaction.atomic
def _index() -> None:
    analyze("community_community", "community_thread", "community_post")
    communities = Community.objects.filter(slug__startswith=COMMUNITY_PREFIX)
    for community in communities:
        search.index_community(community)
    threads = Thread.objects.filter(community__in=communities).order_by("id")
    ids = list(threads.values_list("id", flat=True))
    for start in range(0, len(ids), INDEX_BATCH):
        search.index_threads(Thread.objects.filter(id__in=ids[start : start + INDEX_BATCH]))
