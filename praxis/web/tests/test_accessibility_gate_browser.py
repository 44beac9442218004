"""The accessibility gate: axe-core (from the npm registry) checks every page a browser test
loads."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from accessibility import accessibility_problems, accessibility_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INACCESSIBLE = '<html lang="en"><title>t</title><body><main><img src="data:,"></main></body></html>'
FINE = '<html lang="en"><title>t</title><body><main>Fine</main></body></html>'


def settle(page: Page, until: Callable[[], object] = lambda: True) -> None:
    """Let the checks started on load finish (they run while the test waits on the browser)."""
    for _ in range(100):
        page.wait_for_timeout(50)
        page.evaluate("window.praxisAxeRun")
        if until():
            return


def forget_problems(page: Page) -> None:
    page.set_content(FINE)
    settle(page)
    accessibility_problems(page).clear()


def test_axe_finds_an_image_without_a_text_alternative(page: Page) -> None:
    page.set_content(INACCESSIBLE)
    assert any(line.startswith("image-alt") for line in accessibility_violations(page))
    forget_problems(page)


def test_every_page_loaded_is_checked_as_it_loads(page: Page) -> None:
    page.goto("/")
    settle(page)
    assert accessibility_problems(page) == []
    page.set_content(INACCESSIBLE)
    settle(page, until=lambda: accessibility_problems(page))
    assert any("image-alt" in line for line in accessibility_problems(page))
    forget_problems(page)
