"""Benchmark the Learning Record Store at /xapi/: writes per second and query latency at scale.

For SQLite, and for PostgreSQL too when DATABASE_URL names one:

1. Builds a throwaway database (var/bench/lrs.sqlite3, or "<name>_lrs_bench" beside the
   PostgreSQL database), migrates it and bulk-loads BENCH_STATEMENTS statements (1,000,000;
   COPY on PostgreSQL, executemany on SQLite) from 1,000 learners, 20 verbs and 5,000 activities,
   with the index rows the LRS writes for each.
2. Starts gunicorn (BENCH_WORKERS, 2) and, with wrk and BENCH_CONNECTIONS (8) concurrent
   connections for BENCH_SECONDS (10) each, measures:
   - POST of 1 statement and of a batch of 100 (fresh ids every request): statements/s;
   - GET with limit=25 filtered by agent, by verb and agent, by activity, and unfiltered:
     p50 and p99 latency.
3. Prints the figures with the error count (non-2xx responses and socket errors) and saves them
   under bench/results/. Nothing passes or fails on time.

BENCH_LRS_DATABASES ("sqlite,postgresql") names the databases to measure on.
BENCH_LRS_DATABASE_URL names the PostgreSQL database to use as it is, instead of building
"<name>_lrs_bench"; with BENCH_REUSE=1 the statements already in it are kept (no load), so that
two versions of the code can be measured in turn on the same million statements.
`python bench/lrs.py cpu <n>`, with DATABASE_URL naming a database it loaded, prints instead the
CPU time and queries of one POST of 100 statements and of one GET by agent, in one process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import run as common  # noqa: E402  (bench/run.py: wrk, gunicorn and report helpers)

ROOT = BENCH.parent
STATEMENTS = int(os.environ.get("BENCH_STATEMENTS", "1000000"))
LEARNERS, VERBS, ACTIVITIES = 1000, 20, 5000
KEY, SECRET = "bench-lrs", "bench-lrs-secret"
SITE = "https://bench.example"
CHUNK = 20000

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
    authority = json.dumps(
        {"objectType": "Agent", "name": "bench", "account": {"homePage": SITE, "name": KEY}}
    )
    authority_key = f"account|{SITE}|{KEY}"

    def rows(start: int, stop: int):  # type: ignore[no-untyped-def]  # DB-API cursors and rows are untyped
        for i in range(start, stop):
            statement_id = str(uuid.uuid4())
            learner, verb, activity = i % LEARNERS, i % VERBS, (i * 7) % ACTIVITIES
            stored = now + timedelta(microseconds=i * 50)
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
            statements = [
                (sid, actor, verb, act, "", stored, stored, False, data, "")
                for sid, actor, verb, act, stored, data in chunk
            ]
            relations = [(sid, "g", authority_key, stored) for sid, _, _, _, stored, _ in chunk]
            if vendor == "postgresql":
                copy_rows(cursor, statements, relations)
            else:
                sqlite_rows(cursor, statements, relations)
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
    "fingerprint"
)


def copy_rows(cursor, statements, relations) -> None:  # type: ignore[no-untyped-def]  # DB-API cursors and rows are untyped
    raw = cursor.cursor  # psycopg's own cursor under Django's wrapper
    with raw.copy(f"COPY lrs_statement ({STATEMENT_COLUMNS}) FROM STDIN") as copy:
        for row in statements:
            copy.write_row(row)
    with raw.copy(
        "COPY lrs_statementrelation (statement_id, kind, key, stored) FROM STDIN"
    ) as copy:
        for row in relations:
            copy.write_row(row)


def sqlite_rows(cursor, statements, relations) -> None:  # type: ignore[no-untyped-def]  # DB-API cursors and rows are untyped
    # sqlite3's own executemany with "?" placeholders: Django's wrapper rewrites every row.
    raw = cursor.db.connection
    raw.execute("PRAGMA synchronous=OFF")
    placeholders = ",".join(["?"] * 10)
    raw.executemany(
        f"INSERT INTO lrs_statement ({STATEMENT_COLUMNS}) VALUES ({placeholders})",  # noqa: S608 - constant columns
        [(sid.replace("-", ""), *map(_sqlite_value, rest)) for sid, *rest in statements],
    )
    raw.executemany(
        "INSERT INTO lrs_statementrelation (statement_id, kind, key, stored) VALUES (?,?,?,?)",
        [(sid.replace("-", ""), *map(_sqlite_value, rest)) for sid, *rest in relations],
    )


def _sqlite_value(value: object) -> object:
    """Datetimes as Django keeps them in SQLite: naive UTC text."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(" ")
    return value


# --- CPU per request, in one process (runs with DATABASE_URL set to the benchmark database) ---


def cpu(batches: int) -> None:
    """CPU milliseconds (process time: what a busy machine changes least) of one POST of 100
    statements and of one GET by agent, through Django's test client, with their queries."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "praxis.settings")
    sys.path.insert(0, str(ROOT))
    import base64
    import random

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    headers = {
        "Authorization": "Basic " + base64.b64encode(f"{KEY}:{SECRET}".encode()).decode(),
        "X-Experience-API-Version": "1.0.3",
    }

    def batch() -> str:
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

    agent = quote(json.dumps({"mbox": "mailto:learner42@bench.example"}))

    bodies = iter([batch() for _ in range(batches + 4)])  # made before, not timed

    def post() -> int:
        return client.post(
            "/xapi/statements", next(bodies), content_type="application/json", headers=headers
        ).status_code

    def get() -> int:
        return client.get(f"/xapi/statements?agent={agent}&limit=25", headers=headers).status_code

    requests: dict[str, Callable[[], int]] = {
        "POST of 100 statements": post,
        "GET limit=25 by agent": get,
    }
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


def wrk(url: str, script: str, env: dict[str, str], auth: str) -> str:
    command = [
        common.ensure_wrk(),
        "-t1",
        f"-c{common.CONNECTIONS}",
        f"-d{common.SECONDS}s",
        "--latency",
        "-H",
        f"Authorization: {auth}",
        "-H",
        "X-Experience-API-Version: 1.0.3",
        "-s",
        script,
        url,
    ]
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=common.SECONDS + 60
    )
    if done.returncode:
        sys.exit(f"wrk failed: {done.stderr.strip()}")
    return done.stdout


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
    import base64

    auth = "Basic " + base64.b64encode(f"{KEY}:{SECRET}".encode()).decode()
    rows = [["LRS, " + label, "statements/s", "req/s", "p50 ms", "p99 ms", "errors"]]
    results = []
    try:
        common.wait_until_up(base, server, timeout=300)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as post_script:
            post_script.write(POST_LUA)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as get_script:
            get_script.write("-- plain GET\n")
        for batch in (1, 100):
            run_env = {**env, "BENCH_BATCH": str(batch), "BENCH_AUTH": auth}
            say(f"== POST {batch} statement(s) per request")
            output = wrk(base + "/xapi/statements", post_script.name, run_env, auth)
            m = common.parse_wrk(f"POST {batch}", "/xapi/statements", output)
            results.append(asdict(m) | {"statements_per_second": m.requests_per_second * batch})
            rows.append(
                [
                    f"POST batch of {batch}",
                    f"{m.requests_per_second * batch:,.0f}",
                    f"{m.requests_per_second:,.0f}",
                    f"{m.p50_ms:.1f}",
                    f"{m.p99_ms:.1f}",
                    str(m.errors),
                ]
            )
        agent = quote(json.dumps({"mbox": "mailto:learner42@bench.example"}))
        verb = quote("http://adlnet.gov/expapi/verbs/bench2")
        activity = quote(f"{SITE}/activities/294")
        queries = [
            ("GET agent", f"/xapi/statements?agent={agent}&limit=25"),
            ("GET verb + agent", f"/xapi/statements?agent={agent}&verb={verb}&limit=25"),
            ("GET activity", f"/xapi/statements?activity={activity}&limit=25"),
            ("GET unfiltered", "/xapi/statements?limit=25"),
        ]
        for name, path in queries:
            say(f"== {name}")
            m = common.parse_wrk(name, path, wrk(base + path, get_script.name, env, auth))
            results.append(asdict(m))
            rows.append(
                [name, "", f"{m.requests_per_second:,.0f}", f"{m.p50_ms:.1f}", f"{m.p99_ms:.1f}",
                 str(m.errors)]
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
        f"{STATEMENTS:,} statements stored before the GETs · gunicorn {common.WORKERS} workers · "
        f"wrk {common.CONNECTIONS} connections, {common.SECONDS} s each"
    )
    for rows in tables:
        say()
        say(common.table(rows, right={1, 2, 3, 4, 5}))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "load":
        load(int(sys.argv[2]))
    elif len(sys.argv) == 3 and sys.argv[1] == "cpu":
        cpu(int(sys.argv[2]))
    else:
        main()
