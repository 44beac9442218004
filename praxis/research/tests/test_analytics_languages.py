"""The analytics' course languages named in the reader's language, whatever the tag's case."""

from __future__ import annotations

import pytest
from django.utils import translation

from praxis.catalog.tests.factories import CourseFactory, EnrolmentFactory
from praxis.research.analytics import by_language

pytestmark = pytest.mark.django_db


def test_a_chinese_course_is_counted_under_chinese_not_its_tag() -> None:
    EnrolmentFactory.create(course=CourseFactory.create(language="zh-Hans"))
    EnrolmentFactory.create(course=CourseFactory.create(language="ar"))
    with translation.override("en"):
        labels = [label for label, _cells in by_language(k=1).rows]
    assert sorted(labels) == ["Arabic", "Chinese (Simplified)"]
    with translation.override("fr"):
        assert "Arabe" in [label for label, _cells in by_language(k=1).rows]
