"""The site's icon: at /favicon.ico, where browsers look first, and linked from every page."""

import re

from django.contrib.staticfiles import finders
from django.http import FileResponse
from django.test import Client


def test_favicon_is_served_at_the_root_and_cached(client: Client, db: None) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    body = b"".join(response) if isinstance(response, FileResponse) else response.content
    assert body.startswith(b"\x00\x00\x01\x00")  # an ICO file
    assert "max-age=" in response["Cache-Control"]


def test_every_page_links_the_icon_and_the_link_works(client: Client, db: None) -> None:
    page = client.get("/").content.decode()
    link = re.search(r'<link rel="icon" href="([^"]+)"', page)
    assert link, "no icon link in the page head"
    href = link.group(1)
    assert href.endswith(".ico")
    assert finders.find(href.removeprefix("/static/")) is not None
