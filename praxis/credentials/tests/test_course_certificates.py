"""A learner's course certificates as the pages that link to them read them."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from praxis.accounts.tests.factories import UserFactory
from praxis.catalog import services
from praxis.catalog.models import Lesson
from praxis.catalog.tests.factories import course_with_lessons
from praxis.credentials.queries import course_certificates

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_certificates_are_found_without_reading_their_signed_documents() -> None:
    learner, other = UserFactory.create(), UserFactory.create()
    course = course_with_lessons(slug="certified", modules=1, lessons_per_module=1)
    for person in (learner, other):
        services.enrol(person, course)
        services.complete_lesson(person, Lesson.objects.get(module__course=course))
    with CaptureQueriesContext(connection) as read:
        found = course_certificates(learner, [course.uuid])
    certificate = found[str(course.uuid)]
    assert certificate.learner_id == learner.pk
    assert [query["sql"] for query in read if '"document"' in query["sql"]] == []
    assert course_certificates(UserFactory.create(), [course.uuid]) == {}
