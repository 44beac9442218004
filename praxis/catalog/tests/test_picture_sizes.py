"""A picture in a lesson's text carries its width and height, in lessons published from now on
and, by the migration, in those published before."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.test import Client

from praxis.accounts.tests.factories import UserFactory
from praxis.catalog import services
from praxis.catalog.models import Lesson
from praxis.catalog.tests.factories import course_with_media
from praxis.core.markdown import render_markdown as unsized

pytestmark = pytest.mark.django_db

migration = importlib.import_module("praxis.catalog.migrations.0016_lesson_picture_sizes")


def test_a_published_lessons_picture_has_its_size_on_the_page(client: Client) -> None:
    course, lesson = course_with_media()
    learner = UserFactory.create()
    services.enrol(learner, course)
    client.force_login(learner)
    page = client.get(f"/courses/{course.slug}/lessons/{lesson.uuid}/").content.decode()
    assert 'alt="A handrub dispenser"' in page
    assert 'width="640" height="320">' in page


def test_the_migration_sizes_the_pictures_of_lessons_published_before() -> None:
    _course, lesson = course_with_media()
    before = unsized(lesson.body)
    Lesson.objects.filter(pk=lesson.pk).update(body_html=before)
    assert "width=" not in before
    migration.size_pictures(apps, None)  # it reads no schema
    after = Lesson.objects.get(pk=lesson.pk).body_html
    assert after == before.replace('.webp">', '.webp" width="640" height="320">')
    migration.size_pictures(apps, None)  # run again: nothing more to do
    assert Lesson.objects.get(pk=lesson.pk).body_html == after
