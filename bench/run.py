"""Benchmarks: every page and write a person makes, next to /healthz, and page weights.

What it does, in order:

1. Builds a separate benchmark database: var/bench/bench.sqlite3 by default (under
   PRAXIS_VAR_DIR when set), or, when
   DATABASE_URL names a PostgreSQL server, a database beside it whose name ends in "_bench"
   (dropped and created anew). It is filled by `manage.py bench_data` with BENCH_COURSES
   courses (1,000), BENCH_LEARNERS learners (100,000), BENCH_EVENTS events (1,000) and
   BENCH_POSTS community posts (200,000), and bench/events.py's conference of 200 sessions.
2. Starts gunicorn with 2 workers (BENCH_WORKERS) on a free port of 127.0.0.1, and logs in,
   through the login form, as the benchmark learner with the most enrolments. bench/people.py
   signs in the people some pages are for (a member of a community, a registrant, staff) and
   prepares, for each write, requests that each change fresh state.
3. Measures each page with `wrk` after a warm-up (BENCH_WARM_SECONDS, 3 s), asking for it as
   Chromium does (`Accept-Encoding: gzip, deflate, br, zstd`, BENCH_ACCEPT_ENCODING; pages are
   then compressed, as browsers receive them; empty: uncompressed): a fixed number of
   concurrent connections (BENCH_CONNECTIONS, 8) for a fixed time (BENCH_SECONDS, 10 s), and at
   most BENCH_MAX_REQUESTS requests per run (a Lua hook stops the run when they are reached).
   Then each write (a lesson done, a course completed with its certificate, an enrolment, an
   event registration, a reply): wrk sends its prepared requests once each
   (bench/requests.lua), BENCH_WRITE_WARM_REQUESTS (300) to warm up and at most
   BENCH_WRITE_REQUESTS (1,500) measured, and bench/people.py counts the changes they made.
4. Prints requests per second, p50 and p99 latency, errors and the share of the /healthz
   ceiling of each, the writes' changes, and the compressed weight of each page as served
   (HTML + CSS + JS, gzip).
5. Stops the server. Figures are printed and saved under bench/results/; nothing passes or fails
   on time.

Why wrk: on a 2-core machine a load generator written in Python spends as much CPU building
requests as the server spends answering them, and so measures itself. wrk is a small C program
(Debian package "wrk", installed here when missing) that drives many connections from one thread
with little CPU, and reports latency percentiles (--latency). It is given a single thread so that
it takes as little as possible from the two workers; the figures still include its share of the
machine, so they are a lower bound for a server that runs alone.

Set BENCH_REUSE=1 to keep an existing benchmark database instead of building it again, and
BENCH_ONLY to measure only the pages and writes whose names hold one of its comma-separated
words (`/healthz` is always measured, for the ratios).
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlencode, urlsplit, urlunsplit

if TYPE_CHECKING:
    from weights import Weight

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
RESULTS = ROOT / "bench" / "results"

COURSES = int(os.environ.get("BENCH_COURSES", "1000"))
LEARNERS = int(os.environ.get("BENCH_LEARNERS", "100000"))
EVENTS = int(os.environ.get("BENCH_EVENTS", "1000"))
POSTS = int(os.environ.get("BENCH_POSTS", "200000"))
# Seconds wrk waits for one answer before counting it as a timeout.
REQUEST_TIMEOUT = int(os.environ.get("BENCH_REQUEST_TIMEOUT", "30"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
# What a browser says it can decode (Chromium's header).
ACCEPT_ENCODING = os.environ.get("BENCH_ACCEPT_ENCODING", "gzip, deflate, br, zstd")
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
WARM_SECONDS = int(os.environ.get("BENCH_WARM_SECONDS", "3"))
# Between two measurements the machine is taken as quiet when less of its CPU than this is busy
# (one of two cores busy is 0.5).
QUIET_SHARE = float(os.environ.get("BENCH_QUIET_SHARE", "0.15"))
MAX_REQUESTS = int(os.environ.get("BENCH_MAX_REQUESTS", "100000"))
REUSE = os.environ.get("BENCH_REUSE", "") in {"1", "true", "yes"}
ONLY = [word for word in os.environ.get("BENCH_ONLY", "").split(",") if word]
# The DATABASE_URL make bench was given, kept for the parts that build their own databases.
GIVEN_DATABASE_URL = "BENCH_GIVEN_DATABASE_URL"
# (part, heading, script) run after the pages, each in its own process; the paths and the
# memory run on a copy of the demo database, the others on throwaway databases of their own.
OTHER_PARTS = [
    ("paths", "paths (CPU per request, in one process)", "paths.py"),
    ("memory", "memory of make run's server (gunicorn master and two workers)", "memory.py"),
    ("research", "", "research.py"),
    ("assessments", "", "assessments.py"),
    ("credentials", "credentials", "credentials.py"),
    ("community", "community", "community.py"),
    ("events", "events", "events.py"),
    ("lrs", "LRS", "lrs.py"),
    ("search", "search", "search.py"),
    ("packages", "content package import", "packages.py"),
    ("search_scale", "search at scale", "search_scale.py"),
    ("slow3g", "first load on slow 3G (400 kb/s, 400 ms, CPU 4x)", "slow3g.py"),
]
PARTS = set(
    os.environ.get("BENCH_PARTS", "").split(",")
    if os.environ.get("BENCH_PARTS")
    # The search at scale builds a database of its own for tens of minutes: only when named.
    else [part for part, _title, _script in OTHER_PARTS if part != "search_scale"]
)

# Stops the (single) wrk thread once it has the responses it was allowed.
STOP_AFTER_LUA = """
local limit = tonumber(os.getenv("BENCH_MAX_REQUESTS") or "100000")
local seen = 0
function response(status, headers, body)
  seen = seen + 1
  if seen >= limit then wrk.thread:stop() end
end
"""


@dataclass
class Measurement:
    page: str
    path: str
    requests: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    mean_ms: float = 0.0
    # For a write: the requests of its warm-up, and how many changes all its requests made.
    warm_requests: int = 0
    done: int | None = None


def chosen(name: str) -> bool:
    """Whether BENCH_ONLY leaves this page or write to be measured."""
    return not ONLY or name == "/healthz" or any(word in name for word in ONLY)


def say(line: str = "") -> None:
    print(line, flush=True)


def ensure_wrk() -> str:
    """The path of wrk, installing the Debian package when it is missing and we may."""
    if found := shutil.which("wrk"):
        return found
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        sys.exit("wrk is needed: install it (Debian/Ubuntu: apt-get install wrk) and run again.")
    say("Installing wrk (Debian package)…")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}

    def apt_get(*arguments: str, check: bool) -> int:
        command = ["apt-get", *arguments, "-qq"]
        return subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=check).returncode

    if apt_get("install", "-y", "wrk", check=False):
        apt_get("update", check=True)
        apt_get("install", "-y", "wrk", check=True)
    return shutil.which("wrk") or sys.exit("wrk could not be installed.")


def bench_database() -> tuple[str, str]:
    """(DATABASE_URL for the benchmark database, a description), emptied unless BENCH_REUSE."""
    if found := postgres_bench_database("bench", recreate=not REUSE):
        return found, f"PostgreSQL database {urlsplit(found).path.lstrip('/')}"
    path = Path(os.environ.get("PRAXIS_VAR_DIR", ROOT / "var")) / "bench" / "bench.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not REUSE:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{path}", f"SQLite {path}"


def postgres_bench_database(suffix: str, *, recreate: bool = True) -> str | None:
    """The URL of "<database>_<suffix>" beside the PostgreSQL database the environment names.

    The database named by BENCH_GIVEN_DATABASE_URL (set for the parts run after the pages, whose
    DATABASE_URL is the pages' benchmark database) or else DATABASE_URL gives the server, the
    credentials and the name to build on; the benchmark database is dropped and created through a
    connection to it (or, while it does not exist yet, to the server's default database for that
    user), so no database name is written here. None when that is not PostgreSQL.
    """
    given = os.environ.get(GIVEN_DATABASE_URL) or os.environ.get("DATABASE_URL", "")
    if not given.startswith(("postgres://", "postgresql://")):
        return None
    parts = urlsplit(given)
    base = parts.path.lstrip("/")
    if not base:
        sys.exit("DATABASE_URL names no PostgreSQL database to put the benchmark one beside.")
    name = f"{base}_{suffix}"
    if recreate:
        import psycopg  # only needed with PostgreSQL

        try:
            connection = psycopg.connect(given, autocommit=True)
        except psycopg.OperationalError:
            # That database is not made yet: the server's default one for the user instead.
            connection = psycopg.connect(urlunsplit(parts._replace(path="")), autocommit=True)
        with connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path="/" + name))


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str, *, gzip_ok: bool = False, timeout: float = 30) -> tuple[int, bytes, str]:
    """(status, body as sent, content-encoding) of a GET."""
    headers = {"Accept-Encoding": "gzip"} if gzip_ok else {}
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read(), response.headers.get("Content-Encoding", "")
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers.get("Content-Encoding", "")
    except TimeoutError:
        return 0, b"", ""  # no answer in time: no status


def wait_until_up(base: str, server: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("gunicorn stopped while starting; see its output above.")
        try:
            if fetch(base + "/healthz", timeout=2)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit("gunicorn did not answer /healthz in time.")


def wait_until_served(base: str) -> None:
    """Returns once the requests still queued when wrk stopped (those in flight at the end of
    its time) have been served, so that the next measurement starts clean: /healthz answered,
    and then the machine quiet (under QUIET_SHARE of its CPU busy over half a second). An answer
    to /healthz alone says only that one worker is free: the other, or the database, may still
    be working for seconds on a slow page's last requests (the analytics dashboard's, measured
    just before /healthz). On a machine busy with other work, it stops waiting for quiet after
    the time wrk's queue could take at most."""
    deadline = time.monotonic() + REQUEST_TIMEOUT * CONNECTIONS
    fetch(base + "/healthz", timeout=REQUEST_TIMEOUT * CONNECTIONS)
    while time.monotonic() < deadline and busy_share(0.5) > QUIET_SHARE:
        pass


def busy_share(seconds: float) -> float:
    """The share of the machine's CPU time (all cores) that was busy over the next `seconds`."""

    def sample() -> tuple[int, int]:
        jiffies = [
            int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
        ]
        return sum(jiffies), jiffies[3] + jiffies[4]  # all, and idle with waiting for I/O

    total, idle = sample()
    time.sleep(seconds)
    total_after, idle_after = sample()
    return 1 - (idle_after - idle) / max(1, total_after - total)


def find_course_path(base: str) -> str:
    """The first course linked from the catalogue: the page a visitor opens next."""
    status, body, _encoding = fetch(base + "/courses/")
    if status != 200:
        sys.exit(f"/courses/ answered {status}; cannot pick a course page.")
    for path in re.findall(r'href="(/courses/[\w-]+/)"', body.decode("utf-8", "replace")):
        if path != "/courses/my-learning/":
            return str(path)
    sys.exit("The catalogue links to no course.")


def run_wrk(
    wrk: str, url: str, seconds: int, script: str, cookie: str = "", requests: str = ""
) -> str:
    """wrk's report of `seconds` of requests to `url`, or of the requests listed in the file
    `requests` (bench/requests.lua sends each once)."""
    # A slow answer is waited for and measured (wrk's own limit is 2 s): a request given up on
    # would still be served after the run, and taken from the next page's time.
    command = [
        *(wrk, "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", f"--timeout={REQUEST_TIMEOUT}s"),
        *("--latency", "-s", script, url),
    ]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    if ACCEPT_ENCODING:
        command[1:1] = ["-H", f"Accept-Encoding: {ACCEPT_ENCODING}"]
    env = {
        **os.environ,
        "BENCH_MAX_REQUESTS": str(MAX_REQUESTS),
        "BENCH_REQUESTS_FILE": requests,
        "BENCH_CONNECTIONS": str(CONNECTIONS),
    }
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=seconds + 60)
    if done.returncode:
        sys.exit(f"wrk failed: {done.stderr.strip()}")
    return done.stdout


# The benchmark learner with the most enrolments: "My learning" at its heaviest.
BUSIEST_LEARNER = """
from django.db.models import Count
from praxis.catalog.models import Enrolment
from praxis.demo.bench_data import LEARNER_DOMAIN
from praxis.demo.content.people import PASSWORD
busiest = (
    Enrolment.objects.filter(learner__email__endswith="@" + LEARNER_DOMAIN)
    .values("learner__email").annotate(count=Count("id")).order_by("-count").first()
)
enrolment = (
    Enrolment.objects.filter(learner__email=busiest["learner__email"], status="active")
    .select_related("course").order_by("id").first()
)
lesson = enrolment.course.modules.order_by("position").first().lessons.order_by("position").first()
course_path = f"/courses/{enrolment.course.slug}/"
print(busiest["learner__email"], busiest["count"], PASSWORD, course_path,
      f"{course_path}lessons/{lesson.uuid}/")
"""


def busiest_learner(env: dict[str, str]) -> tuple[str, int, str, str, str]:
    """(e-mail, number of enrolments, password, the path of a course they follow and of its
    first lesson) of the learner with the most enrolments."""
    done = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", BUSIEST_LEARNER],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    email, count, password, course, lesson = done.stdout.strip().splitlines()[-1].split()
    return email, int(count), password, course, lesson


def log_in(base: str, email: str, password: str) -> str:
    """The Cookie header of a session logged in through the login form, as a browser would."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login_url = base + "/accounts/login/"
    form = opener.open(login_url, timeout=30).read().decode("utf-8", "replace")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
    if token is None:
        sys.exit("The login page has no CSRF token.")
    fields = {"csrfmiddlewaretoken": token.group(1), "email": email, "password": password}
    request = urllib.request.Request(
        login_url, data=urlencode(fields).encode(), headers={"Referer": login_url}
    )
    opener.open(request, timeout=30).read()
    cookies = {cookie.name: cookie.value for cookie in jar}
    if "sessionid" not in cookies:
        sys.exit(f"Could not log in as {email}.")
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def to_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()  # type: ignore[union-attr]  # the duration was checked by the parser
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def parse_wrk(page: str, path: str, output: str) -> Measurement:
    def number(pattern: str) -> str:
        match = re.search(pattern, output)
        return match.group(1) if match else "0"

    errors = int(number(r"Non-2xx or 3xx responses: (\d+)"))
    errors += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    return Measurement(
        page=page,
        path=path,
        requests=int(number(r"(\d+) requests in")),
        requests_per_second=float(number(r"Requests/sec:\s+([\d.]+)")),
        p50_ms=to_ms(number(r"\s50%\s+([\d.]+(?:us|ms|s|m))")),
        p99_ms=to_ms(number(r"\s99%\s+([\d.]+(?:us|ms|s|m))")),
        errors=errors,
        mean_ms=to_ms(number(r"Latency\s+([\d.]+(?:us|ms|s|m))")),
    )


def table(rows: list[list[str]], right: set[int]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]

    def line(row: list[str]) -> str:
        cells = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        return "  ".join(cells).rstrip()

    return "\n".join([line(rows[0]), "  ".join("-" * w for w in widths), *map(line, rows[1:])])


def stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def main() -> None:
    import writes  # bench/writes.py, which uses this module's helpers
    from weights import page_weight

    wrk = ensure_wrk()
    database_url, database = bench_database()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "LOG_LEVEL": "WARNING",
        # The writes' confirmations go to an outbox in memory, not to the console.
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }

    say(f"== Benchmark database: {database}")
    started = time.monotonic()
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    manage(
        env,
        "bench_data",
        *("--courses", str(COURSES), "--learners", str(LEARNERS)),
        *("--events", str(EVENTS), "--posts", str(POSTS)),
    )
    subprocess.run(
        [PYTHON, str(ROOT / "bench" / "events.py"), "seed"], cwd=ROOT, env=env, check=True
    )
    build_seconds = time.monotonic() - started

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    say(f"== gunicorn, {WORKERS} workers, on {base}")
    server = subprocess.Popen(
        [
            *(GUNICORN, "praxis.wsgi", "--bind", f"127.0.0.1:{port}"),
            *("--workers", str(WORKERS), "--log-level", "warning"),
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,  # its own process group, so that stopping it stops its workers
    )
    try:
        wait_until_up(base, server)
        course_path = find_course_path(base)
        email, enrolments, password, enrolled_path, lesson_path = busiest_learner(env)
        cookie = log_in(base, email, password)
        prepared_file = Path(tempfile.mkdtemp(prefix="praxis-bench-")) / "people.json"
        subprocess.run(
            [PYTHON, str(ROOT / "bench" / "people.py"), "prepare", str(prepared_file)],
            cwd=ROOT,
            env=env,
            check=True,
        )
        prepared = json.loads(prepared_file.read_text())
        # (page, path, Cookie header): anonymous visitors first, then a logged-in learner.
        pages = [
            ("home", "/", ""),
            ("catalogue", "/courses/", ""),
            ("catalogue search", "/courses/?q=health&language=en", ""),
            ("search, every kind", "/search/?q=higene+de+manos", ""),
            ("API search", "/api/v1/search?q=vaccine", ""),
            ("course page", course_path, ""),
            ("home, logged in", "/", cookie),
            ("catalogue, logged in", "/courses/", cookie),
            ("course page, enrolled", enrolled_path, cookie),
            ("lesson page", lesson_path, cookie),
            (f"My learning ({enrolments} courses)", "/courses/my-learning/", cookie),
            ("notification centre", "/notifications/", cookie),
            ("events list", "/events/", ""),
            ("events list, logged in", "/events/", cookie),
            ("events calendar", "/events/calendar/", ""),
            ("event page", "/events/bench-conference/", ""),
            ("timetable (3 days, 200 sessions)", "/events/bench-conference/timetable/", ""),
            ("API course list", "/api/v1/courses", ""),
            ("API partner list", "/api/v1/partners", ""),
            ("API partner list, logged in", "/api/v1/partners", cookie),
            ("API community list", "/api/v1/communities", ""),
            ("API event list", "/api/v1/events", ""),
            *(tuple(read) for read in prepared["reads"]),
            ("/healthz", "/healthz", ""),
        ]
        pages = [(page, path, cookie) for page, path, cookie in pages if chosen(page)]
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(STOP_AFTER_LUA)
        measurements = []
        for page, path, cookie in pages:
            say(f"== {page} ({path}): warm-up {WARM_SECONDS} s, then {SECONDS} s")
            run_wrk(wrk, base + path, WARM_SECONDS, script.name, cookie)
            output = run_wrk(wrk, base + path, SECONDS, script.name, cookie)
            measurements.append(parse_wrk(page, path, output))
            wait_until_served(base)
        measurements += writes.measure_writes(wrk, base, env, prepared, prepared_file)
        weights = [
            page_weight(base, page, path)
            for page, path, cookie in pages
            if not cookie and path != "/healthz"
        ]
        Path(script.name).unlink(missing_ok=True)
        shutil.rmtree(prepared_file.parent, ignore_errors=True)
    finally:
        stop(server)
    report(measurements, weights, database, build_seconds)
    # The other benchmarks, each in its own process; BENCH_PARTS names a subset.
    for part, title, part_script in OTHER_PARTS:
        if part not in PARTS:
            continue
        if title:
            say(f"== {title}")
        given = {GIVEN_DATABASE_URL: os.environ.get("DATABASE_URL", "")}
        script_env = {**env, **given} if part not in {"paths", "memory"} else None
        subprocess.run(
            [PYTHON, str(ROOT / "bench" / part_script)], cwd=ROOT, env=script_env, check=False
        )


def report(
    measurements: list[Measurement], weights: list[Weight], database: str, build_seconds: float
) -> None:
    from weights import say_weights  # bench/weights.py, which uses this module's helpers

    ceiling = next(m for m in measurements if m.path == "/healthz").requests_per_second
    say()
    say(
        f"Praxis benchmark · {datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {os.cpu_count()} CPUs · "
        f"{database}"
    )
    say(
        f"{COURSES:,} courses, {LEARNERS:,} learners, {EVENTS:,} events, {POSTS:,} posts "
        f"(built in {build_seconds:.0f} s) · "
        f"gunicorn {WORKERS} sync workers · wrk 1 thread, {CONNECTIONS} connections, "
        f"{SECONDS} s per page (at most {MAX_REQUESTS:,} requests)"
    )
    say()
    rows = [["page", "path", "requests", "req/s", "p50 ms", "p99 ms", "errors", "of ceiling"]]
    for m in measurements:
        share = f"{100 * m.requests_per_second / ceiling:.0f} %" if ceiling else "–"
        rows.append(
            [
                m.page,
                m.path,
                f"{m.requests:,}",
                f"{m.requests_per_second:,.0f}",
                f"{m.p50_ms:.1f}",
                f"{m.p99_ms:.1f}",
                str(m.errors),
                share,
            ]
        )
    say(table(rows, right={2, 3, 4, 5, 6, 7}))
    import writes  # bench/writes.py, which uses this module's helpers

    writes.say_writes([m for m in measurements if m.done is not None])
    say()
    say_weights(weights)
    catalogue = next((m for m in measurements if m.page == "catalogue"), None)
    if ceiling and catalogue:
        served = 100 * catalogue.requests_per_second / ceiling
        say()
        say(f"The catalogue serves {served:.0f} % of the /healthz ceiling.")

    RESULTS.mkdir(parents=True, exist_ok=True)
    saved = RESULTS / f"bench-{datetime.now(UTC):%Y%m%dT%H%M%S}.json"
    saved.write_text(
        json.dumps(
            {
                "database": database,
                "courses": COURSES,
                "learners": LEARNERS,
                "workers": WORKERS,
                "connections": CONNECTIONS,
                "seconds": SECONDS,
                "build_seconds": round(build_seconds, 1),
                "measurements": [asdict(m) for m in measurements],
                "weights": [{**asdict(w), "total": w.total} for w in weights],
            },
            indent=2,
        )
    )
    say(f"Saved to {saved.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
