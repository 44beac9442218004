"""What a SCO commits, kept on the server: SCORM 1.2 and 2004 data models read into one shape.

A commit carries the whole CMI data (as the runtime renders it) and a sequence number. It is
applied in one transaction, under a row lock, only when its number is above the last one
applied, so a repeated or late commit changes nothing. Each change of completion, success or
score is recorded as an xAPI statement; when every SCO is done the `package_completed` hook
tells the place the package is played in.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praxis.accounts.models import User
from praxis.core.errors import ErrorCode, NotFound, ValidationFailed
from praxis.lrs.services import account_agent, activity, record
from praxis.lrs.vocabulary import (
    ACTIVITY_LESSON,
    ACTIVITY_MODULE,
    VERB_COMPLETED,
    VERB_FAILED,
    VERB_PASSED,
    VERB_SCORED,
)
from praxis.packages import hooks
from praxis.packages.launch import Launch
from praxis.packages.models import Attempt, Package

MAX_SUSPEND_DATA = 64 * 1024
MAX_LOCATION = 1000


@dataclass(frozen=True)
class Tracked:
    """What Praxis reads from a SCO's CMI data, the same for both SCORM versions."""

    completion: str  # "completed", "incomplete" or ""
    success: str  # "passed", "failed" or ""
    scaled: float | None
    raw: float | None
    location: str
    suspend_data: str


def _number(value: Any) -> float | None:
    """`value` as a number, or None when it is none: empty, not a number, or not a finite one
    ("NaN", "Infinity", "1e400"), which no score can be and no xAPI statement can hold."""
    try:
        number = float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None
    return number if number is not None and math.isfinite(number) else None


def _scaled(raw: float | None, low: float | None, high: float | None) -> float | None:
    if raw is None:
        return None
    low, high = low or 0.0, high if high not in (None, 0.0) else 100.0
    if high is None or high <= low:
        return None
    return max(0.0, min(1.0, (raw - low) / (high - low)))


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def tracked(kind: str, cmi: dict[str, Any]) -> Tracked:
    """The statuses, score, bookmark and suspend data in `cmi` (the "cmi" object itself)."""
    if kind == Package.Kind.SCORM_12:
        core = _object(cmi.get("core"))
        score = _object(core.get("score"))
        status = str(core.get("lesson_status") or "")
        raw = _number(score.get("raw"))
        return Tracked(
            completion="completed"
            if status in {"completed", "passed"}
            else "incomplete"
            if status in {"incomplete", "failed", "browsed"}
            else "",
            success=status if status in {"passed", "failed"} else "",
            scaled=_scaled(raw, _number(score.get("min")), _number(score.get("max"))),
            raw=raw,
            location=str(core.get("lesson_location") or ""),
            suspend_data=str(cmi.get("suspend_data") or ""),
        )
    score = _object(cmi.get("score"))
    completion = str(cmi.get("completion_status") or "")
    success = str(cmi.get("success_status") or "")
    raw = _number(score.get("raw"))
    scaled = _number(score.get("scaled"))
    return Tracked(
        completion=completion if completion in {"completed", "incomplete"} else "",
        success=success if success in {"passed", "failed"} else "",
        scaled=scaled
        if scaled is not None
        else _scaled(raw, _number(score.get("min")), _number(score.get("max"))),
        raw=raw,
        location=str(cmi.get("location") or ""),
        suspend_data=str(cmi.get("suspend_data") or ""),
    )


def is_done(attempt: Attempt) -> bool:
    return attempt.completion_status == "completed" or attempt.success_status == "passed"


def sco_activity_id(package: Package, sco: str) -> str:
    """The SCO's stable activity IRI (across versions of the package it belongs to: the first
    version's UUID names them all)."""
    first = package
    while first.previous_id is not None and first.previous is not None:
        first = first.previous
    return f"{settings.SITE_URL}/xapi/activities/package/{first.uuid}/{quote(sco, safe='')}"


def _statements(
    launch: Launch,
    learner: User,
    package: Package,
    sco: dict[str, Any],
    before: Tracked,
    now: Tracked,
) -> None:
    score: dict[str, Any] = {}
    if now.scaled is not None:
        score["scaled"] = round(now.scaled, 4)
    if now.raw is not None:
        score["raw"] = now.raw
    result: dict[str, Any] = {"score": score} if score else {}
    title = str(sco.get("title") or package.title or sco.get("identifier"))
    language = launch.language or "en"
    obj = activity(
        sco_activity_id(package, str(sco["identifier"])), ACTIVITY_LESSON, {language: title}
    )
    context: dict[str, Any] = {"platform": settings.SITE_NAME}
    if launch.registration:
        context["registration"] = launch.registration
    if launch.parent:
        context["contextActivities"] = {"parent": [{"id": launch.parent}]}
    context["contextActivities"] = {
        **context.get("contextActivities", {}),
        "grouping": [
            activity(
                f"{settings.SITE_URL}/xapi/activities/package/{package.uuid}",
                ACTIVITY_MODULE,
                {language: package.title or title},
            )
        ],
    }
    actor = account_agent(str(learner.uuid), learner.full_name)
    said = False
    if now.completion == "completed" and before.completion != "completed":
        record(actor, VERB_COMPLETED, obj, result={**result, "completion": True}, context=context)
        said = True
    if now.success and now.success != before.success:
        verb = VERB_PASSED if now.success == "passed" else VERB_FAILED
        record(
            actor, verb, obj, result={**result, "success": now.success == "passed"}, context=context
        )
        said = True
    if not said and score and (now.scaled, now.raw) != (before.scaled, before.raw):
        record(actor, VERB_SCORED, obj, result=result, context=context)


def _check(cmi: Any, sequence: Any) -> tuple[dict[str, Any], int]:
    if not isinstance(cmi, dict):
        raise ValidationFailed(ErrorCode.INVALID_INPUT, _("The commit holds no CMI data."))
    if isinstance(sequence, bool) or not isinstance(sequence, int) or not 0 < sequence < 2**31:
        raise ValidationFailed(ErrorCode.INVALID_INPUT, _("The commit has no sequence number."))
    return cmi, sequence


def find_sco(package: Package, identifier: str) -> dict[str, Any]:
    for sco in package.scos:
        if sco.get("identifier") == identifier:
            return sco
    raise NotFound(ErrorCode.NOT_FOUND, _("This package has no such part."))


@transaction.atomic
def commit(launch: Launch, identifier: str, cmi: Any, sequence: Any) -> Attempt:
    """Apply the SCO's commit of `cmi` numbered `sequence` for the launch's learner. A number
    not above the last applied one changes nothing (a repeat, or one overtaken)."""
    cmi, sequence = _check(cmi, sequence)
    package = Package.objects.get(pk=launch.package)
    sco = find_sco(package, identifier)
    learner = User.objects.get(pk=launch.learner)
    Attempt.objects.get_or_create(
        learner=learner, package=package, sco=identifier, subject=launch.subject_uuid
    )
    attempt = Attempt.objects.select_for_update().get(
        learner=learner, package=package, sco=identifier, subject=launch.subject_uuid
    )
    if sequence <= attempt.sequence:
        return attempt
    now = tracked(package.kind, cmi)
    if len(now.suspend_data) > MAX_SUSPEND_DATA or len(now.location) > MAX_LOCATION:
        raise ValidationFailed(ErrorCode.INVALID_INPUT, _("The saved state is too large."))
    before = Tracked(
        attempt.completion_status,
        attempt.success_status,
        attempt.score_scaled,
        attempt.score_raw,
        attempt.location,
        attempt.suspend_data,
    )
    _statements(launch, learner, package, sco, before, now)
    # Once completed or passed, a SCO stays so: a later "incomplete" never takes credit back.
    attempt.completion_status = (
        "completed" if before.completion == "completed" else now.completion or before.completion
    )
    attempt.success_status = (
        "passed" if before.success == "passed" else now.success or before.success
    )
    attempt.score_scaled = now.scaled if now.scaled is not None else attempt.score_scaled
    attempt.score_raw = now.raw if now.raw is not None else attempt.score_raw
    attempt.location, attempt.suspend_data = now.location, now.suspend_data
    attempt.cmi, attempt.sequence = cmi, sequence
    newly_done = is_done(attempt) and attempt.completed_at is None
    if newly_done:
        attempt.completed_at = timezone.now()
    attempt.save()
    if newly_done and _all_done(learner, package, launch):
        hooks.package_completed.send(learner=learner, subject=launch.subject_uuid)
    return attempt


def _all_done(learner: User, package: Package, launch: Launch) -> bool:
    counted = [s["identifier"] for s in package.scos if s.get("is_sco", True)] or [
        s["identifier"] for s in package.scos
    ]
    done = set(
        Attempt.objects.filter(
            learner=learner,
            package=package,
            subject=launch.subject_uuid,
            completed_at__isnull=False,
        ).values_list("sco", flat=True)
    )
    return set(counted) <= done


def _entry(attempt: Attempt | None, last: dict[str, Any]) -> str:
    """How the SCO is entered (cmi.core.entry, cmi.entry): for the first time ("ab-initio"),
    back after the learner left it suspended ("resume"), or neither (""). `last` holds the
    exit the last session committed."""
    if attempt is None or attempt.sequence == 0:
        return "ab-initio"
    return "resume" if last.get("exit") == "suspend" else ""


def resume_state(launch: Launch, identifier: str) -> tuple[dict[str, Any], int]:
    """The CMI values a SCO starts from (bookmark, suspend data, statuses, score, the learner)
    and the last sequence number applied."""
    package = Package.objects.get(pk=launch.package)
    mastery = _number(find_sco(package, identifier).get("mastery_score"))
    learner = User.objects.get(pk=launch.learner)
    attempt = Attempt.objects.filter(
        learner=learner, package=package, sco=identifier, subject=launch.subject_uuid
    ).first()
    learner_id, name = str(learner.uuid), learner.full_name
    if package.kind == Package.Kind.SCORM_12:
        # Every launch is for credit (cmi.core.credit, which SCORM 1.2 has the LMS give): the
        # runtime then judges a score the SCO reports against the mastery score, passed or
        # failed, when the SCO finishes, as SCORM 1.2 lets the LMS do.
        core: dict[str, Any] = {
            "student_id": learner_id,
            "student_name": name,
            "credit": "credit",
            "entry": _entry(attempt, _object(attempt.cmi.get("core")) if attempt else {}),
        }
        state: dict[str, Any] = {"core": core}
        if mastery is not None:
            state["student_data"] = {"mastery_score": f"{mastery * 100:g}"}
        if attempt is not None:
            if attempt.location:
                core["lesson_location"] = attempt.location
            status = attempt.success_status or attempt.completion_status
            if status:
                core["lesson_status"] = status
            if attempt.suspend_data:
                state["suspend_data"] = attempt.suspend_data
        return {"cmi": state}, attempt.sequence if attempt else 0
    state = {
        "learner_id": learner_id,
        "learner_name": name,
        "entry": _entry(attempt, attempt.cmi if attempt else {}),
    }
    if mastery is not None:
        state["scaled_passing_score"] = f"{mastery:g}"
    if attempt is not None:
        if attempt.location:
            state["location"] = attempt.location
        if attempt.suspend_data:
            state["suspend_data"] = attempt.suspend_data
        if attempt.completion_status:
            state["completion_status"] = attempt.completion_status
        if attempt.success_status:
            state["success_status"] = attempt.success_status
    return {"cmi": state}, attempt.sequence if attempt else 0
