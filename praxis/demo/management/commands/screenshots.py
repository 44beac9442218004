"""manage.py screenshots: the README's pictures of the demo, on a phone and on a desktop.

Serves the site on a free local port for the time it takes, drives Debian's Chromium through
Playwright, and writes docs/screenshots/<page>-<device>.png. Load the demo first
(`make screenshots` does)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from playwright.sync_api import ViewportSize, sync_playwright

from praxis.catalog.models import Course, Lesson
from praxis.demo.content.people import PASSWORD
from praxis.wsgi import application

CHROMIUM = "/usr/bin/chromium"
DEVICES: dict[str, ViewportSize] = {
    "phone": {"width": 360, "height": 740},
    "desktop": {"width": 1280, "height": 800},
}
LEARNER = "grace@praxis.example"
COURSE = "hand-hygiene-en"
PAGES = ("home", "course", "lesson", "notifications")


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """No access log on the console."""


class ThreadedServer(WSGIServer):
    daemon_threads = True


class Command(BaseCommand):
    help = "Take the README's screenshots of the demo (home, a course, a lesson, notifications)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--output", default=str(Path(settings.BASE_DIR) / "docs" / "screenshots")
        )
        parser.add_argument(
            "--page",
            action="append",
            choices=PAGES,
            help="Only this page (may be repeated); every page by default.",
        )
        parser.add_argument(
            "--base-url", help="Take them from a site already running there, not one served here."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        course = Course.objects.filter(slug=COURSE).first()
        if course is None:
            raise CommandError("No demo course: run `manage.py load_demo` first.")
        lesson = (
            Lesson.objects.filter(module__course=course)
            .order_by("module__position", "position")
            .first()
        )
        output = Path(options["output"])
        output.mkdir(parents=True, exist_ok=True)
        paths = {
            "home": "/",
            "course": f"/courses/{COURSE}/",
            "lesson": f"/courses/{COURSE}/lessons/{lesson.uuid}/" if lesson else "/",
            "notifications": "/notifications/",
        }
        wanted = options["page"] or list(PAGES)
        if options["base_url"]:
            self._take(options["base_url"], {name: paths[name] for name in wanted}, output)
        else:
            server = make_server("127.0.0.1", 0, application, ThreadedServer, QuietHandler)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            try:
                base = f"http://127.0.0.1:{server.server_port}"
                self._take(base, {name: paths[name] for name in wanted}, output)
            finally:
                server.shutdown()
        self.stdout.write(f"Screenshots written to {output}")

    def _take(self, base: str, pages: dict[str, str], output: Path) -> None:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
            )
            for device, viewport in DEVICES.items():
                context = browser.new_context(base_url=base, viewport=viewport, locale="en-GB")
                tab = context.new_page()
                if "home" in pages:
                    self._shoot(tab, "/", output / f"home-{device}.png")
                if set(pages) - {"home"}:
                    self._log_in(tab)
                for name, path in pages.items():
                    if name != "home":
                        self._shoot(tab, path, output / f"{name}-{device}.png")
                context.close()
            browser.close()

    def _shoot(self, tab: Any, path: str, file: Path) -> None:
        """The page at `path` once its pictures in view have loaded."""
        tab.goto(path)
        tab.wait_for_load_state("networkidle")
        tab.wait_for_function(
            """() => Array.from(document.images)
                .filter((img) => img.getBoundingClientRect().top < window.innerHeight)
                .every((img) => img.complete)"""
        )
        tab.screenshot(path=str(file))

    def _log_in(self, tab: Any) -> None:
        tab.goto("/accounts/login/")
        tab.get_by_label("E-mail address").fill(LEARNER)
        tab.get_by_label("Password").fill(PASSWORD)
        with tab.expect_navigation():
            # The password form (the passkey form beside it needs a device).
            tab.locator("main form[action$='/accounts/login/'] button[type=submit]").click()
        # A first sign-in asks to accept the terms in force.
        terms = tab.locator("form[action$='/accounts/legal-acceptance/']")
        if terms.count():
            terms.locator("input[type=checkbox]").check()
            with tab.expect_navigation():
                terms.locator("button[type=submit]").click()
