"""The installable app's files: a manifest in the visitor's language and direction, a service
worker at the root whose version follows what it keeps, and an offline page that explains
itself without JavaScript."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client

from praxis.accounts.tests.factories import UserFactory
from praxis.web import offline_app

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "direction", "tag"), [("en", "ltr", "en"), ("ar", "rtl", "ar")]
)
def test_manifest_speaks_the_visitors_language(
    client: Client, language: str, direction: str, tag: str
) -> None:
    client.cookies["django_language"] = language
    response = client.get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = response.json()
    assert (manifest["lang"], manifest["dir"]) == (tag, direction)
    assert manifest["start_url"] == "/" and manifest["display"] == "standalone"
    assert manifest["theme_color"] and manifest["background_color"]
    icon = manifest["icons"][0]["src"].removeprefix(settings.STATIC_URL)
    assert finders.find(icon) is not None
    if language == "ar":
        assert manifest["description"] != "Lifelong learning for the health workforce"


def test_every_page_links_the_manifest(client: Client) -> None:
    page = client.get("/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page


def test_service_worker_is_served_from_the_root_with_its_version(client: Client) -> None:
    response = client.get("/sw.js")
    assert response["Content-Type"] == "text/javascript"
    assert "no-cache" in response["Cache-Control"]
    script = response.content.decode()
    assert f'var VERSION = "{offline_app.app_version()}";' in script
    assert re.search(r'var SHELL_FILES = \["/offline/", "[^"]*site\.css"', script)


def test_a_changed_shell_file_is_a_new_version(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    before = offline_app.app_version()
    for name in offline_app.SHELL_FILES:
        (tmp_path / name).write_bytes((offline_app.STATIC / name).read_bytes())
    (tmp_path / "offline.js").write_bytes(b"// changed\n")
    monkeypatch.setattr(offline_app, "STATIC", tmp_path)
    offline_app.app_version.cache_clear()
    try:
        assert offline_app.app_version() != before
    finally:
        offline_app.app_version.cache_clear()


def test_the_offline_page_explains_itself_without_javascript(client: Client) -> None:
    client.force_login(UserFactory.create())
    page = client.get("/offline/").content.decode()
    assert "<h1" in page and "Downloaded courses" in page
    assert "<noscript><p>Downloading courses needs JavaScript" in page
    assert 'id="offline-strings" type="application/json"' in page
