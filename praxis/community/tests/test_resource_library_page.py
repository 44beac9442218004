"""The resource library page as a member contributing a resource uses it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from praxis.community.models import Resource
from praxis.community.tests.conftest import Space

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("comma", ["،", "，", "、"])
def test_topics_typed_with_any_scripts_comma_are_separate_topics(
    client: Client, space: Space, comma: str
) -> None:
    client.force_login(space.member)
    response = client.post(
        reverse("community:resources", args=[space.community.slug]),
        {
            "title": "دليل غسل اليدين",
            "description": "دليل مختصر",
            "url": "https://example.org/guide",
            "topics": f"نظافة اليدين{comma} قفازات",
            "language": "ar",
        },
    )
    assert response.status_code == 302
    assert Resource.objects.get().topics == ["نظافة اليدين", "قفازات"]
