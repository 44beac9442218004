"""manage.py screenshots keeps working: the README's pictures are taken from the demo, so a
change that breaks the command (a renamed page, a sign-in form that moved) shows here."""

from __future__ import annotations

import threading
from collections.abc import Callable
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections
from pytest_django.live_server_helper import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PNG = b"\x89PNG\r\n\x1a\n"


def in_a_thread_of_its_own(run: Callable[[], object]) -> None:
    """Run `run` as the command runs from a shell, in a thread with no event loop: Playwright's
    synchronous API cannot start inside the one that the worker's own browser (from an earlier
    browser test) keeps in this thread. The thread uses the test's database connection, in
    which an in-memory SQLite database lives."""
    connection = connections["default"]
    failures: list[BaseException] = []

    def target() -> None:
        connections["default"] = connection
        try:
            run()
        except BaseException as failure:  # raised again in the test's thread
            failures.append(failure)

    connection.inc_thread_sharing()
    try:
        thread = threading.Thread(target=target)
        thread.start()
        thread.join()
    finally:
        connection.dec_thread_sharing()
    if failures:
        raise failures[0]


def test_screenshots_of_a_page_are_written_for_phone_and_desktop(
    live_server: LiveServer, demo_ecosystem: None, tmp_path: Path
) -> None:
    said = StringIO()
    in_a_thread_of_its_own(
        lambda: call_command(
            "screenshots",
            output=str(tmp_path),
            base_url=live_server.url,
            page=["notifications"],
            stdout=said,
        )
    )
    assert f"Screenshots written to {tmp_path}" in said.getvalue()
    taken = sorted(path.name for path in tmp_path.iterdir())
    assert taken == ["notifications-desktop.png", "notifications-phone.png"]
    for name in taken:
        picture = (tmp_path / name).read_bytes()
        assert picture.startswith(PNG) and len(picture) > 5000


def test_screenshots_need_the_demo(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="load_demo"):
        call_command("screenshots", output=str(tmp_path))
    assert not list(tmp_path.iterdir())
