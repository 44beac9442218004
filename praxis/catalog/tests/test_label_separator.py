"""A label and its value are joined as each language writes them: a space before the colon in
French, a full-width colon in Chinese."""

import pytest
from django.test import Client
from django.urls import reverse

from praxis.accounts.tests.factories import UserFactory
from praxis.catalog import services
from praxis.catalog.models import Lesson
from praxis.catalog.tests.factories import course_with_lessons

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "joined"),
    [("en", "Next: <span"), ("fr", "Suivante\u00a0: <span"), ("zh-hans", "下一个：<span")],
)
def test_the_next_lessons_label_and_title_are_joined_in_the_readers_way(
    client: Client, language: str, joined: str
) -> None:
    course = course_with_lessons(modules=1, lessons_per_module=2)
    learner = UserFactory.create()
    services.enrol(learner, course)
    client.force_login(learner)
    first = Lesson.objects.filter(module__course=course).order_by("position").first()
    assert first is not None
    url = reverse("catalog:lesson", args=[course.slug, first.uuid])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert joined in page
