"""Assignment and Grade Services: a tool's line items in a course and the scores it posts.

A score that is fully graded at or above the pass mark of a resource link the learner opened
tells the catalog (the `tool_passed` hook), which completes the lesson. Every refusal has an
`lti_*` code and leaves line items and scores as they were.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet

from praxis.core.errors import ErrorCode, NotFound
from praxis.lrs.services import account_agent, activity, record
from praxis.lrs.vocabulary import ACTIVITY_LESSON, VERB_FAILED, VERB_PASSED, VERB_SCORED
from praxis.lti import hooks
from praxis.lti.claims import absolute
from praxis.lti.errors import refused
from praxis.lti.models import Launch, LineItem, ResourceLink, Score, Subject, Tool

__all__ = [
    "add_line_item",
    "delete_line_item",
    "find_line_item",
    "line_item_json",
    "line_items",
    "record_score",
    "result_json",
    "results",
    "update_line_item",
]

ACTIVITY = {"Initialized", "Started", "InProgress", "Submitted", "Completed"}
GRADING = {"FullyGraded", "Pending", "PendingManual", "Failed", "NotReady"}
LONGEST = 255
MOST_ITEMS = 1000


def _context_known(tool: Tool, context_id: str) -> bool:
    return Launch.objects.filter(
        tool=tool, context__id=context_id, kind=Launch.Kind.RESOURCE_LINK
    ).exists()


def line_item_json(item: LineItem) -> dict[str, Any]:
    found: dict[str, Any] = {
        "id": absolute("lti:line_item", item.uuid),
        "label": item.label,
        "scoreMaximum": item.score_maximum,
    }
    if item.resource_id:
        found["resourceId"] = item.resource_id
    if item.tag:
        found["tag"] = item.tag
    if item.link_id:
        found["resourceLinkId"] = str(item.link.uuid) if item.link else ""
    if item.start_at:
        found["startDateTime"] = item.start_at.isoformat()
    if item.end_at:
        found["endDateTime"] = item.end_at.isoformat()
    return found


def line_items(tool: Tool, context_id: str, filters: Mapping[str, str]) -> list[LineItem]:
    """The tool's line items in the context, filtered as the tool asks."""
    if not _context_known(tool, context_id):
        raise NotFound()
    found: QuerySet[LineItem] = LineItem.objects.filter(
        tool=tool, context_id=context_id
    ).select_related("link")
    if filters.get("resource_link_id"):
        link = _uuid(filters["resource_link_id"])
        found = found.filter(link__uuid=link) if link else found.none()
    if filters.get("resource_id"):
        found = found.filter(resource_id=filters["resource_id"])
    if filters.get("tag"):
        found = found.filter(tag=filters["tag"])
    limit = filters.get("limit", "")
    size = int(limit) if limit.isdigit() and 0 < int(limit) <= MOST_ITEMS else MOST_ITEMS
    return list(found[:size])


def _uuid(value: object) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def _text(data: Mapping[str, Any], name: str, *, required: bool = False) -> str:
    value = data.get(name, "")
    if value is None:
        value = ""
    if not isinstance(value, str) or len(value) > LONGEST or (required and not value.strip()):
        raise refused(ErrorCode.LTI_INVALID_LINEITEM, name)
    return value.strip()


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _moment(value: object, code: ErrorCode, name: str) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError as error:
        raise refused(code, name) from error
    if moment.tzinfo is None:
        raise refused(code, name)
    return moment


def _line_item_fields(tool: Tool, data: object) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise refused(ErrorCode.LTI_INVALID_LINEITEM)
    maximum = _number(data.get("scoreMaximum"))
    if maximum is None or maximum <= 0:
        raise refused(ErrorCode.LTI_INVALID_LINEITEM, "scoreMaximum")
    link = None
    if data.get("resourceLinkId"):
        key = _uuid(data["resourceLinkId"])
        link = ResourceLink.objects.filter(tool=tool, uuid=key).first() if key else None
        if link is None:
            raise refused(ErrorCode.LTI_INVALID_LINEITEM, "resourceLinkId")
    return {
        "label": _text(data, "label", required=True),
        "score_maximum": maximum,
        "resource_id": _text(data, "resourceId"),
        "tag": _text(data, "tag"),
        "link": link,
        "start_at": _moment(data.get("startDateTime"), ErrorCode.LTI_INVALID_LINEITEM, "start"),
        "end_at": _moment(data.get("endDateTime"), ErrorCode.LTI_INVALID_LINEITEM, "end"),
    }


def add_line_item(tool: Tool, context_id: str, data: object) -> LineItem:
    """A new line item of the tool in a context it was launched in."""
    if not _context_known(tool, context_id):
        raise NotFound()
    return LineItem.objects.create(
        tool=tool, context_id=context_id, by_tool=True, **_line_item_fields(tool, data)
    )


def find_line_item(tool: Tool, key: uuid.UUID) -> LineItem:
    """The tool's line item `key` (404 for another tool's)."""
    item = LineItem.objects.select_related("link").filter(tool=tool, uuid=key).first()
    if item is None:
        raise NotFound()
    return item


def update_line_item(tool: Tool, item: LineItem, data: object) -> LineItem:
    fields = _line_item_fields(tool, data)
    if not item.by_tool:  # a lesson's own line item stays tied to its resource link
        fields["link"] = item.link
    for name, value in fields.items():
        setattr(item, name, value)
    item.save()
    return item


def delete_line_item(tool: Tool, item: LineItem) -> None:
    if not item.by_tool:
        raise refused(ErrorCode.LTI_LINEITEM_PROTECTED)
    item.delete()


def _score_fields(data: object) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise refused(ErrorCode.LTI_INVALID_SCORE)
    activity, grading = data.get("activityProgress"), data.get("gradingProgress")
    if activity not in ACTIVITY:
        raise refused(ErrorCode.LTI_INVALID_SCORE, "activityProgress")
    if grading not in GRADING:
        raise refused(ErrorCode.LTI_INVALID_SCORE, "gradingProgress")
    timestamp = _moment(data.get("timestamp"), ErrorCode.LTI_INVALID_SCORE, "timestamp")
    if timestamp is None:
        raise refused(ErrorCode.LTI_INVALID_SCORE, "timestamp")
    given, maximum = data.get("scoreGiven"), data.get("scoreMaximum")
    if given is not None:
        given, maximum = _number(given), _number(maximum)
        if given is None or given < 0:
            raise refused(ErrorCode.LTI_INVALID_SCORE, "scoreGiven")
        if maximum is None or maximum <= 0:
            raise refused(ErrorCode.LTI_INVALID_SCORE, "scoreMaximum")
    comment = data.get("comment") or ""
    if not isinstance(comment, str) or len(comment) > 5000:
        raise refused(ErrorCode.LTI_INVALID_SCORE, "comment")
    return {
        "score_given": given,
        "score_maximum": maximum if given is not None else None,
        "comment": comment,
        "activity_progress": activity,
        "grading_progress": grading,
        "timestamp": timestamp,
    }


def _graded(score: Score) -> bool:
    return (
        score.grading_progress == "FullyGraded"
        and score.score_given is not None
        and bool(score.score_maximum)
    )


def _passed(item: LineItem, score: Score) -> bool:
    if item.link is None or not _graded(score) or score.score_given is None:
        return False
    return score.score_given * 100 >= item.link.pass_mark * (score.score_maximum or 0)


def _statement(item: LineItem, score: Score) -> None:
    """The learner's record hears of a new grade: passed or failed against a lesson's pass
    mark, scored for the tool's other line items."""
    given, maximum = score.score_given or 0.0, score.score_maximum or 1.0
    result: dict[str, Any] = {
        "score": {
            "raw": given,
            "min": 0,
            "max": max(maximum, given),  # extra credit stays within xAPI's range
            "scaled": round(max(0.0, min(1.0, given / maximum)), 4),
        }
    }
    verb = VERB_SCORED
    if item.link is not None:
        result["success"] = _passed(item, score)
        verb = VERB_PASSED if result["success"] else VERB_FAILED
    learner = score.learner
    record(
        account_agent(str(learner.uuid), learner.full_name),
        verb,
        activity(
            f"{settings.SITE_URL}/xapi/activities/lti/{item.uuid}",
            ACTIVITY_LESSON,
            {"und": item.label},
        ),
        result=result,
        context={"platform": item.tool.name[:100]},
        timestamp=score.timestamp,
    )


@transaction.atomic
def record_score(tool: Tool, item: LineItem, data: object) -> Score:
    """Keep the learner's latest score on `item`; completes the lesson (by the `tool_passed`
    hook) when it is fully graded at or above the link's pass mark."""
    fields = _score_fields(data)
    user_id = data.get("userId") if isinstance(data, dict) else None
    subject = (
        Subject.objects.select_related("learner").filter(tool=tool, sub=user_id).first()
        if isinstance(user_id, str) and user_id
        else None
    )
    if subject is None:
        raise refused(ErrorCode.LTI_UNKNOWN_USER)
    learner = subject.learner
    score = Score.objects.select_for_update().filter(line_item=item, learner=learner).first()
    if score is not None and fields["timestamp"] < score.timestamp:
        raise refused(ErrorCode.LTI_SCORE_OUT_OF_DATE)
    before = (score.score_given, score.score_maximum, score.grading_progress) if score else None
    score = score or Score(line_item=item, learner=learner)
    for name, value in fields.items():
        setattr(score, name, value)
    score.save()
    if _graded(score) and before != (score.score_given, score.score_maximum, "FullyGraded"):
        _statement(item, score)
    if _passed(item, score):
        opened = (
            Launch.objects.filter(
                link=item.link, learner=learner, context__id=item.context_id, used_at__isnull=False
            )
            .values_list("subject", flat=True)
            .first()
        )
        if opened is not None:
            hooks.tool_passed.send(learner=learner, subject=opened)
    return score


def results(tool: Tool, item: LineItem, user_id: str = "") -> list[tuple[Score, str]]:
    """The latest score of each learner on `item` (of one, given `user_id`), with their sub."""
    found = Score.objects.filter(line_item=item).order_by("id")
    if user_id:
        found = found.filter(learner__lti_subjects__tool=tool, learner__lti_subjects__sub=user_id)
    scores = list(found[:MOST_ITEMS])
    subs = dict(
        Subject.objects.filter(
            tool=tool, learner_id__in=[s.learner_id for s in scores]
        ).values_list("learner_id", "sub")
    )
    return [(score, subs.get(score.learner_id, "")) for score in scores]


def result_json(item: LineItem, score: Score, sub: str) -> dict[str, Any]:
    found: dict[str, Any] = {
        "id": absolute("lti:line_item", item.uuid) + f"/results/{score.pk}",
        "scoreOf": absolute("lti:line_item", item.uuid),
        "userId": sub,
    }
    if score.score_given is not None:
        found["resultScore"] = score.score_given
        found["resultMaximum"] = score.score_maximum
    if score.comment:
        found["comment"] = score.comment
    return found
