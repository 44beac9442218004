"""The accessibility gate of the browser tests: axe-core (npm, pinned in praxis/web/tests/js/)
run on every HTML page a test loads, each markup checked once per test worker."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from functools import cache
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parent

# What the checks found so far on each open test page, for the gate's own test.
problems_by_page: dict[Page, list[str]] = {}


def accessibility_problems(page: Page) -> list[str]:
    """The violations the checks found so far on a page of the `page` fixture."""
    return problems_by_page[page]


def check_accessibility_on_load(tab: Page, found: list[str]) -> Callable[[Page], None]:
    """Run axe-core on every HTML page `tab` loads, as it loads, adding each WCAG 2.1 A/AA
    violation to `found`; the check, to run once more at the end of a test."""

    def check(loaded: Page) -> None:
        try:
            if loaded.evaluate("document.contentType") != "text/html":
                return
            url = loaded.url
            found.extend(f"{url}: {problem}" for problem in accessibility_violations(loaded))
        except PlaywrightError:
            # The test moved on to another page before the check ended (or closed it): that
            # page is checked when it loads.
            return

    tab.on("load", check)
    return check


AXE_SCRIPT = ROOT / "praxis" / "web" / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


# What axe-core's verdict depends on: the markup as it stands (without the tokens that differ
# in every response), the viewport and the media features a stylesheet can ask about.
AXE_SUBJECT = """async () => {
  const markup = document.documentElement.outerHTML.replace(
    /(csrfmiddlewaretoken" value="|nonce=")[^"]*/g, "$1");
  const subject = [
    markup, innerWidth, innerHeight, devicePixelRatio,
    matchMedia("(prefers-color-scheme: dark)").matches,
    matchMedia("(prefers-reduced-motion: reduce)").matches,
  ].join("\\n");
  if (!globalThis.crypto?.subtle) return subject;
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(subject));
  return Array.from(new Uint8Array(digest), b => b.toString(16).padStart(2, "0")).join("");
}"""

# Runs after any check already running on the page (one is started on each load), never
# beside it: axe-core refuses to run twice at once. The subject it answers for is the page's
# before and after the run, or none when the page changed while it ran.
AXE_RUN = (
    """async options => {
  const subject = """
    + AXE_SUBJECT
    + """;
  const run = async () => {
    const before = await subject();
    const { violations } = await window.axe.run(document, options);
    return { violations, subject: before === (await subject()) ? before : null };
  };
  window.praxisAxeRun = (window.praxisAxeRun || Promise.resolve()).then(run, run);
  return window.praxisAxeRun;
}"""
)

# The violations found on each subject this worker has checked: the same markup in the same
# viewport is checked once (a third of the walks' pages repeat one seen before, and axe-core
# takes 100-300 ms a page).
_verdicts: dict[str, list[str]] = {}


@cache
def _axe_source() -> str:
    """axe-core as the npm registry ships it, installed by `make test` (npm ci)."""
    if not AXE_SCRIPT.exists():
        raise RuntimeError(f"{AXE_SCRIPT} is missing: run `make test` once, or npm ci there")
    return AXE_SCRIPT.read_text(encoding="utf-8")


@cache
def _axe_on_each_load() -> str:
    """axe-core for a page's top frame as each document starts (sending it through the driver
    after every load took 40 ms more a page); frames are checked from the top, as before."""
    return "if (window === window.top) {\n" + _axe_source() + "\n}"


# Tabs that load axe-core with each document already.
_tabs_with_axe: weakref.WeakSet[Page] = weakref.WeakSet()


def accessibility_violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on the page, one line each."""
    # A click on a link returns once the next page has begun: look at it once it has loaded.
    page.wait_for_load_state()
    subject = page.evaluate(AXE_SUBJECT)
    if subject in _verdicts:
        return list(_verdicts[subject])
    if page.evaluate("typeof window.axe") == "undefined":
        page.evaluate(_axe_source())
    if page not in _tabs_with_axe:
        page.add_init_script(_axe_on_each_load())
        _tabs_with_axe.add(page)
    verdict = page.evaluate(AXE_RUN, AXE_OPTIONS)
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] for node in v["nodes"][:5])
        for v in verdict["violations"]
    ]
    if verdict["subject"] is not None:
        _verdicts[verdict["subject"]] = violations
    return list(violations)


def assert_accessible(page: Page) -> None:
    """Run axe-core on the page and fail with the list of WCAG 2.1 A/AA violations."""
    violations = accessibility_violations(page)
    assert not violations, "\n".join(violations)
