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
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praxis.core.errors import ErrorCode, NotFound, PermissionDenied, ValidationFailed
from praxis.lrs.models import LrsClient
from praxis.lrs.queries import client_authority
from praxis.lrs.services import language_tag, store_statements
from praxis.lrs.services.bound import OutsideBinding, check_statements, within_activity
from praxis.lrs.services.statements import StatementConflict
from praxis.lrs.validation import StatementInvalid, Validator
from praxis.packages import cmi5, hooks
from praxis.packages.launch import Launch
from praxis.packages.manifests import H5P_CONTENT
from praxis.packages.models import Attempt, Package, Session
from praxis.packages.runtime import sco_activity_id
from praxis.packages.sessions import open_bound_session

ADL = "http://adlnet.gov/expapi/verbs/"
COMPLETED, PASSED, FAILED, ANSWERED = (
    ADL + verb for verb in ("completed", "passed", "failed", "answered")
)
# What the player may say of a statement; the rest (actor, authority, stored, version) is the
# server's to set.
KEPT = ("id", "verb", "object", "result", "timestamp")


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
