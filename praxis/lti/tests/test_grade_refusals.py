"""Assignment and Grade Services refusing what they must: missing or wrong tokens, another
tool's line items, unknown learners, malformed or out-of-date scores; nothing is recorded."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from praxis.catalog.models import Enrolment, LessonProgress
from praxis.lti.claims import AGS_SCOPE
from praxis.lti.models import LineItem, Score
from praxis.lti.tests.assertions import access_token
from praxis.lti.tests.conftest import Placement
from praxis.lti.tests.factories import ToolFactory
from praxis.lti.tests.test_pylti_tool import launch
from praxis.lti.tests.tool import PyltiTool

pytestmark = pytest.mark.django_db

SCORE = "application/vnd.ims.lis.v1.score+json"


@pytest.fixture
def launched(placement: Placement) -> tuple[Placement, LineItem, str]:
    sub = launch(placement).get_launch_data()["sub"]
    return placement, LineItem.objects.get(link=placement.link), sub


def post_score(
    item: LineItem, body: Any, token: str, *, raw: bytes | None = None
) -> tuple[int, str]:
    response = Client().post(
        f"/lti/lineitems/{item.uuid}/scores",
        raw if raw is not None else json.dumps(body),
        content_type=SCORE,
        headers={"Authorization": f"Bearer {token}"},
    )
    code = response.json()["error"]["code"] if response.content else ""
    return response.status_code, code


def score(sub: str, given: object = 9, **fields: object) -> dict[str, object]:
    return {
        "userId": sub,
        "scoreGiven": given,
        "scoreMaximum": 10,
        "activityProgress": "Completed",
        "gradingProgress": "FullyGraded",
        "timestamp": "2026-12-04T10:00:00+00:00",
        **fields,
    }


def nothing_recorded(placement: Placement) -> bool:
    return (
        not Score.objects.exists()
        and not LessonProgress.objects.filter(
            lesson=placement.lesson, completed_at__isnull=False
        ).exists()
    )


def test_no_token_or_a_forged_one_is_refused(launched: tuple[Placement, LineItem, str]) -> None:
    placement, item, sub = launched
    assert post_score(item, score(sub), "") == (401, "lti_token_invalid")
    assert post_score(item, score(sub), "forged") == (401, "lti_token_invalid")
    token = access_token(placement.tool)
    assert post_score(item, score(sub), token[:-2] + "xx") == (401, "lti_token_invalid")
    assert nothing_recorded(placement)


def test_a_token_without_the_score_scope_cannot_post_scores(
    launched: tuple[Placement, LineItem, str],
) -> None:
    placement, item, sub = launched
    token = access_token(placement.tool, scope=f"{AGS_SCOPE}lineitem.readonly")
    assert post_score(item, score(sub), token) == (401, "lti_token_invalid")
    assert nothing_recorded(placement)


def test_another_tool_cannot_see_or_grade_this_tools_line_item(
    launched: tuple[Placement, LineItem, str],
) -> None:
    placement, item, sub = launched
    other = PyltiTool.new()
    other.registration = ToolFactory.create(public_key=other.public_pem)
    token = access_token(other)
    assert post_score(item, score(sub), token) == (404, "not_found")
    response = Client().get(
        f"/lti/lineitems/{item.uuid}", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 404
    assert nothing_recorded(placement)


def test_a_subject_of_another_tool_is_an_unknown_user(
    launched: tuple[Placement, LineItem, str],
) -> None:
    placement, item, _sub = launched
    token = access_token(placement.tool)
    assert post_score(item, score("not-a-learner"), token) == (400, "lti_unknown_user")
    assert post_score(item, score(""), token) == (400, "lti_unknown_user")
    assert nothing_recorded(placement)


@pytest.mark.parametrize(
    "change",
    [
        {"scoreGiven": -1},
        {"scoreGiven": "9"},
        {"scoreGiven": True},
        {"scoreMaximum": 0},
        {"scoreMaximum": None},
        {"timestamp": None},
        {"timestamp": "yesterday"},
        {"timestamp": "2026-12-04T10:00:00"},
        {"gradingProgress": "Done"},
        {"activityProgress": None},
        {"comment": "x" * 5001},
        {"comment": ["a list"]},
    ],
)
def test_a_malformed_score_is_refused(
    launched: tuple[Placement, LineItem, str], change: dict[str, object]
) -> None:
    placement, item, sub = launched
    token = access_token(placement.tool)
    assert post_score(item, score(sub, **change), token) == (400, "lti_invalid_score")
    assert nothing_recorded(placement)


@pytest.mark.parametrize("raw", [b"", b"not json", b"[1, 2]", b"null", b"\xff\xfe"])
def test_a_body_that_is_no_score_is_refused(
    launched: tuple[Placement, LineItem, str], raw: bytes
) -> None:
    placement, item, _sub = launched
    token = access_token(placement.tool)
    assert post_score(item, None, token, raw=raw) == (400, "lti_invalid_score")
    assert nothing_recorded(placement)


def test_an_older_score_does_not_replace_a_newer_one(
    launched: tuple[Placement, LineItem, str],
) -> None:
    placement, item, sub = launched
    token = access_token(placement.tool)
    assert post_score(item, score(sub, 5, timestamp="2026-12-04T12:00:00Z"), token)[0] == 204

    refused = post_score(item, score(sub, 10, timestamp="2026-12-04T11:00:00Z"), token)

    assert refused == (409, "lti_score_out_of_date")
    assert Score.objects.get().score_given == 5
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()


def test_a_passing_score_after_withdrawal_is_kept_and_completes_nothing(
    launched: tuple[Placement, LineItem, str],
) -> None:
    placement, item, sub = launched
    Enrolment.objects.filter(learner=placement.learner).update(status=Enrolment.Status.WITHDRAWN)
    token = access_token(placement.tool)

    assert post_score(item, score(sub, 10), token) == (204, "")

    assert Score.objects.get().score_given == 10
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()


def line_items_call(method: str, path: str, token: str, body: object = None) -> tuple[int, Any]:
    response = Client().generic(
        method,
        path,
        json.dumps(body) if body is not None else "",
        content_type="application/vnd.ims.lis.v2.lineitem+json",
        headers={"Authorization": f"Bearer {token}"},
    )
    return response.status_code, response.json() if response.content else None


def test_the_tool_manages_its_own_line_items_but_not_the_lessons(
    launched: tuple[Placement, LineItem, str],
) -> None:
    placement, item, _sub = launched
    token = access_token(placement.tool)
    container = f"/lti/contexts/{placement.course.uuid}/lineitems"

    status, made = line_items_call(
        "POST", container, token, {"label": "Quiz 2", "scoreMaximum": 20, "tag": "quiz"}
    )
    assert status == 201 and made["label"] == "Quiz 2"
    status, listed = line_items_call("GET", container + "?tag=quiz", token)
    assert [entry["label"] for entry in listed] == ["Quiz 2"]
    assert line_items_call("DELETE", made["id"].removeprefix(settings.SITE_URL), token)[0] == 204

    status, body = line_items_call("DELETE", f"/lti/lineitems/{item.uuid}", token)
    assert (status, body["error"]["code"]) == (409, "lti_lineitem_protected")
    assert LineItem.objects.filter(pk=item.pk).exists()


@pytest.mark.parametrize(
    "body",
    [
        {"label": "", "scoreMaximum": 10},
        {"label": "No maximum"},
        {"label": "Zero", "scoreMaximum": 0},
        {"label": "x" * 256, "scoreMaximum": 10},
        {"label": "Wrong link", "scoreMaximum": 10, "resourceLinkId": "nope"},
        {"label": "Bad date", "scoreMaximum": 10, "endDateTime": "soon"},
        ["not", "an", "object"],
    ],
)
def test_a_malformed_line_item_is_refused(
    launched: tuple[Placement, LineItem, str], body: object
) -> None:
    placement, _item, _sub = launched
    token = access_token(placement.tool)
    status, answer = line_items_call(
        "POST", f"/lti/contexts/{placement.course.uuid}/lineitems", token, body
    )
    assert (status, answer["error"]["code"]) == (400, "lti_invalid_lineitem")
    assert LineItem.objects.count() == 1


def test_a_context_the_tool_was_never_launched_in_is_not_found(
    launched: tuple[Placement, LineItem, str],
) -> None:
    placement, _item, _sub = launched
    token = access_token(placement.tool)
    status, _body = line_items_call(
        "POST", "/lti/contexts/another-course/lineitems", token, {"label": "x", "scoreMaximum": 1}
    )
    assert status == 404
    assert LineItem.objects.count() == 1


def test_extra_credit_above_the_maximum_is_kept_and_passes(
    launched: tuple[Placement, LineItem, str],
) -> None:
    placement, item, sub = launched
    token = access_token(placement.tool)

    assert post_score(item, score(sub, 11), token) == (204, "")

    assert Score.objects.get().score_given == 11
    assert LessonProgress.objects.filter(
        lesson=placement.lesson, completed_at__isnull=False
    ).exists()
