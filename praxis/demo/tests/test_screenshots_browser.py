"""manage.py screenshots keeps working: the README's pictures are taken from the demo, so a
change that breaks the command (a renamed page, a sign-in form that moved) shows here."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pytest_django.live_server_helper import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PNG = b"\x89PNG\r\n\x1a\n"


def test_screenshots_of_a_page_are_written_for_phone_and_desktop(
    live_server: LiveServer, demo_ecosystem: None, tmp_path: Path
) -> None:
    said = StringIO()
    call_command(
        "screenshots",
        output=str(tmp_path),
        base_url=live_server.url,
        page=["notifications"],
        stdout=said,
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
