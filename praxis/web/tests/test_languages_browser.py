"""The layout holds in every interface language: the pages a learner meets first (home,
catalogue, course, lesson, quiz) on a 360 px phone, and the certificate PDF, each written in the
language's direction, with no sideways scroll, no button, label or cell whose words spill out of
it, the header in one row, and no character that the fonts the project installs (`make system`:
Noto) cannot draw — it would show as an empty box. In Portuguese, Swahili and Urdu (a learner in
Brazil or Mozambique, Kenya or Tanzania, Pakistan) the walk goes on through the rest of the
ecosystem: events, the timetable, communities and a thread, the notification centre, grades,
credentials and the profile.

English and Arabic are walked on phones and desktops, with axe, by test_pages_on_phones_browser;
this test walks every other interface language."""

from __future__ import annotations

import subprocess
from functools import cache

import pytest
from django.conf import settings
from django.test import Client
from django.utils.translation import get_language_info
from playwright.sync_api import Browser, Page, ViewportSize
from pytest_django.live_server_helper import LiveServer

from accessibility import accessibility_violations
from conftest import sideways
from praxis.core.languages import canonical_tag
from praxis.credentials.models import Credential
from praxis.web.tests.main_pages import learner_session, main_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE: ViewportSize = {"width": 360, "height": 740}
FIRST_PAGES = ("home", "catalogue", "course", "lesson", "quiz")
WHOLE_ECOSYSTEM = ("pt", "sw", "ur")
MORE_PAGES = [
    ("events", "/events/"),
    ("communities", "/community/"),
    ("notification centre", "/notifications/"),
    ("grades", "/grades/"),
    ("credentials", "/credentials/"),
    ("CPD record", "/credentials/cpd/"),
    ("profile", "/accounts/profile/"),
]
# An element whose words are wider than it and cut off: a button, a label or a table cell that
# a longer translation would break. Hidden text for screen readers is clipped on purpose.
SPILLED = """() => [...document.querySelectorAll('button, .button, label, th, td, h1, h2, nav a')]
  .filter((el) => !el.closest('.visually-hidden') && el.offsetParent !== null
    && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
  .map((el) => el.tagName.toLowerCase() + ': ' + el.innerText.trim().slice(0, 40))"""
OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code not in ("en", "ar")]


@cache
def drawable() -> frozenset[int]:
    """Every code point some installed font has a glyph for (fontconfig: what Chromium and the
    PDF renderer fall back through)."""
    listed = subprocess.run(
        ["fc-list", "--format", "%{charset}\\n"],  # noqa: S607 - fontconfig from the system
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    points: set[int] = set()
    for line in listed.splitlines():
        for span in line.split():
            first, _dash, last = span.partition("-")
            points.update(range(int(first, 16), int(last or first, 16) + 1))
    return frozenset(points)


def undrawable(text: str) -> list[str]:
    fonts = drawable()
    return sorted({char for char in text if not char.isspace() and ord(char) not in fonts})


def pdf_text(pdf: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-", "-"],  # noqa: S607 - poppler from the system
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode()


def page_text(tab: Page) -> str:
    text: str = tab.evaluate("document.body.innerText + ' ' + document.title")
    return text


@pytest.mark.long
def test_every_interface_language_fits_a_phone_in_its_direction_with_every_glyph(
    chromium: Browser, live_server: LiveServer, demo_ecosystem: None
) -> None:
    everywhere = main_pages()
    first = [(page.name, page.path) for page in everywhere if page.name in FIRST_PAGES]
    whole = [(page.name, page.path) for page in everywhere] + MORE_PAGES
    credential = Credential.objects.order_by("id").first()
    assert credential is not None
    session = learner_session()
    problems: list[str] = []
    for language in OTHER_LANGUAGES:
        direction = "rtl" if get_language_info(language)["bidi"] else "ltr"
        tag = canonical_tag(language)
        context = chromium.new_context(base_url=live_server.url, viewport=PHONE)
        context.add_cookies(
            [
                {"name": "django_language", "value": language, "url": live_server.url},
                {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url},
            ]
        )
        tab = context.new_page()
        for name, path in whole if language in WHOLE_ECOSYSTEM else first:
            answer = tab.goto(path)
            if answer is None or answer.status != 200:
                problems.append(f"{name} ({path}) in {language}: {answer and answer.status}")
                continue
            where = f"{name} ({path}) in {language}"
            html = tab.locator("html")
            if (html.get_attribute("lang"), html.get_attribute("dir")) != (tag, direction):
                problems.append(
                    f"{where}: lang/dir {html.get_attribute('lang')}/{html.get_attribute('dir')}"
                )
            overflow = sideways(tab)
            if overflow > 0:
                problems.append(f"{where}: scrolls sideways by {overflow} px")
            if spilled := tab.evaluate(SPILLED):
                problems.append(f"{where}: words spill out of {spilled}")
            header = tab.locator(".site-header").bounding_box()
            if header is None or header["height"] > 64:
                problems.append(f"{where}: header {header and header['height']} px high")
            if missing := undrawable(page_text(tab)):
                problems.append(f"{where}: no glyph for {''.join(missing)!r}")
            problems.extend(f"{where}: {line}" for line in accessibility_violations(tab))
        context.close()
        client = Client()
        client.cookies["django_language"] = language
        pdf = client.get(f"/credentials/{credential.uuid}.pdf")
        assert pdf.status_code == 200, language
        text = pdf_text(pdf.content)
        if missing := undrawable(text):
            problems.append(f"certificate PDF in {language}: no glyph for {''.join(missing)!r}")
    assert not problems, "\n".join(problems)
