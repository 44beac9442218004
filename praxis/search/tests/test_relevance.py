"""The search holds to a floor on its relevance set (praxis.search.relevance): at least 150
queries in six languages, each with the item that must be in the top five of its kind."""

import pytest
from django.core.cache import cache

from praxis.search import relevance

pytestmark = pytest.mark.django_db

# Set from the first honest measurement (175 queries: recall@5 0.994, MRR 0.96 to 0.97, on
# SQLite and PostgreSQL; the one miss was "psychological first aid", a term the set does not
# know), a little below it so that a tie broken another way does not fail the suite; raised
# once a search that finds nothing leaves words out and a term of several words is found by
# its words (177 queries: recall@5 1.000 on both, MRR 0.983 and 0.975).
RECALL_FLOOR = 0.98
MRR_FLOOR = 0.95


def test_the_relevance_set_is_large_and_in_six_languages() -> None:
    assert len(relevance.QUERIES) >= 150
    assert {language for _q, language, _k, _t in relevance.QUERIES} == {
        "en",
        "fr",
        "es",
        "ru",
        "ar",
        "zh-hans",
    }


def test_search_keeps_recall_and_rank_above_the_floor() -> None:
    cache.clear()
    relevance.load()
    measured = relevance.measure()
    assert measured.recall_at_5 >= RECALL_FLOOR, "\n".join(measured.misses)
    assert measured.mean_reciprocal_rank >= MRR_FLOOR
