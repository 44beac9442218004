"""H5P content: played on the package origin by the H5P player, its xAPI statements recorded in
Praxis's LRS as the learner.

Each opening of the player is a session with an LRS credential bound to the learner, the
registration and the content's activity (as a TinCan launch has), expiring after
PACKAGE_LAUNCH_HOURS. Its secret is never given out: the player posts what H5P says to the
package origin, and the server stores it under that credential after setting the actor (the
learner's account), the registration and the lesson as parent, so content can neither speak for
someone else nor about another activity.

The lesson is done when a statement about the whole content (its activity IRI itself, not one of
its parts, which H5P names `…?subContentId=…`) says `completed` or `passed`, or `answered` with
`result.completion` true, unless it also says the learner failed (`result.success` false):
mastery is the content's own pass mark, which H5P reports as `result.success`; the score
(`result.score.scaled`, or raw over max) is kept either way.

What the content saves to resume from (H5P's `contentUserData`: a question set's answers, an
interactive video's place) is kept per learner, package version, place, data type and part,
under the same session: the player page preloads it, and H5P reads and writes it through
`read_user_data`/`save_user_data`. A new version of the package starts afresh, as H5P asks when
its content changes. Each value is at most MAX_USER_DATA characters, and a content keeps at most
MAX_USER_DATA_ENTRIES of them for a learner.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praxis.core.errors import (
    ErrorCode,
    NotFound,
    PayloadTooLarge,
    PermissionDenied,
    ValidationFailed,
)
from praxis.core.json_input import strict_json
from praxis.core.patterns import client_pattern
from praxis.lrs.models import LrsClient
from praxis.lrs.queries import client_authority
from praxis.lrs.services import language_tag, store_statements
from praxis.lrs.services.bound import OutsideBinding, check_statements, within_activity
from praxis.lrs.services.statements import StatementConflict
from praxis.lrs.validation import StatementInvalid, Validator
from praxis.packages import cmi5, hooks
from praxis.packages.launch import Launch
from praxis.packages.manifests import H5P_CONTENT
from praxis.packages.models import Attempt, ContentUserData, Package, Session
from praxis.packages.runtime import sco_activity_id
from praxis.packages.sessions import open_bound_session

ADL = "http://adlnet.gov/expapi/verbs/"
COMPLETED, PASSED, FAILED, ANSWERED = (
    ADL + verb for verb in ("completed", "passed", "failed", "answered")
)
# What the player may say of a statement; the rest (actor, authority, stored, version) is the
# server's to set.
KEPT = ("id", "verb", "object", "result", "timestamp")
# Saved state: H5P's own data types are short names (`state`); a part is "0" (the whole
# content) or its subContentId, a UUID.
MAX_USER_DATA = 256 * 1024
MAX_USER_DATA_ENTRIES = 50
DATA_TYPE = client_pattern(r"[A-Za-z][A-Za-z0-9_-]{0,63}")
SUB_CONTENT_ID = client_pattern(
    r"0|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)


def content_activity_id(package: Package) -> str:
    """The content's stable activity IRI, shared by every version of the package."""
    return sco_activity_id(package, H5P_CONTENT)


@transaction.atomic
def open_session(launch: Launch, package: Package) -> Session:
    """A new session of the launch's learner in the H5P `package`, with its bound credential."""
    if package.kind != Package.Kind.H5P:
        raise ValidationFailed(ErrorCode.PACKAGE_NOT_PLAYABLE, _("This package is not H5P."))
    session, _client, _secret = open_bound_session(
        launch,
        package,
        kind=Session.Kind.H5P,
        au=H5P_CONTENT,
        activity_id=content_activity_id(package),
        label=f"H5P launch of {package.title}",
    )
    return session


def _session(launch: Launch, session_id: str) -> tuple[Session, LrsClient]:
    """The launch's own open session `session_id`: another learner's, another place's or an
    unknown one is not found; an expired one is refused."""
    try:
        key = uuid.UUID(session_id)
    except ValueError as error:
        raise NotFound(ErrorCode.NOT_FOUND, _("This session of the content is unknown.")) from error
    session = (
        Session.objects.select_for_update(of=("self",))
        .select_related("client", "learner", "package")
        .filter(
            uuid=key,
            kind=Session.Kind.H5P,
            learner_id=launch.learner,
            package_id=launch.package,
            subject=launch.subject_uuid,
        )
        .first()
    )
    client = session.client if session is not None else None
    if session is None or client is None:
        raise NotFound(ErrorCode.NOT_FOUND, _("This session of the content is unknown."))
    if session.expires <= timezone.now() or not client.active:
        raise PermissionDenied(
            ErrorCode.LAUNCH_EXPIRED,
            _("This launch of the package has expired. Open the lesson again."),
        )
    return session, client


def _object(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _statement(launch: Launch, session: Session, said: dict[str, Any]) -> dict[str, Any]:
    """What H5P said, as the learner says it in this lesson: the actor, registration, platform,
    language and parent are the server's."""
    statement = {key: said[key] for key in KEPT if key in said}
    context = _object(said.get("context"))
    activities = context.get("contextActivities")
    activities = dict(activities) if isinstance(activities, dict) else {}
    if launch.parent:
        parents = activities.get("parent")
        parents = parents if isinstance(parents, list) else [parents] if parents else []
        if not any(isinstance(p, dict) and p.get("id") == launch.parent for p in parents):
            parents.append({"objectType": "Activity", "id": launch.parent})
        activities["parent"] = parents
    server_context: dict[str, Any] = {
        "registration": str(session.registration),
        "platform": settings.SITE_NAME,
        "contextActivities": activities,
    }
    if isinstance(context.get("extensions"), dict):
        server_context["extensions"] = context["extensions"]
    if launch.language:
        server_context["language"] = language_tag(launch.language)
    statement["actor"] = cmi5.learner_agent(session.learner)
    statement["context"] = server_context
    return statement


def record_statement(launch: Launch, session_id: str, said: object) -> str:
    """Store one statement H5P said in the session `session_id`; returns its id. Refused
    (nothing stored) when it is not a valid xAPI statement about this content."""
    if not isinstance(said, dict):
        raise ValidationFailed(ErrorCode.MALFORMED_BODY, _("The statement is not a JSON object."))
    with transaction.atomic():
        session, client = _session(launch, session_id)
        statement = _statement(launch, session, said)
        try:
            target = _object(statement.get("object"))
            if target.get("objectType", "Activity") != "Activity" or not within_activity(
                session.activity_id, str(target.get("id"))
            ):
                raise OutsideBinding("H5P content speaks only about itself and its parts")
            Validator(v2=False).statement(statement, "statement")
            check_statements(client, [statement])
            ids = store_statements(
                [statement], authority=client_authority(client.key, client.name), version="1.0.3"
            )
        except (StatementInvalid, ValueError, RecursionError) as error:
            raise ValidationFailed(
                ErrorCode.INVALID_INPUT, _("The content said something that is not valid xAPI.")
            ) from error
        except OutsideBinding as error:
            raise PermissionDenied(
                ErrorCode.PERMISSION_DENIED,
                _("The content may speak only about itself, for the learner playing it."),
            ) from error
        except (StatementConflict, IntegrityError) as error:
            raise ValidationFailed(
                ErrorCode.CONFLICT, _("Another statement already has this id.")
            ) from error
        session.last_statement_at = timezone.now()
        session.save(update_fields=["last_statement_at", "updated_at"])
        _track(session, statement)
    return ids[0]


def _scaled(score: Any) -> float | None:
    if not isinstance(score, dict):
        return None
    scaled, raw, top = score.get("scaled"), score.get("raw"), score.get("max")
    if isinstance(scaled, int | float):
        return float(scaled)
    if isinstance(raw, int | float) and isinstance(top, int | float) and top > 0:
        return float(raw) / float(top)
    return None


def _track(session: Session, statement: dict[str, Any]) -> None:
    """Apply the completion rule (see the module's docstring) to a statement just stored."""
    if (statement.get("object") or {}).get("id") != session.activity_id:
        return
    verb = (statement.get("verb") or {}).get("id")
    result = _object(statement.get("result"))
    completed = verb in {COMPLETED, PASSED} or (
        verb == ANSWERED and result.get("completion") is True
    )
    success = result.get("success")
    failed = verb == FAILED or success is False
    passed = verb == PASSED or success is True
    scaled = _scaled(result.get("score"))
    if not (completed or failed or passed or scaled is not None):
        return
    attempt, _created = Attempt.objects.select_for_update().get_or_create(
        learner=session.learner, package=session.package, sco=session.au, subject=session.subject
    )
    if completed:
        attempt.completion_status = "completed"
    if passed or failed:
        attempt.success_status = "passed" if passed else "failed"
    if scaled is not None:
        attempt.score_scaled = scaled
    done = (completed or passed) and not failed
    newly = done and attempt.completed_at is None
    if newly:
        attempt.completed_at = timezone.now()
    attempt.save()
    if newly:
        hooks.package_completed.send(learner=session.learner, subject=session.subject)


def _user_data_key(data_type: str, sub_content_id: str) -> tuple[str, str]:
    """The data type and part H5P names, checked; refused as `invalid_input` otherwise."""
    if not DATA_TYPE.fullmatch(data_type) or not SUB_CONTENT_ID.fullmatch(sub_content_id):
        raise ValidationFailed(
            ErrorCode.INVALID_INPUT, _("The content named saved data Praxis does not keep.")
        )
    return data_type, sub_content_id.lower()


def _learners_data(launch: Launch) -> Any:
    """The launch's learner's saved data in the launched package and place: never another's."""
    return ContentUserData.objects.filter(
        learner_id=launch.learner, package_id=launch.package, subject=launch.subject_uuid
    )


def read_user_data(launch: Launch, session_id: str, data_type: str, sub_content_id: str) -> str:
    """What the content saved as `data_type` of its part `sub_content_id` for the launch's
    learner, or "" when nothing is saved. Only through the launch's own live session."""
    key = _user_data_key(data_type, sub_content_id)
    with transaction.atomic():
        _session(launch, session_id)
        found = (
            _learners_data(launch)
            .filter(data_type=key[0], sub_content_id=key[1])
            .values_list("data", flat=True)
            .first()
        )
    return found or ""


def save_user_data(
    launch: Launch,
    session_id: str,
    data_type: str,
    sub_content_id: str,
    data: str,
    *,
    preload: bool,
) -> None:
    """Keep `data` (the content's JSON as text) as `data_type` of the part `sub_content_id` for
    the launch's learner, replacing what was there; "0", as H5P sends when it deletes, removes
    it. Refused, keeping what was saved: an unknown session, another learner's or an expired one
    (as statements are), data that is not JSON, over MAX_USER_DATA characters, or one entry
    more than MAX_USER_DATA_ENTRIES."""
    key = _user_data_key(data_type, sub_content_id)
    if len(data) > MAX_USER_DATA:
        raise PayloadTooLarge(
            ErrorCode.PAYLOAD_TOO_LARGE,
            _("The content's saved state is too large to keep (at most %(size)s KB).")
            % {"size": MAX_USER_DATA // 1024},
        )
    with transaction.atomic():
        session, _client = _session(launch, session_id)
        mine = _learners_data(launch)
        if data == "0":
            mine.filter(data_type=key[0], sub_content_id=key[1]).delete()
            return
        try:
            strict_json(data)
        except ValueError as error:
            raise ValidationFailed(
                ErrorCode.INVALID_INPUT, _("The content's saved state is not JSON.")
            ) from error
        kept = mine.filter(data_type=key[0], sub_content_id=key[1]).first()
        if kept is None and mine.count() >= MAX_USER_DATA_ENTRIES:
            raise PayloadTooLarge(
                ErrorCode.PAYLOAD_TOO_LARGE,
                _("The content saved too many parts of its state to keep another."),
            )
        kept = kept or ContentUserData(
            learner=session.learner,
            package=session.package,
            subject=session.subject,
            data_type=key[0],
            sub_content_id=key[1],
        )
        kept.data, kept.preload = data, preload
        kept.save()


def preloaded_user_data(launch: Launch) -> dict[str, dict[str, str]]:
    """What the player page hands H5P at once, as H5P reads it: `{part: {data type: data}}`."""
    preloaded: dict[str, dict[str, str]] = {}
    for part, data_type, data in (
        _learners_data(launch)
        .filter(preload=True)
        .values_list("sub_content_id", "data_type", "data")
    ):
        preloaded.setdefault(part, {})[data_type] = data
    return preloaded
