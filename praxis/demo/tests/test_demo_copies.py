"""The demo ecosystem that browser tests look at is loaded once per test worker and copied into
each test's database: a copy is the demo as loaded, whatever the test before did to its own."""

from pathlib import Path

import pytest

from conftest import copy_demo
from praxis.accounts.models import User
from praxis.catalog.models import Course, Topic

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_second_copy_is_the_demo_again_after_the_first_was_changed(
    demo_ecosystem: None, demo_snapshot_file: Path
) -> None:
    published = Course.objects.filter(status=Course.Status.PUBLISHED)
    courses, people = published.count(), User.objects.count()
    assert courses > 0
    assert User.objects.filter(email="priya@praxis.example").exists()

    Course.objects.update(status=Course.Status.DRAFT)
    User.objects.filter(email="priya@praxis.example").update(email="someone@else.example")
    assert not published.exists()

    copy_demo(demo_snapshot_file)

    assert published.count() == courses
    assert User.objects.count() == people
    assert User.objects.filter(email="priya@praxis.example").exists()
    # Rows added after a copy take numbers after the copied ones.
    Topic.objects.create(slug="after-the-copy", names={"en": "After the copy"})
    assert Topic.objects.filter(slug="after-the-copy").exists()
