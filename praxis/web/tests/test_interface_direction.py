"""The interface's own words inside content written the other way keep their direction."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from praxis.catalog.tests.factories import CourseFactory, TranslationGroupFactory
from praxis.events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def _tags(page: str, marker: str) -> list[str]:
    """The opening tags of the elements whose class or attributes hold `marker`."""
    return re.findall(rf"<[a-z]+[^>]*{marker}[^>]*>", page)


def test_an_arabic_events_date_reads_left_to_right_in_the_spanish_list(client: Client) -> None:
    EventFactory.create(language="ar", title="ورشة الإسعافات الأولية")
    client.cookies["django_language"] = "es"
    page = client.get("/events/").content.decode()
    assert '<article class="card" lang="ar" dir="rtl">' in page
    spanish = _tags(page, 'lang="es"')
    assert spanish and all('dir="ltr"' in tag for tag in spanish), spanish


def test_an_english_courses_details_read_right_to_left_in_the_arabic_catalogue(
    client: Client,
) -> None:
    group = TranslationGroupFactory.create()
    for language, title in (("en", "Hand hygiene"), ("fr", "Hygiène des mains"),
                            ("es", "Higiene de manos")):  # fmt: skip
        CourseFactory.create(language=language, title=title, translation_group=group)
    client.cookies["django_language"] = "ar"
    page = client.get("/courses/").content.decode()
    arabic = _tags(page, 'lang="ar"')
    assert len(arabic) > 1 and all('dir="rtl"' in tag for tag in arabic[1:]), arabic
    # The other languages are listed the Arabic way, with the Arabic comma.
    listed = re.findall(
        r'<p class="meta"[^>]*>[^<]*(?:<a [^>]*hreflang[^>]*>[^<]*</a>[^<]*)+', page
    )
    assert listed and all("،" in line and ", " not in line for line in listed), listed
