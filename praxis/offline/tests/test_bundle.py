"""A course's offline bundle: the addresses a device fetches with it, their sizes and the
bundle's own, and the learner's progress as the server holds it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from conftest import SchemaCheckedClient
from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.catalog import services as catalog
from praxis.catalog.models import Course
from praxis.offline import bundles
from praxis.offline.sync import sync
from praxis.offline.tests.conftest import WRONG, lessons_of, the_quiz
from praxis.offline.tests.test_sync import said

pytestmark = pytest.mark.django_db

Answer = Callable[..., dict[str, Any]]


def test_the_size_is_every_byte_the_download_fetches(
    api_client: SchemaCheckedClient, media_course: Course
) -> None:
    learner = UserFactory.create()
    catalog.enrol(learner, media_course)
    api_client.force_login(learner)
    response = api_client.get(f"/api/v1/offline/courses/{media_course.slug}")
    bundle = response.json()
    urls = [item["url"] for item in bundle["downloads"]]
    lesson = bundle["lessons"][0]
    # The course image, the picture in the text, the captions, both files: each once.
    assert len(urls) == len(set(urls)) == 5
    assert bundle["course"]["image"]["url"] in urls
    assert bundle["course"]["image"]["alt"] == "Hands under a tap"
    assert [image["url"] for image in lesson["images"]] == [
        url for url in urls if "/lesson-images/" in url
    ]
    # The file attached in co-creation goes by the address the text links to.
    checklist = next(item for item in lesson["files"] if item["title"] == "Checklist")
    assert f'href="{checklist["url"]}"' in lesson["html"]
    fetched = 0
    for item in bundle["downloads"]:
        kept = api_client.get(item["url"])
        assert kept.status_code == 200, item["url"]
        body = b"".join(kept.streaming_content) if kept.streaming else kept.content  # type: ignore[attr-defined]  # FileResponse streams
        assert len(body) == item["size"], item["url"]
        fetched += len(body)
    assert bundle["size"] == len(response.content) + fetched


def test_the_bundle_brings_what_the_server_holds_as_done(
    course: Course, learner: User, quiz_answered: Answer
) -> None:
    first, second = lessons_of(course)
    assert bundles.course_bundle(learner, course).data["done"] == []
    catalog.complete_lesson(learner, first)
    assert bundles.course_bundle(learner, course).data["done"] == [str(first.uuid)]
    # A quiz answered wrongly is not done; passed, it is.
    sync(learner, said([quiz_answered(learner, WRONG)]))
    assert bundles.course_bundle(learner, course).data["done"] == [str(first.uuid)]
    sync(learner, said([quiz_answered(learner)]))
    catalog.complete_lesson(learner, second)
    assert bundles.course_bundle(learner, course).data["done"] == [
        str(first.uuid),
        str(second.uuid),
        str(the_quiz(course).uuid),
    ]
    # Another learner's progress is theirs alone.
    other = UserFactory.create()
    catalog.enrol(other, course)
    assert bundles.course_bundle(other, course).data["done"] == []
