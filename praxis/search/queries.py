"""One search across the ecosystem: courses, lessons, events, sessions, communities, threads,
resources and partners, grouped by kind.

This app sits on the read layer, above the pillars: it reads the query once (praxis.core.
text_search, with corrections from the indexed vocabulary) and asks each pillar's public
queries for what `user` may see, so every visibility rule stays where it is declared.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any, TypeVar

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from praxis.catalog import listing as catalog
from praxis.catalog import search as catalog_search
from praxis.community import queries as community
from praxis.core import fragments
from praxis.core.errors import ErrorCode, ValidationFailed
from praxis.core.languages import readers_of
from praxis.core.people import Visitor, signed_in
from praxis.core.shorter_queries import found_without_some_words
from praxis.core.text_index import index_first
from praxis.core.text_search import (
    MAX_QUERY_CHARS,
    SEARCH_SCOPE,
    Vocabulary,
    cached_vocabulary,
    database_identity,
    part_scope,
    read,
)
from praxis.events import queries as events
from praxis.organisations import queries as organisations

PER_KIND = 10
T = TypeVar("T")
KINDS = (
    ("courses", _("Courses")),
    ("lessons", _("Lessons")),
    ("events", _("Events")),
    ("sessions", _("Sessions")),
    ("communities", _("Communities")),
    ("threads", _("Threads")),
    ("resources", _("Resources")),
    ("partners", _("Partners")),
)
KIND_NAMES = tuple(kind for kind, _label in KINDS)
# What everybody finds alike for the same query read in the same languages: published courses,
# their lessons, partners. The others are found among what the searcher may see.
EVERYONE_KINDS = ("courses", "lessons", "partners")
# What every visitor finds alike, and every signed-in person who manages no event.
EVENT_KINDS = ("events", "sessions")
COMMUNITY_KINDS = {"communities", "threads", "resources"}
# The kinds each part of the ecosystem finds (text_search.PARTS), in the order of KINDS.
PART_KINDS = {
    "catalog": ("courses", "lessons"),
    "events": EVENT_KINDS,
    "community": ("communities", "threads", "resources"),
    "partners": ("partners",),
}


@dataclass(frozen=True)
class Result:
    kind: str
    title: str
    url: str
    language: str = ""
    context: str = ""


@dataclass
class Results:
    query: str
    suggestion: str = ""
    groups: dict[str, list[Result]] = field(default_factory=dict)
    # Words of the query left out because nothing held them all (lower-cased); none when every
    # word is matched.
    left_out: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(self.groups.values())

    def by_kind(self) -> list[tuple[str, Any, list[Result]]]:
        return [(kind, label, self.groups[kind]) for kind, label in KINDS if self.groups.get(kind)]


def vocabulary() -> Vocabulary:
    """Every indexed word: course, event, session, community, thread and partner titles. Each
    part's words are kept in the cache until that part changes
    (praxis.core.text_search.index_changed)."""
    return Vocabulary.merged(
        [
            catalog.catalogue_vocabulary(),
            cached_vocabulary("events", events.vocabulary_texts),
            cached_vocabulary("community", community.vocabulary_texts),
            cached_vocabulary("partners", organisations.vocabulary_texts),
        ]
    )


def check_query(query: str) -> str:
    """`query` stripped, or ValidationFailed when it is too long to be a search."""
    if len(query) > MAX_QUERY_CHARS:
        message = _("A search can be at most %(count)d characters long.") % {
            "count": MAX_QUERY_CHARS
        }
        raise ValidationFailed(ErrorCode.INVALID_INPUT, message, fields={"q": [message]})
    return query.replace("\x00", "").strip()


def search_everything(user: Visitor, query: str, language: str) -> Results:
    """What `user` may see matching `query`, grouped by kind; courses in the languages the
    searcher declared speaking and in `language` (the one asked for, else the interface's)
    first, then by relevance, recent and popular as tie-breakers.

    What a query finds is kept (praxis.core.fragments) until something searched changes
    (text_search.searched_changed), at most SEARCH_RESULTS_SECONDS: for a visitor without a
    session, every kind; for a signed-in person, the kinds they see as everybody does
    (EVERYONE_KINDS, and EVENT_KINDS unless they manage events), the others being found for
    them alone."""
    query = check_query(query)
    results = _everything(user, query, language)
    if not results.empty:
        return results
    # Nothing holds every word: what the query finds without the words that kept it from
    # matching, said so on the page and in the API.
    relaxed = found_without_some_words(
        query,
        vocabulary(),
        lambda shorter: _everything(user, shorter, language),
        lambda found: sum(len(items) for items in found.groups.values()),
    )
    if relaxed is None:
        return results
    found, left_out = relaxed
    return replace(found, query=query, suggestion=results.suggestion, left_out=left_out)


def _everything(user: Visitor, query: str, language: str) -> Results:
    readers = readers_of(user, language)
    if not signed_in(user):
        return kept(("visitor", query, *readers), lambda: _find(user, query, readers, KIND_NAMES))
    shared: tuple[str, ...] = EVERYONE_KINDS
    if not events.sees_more_than_visitors(user):
        shared += EVENT_KINDS
    results = kept(("+".join(shared), query, *readers), lambda: _find(user, query, readers, shared))
    # What a person finds in the communities depends on them only through which communities
    # they may read: everybody reading the same ones (most members, every visitor's set) finds
    # the same.
    readable = community.readable_community_ids(user)
    in_communities = kept(
        ("communities", ",".join(map(str, readable)), query, *readers),
        lambda: _find(user, query, readers, COMMUNITY_KINDS, readable),
    )
    results.groups.update(in_communities.groups)
    if EVENT_KINDS[0] not in shared:
        # What an organiser finds among events is their own.
        results.groups.update(_find(user, query, readers, EVENT_KINDS, shared=False).groups)
    return results


def kept(parts: Iterable[str], make: Callable[[], T]) -> T:
    """What `make` returns for these parts (what is kept, the query, its languages…), made at
    most once per version of what a search finds (text_search.searched_changed), for this
    database, and kept at most SEARCH_RESULTS_SECONDS: results here, the page and the API's
    answer in their views."""
    return fragments.cached_value(
        SEARCH_SCOPE, (database_identity(), *parts), make, settings.SEARCH_RESULTS_SECONDS
    )


def _find(
    user: Visitor,
    query: str,
    readers: list[str],
    kinds: Collection[str],
    readable: Sequence[int] | None = None,
    *,
    shared: bool = True,
) -> Results:
    """The results of `kinds` (names of KINDS) for `query`, read in `readers`; `readable`: the
    communities `user` may read, when already read (None for a visitor). `shared`: what `user`
    finds is what everybody reading the same communities finds, so what each part of the
    ecosystem contributed is kept under that part's version (text_search.part_scope) for every
    search read the same way: a reply in a community has the next search find the
    communities' part afresh, and the courses, events and partners as kept."""
    known = vocabulary()
    # Stemmed in the searcher's languages as well as in each text's own (see text_search.read),
    # for every kind: a Spanish reader's "vacunaciones" finds a thread on "vacunación".
    read_query = read(query, known, readers)
    results = Results(query=query, suggestion=read_query.suggestion)
    if read_query.empty:
        return results
    # The query as read (its words, their corrections and translations) is part of the key: a
    # word newly indexed in one part may correct a query differently in every part.
    reading = (query, repr(read_query), *readers)
    finders: dict[str, Callable[[list[str]], dict[str, list[Result]]]] = {
        "catalog": lambda asked: _in_catalogue(query, known, read_query.groups, readers, asked),
        "events": lambda asked: _in_events(user, read_query.groups, asked),
        "community": lambda asked: _in_communities(user, query, known, readers, readable, asked),
        "partners": lambda asked: _in_partners(read_query.groups),
    }
    for part, part_kinds in PART_KINDS.items():
        asked = [kind for kind in part_kinds if kind in kinds]
        if not asked:
            continue
        if not shared:
            results.groups.update(finders[part](asked))
            continue
        among = "visitor" if readable is None else ",".join(map(str, readable))
        found = fragments.cached_value(
            part_scope(part),
            (database_identity(), part, *asked, among, *reading),
            partial(finders[part], asked),
            settings.SEARCH_RESULTS_SECONDS,
        )
        results.groups.update(found)
    return results


def _in_catalogue(
    query: str, known: Vocabulary, groups: list[list[str]], readers: list[str], kinds: list[str]
) -> dict[str, list[Result]]:
    # The indexed kinds read their indexes in one setting of the planner (see index_first).
    with index_first():
        courses = (
            catalog.courses_matching(readers, query, known, PER_KIND) if "courses" in kinds else []
        )
        lessons = (
            catalog_search.lessons_matching(groups, PER_KIND, readers) if "lessons" in kinds else []
        )
    found = {
        "courses": [
            Result(
                "courses", c.title, reverse("catalog:course", args=[c.slug]), c.language, c.summary
            )
            for c in courses
        ],
        "lessons": [
            Result(
                "lessons",
                lesson.title,
                reverse("catalog:lesson", args=[lesson.module.course.slug, lesson.uuid]),
                lesson.module.course.language,
                lesson.module.course.title,
            )
            for lesson in lessons
        ],
    }
    return {kind: found[kind] for kind in kinds}


def _in_events(user: Visitor, groups: list[list[str]], kinds: list[str]) -> dict[str, list[Result]]:
    found: dict[str, list[Result]] = {}
    if "events" in kinds:
        found["events"] = [
            Result(
                "events", e.title, reverse("events:detail", args=[e.slug]), e.language, e.summary
            )
            for e in events.events_matching(user, groups, PER_KIND)
        ]
    if "sessions" in kinds:
        found["sessions"] = [
            Result(
                "sessions",
                s.title,
                reverse("events:timetable", args=[s.event.slug]),
                s.event.language,
                s.event.title,
            )
            for s in events.sessions_matching(user, groups, PER_KIND)
        ]
    return found


def _in_communities(
    user: Visitor,
    query: str,
    known: Vocabulary,
    readers: list[str],
    readable: Sequence[int] | None,
    kinds: list[str],
) -> dict[str, list[Result]]:
    with index_first():
        found = community.search_everything(
            user,
            query,
            all_languages=True,
            vocabulary=known,
            readers=readers,
            per_kind=PER_KIND,
            readable=readable,
        )
    every = {
        "communities": [
            Result("communities", c.name, reverse("community:community", args=[c.slug]), "", "")
            for c in found.communities[:PER_KIND]
        ],
        "threads": [
            Result(
                "threads",
                t.title,
                reverse("community:thread", args=[t.uuid]),
                t.language,
                t.community.name,
            )
            for t in found.threads[:PER_KIND]
        ],
        "resources": [
            Result(
                "resources",
                r.title,
                reverse("community:resources", args=[r.community.slug]) + f"#resource-{r.pk}",
                r.language,
                r.community.name,
            )
            for r in found.resources[:PER_KIND]
        ],
    }
    return {kind: every[kind] for kind in kinds}


def _in_partners(groups: list[list[str]]) -> dict[str, list[Result]]:
    return {
        "partners": [
            Result(
                "partners",
                o.name,
                reverse("organisations:organisation", args=[o.slug]),
                "",
                o.short_name,
            )
            for o in organisations.organisations_matching(groups, PER_KIND)
        ]
    }
