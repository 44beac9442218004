"""Benchmark: the combined search (every kind at once) on a large ecosystem, through gunicorn.

Builds its own database beside the main benchmark's (var/bench/search-scale.sqlite3, or
<name>_search_scale_bench on the PostgreSQL server DATABASE_URL names; dropped and created anew
unless BENCH_REUSE=1) and fills it with `manage.py bench_data`: BENCH_SEARCH_COURSES (10,000)
courses with their lessons, BENCH_SEARCH_LEARNERS (10,000) learners with enrolments (so that
popularity ranks as it would), and BENCH_SEARCH_POSTS (200,000) community posts in threads and
communities in the six UN languages, all indexed. Then, over the queries of the relevance set
(praxis.search.relevance: typos, word forms, other languages, synonyms, abbreviations; the first
BENCH_SEARCH_QUERIES of them spread over the set when given), each with its interface language:

1. in this process, the wall-clock and CPU time of one combined search per query (after a
   round to warm the caches), each found afresh (SEARCH_RESULTS_SECONDS 0): p50 and p99; then
   the wall-clock time of the same searches asked again (what a query found is kept,
   praxis.search.queries), and of each asked again just after a member replied in a thread
   of an open community (a reply has the communities' part of every search found afresh).
   CPU time stays comparable on a busy machine where wall-clock time does not. `--profile`
   prints where the time of one round afresh goes (cProfile).
2. gunicorn (BENCH_WORKERS, 2) serves the database; wrk (BENCH_CONNECTIONS, 8) requests the
   API search (/api/v1/search) and the search page (/search/), cycling through the queries, for
   BENCH_SECONDS after BENCH_WARM_SECONDS: requests per second, p50, p99 and errors. Twice:
   with what each query found kept as in production (after the warm-up every query of the
   set has been asked), and with every search found afresh (SEARCH_RESULTS_SECONDS=0).

Run it with and without DATABASE_URL for both databases. Figures are printed with the machine's
load average; nothing passes or fails on time.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import run as bench  # noqa: E402  (the helpers of bench/run.py: wrk, gunicorn, databases)

COURSES = int(os.environ.get("BENCH_SEARCH_COURSES", "10000"))
LEARNERS = int(os.environ.get("BENCH_SEARCH_LEARNERS", "10000"))
POSTS = int(os.environ.get("BENCH_SEARCH_POSTS", "200000"))
# How many queries of the set to use (evenly spread over it); 0: all of them.
SAMPLE = int(os.environ.get("BENCH_SEARCH_QUERIES", "0"))

# Picks the next query of the list for each request; the list is written in by `wrk_script`.
CYCLE_LUA = """
local paths = {%s}
local next_path = 0
function request()
  next_path = next_path %% #paths + 1
  return wrk.format("GET", paths[next_path])
end
"""


def database_url() -> str:
    if postgres := bench.postgres_bench_database("search_scale_bench", recreate=not bench.REUSE):
        return postgres
    var = Path(os.environ.get("PRAXIS_VAR_DIR", ROOT / "var"))
    path = var / "bench" / "search-scale.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not bench.REUSE:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{path}"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * share + 0.5) - 1)]


def queries() -> list[tuple[str, str]]:
    """(query, interface language) of the relevance set, each once."""
    from praxis.search.relevance import QUERIES

    every = list(dict.fromkeys((query, language) for query, language, _k, _t in QUERIES))
    if 0 < SAMPLE < len(every):
        return [every[index * len(every) // SAMPLE] for index in range(SAMPLE)]
    return every


def database_cpu_seconds() -> float | None:
    """The CPU seconds PostgreSQL's backend serving this process has used, when it runs on this
    machine (read from /proc); None on SQLite (it runs in this process) or elsewhere."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    # utime and stime, the 14th and 15th fields of the line (11th and 12th after the name).
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def in_process(profile: bool) -> tuple[list[float], list[float], float | None, list[float]]:
    """(wall-clock ms, CPU ms of this process) of one combined search per query found afresh,
    after a warm-up round, the database server's mean CPU ms per search when it can be read,
    and the wall-clock ms of each search asked again."""
    from django.contrib.auth.models import AnonymousUser
    from django.test.utils import override_settings

    from praxis.search.queries import search_everything

    visitor = AnonymousUser()
    with override_settings(SEARCH_RESULTS_SECONDS=0):
        for query, language in queries():
            search_everything(visitor, query, language)
        afresh = _timed(visitor, profile)
    for query, language in queries():
        search_everything(visitor, query, language)
    again = []
    for query, language in queries():
        started = time.perf_counter()
        search_everything(visitor, query, language)
        again.append((time.perf_counter() - started) * 1000)
    return (*afresh, again)


def _timed(visitor: Any, profile: bool) -> tuple[list[float], list[float], float | None]:
    from praxis.search.queries import search_everything

    database_before = database_cpu_seconds()
    profiler = cProfile.Profile() if profile else None
    wall: list[float] = []
    cpu: list[float] = []
    for query, language in queries():
        started, started_cpu = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        search_everything(visitor, query, language)
        if profiler:
            profiler.disable()
        cpu.append((time.process_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started) * 1000)
    database_after = database_cpu_seconds()
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    database = None
    if database_before is not None and database_after is not None:
        database = (database_after - database_before) * 1000 / len(wall)
    return wall, cpu, database


def after_replies() -> tuple[list[float], list[float]]:
    """(wall-clock ms, CPU ms) of each query of the set asked again just after a reply: each is
    asked (and kept), a member of an open community replies in one of its threads, and the
    query is asked once more, as the next visitor would."""
    from django.contrib.auth.models import AnonymousUser
    from django.test.utils import override_settings

    from praxis.community.models import Community, Membership, Thread
    from praxis.community.services.posting import reply
    from praxis.search.queries import search_everything

    visitor = AnonymousUser()
    community = Community.objects.filter(access=Community.Access.OPEN).order_by("id").first()
    if community is None:
        return [], []
    members = [
        membership.user
        for membership in Membership.objects.filter(
            community=community, status=Membership.Status.ACTIVE
        ).select_related("user")[:200]
    ]
    threads = list(Thread.objects.filter(community=community, is_visible=True)[:200])
    wall: list[float] = []
    cpu: list[float] = []
    # The members reply more often than a person may: the posting limit is not measured here.
    with override_settings(
        COMMUNITY_POST_RATE_LIMIT=10**9,
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    ):
        for number, (query, language) in enumerate(queries()):
            search_everything(visitor, query, language)
            reply(
                members[number % len(members)],
                threads[number % len(threads)],
                f"Reply {number} at {time.time()}: what we saw on the ward this week.",
            )
            started, started_cpu = time.perf_counter(), time.process_time()
            search_everything(visitor, query, language)
            cpu.append((time.process_time() - started_cpu) * 1000)
            wall.append((time.perf_counter() - started) * 1000)
    return wall, cpu


def wrk_script(path: str) -> str:
    """A wrk script requesting `path` with each query of the set in turn; its file name."""
    paths = [
        f"{path}?{urlencode({'q': query, 'language': language})}" for query, language in queries()
    ]
    quoted = ", ".join('"' + p.replace("\\", "\\\\").replace('"', '\\"') + '"' for p in paths)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(CYCLE_LUA % quoted + bench.STOP_AFTER_LUA)
    return script.name


def served(env: dict[str, str]) -> list[bench.Measurement]:
    """Each path through gunicorn, with what each query found kept, then found afresh."""
    return [
        *served_with(env, ""),
        *served_with({**env, "SEARCH_RESULTS_SECONDS": "0"}, ", found afresh"),
    ]


def served_with(env: dict[str, str], how: str) -> list[bench.Measurement]:
    wrk = bench.ensure_wrk()
    port = bench.free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            *(bench.GUNICORN, "praxis.wsgi", "--bind", f"127.0.0.1:{port}"),
            *("--workers", str(bench.WORKERS), "--log-level", "warning"),
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,  # its own process group, so that stopping it stops its workers
    )
    measurements = []
    try:
        bench.wait_until_up(base, server, timeout=300)  # a busy machine starts slowly
        for page, path in (("API search", "/api/v1/search"), ("search page", "/search/")):
            script = wrk_script(path)
            bench.say(
                f"== {page}{how} ({path}): warm-up {bench.WARM_SECONDS} s, then {bench.SECONDS} s"
            )
            bench.run_wrk(wrk, base + "/", bench.WARM_SECONDS, script)
            output = bench.run_wrk(wrk, base + "/", bench.SECONDS, script)
            measurements.append(bench.parse_wrk(page + how, path, output))
            Path(script).unlink(missing_ok=True)
    finally:
        bench.stop(server)
    return measurements


def main() -> None:
    url = database_url()
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "praxis.settings")
    env = {**os.environ, "DEBUG": "0", "LOG_LEVEL": "WARNING"}
    database = "PostgreSQL" if url.startswith("postgres") else "SQLite"
    started = time.monotonic()
    bench.manage(env, "migrate", "--noinput", "--verbosity", "0")
    bench.manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    bench.manage(
        env,
        *("bench_data", "--courses", str(COURSES), "--learners", str(LEARNERS)),
        *("--posts", str(POSTS)),
    )
    build_seconds = time.monotonic() - started

    import django

    django.setup()
    wall, cpu, database_cpu, again = in_process("--profile" in sys.argv)
    load = os.getloadavg()
    bench.say()
    bench.say(
        f"Search at scale on {database} · {COURSES:,} courses, {LEARNERS:,} learners, "
        f"{POSTS:,} posts (ready in {build_seconds:.0f} s) · {len(queries())} queries of the "
        "relevance set"
    )
    bench.say(
        "  in-process, one search at a time, found afresh: "
        f"wall p50 {statistics.median(wall):.1f} ms · p99 {percentile(wall, 0.99):.1f} ms; "
        f"CPU p50 {statistics.median(cpu):.1f} ms · p99 {percentile(cpu, 0.99):.1f} ms · "
        f"load average {load[0]:.1f}"
    )
    if database_cpu is not None:
        bench.say(f"  PostgreSQL's CPU per search (mean): {database_cpu:.1f} ms")
    bench.say(
        f"  in-process, asked again (kept): wall p50 {statistics.median(again):.2f} ms · "
        f"p99 {percentile(again, 0.99):.2f} ms"
    )
    replied_wall, replied_cpu = after_replies()
    if replied_wall:
        bench.say(
            "  in-process, asked again just after a reply in a community: "
            f"wall p50 {statistics.median(replied_wall):.1f} ms · "
            f"p99 {percentile(replied_wall, 0.99):.1f} ms; "
            f"CPU p50 {statistics.median(replied_cpu):.1f} ms"
        )
    measurements = served(env)
    load_served = os.getloadavg()
    rows = [["through gunicorn", "requests", "req/s", "p50 ms", "p99 ms", "errors"]]
    for m in measurements:
        rows.append(
            [
                f"{m.page} ({bench.WORKERS} workers, {bench.CONNECTIONS} connections)",
                f"{m.requests:,}",
                f"{m.requests_per_second:,.0f}",
                f"{m.p50_ms:.1f}" if m.requests else "–",
                f"{m.p99_ms:.1f}" if m.requests else "–",
                str(m.errors),
            ]
        )
    bench.say(bench.table(rows, right={1, 2, 3, 4, 5}))
    bench.say(f"  load average while served: {load_served[0]:.1f} ({os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
