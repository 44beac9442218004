"""Benchmark: the first load of the main pages on a slow 3G connection and a slow phone.

Builds its own demo database (var/bench/slow3g.sqlite3, dropped and made anew with
`load_demo`), serves it with gunicorn on a free port of 127.0.0.1, and opens each page in the
browser tests' Chromium with a cold cache, throttled through its DevTools protocol: 400 kb/s
down and up, 400 ms round trip, the CPU four times slower. It prints, per page, the time to
first contentful paint, to DOMContentLoaded and to the load event, and the bytes received.
The pages: home, catalogue, a course page (as a visitor) and a lesson page (as a demo learner
enrolled in its course). Figures are printed; nothing passes or fails on time.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import run as bench  # noqa: E402  (the helpers of bench/run.py)

CHROMIUM = "/usr/bin/chromium"
THROTTLE = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 400 * 1000 / 8,
    "uploadThroughput": 400 * 1000 / 8,
}
CPU_SLOWDOWN = 4
TIMINGS = """() => {
  const navigation = performance.getEntriesByType("navigation")[0];
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  return {
    fcp: paint ? paint.startTime : null,
    ready: navigation.domContentLoadedEventEnd,
    load: navigation.loadEventEnd,
  };
}"""
# A demo learner with an active enrolment, the course's page and its first lesson.
ENROLLED = """
from praxis.catalog.models import Enrolment
from praxis.demo.content.people import PASSWORD
active = Enrolment.objects.filter(status="active").select_related("course", "learner")
enrolment = active.order_by("id").first()
lesson = enrolment.course.modules.order_by("position").first().lessons.order_by("position").first()
print(enrolment.learner.email, PASSWORD, f"/courses/{enrolment.course.slug}/lessons/{lesson.uuid}/")
"""


def database_url() -> str:
    path = Path(os.environ.get("PRAXIS_VAR_DIR", ROOT / "var")) / "bench" / "slow3g.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{path}"


def first_load(browser: Browser, base: str, path: str, cookie: str) -> dict[str, float]:
    """The timings of one cold load of `path`, throttled, with the bytes received."""
    context = browser.new_context(base_url=base)
    if cookie:
        context.add_cookies(
            [
                {"name": name, "value": value, "url": base}
                for name, value in (pair.split("=", 1) for pair in cookie.split("; "))
            ]
        )
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", THROTTLE)
    session.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    received = 0

    def on_loaded(event: dict[str, float]) -> None:
        nonlocal received
        received += int(event.get("encodedDataLength", 0))

    session.on("Network.loadingFinished", on_loaded)
    page.goto(path, wait_until="load", timeout=120_000)
    timings: dict[str, float] = page.evaluate(TIMINGS)
    timings["bytes"] = received
    context.close()
    return timings


def main() -> None:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DEBUG": "0",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("REDIS_URL", None)
    bench.manage(env, "migrate", "--noinput", "--verbosity", "0")
    bench.manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    bench.manage(env, "load_demo", "--verbosity", "0")
    found = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", ENROLLED],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    email, password, lesson_path = found.stdout.strip().splitlines()[-1].split()
    port = bench.free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [bench.GUNICORN, "praxis.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        bench.wait_until_up(base, server)
        cookie = bench.log_in(base, email, password)
        pages = [
            ("home", "/", ""),
            ("catalogue", "/courses/", ""),
            ("course page", bench.find_course_path(base), ""),
            ("lesson page, enrolled", lesson_path, cookie),
        ]
        rows = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
            )
            for name, path, session_cookie in pages:
                timings = first_load(browser, base, path, session_cookie)
                rows.append(
                    [
                        name,
                        path if len(path) < 40 else path[:37] + "...",
                        f"{timings['fcp'] / 1000:.2f} s" if timings["fcp"] else "-",
                        f"{timings['ready'] / 1000:.2f} s",
                        f"{timings['load'] / 1000:.2f} s",
                        f"{timings['bytes'] / 1024:.1f} KB",
                    ]
                )
            browser.close()
    finally:
        bench.stop(server)
    bench.say(
        "First load, cold cache, 400 kb/s, 400 ms round trip, CPU 4x slower "
        "(first contentful paint, DOMContentLoaded, load, bytes received):"
    )
    bench.say(
        bench.table(
            [["page", "path", "first paint", "ready", "load", "received"], *rows], {2, 3, 4, 5}
        )
    )


if __name__ == "__main__":
    main()
