"""Memory of `make run`'s server: the gunicorn master and its two workers, idle and warmed up.

`python bench/memory.py` copies the demo database (var/praxis.sqlite3, made by `make run` or
`make demo`; its static files are collected first when PRAXIS_VAR_DIR has none, as the pages
name them), serves it as `make run` does (`gunicorn praxis.demo.wsgi --preload`, two workers)
on BENCH_MEMORY_PORT (a free port when unset), and reads each process's memory from
/proc/<pid>/smaps_rollup: once idle, and once after a warm-up that visits every page of the
site reachable from the home page (at most BENCH_MEMORY_PAGES, 80), first as a visitor, then
signed in as a learner of the demo, each BENCH_MEMORY_ROUNDS (8) times by two clients at once,
so that both workers serve each. It prints RSS, PSS (shared pages divided among the processes
sharing them, so the three PSS figures add up to what the server takes) and private memory per
process.

`python bench/memory.py imports` says where the master's memory goes: one process's resident
size after each step of start-up.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urljoin, urlsplit

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import run as common  # noqa: E402  (bench/run.py: gunicorn and report helpers)

ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

from praxis.demo.content.people import PASSWORD  # noqa: E402 - plain constants, no Django

VAR = Path(os.environ.get("PRAXIS_VAR_DIR", ROOT / "var"))
PAGES = int(os.environ.get("BENCH_MEMORY_PAGES", "80"))
ROUNDS = int(os.environ.get("BENCH_MEMORY_ROUNDS", "8"))
WORKERS = 2  # as `make run` serves
LEARNER = "amina@praxis.example"
# Links not to follow: leaving the session or changing its language, files, downloads (a PDF
# would import WeasyPrint, which only the processes that render one need), the admin.
SKIPPED = re.compile(
    r"^/(static|media|admin|accounts/logout|i18n|language)/|\.(pdf|ics|zip|json|xml|csv)$"
)


def say(line: str = "") -> None:
    print(line, flush=True)


def memory(pid: int) -> dict[str, int]:
    """Kilobytes of RSS, PSS and private memory of one process."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value, *_ = line.split()
        fields[name.rstrip(":")] = int(value)
    private = fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)
    return {"rss": fields["Rss"], "pss": fields["Pss"], "private": private}


def processes(master: int) -> list[tuple[str, int]]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [("master", master)] + [(f"worker {n}", int(pid)) for n, pid in enumerate(children, 1)]


def report(title: str, master: int) -> int:
    rows = [["process", "RSS MB", "PSS MB", "private MB"]]
    total = 0
    for name, pid in processes(master):
        figures = memory(pid)
        total += figures["pss"]
        rows.append([name, *(f"{figures[k] / 1024:.1f}" for k in ("rss", "pss", "private"))])
    rows.append(["total PSS", "", f"{total / 1024:.1f}", ""])
    say()
    say(title)
    say(common.table(rows, right={1, 2, 3}))
    return total


def get(url: str, cookie: str) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            kind = response.headers.get("Content-Type", "")
            body = response.read()
            return response.status, body.decode("utf-8", "replace") if "html" in kind else ""
    except urllib.error.HTTPError as error:
        return error.code, ""


def crawl(base: str, cookie: str) -> list[str]:
    """Paths of the site's pages reachable from the home page, breadth first."""
    found, queue = ["/"], ["/"]
    while queue and len(found) < PAGES:
        path = queue.pop(0)
        _status, html = get(base + path, cookie)
        for link in re.findall(r'href="([^"#]+)', html):
            parts = urlsplit(urljoin(base + path, link.replace("&amp;", "&")))
            if parts.netloc != urlsplit(base).netloc or SKIPPED.search(parts.path):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target not in found and len(found) < PAGES:
                found.append(target)
                queue.append(target)
    return found


def warm_up(base: str, cookie: str, label: str) -> None:
    paths = crawl(base, cookie)
    statuses: Counter[int] = Counter()
    # As many clients at once as there are workers, so that each is kept busy and serves its
    # share of every round: asked one at a time, one worker may serve nearly every page while
    # the other stays cold, and the figure then depends on which did.
    with ThreadPoolExecutor(max_workers=WORKERS) as clients:
        for _ in range(ROUNDS):
            for status, _html in clients.map(lambda path: get(base + path, cookie), paths):
                statuses[status] += 1
    seen = ", ".join(f"{count} × {status}" for status, count in sorted(statuses.items()))
    say(f"   {label}: {len(paths)} pages, {ROUNDS} rounds ({seen})")


def serve() -> None:
    source = VAR / "praxis.sqlite3"
    if not source.exists():
        sys.exit(f"{source} is missing: run `make demo` (or `make run`) first.")
    port = int(os.environ.get("BENCH_MEMORY_PORT") or common.free_port())
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PORT": str(port), "DEBUG": "0", "LOG_LEVEL": "WARNING"}
    # Every page names its static files by their hashed names, read from the collection's
    # manifest: without one, each page would be a server error.
    if not (VAR / "static" / "staticfiles.json").exists():
        say(f"== {VAR / 'static'} holds no collected static files: collecting them")
        common.manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    copy = Path(tempfile.mkdtemp(prefix="praxis-memory-")) / "praxis.sqlite3"
    shutil.copy(source, copy)
    env["DATABASE_URL"] = f"sqlite:///{copy}"
    env.pop("REDIS_URL", None)  # as `make run`: each worker keeps its own cache
    say(f"== gunicorn praxis.demo.wsgi --preload, {WORKERS} workers, on {base}")
    server = subprocess.Popen(
        [
            *(common.GUNICORN, "praxis.demo.wsgi", "--preload", "--bind", f"127.0.0.1:{port}"),
            *("--workers", str(WORKERS), "--log-level", "warning"),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        common.wait_until_up(base, server, timeout=300)
        time.sleep(2)
        idle = report("Idle, after start-up:", server.pid)
        warm_up(base, "", "visitor")
        warm_up(base, common.log_in(base, LEARNER, PASSWORD), f"signed in as {LEARNER}")
        time.sleep(2)
        warm = report("After the warm-up:", server.pid)
        say()
        say(f"PSS of the master and two workers: {idle / 1024:.0f} MB idle, "
            f"{warm / 1024:.0f} MB warmed up")  # fmt: skip
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        shutil.rmtree(copy.parent, ignore_errors=True)


def resident_kb() -> int:
    return memory(os.getpid())["rss"]


def imports() -> None:
    """Where the master's memory goes: its resident size after each step of start-up, in the
    order praxis/wsgi.py takes them."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "praxis.settings")
    os.environ.setdefault("DEBUG", "0")
    steps = [("Python", resident_kb())]
    import django

    django.setup()
    steps.append(("django.setup(): settings, apps, models, admin", resident_kb()))
    from django.core.wsgi import get_wsgi_application

    get_wsgi_application()
    steps.append(("the WSGI handler: middleware", resident_kb()))
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - evaluated for its import
    steps.append(("the URLs: every view, form and API schema", resident_kb()))
    from django.conf import settings
    from django.contrib.auth.password_validation import get_default_password_validators
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        get_resolver().reverse_dict  # noqa: B018 - evaluated to build it
    steps.append(("the table reverse() reads, default language", resident_kb()))
    get_default_password_validators()
    steps.append(("the common passwords", resident_kb()))
    from praxis.core.languages import load_language_names

    load_language_names()
    steps.append(("the language registry's names", resident_kb()))
    say("Resident size of one process after each step of start-up:")
    previous = 0
    for name, kb in steps:
        say(f"   {kb / 1024:6.1f} MB  (+{(kb - previous) / 1024:5.1f})  {name}")
        previous = kb


if __name__ == "__main__":
    imports() if sys.argv[1:] == ["imports"] else serve()
