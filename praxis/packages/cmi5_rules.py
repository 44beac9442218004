"""The rules an AU's statements keep in a cmi5 session (cmi5 sections 7 and 9), enforced by
Praxis as the LMS: a statement that breaks one is refused (403) and nothing of the request
is stored. What the accepted ones say (initialized, completed, passed, failed, terminated)
is kept on the session and the learner's attempt, and moveOn is evaluated again.

Also the document rules: the AU never changes LMS.LaunchData, and learner preferences it
writes must be well formed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from praxis.core.patterns import client_pattern
from praxis.lrs.models import LrsClient
from praxis.lrs.validation import parse_timestamp
from praxis.packages import cmi5
from praxis.packages.models import Attempt, Session

ADL = "http://adlnet.gov/expapi/verbs/"
INITIALIZED, TERMINATED = ADL + "initialized", ADL + "terminated"
COMPLETED, PASSED, FAILED = ADL + "completed", ADL + "passed", ADL + "failed"
AU_VERBS = {INITIALIZED, TERMINATED, COMPLETED, PASSED, FAILED}
JUDGED = {COMPLETED, PASSED, FAILED}
UTC_OFFSET = client_pattern(r"(Z|[+-]00:?00)$")
LANGUAGE_LIST = client_pattern(
    r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*(,[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*)*$"
)


class Refused(Exception):
    """A statement breaks a cmi5 rule; its message says which."""


@dataclass
class SessionState:
    """What the session and the registration hold as the statements are walked in order."""

    initialized: bool
    terminated: bool
    verbs: list[str]
    completed: bool  # in the registration
    passed: bool  # in the registration
    changes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


def _ids(entries: Any) -> list[str]:
    if not isinstance(entries, list):
        entries = [entries] if entries else []
    return [str(entry.get("id", "")) for entry in entries if isinstance(entry, dict)]


def _check_result(verb: str, result: dict[str, Any], mastery: float | None, context: Any) -> None:
    score = result.get("score")
    has_success, has_completion = "success" in result, "completion" in result
    if verb == COMPLETED:
        if result.get("completion") is not True:
            raise Refused("a completed statement has result.completion true")
        if has_success or score is not None:
            raise Refused("a completed statement has neither success nor a score")
    elif verb in {PASSED, FAILED}:
        if result.get("success") is not (verb == PASSED):
            raise Refused("passed has result.success true, failed has it false")
        if has_completion:
            raise Refused("passed and failed statements have no result.completion")
        _check_score(verb, score, mastery)
        # A judgement made on a score against the masteryScore says which masteryScore it was
        # (cmi5 9.6.3.2); one made on other grounds, without a score, need not.
        extensions = context.get("extensions") or {}
        judged_on_score = score is not None or cmi5.EXTENSION_MASTERY in extensions
        if (
            mastery is not None
            and judged_on_score
            and extensions.get(cmi5.EXTENSION_MASTERY) != mastery
        ):
            raise Refused("passed and failed statements on a score carry the launch's masteryScore")
    elif has_success or has_completion or score is not None:
        raise Refused("only completed, passed and failed statements carry results")
    if verb in {COMPLETED, PASSED, FAILED, TERMINATED} and not result.get("duration"):
        raise Refused("completed, passed, failed and terminated statements carry a duration")


def _check_score(verb: str, score: Any, mastery: float | None) -> None:
    if score is None:
        return
    if not isinstance(score, dict):
        raise Refused("the score is not an object")
    if "raw" in score and ("min" not in score or "max" not in score):
        raise Refused("a raw score comes with its min and max")
    scaled = score.get("scaled")
    if mastery is not None and isinstance(scaled, int | float):
        if verb == PASSED and scaled < mastery:
            raise Refused("a passed statement's score is below the mastery score")
        if verb == FAILED and scaled >= mastery:
            raise Refused("a failed statement's score reaches the mastery score")


def _check_one(
    session: Session, au: dict[str, Any], state: SessionState, s: dict[str, Any]
) -> None:
    if state.terminated:
        raise Refused("the session has terminated")
    if "id" not in s:
        raise Refused("a cmi5 statement carries its own id")
    timestamp = str(s.get("timestamp") or "")
    if not timestamp or not UTC_OFFSET.search(timestamp):
        raise Refused("a cmi5 statement carries a timestamp in UTC")
    context = s.get("context")
    if not isinstance(context, dict):
        raise Refused("a cmi5 statement carries the context template")
    if str(context.get("registration", "")).lower() != str(session.registration):
        raise Refused("a cmi5 statement carries the launch's registration")
    extensions = context.get("extensions") or {}
    if extensions.get(cmi5.EXTENSION_SESSION) != str(session.uuid):
        raise Refused("a cmi5 statement carries the session id")
    activities = context.get("contextActivities") or {}
    categories = _ids(activities.get("category"))
    verb = str((s.get("verb") or {}).get("id", ""))
    result = s.get("result") or {}
    defined = cmi5.CATEGORY_CMI5 in categories
    judging = "success" in result or "completion" in result
    if (cmi5.CATEGORY_MOVE_ON in categories) != (defined and judging):
        raise Refused("the moveOn category goes with, and only with, cmi5 results")
    if not defined:
        if not state.initialized:
            raise Refused("the AU's first statement is initialized")
        return
    actor = s.get("actor") or {}
    if actor.get("objectType", "Agent") != "Agent" or "account" not in actor:
        raise Refused("the actor of a cmi5 statement is an agent with an account")
    if verb not in AU_VERBS:
        raise Refused("an AU says initialized, completed, passed, failed or terminated only")
    if str((s.get("object") or {}).get("id", "")) != session.activity_id:
        raise Refused("a cmi5 statement's object is the AU's activityId")
    if str(au["identifier"]) not in _ids(activities.get("grouping")):
        raise Refused("a cmi5 statement keeps the publisher id of the context template")
    if (verb == INITIALIZED) == state.initialized:
        raise Refused("initialized comes once, first in the session")
    if verb == INITIALIZED and session.preferences_read_at is None:
        raise Refused("the AU reads the learner's preferences before it says initialized")
    if verb in state.verbs or (verb in {PASSED, FAILED} and {PASSED, FAILED} & set(state.verbs)):
        raise Refused("this verb was already said in the session")
    if verb in JUDGED and session.launch_mode != "Normal":
        raise Refused("in Browse and Review launches nothing is judged")
    if verb == COMPLETED and state.completed:
        raise Refused("completed is said once in a registration")
    if verb in {PASSED, FAILED} and state.passed:
        raise Refused("after passed, neither passed nor failed is said in the registration")
    _check_result(verb, result, au.get("mastery_score"), context)
    state.verbs.append(verb)
    state.initialized = True
    state.terminated = verb == TERMINATED
    state.completed = state.completed or verb == COMPLETED
    state.passed = state.passed or verb == PASSED
    if verb in JUDGED:
        state.changes.append((verb, result))


def walk(session: Session, statements: list[dict[str, Any]]) -> SessionState:
    """The session's state once `statements` are said, in order; Refused at the first one
    that breaks a rule."""
    if not session.is_open:
        raise Refused("the session is over")
    au = cmi5.find_au(session.package, session.au)
    attempt = Attempt.objects.filter(
        learner_id=session.learner_id,
        package_id=session.package_id,
        sco=session.au,
        subject=session.subject,
    ).first()
    state = SessionState(
        initialized=session.initialized_at is not None,
        terminated=session.terminated_at is not None,
        verbs=list(session.verbs),
        completed=attempt is not None and attempt.completion_status == "completed",
        passed=attempt is not None and attempt.success_status == "passed",
    )
    for statement in statements:
        _check_one(session, au, state, statement)
    return state


def _session(client: LrsClient) -> Session | None:
    return (
        Session.objects.select_for_update()
        .select_related("package", "learner")
        .filter(client=client, kind=Session.Kind.CMI5)
        .first()
    )


def statements_refused(*, client: LrsClient, statements: list[dict[str, Any]]) -> str:
    if client.profile != Session.Kind.CMI5:
        return ""
    session = _session(client)
    if session is None:
        return "this credential's session is unknown"
    try:
        walk(session, statements)
    except Refused as refusal:
        return str(refusal)
    return ""


@transaction.atomic
def statements_stored(*, client: LrsClient, statements: list[dict[str, Any]]) -> None:
    if client.profile != Session.Kind.CMI5:
        return
    session = _session(client)
    if session is None:
        return
    state = walk(session, statements)
    now = timezone.now()
    if state.initialized and session.initialized_at is None:
        session.initialized_at = now
    if state.terminated:
        # The credential ends with the session: afterwards the AU reaches nothing (401).
        session.terminated_at = now
        LrsClient.objects.filter(pk=client.pk).update(active=False)
    session.verbs = state.verbs
    latest = max(parse_timestamp(s["timestamp"], "timestamp") for s in statements)
    session.last_statement_at = max(latest, session.last_statement_at or latest)
    session.save()
    if state.changes:
        _keep_results(session, state.changes)


def _keep_results(session: Session, changes: list[tuple[str, dict[str, Any]]]) -> None:
    attempt, _created = Attempt.objects.select_for_update().get_or_create(
        learner=session.learner, package=session.package, sco=session.au, subject=session.subject
    )
    for verb, result in changes:
        if verb == COMPLETED:
            attempt.completion_status = "completed"
        elif verb in {PASSED, FAILED} and attempt.success_status != "passed":
            attempt.success_status = "passed" if verb == PASSED else "failed"
        score = result.get("score") or {}
        if isinstance(score.get("scaled"), int | float):
            attempt.score_scaled = float(score["scaled"])
        if isinstance(score.get("raw"), int | float):
            attempt.score_raw = float(score["raw"])
    au = cmi5.find_au(session.package, session.au)
    if cmi5.is_satisfied(au, attempt) and attempt.completed_at is None:
        attempt.completed_at = timezone.now()
    attempt.save()
    cmi5.evaluate_move_on(
        session.learner, session.package, session.subject, session.registration, session.uuid
    )


def document_refused(
    *,
    client: LrsClient,
    kind: str,
    activity_id: str,
    document_id: str,
    content: bytes | None,
    content_type: str = "",
) -> str:
    if client.profile != Session.Kind.CMI5:
        return ""
    if kind == "state" and document_id in {"", cmi5.LAUNCH_DATA}:
        return "the AU may not change or delete LMS.LaunchData"
    if kind == "agent_profile" and document_id == cmi5.LEARNER_PREFERENCES:
        if content is None:
            return "the learner's preferences are kept"
        if content_type.split(";")[0].strip().lower() != "application/json":
            return "learner preferences are sent as application/json"
        return _preferences_refused(content)
    return ""


def document_read(*, client: LrsClient, kind: str, activity_id: str, document_id: str) -> None:
    if client.profile != Session.Kind.CMI5:
        return
    if kind == "agent_profile" and document_id == cmi5.LEARNER_PREFERENCES:
        Session.objects.filter(
            client=client, kind=Session.Kind.CMI5, preferences_read_at=None
        ).update(preferences_read_at=timezone.now())


def _preferences_refused(content: bytes) -> str:
    try:
        preferences = json.loads(content)
    except (ValueError, UnicodeDecodeError):
        return "learner preferences are a JSON object"
    if not isinstance(preferences, dict):
        return "learner preferences are a JSON object"
    language = preferences.get("languagePreference")
    if not isinstance(language, str) or not LANGUAGE_LIST.match(language):
        return "languagePreference is a comma-separated list of language tags"
    if preferences.get("audioPreference") not in {"on", "off"}:
        return "audioPreference is on or off"
    return ""
