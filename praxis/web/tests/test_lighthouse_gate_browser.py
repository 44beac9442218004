"""The measured quality gates: Lighthouse (from the npm registry, pinned by package-lock.json)
drives Debian's Chromium in its mobile configuration (a mid-range phone on a slow 4G network,
simulated) over the main pages of the demo ecosystem, in English and in Arabic.

Each page must score 100 for accessibility and for best practices, at least 95 for SEO, and
weigh at most 60 KB as transferred. One Node process runs Lighthouse on every page in turn, in
one Chromium; a failure names the page, the language and the audits that fell short, with the
elements or URLs they point at.

Lighthouse's performance score is a timing, which a busy machine moves by tens of points: it is
measured by `make lighthouse` (this test with PRAXIS_LIGHTHOUSE_PERFORMANCE=1, which also gates
it at 95 and prints every score), not by `make test`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from pytest_django.live_server_helper import LiveServer

from conftest import CHROMIUM
from praxis.web.tests.main_pages import learner_session, main_pages

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # Lighthouse measures time on the main thread: its own group keeps it on one worker, one
    # page after another.
    pytest.mark.xdist_group("lighthouse"),
    pytest.mark.long,
]

RUNNER = Path(__file__).resolve().parent / "lighthouse" / "run.mjs"
LANGUAGES = ("en", "ar")
GATES = {"accessibility": 100, "best-practices": 100, "seo": 95}
if os.environ.get("PRAXIS_LIGHTHOUSE_PERFORMANCE") == "1":
    GATES["performance"] = 95
BUDGET = 60 * 1024


def lighthouse(pages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Lighthouse's scores and shortfalls for each page, from one run of the Node runner."""
    if not (RUNNER.parent / "node_modules" / "lighthouse").exists():
        raise RuntimeError(
            f"Lighthouse is missing: run `make test` once, or npm ci in {RUNNER.parent}"
        )
    node = shutil.which("node")
    assert node is not None, "Node.js is missing: `make system` installs it"
    request = {"chrome": CHROMIUM, "categories": list(GATES), "pages": pages}
    finished = subprocess.run(  # noqa: S603  # a fixed program, given JSON on standard input
        [node, str(RUNNER)],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    assert finished.returncode == 0, finished.stderr[-4000:]
    results: list[dict[str, Any]] = json.loads(finished.stdout)
    return results


def with_performance_settled(
    pages: list[dict[str, Any]], results: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Performance is timed on a machine that runs other work, and one run can miss by a few
    points where the next does not: a page below the gate is measured twice more and judged on
    the median of its three runs, as Lighthouse's own guidance on variability advises. The
    other categories do not vary between runs."""
    least = GATES.get("performance")
    if least is None:
        return results
    slow = [i for i, result in enumerate(results) if (result["scores"]["performance"] or 0) < least]
    if not slow:
        return results
    again = lighthouse([pages[i] for i in slow for _ in range(2)])
    settled = list(results)
    for n, i in enumerate(slow):
        runs = [results[i], again[2 * n], again[2 * n + 1]]
        runs.sort(key=lambda run: run["scores"]["performance"] or 0)
        settled[i] = runs[1]
    return settled


def table(results: list[dict[str, Any]]) -> str:
    """The scores of each page, one line each."""
    lines = [f"{'page':<28}" + "".join(f"{category:>16}" for category in GATES) + f"{'bytes':>10}"]
    for result in results:
        scores = "".join(f"{result['scores'][category]!s:>16}" for category in GATES)
        lines.append(f"{result['name']:<28}{scores}{result['bytes']!s:>10}")
    return "\n".join(lines)


def shortfalls(result: dict[str, Any]) -> list[str]:
    """One line per gate the page misses, naming the audits behind it."""
    where = f"{result['name']} ({result['url']})"
    if result["error"]:
        return [f"{where}: Lighthouse could not measure the page: {result['error']}"]
    if result["finalUrl"] != result["url"]:  # sent to the login page, say: not the page meant
        return [f"{where}: ended at {result['finalUrl']}"]
    lines = []
    for category, least in GATES.items():
        score = result["scores"][category]
        if score is not None and score >= least:
            continue
        audits = "; ".join(
            f"{audit['id']} {audit['value']} {audit['items']}".strip()
            for audit in result["failing"][category]
        )
        lines.append(f"{where}: {category} {score} < {least}: {audits}")
    if result["bytes"] is None or result["bytes"] > BUDGET:
        lines.append(f"{where}: {result['bytes']} bytes transferred, over {BUDGET}")
    return lines


def test_main_pages_pass_the_lighthouse_gates_on_a_phone_in_english_and_arabic(
    live_server: LiveServer, demo_ecosystem: None
) -> None:
    session = learner_session()
    pages = []
    for language in LANGUAGES:
        for page in main_pages():
            cookies = {"django_language": language}
            if page.signed_in:
                cookies[settings.SESSION_COOKIE_NAME] = session
            pages.append(
                {
                    "name": f"{page.name} in {language}",
                    "url": live_server.url + page.path,
                    "cookies": cookies,
                }
            )

    results = lighthouse(pages)
    assert [result["name"] for result in results] == [page["name"] for page in pages]
    results = with_performance_settled(pages, results)

    print(table(results))  # shown with `pytest -s`: the scores as measured
    problems = [line for result in results for line in shortfalls(result)]
    assert not problems, "Lighthouse gates missed:\n" + "\n".join(problems)
