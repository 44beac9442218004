"""The offline page, which the service worker keeps to draw downloaded courses without a
connection, comes in whichever interface language is asked for, words and direction included:
the worker keeps it in the learner's language, not in the one it was installed in."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from praxis.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _words(page: str) -> dict[str, str]:
    found = re.search(r'<script id="offline-strings" type="application/json">(.*?)</script>', page)
    assert found is not None
    words: dict[str, str] = json.loads(found.group(1))
    return words


@pytest.fixture
def english_visitor(client: Client) -> Client:
    client.force_login(UserFactory.create())
    client.cookies["django_language"] = "en"
    return client


@pytest.mark.parametrize(
    ("asked", "tag", "direction", "lessons"),
    [
        ("fr", "fr", "ltr", "Leçons"),
        ("zh-Hans", "zh-Hans", "ltr", "课时"),
        ("zh-hans", "zh-Hans", "ltr", "课时"),
        ("ar", "ar", "rtl", "الدروس"),
    ],
)
def test_the_offline_page_comes_in_the_language_asked_for(
    english_visitor: Client, asked: str, tag: str, direction: str, lessons: str
) -> None:
    response = english_visitor.get("/offline/", {"language": asked})
    page = response.content.decode()
    assert response["Content-Language"] == asked.lower()
    assert f'<html lang="{tag}" dir="{direction}">' in page
    words = _words(page)
    assert words["lessons"] == lessons
    assert words["graded"] != "Marked online: no answers are kept on this device."
    assert "Downloaded courses" not in page and "Turn on the data saver" not in page
    # The page's forms go back to it in the language the learner then chooses.
    assert 'name="next" value="/offline/"' in page


@pytest.mark.parametrize("asked", ["", "xx", "fr-FR", "../en"])
def test_a_language_the_interface_lacks_is_ignored(client: Client, asked: str) -> None:
    client.force_login(UserFactory.create())
    client.cookies["django_language"] = "fr"
    response = client.get("/offline/", {"language": asked})
    assert response.status_code == 200
    assert response["Content-Language"] == "fr"
    assert _words(response.content.decode())["lessons"] == "Leçons"


def test_the_words_name_what_a_refusal_refused(english_visitor: Client) -> None:
    words = _words(english_visitor.get("/offline/", {"language": "fr"}).content.decode())
    assert "%(title)s" in words["refused_item"] and "%(reason)s" in words["refused_item"]
    assert words["refused_item"].startswith("Non enregistré")
