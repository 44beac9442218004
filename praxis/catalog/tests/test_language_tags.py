"""Course pages declare the content's language in canonical BCP 47 case (zh-Hans)."""

import pytest
from django.test import Client

from praxis.catalog.tests.factories import CourseFactory

pytestmark = pytest.mark.django_db


def test_course_page_declares_simplified_chinese_in_canonical_case(client: Client) -> None:
    CourseFactory.create(slug="ipc-zh", language="zh-hans", title="感染预防与控制")
    page = client.get("/courses/ipc-zh/", HTTP_ACCEPT_LANGUAGE="zh-hans").text
    assert '<html lang="zh-Hans"' in page
    assert 'lang="zh-Hans"' in page.split("<main", 1)[1]
    assert 'lang="zh-hans"' not in page
