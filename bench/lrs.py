"""Benchmark the Learning Record Store at /xapi/: writes per second and query latency at scale.

For SQLite, and for PostgreSQL too when DATABASE_URL names one:

1. Builds a throwaway database (var/bench/lrs.sqlite3, or "<name>_lrs_bench" beside the
   PostgreSQL database), migrates it and bulk-loads BENCH_STATEMENTS statements (1,000,000;
   COPY on PostgreSQL, executemany on SQLite) from 1,000 learners, 20 verbs and 5,000 activities,
   with the index rows the LRS writes for each.
2. Starts gunicorn (BENCH_WORKERS, 2) and, with wrk for BENCH_SECONDS (10) each, measures:
   - POST of 1 statement and of a batch of 100 (fresh ids every request) with
     BENCH_CONNECTIONS (8) concurrent connections: statements/s, and the CPU milliseconds one
     request took in the gunicorn workers and in the database's server processes (PostgreSQL
     on this machine);
   - GET with limit=25 by agent, by verb, by agent and verb, by activity, since a time
     (ascending), unfiltered, and the `more` pages of the unfiltered and the by-agent query
     half-way down the store: p50 and p99 latency with 1 connection (one client's wait) and
     with BENCH_CONNECTIONS (the workers' queue included).
3. Prints the figures with the error count (non-2xx responses and socket errors) and saves them
   under bench/results/. Nothing passes or fails on time.

BENCH_LRS_DATABASES ("sqlite,postgresql") names the databases to measure on, BENCH_LRS_MEASURE
("post,get") what to measure.
BENCH_LRS_DATABASE_URL names the PostgreSQL database to use as it is, instead of building
"<name>_lrs_bench"; with BENCH_REUSE=1 the statements already in it are kept (no load), so that
two versions of the code can be measured in turn on the same million statements (each run's
POSTs add to them).
`python bench/lrs.py cpu <n>`, with DATABASE_URL naming a database it loaded, prints instead the
CPU time and queries of one POST of 100 statements and of each GET above, in one process.
"""

from __future__ import annotations

import base64
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import run as common  # noqa: E402  (bench/run.py: wrk, gunicorn and report helpers)

ROOT = BENCH.parent
STATEMENTS = int(os.environ.get("BENCH_STATEMENTS", "1000000"))
LEARNERS, VERBS, ACTIVITIES = 1000, 20, 5000
KEY, SECRET = "bench-lrs", "bench-lrs-secret"
SITE = "https://bench.example"
AUTHORIZATION = "Basic " + base64.b64encode(f"{KEY}:{SECRET}".encode()).decode()
CHUNK = 20000
# Loaded statements are stored this many microseconds apart, oldest first.
SPACING = 50

POST_LUA = """
local batch = tonumber(os.getenv("BENCH_BATCH") or "1")
local auth = os.getenv("BENCH_AUTH")
math.randomseed(os.time() * 1000 + math.floor(os.clock() * 1000000))
local function hex(n)
  local s = ""
  for i = 1, n do s = s .. string.format("%x", math.random(0, 15)) end
  return s
end
local function uuid()
  local variant = string.format("%x", math.random(8, 11))
  return hex(8) .. "-" .. hex(4) .. "-4" .. hex(3) .. "-" .. variant .. hex(3) .. "-" .. hex(12)
end
request = function()
  local parts = {}
  for i = 1, batch do
    local activity = math.random(1, 5000)
    parts[i] = string.format(
      '{"id":"%s","actor":{"objectType":"Agent","mbox":"mailto:learner%d@bench.example"},' ..
      '"verb":{"id":"http://adlnet.gov/expapi/verbs/completed","display":{"en-US":"completed"}},' ..
      '"object":{"id":"https://bench.example/activities/%d",' ..
      '"definition":{"name":{"en":"Activity %d"}}},' ..
      '"result":{"completion":true,"duration":"PT4M12S"}}',
      uuid(), math.random(1, 1000), activity, activity)
  end
  local body = "[" .. table.concat(parts, ",") .. "]"
  return wrk.format("POST", "/xapi/statements", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = auth,
    ["X-Experience-API-Version"] = "1.0.3",
  }, body)
end
"""


def say(line: str = "") -> None:
    print(line, flush=True)


# --- loading (runs in a child process with DATABASE_URL set to the benchmark database) -------


def load(count: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "praxis.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    now = datetime.now(UTC) - timedelta(days=1)
    authority_key = f"account|{SITE}|{KEY}"
    authority = json.dumps(
        {"objectType": "Agent", "name": "bench", "account": {"homePage": SITE, "name": KEY}}
    )

    def rows(start: int, stop: int):  # type: ignore[no-untyped-def]  # DB-API cursors and rows are untyped
        for i in range(start, stop):
            statement_id = str(uuid.uuid4())
            learner, verb, activity = i % LEARNERS, i % VERBS, (i * 7) % ACTIVITIES
            stored = now + timedelta(microseconds=i * SPACING)
            stamp = stored.isoformat().replace("+00:00", "Z")
            mbox = f"mailto:learner{learner}@bench.example"
            verb_id = f"http://adlnet.gov/expapi/verbs/bench{verb}"
            activity_id = f"{SITE}/activities/{activity}"
            data = (
                f'{{"id":"{statement_id}","actor":{{"objectType":"Agent","mbox":"{mbox}"}},'
                f'"verb":{{"id":"{verb_id}"}},"object":{{"id":"{activity_id}"}},'
                f'"result":{{"completion":true}},"timestamp":"{stamp}","stored":"{stamp}",'
                f'"authority":{authority},"version":"1.0.3"}}'
            )
            yield (statement_id, f"mbox|{mbox}", verb_id, activity_id, stored, data)

    started = time.monotonic()
    vendor = connection.vendor
    with connection.cursor() as cursor:
        # Indexes are built once after the load rather than updated row by row.
        indexes = secondary_indexes(cursor, vendor)
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        for start in range(0, count, CHUNK):
            chunk = list(rows(start, min(start + CHUNK, count)))
            # Their authority is in a column of their own: no index rows (the LRS writes
            # those only for agents and activities named in a context or a sub-statement).
            statements = [
                (sid, actor, verb, act, "", stored, stored, False, data, "", authority_key)
                for sid, actor, verb, act, stored, data in chunk
            ]
            if vendor == "postgresql":
                copy_rows(cursor, statements)
            else:
                sqlite_rows(cursor, statements)
            if start and start % 200000 == 0:
                say(f"   {start:,} statements ({time.monotonic() - started:.0f} s)")
        for _, definition in indexes:
            cursor.execute(definition)
        if vendor == "postgresql":
            # As autovacuum would. On SQLite nothing in Praxis runs ANALYZE, and its statistics
            # would call the object-agent index (mostly empty values) useless for every agent.
            cursor.execute("ANALYZE")
    say(f"   loaded {count:,} statements in {time.monotonic() - started:.0f} s")


def secondary_indexes(cursor, vendor: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]  # DB-API cursors and rows are untyped
    """(name, CREATE statement) of the statement tables' indexes other than primary keys."""
    if vendor == "postgresql":
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN "
            "('lrs_statement', 'lrs_statementrelation') AND indexname NOT LIKE '%%_pkey'"
        )
    else:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "AND tbl_name IN ('lrs_statement', 'lrs_statementrelation')"
        )
    return list(cursor.fetchall())


STATEMENT_COLUMNS = (
    "id, actor_key, verb_id, activity_id, object_agent_key, timestamp, stored, voided, data, "
    "fingerprint, authority_key"
)


def copy_rows(cursor, statements) -> None:  # type: ignore[no-untyped-def]  # DB-API cursors and rows are untyped
    raw = cursor.cursor  # psycopg's own cursor under Django's wrapper
    with raw.copy(f"COPY lrs_statement ({STATEMENT_COLUMNS}) FROM STDIN") as copy:
        for row in statements:
            copy.write_row(row)


def sqlite_rows(cursor, statements) -> None:  # type: ignore[no-untyped-def]  # DB-API cursors and rows are untyped
    # sqlite3's own executemany with "?" placeholders: Django's wrapper rewrites every row.
    raw = cursor.db.connection
    raw.execute("PRAGMA synchronous=OFF")
    placeholders = ",".join(["?"] * 11)
    raw.executemany(
        f"INSERT INTO lrs_statement ({STATEMENT_COLUMNS}) VALUES ({placeholders})",  # noqa: S608 - constant columns
        [(sid.replace("-", ""), *map(_sqlite_value, rest)) for sid, *rest in statements],
    )


def _sqlite_value(value: object) -> object:
    """Datetimes as Django keeps them in SQLite: naive UTC text."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(" ")
    return value


# --- what is measured ----------------------------------------------------------------------

AGENT = quote(json.dumps({"mbox": "mailto:learner42@bench.example"}))
VERB = quote("http://adlnet.gov/expapi/verbs/bench2")
ACTIVITY = quote(f"{SITE}/activities/294")
STATEMENTS_PATH = "/xapi/statements"


def get_paths(read: Callable[[str], dict[str, Any]]) -> list[tuple[str, str]]:
    """(name, path) of each GET measured. `read` GETs a path and returns its JSON: it finds
    the oldest statement, and the `more` links of queries ending half-way down the store, which
    less their `until` are the pages a client reaches after paging half-way through."""
    oldest = read(f"{STATEMENTS_PATH}?limit=1&ascending=true")["statements"][0]["stored"]
    middle = datetime.fromisoformat(oldest.replace("Z", "+00:00")) + timedelta(
        microseconds=STATEMENTS // 2 * SPACING
    )
    half = quote(middle.isoformat().replace("+00:00", "Z"))
    paths = [
        ("GET by agent", f"{STATEMENTS_PATH}?agent={AGENT}&limit=25"),
        ("GET by verb", f"{STATEMENTS_PATH}?verb={VERB}&limit=25"),
        ("GET by agent and verb", f"{STATEMENTS_PATH}?agent={AGENT}&verb={VERB}&limit=25"),
        ("GET by activity", f"{STATEMENTS_PATH}?activity={ACTIVITY}&limit=25"),
        ("GET since, ascending", f"{STATEMENTS_PATH}?since={half}&ascending=true&limit=25"),
        ("GET unfiltered", f"{STATEMENTS_PATH}?limit=25"),
    ]
    for name, path in (
        ("GET more, unfiltered", f"{STATEMENTS_PATH}?until={half}&limit=25"),
        ("GET more, by agent", f"{STATEMENTS_PATH}?agent={AGENT}&until={half}&limit=25"),
    ):
        more = urlsplit(read(path)["more"])
        if not more.path:
            sys.exit(f"{path} gave no more link: too few statements stored.")
        query = urlencode([(k, v) for k, v in parse_qsl(more.query) if k != "until"])
        paths.append((name + " (half-way)", f"{more.path}?{query}"))
    return paths


def post_body() -> str:
    """A batch of 100 statements as the wrk script makes them."""
    statements = []
    for _ in range(100):
        activity = random.randint(1, ACTIVITIES)
        statements.append(
            {
                "id": str(uuid.uuid4()),
                "actor": {"mbox": f"mailto:learner{random.randint(1, LEARNERS)}@bench.example"},
                "verb": {
                    "id": "http://adlnet.gov/expapi/verbs/completed",
                    "display": {"en-US": "completed"},
                },
                "object": {
                    "id": f"{SITE}/activities/{activity}",
                    "definition": {"name": {"en": f"Activity {activity}"}},
                },
                "result": {"completion": True, "duration": "PT4M12S"},
            }
        )
    return json.dumps(statements)


# --- CPU per request, in one process (runs with DATABASE_URL set to the benchmark database) ---


def cpu(batches: int) -> None:
    """CPU milliseconds (process time: what a busy machine changes least) of one POST of 100
    statements and of each GET, through Django's test client, with their queries."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "praxis.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    headers = {"Authorization": AUTHORIZATION, "X-Experience-API-Version": "1.0.3"}
    bodies = iter([post_body() for _ in range(batches + 4)])  # made before, not timed

    def post() -> int:
        return client.post(
            STATEMENTS_PATH, next(bodies), content_type="application/json", headers=headers
        ).status_code

    def reader(path: str) -> Callable[[], int]:
        return lambda: client.get(path, headers=headers).status_code

    requests: dict[str, Callable[[], int]] = {"POST of 100 statements": post}
    for name, path in get_paths(lambda path: client.get(path, headers=headers).json()):
        requests[name] = reader(path)
    for name, request in requests.items():
        for _ in range(3):
            request()
        with CaptureQueriesContext(connection) as captured:
            status = request()
        queries = len(captured.captured_queries)
        started = time.process_time()
        for _ in range(batches):
            request()
        each = (time.process_time() - started) / batches * 1000
        say(f"   {name}: {each:.1f} CPU ms, {queries} queries, status {status}")


# --- measuring -----------------------------------------------------------------------------


KINDS = set(os.environ.get("BENCH_LRS_DATABASES", "sqlite,postgresql").split(","))
MEASURED = set(os.environ.get("BENCH_LRS_MEASURE", "post,get").split(","))
GIVEN_POSTGRES = os.environ.get("BENCH_LRS_DATABASE_URL", "")


def databases() -> list[tuple[str, str]]:
    """(DATABASE_URL, description) of each database to measure on."""
    found = []
    if "sqlite" in KINDS:
        path = Path(os.environ.get("PRAXIS_VAR_DIR", ROOT / "var")) / "bench" / "lrs.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        if not common.REUSE:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        found.append((f"sqlite:///{path}", "SQLite"))
    if "postgresql" in KINDS:
        if GIVEN_POSTGRES:
            found.append((GIVEN_POSTGRES, "PostgreSQL"))
        elif postgres := common.postgres_bench_database("lrs_bench"):
            found.append((postgres, "PostgreSQL"))
    return found


def wrk(
    url: str, script: str, env: dict[str, str], connections: int, seconds: int = common.SECONDS
) -> str:
    command = [
        common.ensure_wrk(),
        "-t1",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "-H",
        f"Authorization: {AUTHORIZATION}",
        "-H",
        "X-Experience-API-Version: 1.0.3",
        "-s",
        script,
        url,
    ]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=seconds + 60)
    if done.returncode:
        sys.exit(f"wrk failed: {done.stderr.strip()}")
    return done.stdout


TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU seconds the processes have used (those on this machine)."""
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / TICKS
    return total


def worker_pids(server: subprocess.Popen[bytes]) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True)
    return [int(pid) for pid in found.stdout.split()]


def database_pids(database_url: str) -> list[int]:
    """The PostgreSQL server processes serving the benchmark database (none for SQLite, whose
    work is done in the workers)."""
    if not database_url.startswith(("postgres://", "postgresql://")):
        return []
    import psycopg  # only needed with PostgreSQL

    with psycopg.connect(database_url, autocommit=True) as connection:
        rows = connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        ).fetchall()
    return [pid for (pid,) in rows]


def read_json(base: str) -> Callable[[str], dict[str, Any]]:
    def read(path: str) -> dict[str, Any]:
        request = urllib.request.Request(
            base + path,
            headers={"Authorization": AUTHORIZATION, "X-Experience-API-Version": "1.0.3"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            found: dict[str, Any] = json.load(response)
        return found

    return read


def measure(database_url: str, label: str) -> list[list[str]]:
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "0", "LOG_LEVEL": "WARNING"}
    if common.REUSE:
        say(f"== LRS on {label}: the statements stored by an earlier run")
    else:
        say(f"== LRS on {label}: migrate and load {STATEMENTS:,} statements")
        common.manage(env, "migrate", "--noinput", "--verbosity", "0")
        common.manage(env, "create_lrs_client", "bench", "--key", KEY, "--secret", SECRET)
        subprocess.run([common.PYTHON, __file__, "load", str(STATEMENTS)], env=env, check=True)
    port = common.free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            *(common.GUNICORN, "praxis.wsgi", "--bind", f"127.0.0.1:{port}"),
            *("--workers", str(common.WORKERS), "--log-level", "warning"),
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    rows = [
        [
            "LRS, " + label,
            "connections",
            "statements/s",
            "req/s",
            "p50 ms",
            "p99 ms",
            "errors",
            "CPU ms/req: workers",
            "database",
        ]
    ]
    results = []
    try:
        common.wait_until_up(base, server, timeout=300)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as post_script:
            post_script.write(POST_LUA)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as get_script:
            get_script.write("-- plain GET\n")
        workers = worker_pids(server)
        for batch in (1, 100) if "post" in MEASURED else ():
            run_env = {**env, "BENCH_BATCH": str(batch), "BENCH_AUTH": AUTHORIZATION}
            say(f"== POST {batch} statement(s) per request")
            url = base + STATEMENTS_PATH
            wrk(url, post_script.name, run_env, common.CONNECTIONS, common.WARM_SECONDS)
            # The database's processes: those of the workers' connections, open after warm-up.
            serving = database_pids(database_url)
            before = cpu_seconds(workers), cpu_seconds(serving)
            output = wrk(url, post_script.name, run_env, common.CONNECTIONS)
            after = cpu_seconds(workers), cpu_seconds(serving)
            m = common.parse_wrk(f"POST {batch}", STATEMENTS_PATH, output)
            done = max(m.requests, 1)
            worker_ms = (after[0] - before[0]) / done * 1000
            database_ms = (after[1] - before[1]) / done * 1000
            results.append(
                asdict(m)
                | {
                    "statements_per_second": m.requests_per_second * batch,
                    "connections": common.CONNECTIONS,
                    "worker_cpu_ms": worker_ms,
                    "database_cpu_ms": database_ms if serving else None,
                }
            )
            rows.append(
                [
                    f"POST batch of {batch}",
                    str(common.CONNECTIONS),
                    f"{m.requests_per_second * batch:,.0f}",
                    f"{m.requests_per_second:,.0f}",
                    f"{m.p50_ms:.1f}",
                    f"{m.p99_ms:.1f}",
                    str(m.errors),
                    f"{worker_ms:.1f}",
                    f"{database_ms:.1f}" if serving else "",
                ]
            )
        paths = get_paths(read_json(base)) if "get" in MEASURED else []
        for connections in sorted({1, common.CONNECTIONS}):
            for name, path in paths:
                say(f"== {name}, {connections} connection(s)")
                output = wrk(base + path, get_script.name, env, connections)
                m = common.parse_wrk(name, path, output)
                results.append(asdict(m) | {"connections": connections})
                rows.append(
                    [name, str(connections), "", f"{m.requests_per_second:,.0f}",
                     f"{m.p50_ms:.1f}", f"{m.p99_ms:.1f}", str(m.errors), "", ""]
                )  # fmt: skip
        Path(post_script.name).unlink(missing_ok=True)
        Path(get_script.name).unlink(missing_ok=True)
    finally:
        common.stop(server)
    common.RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    (common.RESULTS / f"lrs-{label.lower()}-{stamp}.json").write_text(
        json.dumps({"database": label, "statements": STATEMENTS, "results": results}, indent=2)
    )
    return rows


def main() -> None:
    tables = [measure(url, label) for url, label in databases()]
    say()
    say(
        f"Praxis LRS benchmark · {datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {os.cpu_count()} CPUs · "
        f"{STATEMENTS:,} statements loaded before the GETs · gunicorn {common.WORKERS} workers · "
        f"wrk, {common.SECONDS} s each"
    )
    for rows in tables:
        say()
        say(common.table(rows, right={1, 2, 3, 4, 5, 6, 7, 8}))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "load":
        load(int(sys.argv[2]))
    elif len(sys.argv) == 3 and sys.argv[1] == "cpu":
        cpu(int(sys.argv[2]))
    else:
        main()
