"""The catalogue: published courses listed, filtered and searched, each course once in the
reader's language; the home page's newest and most followed courses; the words a catalogue
search corrects towards."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When, Window
from django.db.models.functions import Coalesce, RowNumber
from django.utils.translation import gettext_lazy as _

from praxis.catalog.about import other_languages, translations
from praxis.catalog.models import Course, Topic
from praxis.catalog.search import SCORED_CANDIDATES, ranked
from praxis.core.languages import is_language_tag, language_q, language_rank
from praxis.core.pagination import DEFAULT_PAGE_SIZE, Page, clamp, paginate
from praxis.core.shorter_queries import found_without_some_words
from praxis.core.text_search import (
    Vocabulary,
    cached_vocabulary,
    read,
    words,
)
from praxis.organisations.models import Organisation

# Duration bands of the catalogue filter: (lowest hours, exclusive; highest hours, inclusive).
DURATION_BANDS: dict[str, tuple[Decimal | None, Decimal | None]] = {
    "short": (None, Decimal(2)),
    "medium": (Decimal(2), Decimal(10)),
    "long": (Decimal(10), None),
}
DURATION_LABELS = {
    "short": _("Up to 2 hours"),
    "medium": _("2 to 10 hours"),
    "long": _("More than 10 hours"),
}


@dataclass(frozen=True)
class CatalogueEntry:
    course: Course
    also_available_in: list[Course]


@dataclass(frozen=True)
class CataloguePage(Page[CatalogueEntry]):
    # Words of the search left out because no course held them all (lower-cased).
    left_out: list[str] = field(default_factory=list)


def _filtered(
    queryset: QuerySet[Course],
    *,
    language: str = "",
    topic: str = "",
    level: str = "",
    organisation: str = "",
    duration: str = "",
) -> QuerySet[Course]:
    # Unknown values are ignored rather than refused: a stale bookmark still shows courses.
    if is_language_tag(language):
        queryset = queryset.filter(language_q("language", [language]))
    if level in Course.Level.values:
        queryset = queryset.filter(level=level)
    if topic:
        queryset = queryset.filter(topics__slug=topic)
    if organisation:
        queryset = queryset.filter(organisations__slug=organisation)
    if duration in DURATION_BANDS:
        low, high = DURATION_BANDS[duration]
        if low is not None:
            queryset = queryset.filter(estimated_hours__gt=low)
        if high is not None:
            queryset = queryset.filter(estimated_hours__lte=high)
    return queryset


def catalogue(
    reader_languages: str | Sequence[str],
    q: str = "",
    language: str = "",
    topic: str = "",
    level: str = "",
    organisation: str = "",
    duration: str = "",
    page: Any = 1,
    size: Any = DEFAULT_PAGE_SIZE,
) -> CataloguePage:
    """Published courses matching the search and filters, in the reader's languages first (in
    their order of preference: `core.languages.reading_order`), each with the other languages it
    is available in. A search ranks them as every course search does (`search.ranked`: the best
    matches first, a translation group as its best-matching member, on a tie the one more people
    enrolled on, then the newest); without one they follow by title."""
    courses = _filtered(
        Course.objects.filter(status=Course.Status.PUBLISHED),
        language=language,
        topic=topic,
        level=level,
        organisation=organisation,
        duration=duration,
    )
    vocabulary = catalogue_vocabulary() if q.strip() else None
    if words(q):
        found = _searched(courses, reader_languages, q, vocabulary, page, size)
        if found.total or vocabulary is None:
            return found
        # No course holds every word: the courses found without the words that kept the
        # search from matching, said so on the page and in the API.
        relaxed = found_without_some_words(
            q,
            vocabulary,
            lambda shorter: _searched(courses, reader_languages, shorter, vocabulary, page, size),
            lambda shorter_found: shorter_found.total,
        )
        if relaxed is None:
            return found
        return replace(relaxed[0], left_out=relaxed[1])
    courses = (
        one_per_course(courses, reader_languages)
        .select_related("translation_group")
        .prefetch_related("organisations", translations())
        .order_by(language_rank("language", reader_languages), "title", "id")
    )
    result = paginate(courses, page, size)
    entries = [CatalogueEntry(course, other_languages(course)) for course in result.items]
    return CataloguePage(items=entries, number=result.number, size=result.size, total=result.total)


def one_per_course(
    courses: QuerySet[Course], reader_languages: str | Sequence[str]
) -> QuerySet[Course]:
    """`courses` with one member of each translation group: the one in the first of the reader's
    languages that has one, else the first published. The others are named on its card (`also
    available in`), so that a course in six languages is one entry, not six."""
    return courses.annotate(
        nth_of_course=Window(
            RowNumber(),
            partition_by=[Coalesce("translation_group_id", F("id") * -1)],
            order_by=[
                language_rank("language", reader_languages).asc(),
                F("published_at").asc(nulls_last=True),
                F("id").asc(),
            ],
        )
    ).filter(nth_of_course=1)


def _searched(
    courses: QuerySet[Course],
    reader_languages: str | Sequence[str],
    q: str,
    vocabulary: Vocabulary | None,
    page: Any,
    size: Any,
) -> CataloguePage:
    # One statement ranks the page and counts the matches; a page past the end (rare: a stale
    # link) is asked for again as the last page.
    number, per_page = clamp(page, size)
    found = ranked(courses, q, vocabulary, reader_languages, per_page, (number - 1) * per_page)
    if not found.ids and found.total:
        number = -(-found.total // per_page)
        found = ranked(courses, q, vocabulary, reader_languages, per_page, (number - 1) * per_page)
    shown = (
        Course.objects.select_related("translation_group")
        .prefetch_related("organisations", translations())
        .in_bulk(found.ids)
    )
    entries = [CatalogueEntry(shown[i], other_languages(shown[i])) for i in found.ids if i in shown]
    return CataloguePage(
        items=entries,
        number=min(number, max(1, -(-found.total // per_page))),
        size=per_page,
        total=found.total,
    )


def _in_language_first(visitor_language: str) -> Case:
    return Case(
        When(language_q("language", [visitor_language]), then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )


def newest_courses(visitor_language: str, limit: int = 4) -> list[Course]:
    """The latest published courses, each once (`one_per_course`), those in the visitor's
    language first: two queries (courses, their organisations)."""
    return list(
        one_per_course(Course.objects.filter(status=Course.Status.PUBLISHED), visitor_language)
        .prefetch_related("organisations")
        .order_by(_in_language_first(visitor_language), F("published_at").desc(nulls_last=True))[
            :limit
        ]
    )


def popular_courses(visitor_language: str, limit: int = 4) -> list[Course]:
    """The published courses with the most learners, each once (`one_per_course`), those in
    the visitor's language first, each with `learners`: two queries (courses, their
    organisations)."""
    return list(
        one_per_course(Course.objects.filter(status=Course.Status.PUBLISHED), visitor_language)
        .annotate(learners=Count("enrolments"))
        .prefetch_related("organisations")
        .order_by(_in_language_first(visitor_language), "-learners", "title")[:limit]
    )


def filter_choices() -> dict[str, list[Any]]:
    """Topics, organisations and languages (tags) that have published courses, for the
    catalogue's filters."""
    published = Q(courses__status=Course.Status.PUBLISHED)
    return {
        "topics": list(Topic.objects.filter(published).distinct()),
        "organisations": list(Organisation.objects.filter(published).distinct()),
        "languages": sorted(
            Course.objects.filter(status=Course.Status.PUBLISHED)
            .values_list("language", flat=True)
            .distinct()
            .order_by()
        ),
    }


def courses_matching(
    reader_languages: str | Sequence[str],
    query: str,
    vocabulary: Vocabulary | None,
    limit: int = 10,
) -> list[Course]:
    """The first `limit` published courses matching `query` (or sharing a translation group with
    one that does), ranked as the catalogue ranks them (`search.ranked`), among the most recent
    SCORED_CANDIDATES matches when more match."""
    ids = ranked(
        Course.objects.filter(status=Course.Status.PUBLISHED),
        query,
        vocabulary,
        reader_languages,
        limit,
        candidates=SCORED_CANDIDATES,
    ).ids
    found = Course.objects.in_bulk(ids)
    return [found[i] for i in ids if i in found]


def vocabulary_texts() -> list[str]:
    """The titles and summaries of published courses: words a search may correct towards."""
    rows = Course.objects.filter(status=Course.Status.PUBLISHED).values_list("title", "summary")
    return [f"{title} {summary}" for title, summary in rows]


def catalogue_vocabulary() -> Vocabulary:
    """The words of the published courses, which a catalogue search corrects towards."""
    return cached_vocabulary("catalog", vocabulary_texts)


def suggestion(query: str) -> str:
    """The query with its misspelt words corrected from the catalogue's words ("" when none
    is)."""
    return read(query, catalogue_vocabulary()).suggestion if query.strip() else ""
