"""Benchmark: how well the search finds what people mean, and how long it takes in-process.

Builds its own database beside the main benchmark's (var/bench/search.sqlite3, or
<name>_search_bench on the PostgreSQL server DATABASE_URL names; dropped and created anew),
writes the relevance set of praxis.search.relevance (a small ecosystem in six languages and
177 queries: typos, word forms, other-language terms, synonyms, clinical abbreviations), then:

1. recall at 5 (the share of queries whose expected item is among the first five of its kind)
   and the mean reciprocal rank, with every miss listed;
2. the wall-clock time of the combined search (every kind at once, as /search/ runs it) per
   query, over BENCH_SEARCH_ROUNDS (3) rounds of the whole set: p50 and p99, in this process,
   each search found afresh (SEARCH_RESULTS_SECONDS 0), then asked again (what a query found
   is kept: praxis.search.queries).

Run it with and without DATABASE_URL for both databases. Figures are printed; nothing passes or
fails on time (the test suite holds recall and rank to a floor, praxis/search/tests).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import run as bench  # noqa: E402  (the helpers of bench/run.py)

ROUNDS = int(os.environ.get("BENCH_SEARCH_ROUNDS", "3"))


def database_url() -> str:
    if postgres := bench.postgres_bench_database("search_bench"):
        return postgres
    path = Path(os.environ.get("PRAXIS_VAR_DIR", ROOT / "var")) / "bench" / "search.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{path}"


def main() -> None:
    url = database_url()
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "praxis.settings")
    env = {**os.environ, "DEBUG": "0", "LOG_LEVEL": "WARNING"}
    bench.manage(env, "migrate", "--noinput", "--verbosity", "0")

    import django

    django.setup()
    from django.contrib.auth.models import AnonymousUser
    from django.test.utils import override_settings

    from praxis.search import relevance
    from praxis.search.queries import search_everything

    relevance.load()
    measured = relevance.measure()

    def timed() -> list[float]:
        timings: list[float] = []
        for _round in range(ROUNDS):
            for query, language, _kind, _title in relevance.QUERIES:
                started = time.perf_counter()
                search_everything(AnonymousUser(), query, language)
                timings.append((time.perf_counter() - started) * 1000)
        return sorted(timings)

    with override_settings(SEARCH_RESULTS_SECONDS=0):
        afresh = timed()
    asked_again = timed()
    database = "PostgreSQL" if url.startswith("postgres") else "SQLite"
    bench.say(f"Search relevance on {database}: {measured.queries} queries")
    bench.say(f"  recall@5 {measured.recall_at_5:.3f} · MRR {measured.mean_reciprocal_rank:.3f}")
    for miss in measured.misses:
        bench.say(f"  missed: {miss}")
    for how, timings in (("found afresh", afresh), ("asked again", asked_again)):
        bench.say(
            f"  combined search, in-process, {how}: p50 {statistics.median(timings):.2f} ms · "
            f"p99 {timings[int(len(timings) * 0.99) - 1]:.2f} ms ({len(timings)} searches)"
        )


if __name__ == "__main__":
    main()
