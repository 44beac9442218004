"""Shorter queries for a search that found nothing: the query without the words that kept it
from matching (`found_without_some_words`), as the combined search and the catalogue's search
try them, and say which words they left out."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from praxis.core.patterns import client_pattern
from praxis.core.text_search import (
    CJK,
    CJK_RUN,
    MAX_CJK_RUN,
    MAX_QUERY_CHARS,
    MAX_TERMS,
    SHORT_WORD,
    Vocabulary,
    chinese_segments,
    terms_of,
    written_words,
)

T = TypeVar("T")


# Chinese particles that join words ("and", "or", "of"), not words a search looks for.
CHINESE_PARTICLES = client_pattern("以及|[的和与及或]")


def chinese_units(run: str) -> list[str]:
    """A run of Chinese characters as the words a shorter query may leave out: the terms of the
    health vocabulary in it, and what lies between them, whole up to MAX_CJK_RUN characters,
    beyond that by pairs side by side (most Chinese words are two characters: "冷链管理培训" →
    "冷链", "管理", "培训"), paired apart on either side of a particle that joins words ("和",
    "以及", "的"). A character alone between terms (a particle) is not one."""
    units: list[str] = []
    for segment, known in chinese_segments(run):
        if known:
            units.append(segment)
            continue
        # Joined by a particle ("和", "的"), the words on either side are paired apart.
        for piece in CHINESE_PARTICLES.split(segment):
            if len(piece) <= MAX_CJK_RUN:
                units.append(piece)
                continue
            pairs = [piece[i : i + 2] for i in range(0, len(piece), 2)]
            if len(pairs[-1]) == 1:
                pairs[-2:] = [pairs[-2] + pairs[-1]]
            units.extend(pairs)
    return [unit for unit in units if len(unit) > 1] or [unit for unit in units if unit]


def shorter_queries(
    query: str, vocabulary: Vocabulary
) -> tuple[list[tuple[str, list[str]]], list[tuple[str, list[str]]]]:
    """When nothing holds every word of `query`, the queries to try instead, each with the words
    it leaves out (lower-cased, accents kept), in two lists: the query without one of its
    words, the rarest in the index first (of two as rare, the later typed); and each word alone
    that the index holds, a term of the health vocabulary first, then the rarest (of two as
    rare, the earlier typed: "triage training for nurses" as "triage" when no three of its
    words are found together). A term of the health vocabulary counts as one word ("hand
    hygiene"). Both are empty for a query of one
    word. Chinese, written without spaces, is cut into words at the terms of the health
    vocabulary ("手卫生培训" → "手卫生", "培训"; see `chinese_units`)."""
    spelled: dict[str, str] = {}
    for folded, spelling in written_words(query[:MAX_QUERY_CHARS]):
        if not CJK.search(folded):
            spelled.setdefault(folded, spelling)
            continue
        for run in CJK_RUN.findall(folded):
            spelled.update((unit, unit) for unit in chinese_units(run))
        spelled.update((word, word) for word in CJK_RUN.sub(" ", folded).split())
    significant = [
        word
        for word in spelled
        if (len(word) > SHORT_WORD or CJK.search(word)) and not word.isdigit()
    ]
    terms = {
        " ".join(significant[start:end]): bool(related)
        for start, end, related in terms_of(significant[:MAX_TERMS], {})
    }
    units = list(terms)
    if len(units) < 2:
        return [], []

    def held(word: str) -> int:
        if word in vocabulary.counts:
            return vocabulary.counts[word]
        if CJK.search(word):
            # The vocabulary holds Chinese as the runs texts write, words not set apart.
            return sum(count for run, count in vocabulary.counts.items() if word in run)
        return 1 if vocabulary.knows(word) else 0

    rarity = {unit: min(held(word) for word in unit.split()) for unit in units}
    # Rarest first; of two as rare, the one typed later (a topic is usually typed first).
    rarest = sorted(units, key=lambda unit: (rarity[unit], -units.index(unit)))

    def written(kept: list[str]) -> str:
        return " ".join(spelled[word] for unit in kept for word in unit.split())

    def left_out(unit: str) -> list[str]:
        return written([other for other in units if other != unit]).split()

    without_one = [
        (written([u for u in units if u != dropped]), written([dropped]).split())
        for dropped in rarest
    ]
    # Alone, a term of the health vocabulary first ("hand hygiene" of a long question); then
    # the rarest, of two as rare the one typed first.
    first = sorted(units, key=lambda unit: (not terms[unit], rarity[unit], units.index(unit)))
    alone = [(written([unit]), left_out(unit)) for unit in first if rarity[unit]]
    return without_one, alone


def found_without_some_words(
    query: str,
    vocabulary: Vocabulary,
    search: Callable[[str], T],
    found: Callable[[T], int],
    most: int = 4,
) -> tuple[T, list[str]] | None:
    """For a `query` that found nothing: what `search` finds for the best of its shorter
    queries (`shorter_queries`), with the words left out; None when none finds anything.
    Of the queries without one word, the one that finds the most (`found` counts a result): a
    word added to a topic ("hand hygiene training") is left out rather than the topic; failing
    those, the first word alone that finds anything. At most `most` of each are tried, each a
    search of its own."""
    without_one, alone = shorter_queries(query, vocabulary)
    best: tuple[int, T, list[str]] | None = None
    for shorter, left_out in without_one[:most]:
        result = search(shorter)
        count = found(result)
        if count and (best is None or count > best[0]):
            best = (count, result, left_out)
    if best is not None:
        return best[1], best[2]
    # A query of two words without one of them is the other alone: found nothing already.
    tried = {shorter for shorter, _left_out in without_one[:most]}
    for shorter, left_out in [(q, left) for q, left in alone if q not in tried][:most]:
        result = search(shorter)
        if found(result):
            return result, left_out
    return None
