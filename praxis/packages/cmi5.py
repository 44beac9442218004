"""Praxis as the cmi5 LMS: launching an AU, the one-time fetch of its LRS credential, the
statements the LMS itself makes (launched, satisfied, waived, abandoned) and the moveOn
criteria that decide when the lesson holding the course is done.

The AU speaks to Praxis's own LRS (`/xapi/`) with a credential bound to the learner, the
registration (the learner's enrolment) and the session; `praxis.packages.cmi5_rules` holds the
rules its statements must keep.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import uuid
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import quote, urlencode

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praxis.accounts.models import User
from praxis.core.errors import ErrorCode, NotFound, ValidationFailed
from praxis.lrs.models import Document, LrsClient, Statement
from praxis.lrs.services import account_agent, activity, language_tag, record
from praxis.lrs.services.clients import create_launch_client
from praxis.lrs.services.documents import DocumentKey, get_document, put_document
from praxis.lrs.validation import agent_key
from praxis.lrs.vocabulary import ACTIVITY_LESSON
from praxis.packages import hooks
from praxis.packages.launch import Launch, launch_token
from praxis.packages.manifests import is_absolute
from praxis.packages.models import Attempt, Package, Session
from praxis.packages.runtime import sco_activity_id

CMI5 = "https://w3id.org/xapi/cmi5/"
CATEGORY_CMI5 = CMI5 + "context/categories/cmi5"
CATEGORY_MOVE_ON = CMI5 + "context/categories/moveon"
EXTENSION_SESSION = CMI5 + "context/extensions/sessionid"
EXTENSION_MASTERY = CMI5 + "context/extensions/masteryscore"
EXTENSION_LAUNCH_MODE = CMI5 + "context/extensions/launchmode"
EXTENSION_LAUNCH_URL = CMI5 + "context/extensions/launchurl"
EXTENSION_MOVE_ON = CMI5 + "context/extensions/moveon"
EXTENSION_LAUNCH_PARAMETERS = CMI5 + "context/extensions/launchparameters"
EXTENSION_REASON = CMI5 + "result/extensions/reason"
TYPE_BLOCK = CMI5 + "activitytype/block"
TYPE_COURSE = CMI5 + "activitytype/course"
VERB_LAUNCHED = "http://adlnet.gov/expapi/verbs/launched"
VERB_SATISFIED = "https://w3id.org/xapi/adl/verbs/satisfied"
VERB_WAIVED = "https://w3id.org/xapi/adl/verbs/waived"
VERB_ABANDONED = "https://w3id.org/xapi/adl/verbs/abandoned"
LAUNCH_DATA = "LMS.LaunchData"
LEARNER_PREFERENCES = "cmi5LearnerPreferences"
WAIVE_REASONS = ("Tested Out", "Equivalent AU", "Equivalent Outside Activity", "Administrative")


def learner_agent(learner: User) -> dict[str, Any]:
    """The learner as the launch names them: an account, no name or e-mail (cmi5 8.1)."""
    return account_agent(str(learner.uuid))


def registration_of(launch: Launch) -> uuid.UUID:
    """The registration the launch carries: the learner's enrolment in the course."""
    if launch.registration:
        return uuid.UUID(launch.registration)
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{launch.learner}/{launch.subject}")


def find_au(package: Package, identifier: str) -> dict[str, Any]:
    for au in package.launchables:
        if au.get("identifier") == identifier:
            return au
    raise NotFound(ErrorCode.NOT_FOUND, _("This package has no such part."))


def _base(package: Package) -> str:
    """The activity IRI under which Praxis names the course, its blocks and AUs: the first
    version's, so that every version of the package shares them."""
    return sco_activity_id(package, "").rstrip("/")


def course_activity_id(package: Package) -> str:
    return f"{_base(package)}/-/course"


def block_activity_id(package: Package, block: str) -> str:
    return f"{_base(package)}/-/block/{quote(block, safe='')}"


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def duration(start: datetime, end: datetime) -> str:
    seconds = max(0.0, (end - start).total_seconds())
    return f"PT{seconds:.2f}S"


def _context(
    session_id: uuid.UUID, registration: uuid.UUID, publisher: str, **extensions: Any
) -> dict[str, Any]:
    context: dict[str, Any] = {
        "registration": str(registration),
        "contextActivities": {
            "category": [{"id": CATEGORY_CMI5}],
            "grouping": [{"id": publisher}] if publisher else [],
        },
        "extensions": {EXTENSION_SESSION: str(session_id), **extensions},
    }
    if not publisher:
        del context["contextActivities"]["grouping"]
    return context


def _au_object(package: Package, au: dict[str, Any], language: str) -> dict[str, Any]:
    title = str(au.get("title") or package.title or au["identifier"])
    return activity(
        sco_activity_id(package, str(au["identifier"])),
        ACTIVITY_LESSON,
        {language_tag(language or settings.LANGUAGE_CODE): title},
    )


# Launching


@transaction.atomic
def launch_au(launch: Launch, identifier: str, *, mode: str = "Normal") -> str:
    """Start a session of the AU for the launch's learner and return the URL that opens it,
    with the cmi5 launch parameters. Before it: an open session of the same registration is
    abandoned, the LMS.LaunchData state and the learner's preferences are written, moveOn is
    evaluated and the `launched` statement is recorded."""
    package = Package.objects.get(pk=launch.package)
    if package.kind != Package.Kind.CMI5:
        raise ValidationFailed(ErrorCode.PACKAGE_NOT_PLAYABLE, _("This package is not cmi5."))
    au = find_au(package, identifier)
    learner = User.objects.get(pk=launch.learner)
    registration = registration_of(launch)
    now = timezone.now()
    for stale in Session.objects.select_for_update().filter(
        kind=Session.Kind.CMI5,
        learner=learner,
        registration=registration,
        terminated_at=None,
        abandoned_at=None,
    ):
        abandon(stale, now)
    fetch = secrets.token_urlsafe(32)
    session = Session.objects.create(
        kind=Session.Kind.CMI5,
        learner=learner,
        package=package,
        au=identifier,
        subject=launch.subject_uuid,
        registration=registration,
        activity_id=sco_activity_id(package, identifier),
        launch_mode=mode,
        fetch_digest=digest(fetch),
        expires=now + timedelta(hours=settings.PACKAGE_LAUNCH_HOURS),
    )
    token = launch_token(launch)
    path, _sep, own_query = str(au["launch"]).partition("?")
    if is_absolute(path):
        content = path
    else:
        content = settings.PACKAGE_ORIGIN + reverse("packages:content", args=[token, path])
    actor = learner_agent(learner)
    parameters = {
        "endpoint": f"{settings.SITE_URL}/xapi/",
        "fetch": settings.PACKAGE_ORIGIN + reverse("packages:cmi5_fetch", args=[fetch]),
        "actor": json.dumps(actor, separators=(",", ":")),
        "registration": str(registration),
        "activityId": session.activity_id,
    }
    _write_launch_data(session, au, token, actor)
    _write_preferences(learner, launch, actor)
    extensions: dict[str, Any] = {
        EXTENSION_LAUNCH_MODE: mode,
        # The AU's URL with its own query, not the launch parameters (the fetch URL is secret).
        EXTENSION_LAUNCH_URL: f"{content}?{own_query}" if own_query else content,
        EXTENSION_MOVE_ON: au.get("move_on") or "NotApplicable",
    }
    if au.get("parameters"):
        extensions[EXTENSION_LAUNCH_PARAMETERS] = au["parameters"]
    if au.get("mastery_score") is not None:
        extensions[EXTENSION_MASTERY] = au["mastery_score"]
    # moveOn is evaluated when the registration begins, before the AU is launched (cmi5
    # 9.6.1.1): a course of AUs that need nothing is satisfied before any is launched.
    evaluate_move_on(learner, package, launch.subject_uuid, registration, session.uuid)
    record(
        actor,
        VERB_LAUNCHED,
        _au_object(package, au, launch.language),
        context=_context(session.uuid, registration, identifier, **extensions),
    )
    query = urlencode(parameters, quote_via=quote)
    return f"{content}?{own_query + '&' if own_query else ''}{query}"


def _write_launch_data(
    session: Session, au: dict[str, Any], token: str, actor: dict[str, Any]
) -> None:
    data: dict[str, Any] = {
        "contextTemplate": {
            "contextActivities": {"grouping": [{"id": au["identifier"]}]},
            "extensions": {EXTENSION_SESSION: str(session.uuid)},
        },
        "launchMode": session.launch_mode,
        "moveOn": au.get("move_on") or "NotApplicable",
        "returnURL": settings.PACKAGE_ORIGIN + reverse("packages:player", args=[token]),
    }
    if au.get("parameters"):
        data["launchParameters"] = au["parameters"]
    if au.get("mastery_score") is not None:
        data["masteryScore"] = au["mastery_score"]
    if au.get("entitlement_key"):
        data["entitlementKey"] = {"courseStructure": au["entitlement_key"]}
    put_document(
        DocumentKey(
            Document.Kind.STATE, session.activity_id, agent_key(actor), str(session.registration)
        ),
        LAUNCH_DATA,
        json.dumps(data).encode(),
        "application/json",
    )


def _write_preferences(learner: User, launch: Launch, actor: dict[str, Any]) -> None:
    """The learner's languages, theirs first, as cmi5LearnerPreferences; once written, what
    the AU or the learner changed there is kept."""
    key = DocumentKey(Document.Kind.AGENT_PROFILE, agent_key=agent_key(actor))
    if get_document(key, LEARNER_PREFERENCES) is not None:
        return
    languages: list[str] = []
    for code in [*(learner.languages or []), launch.language, settings.LANGUAGE_CODE]:
        if isinstance(code, str) and code:
            tag = language_tag(code)
            if tag not in languages:
                languages.append(tag)
    preferences = {"languagePreference": ",".join(languages), "audioPreference": "on"}
    put_document(key, LEARNER_PREFERENCES, json.dumps(preferences).encode(), "application/json")


# The fetch URL


class FetchRefused(Exception):
    """What the fetch URL answers instead of a token (cmi5 8.2.3): code 1 for a token already
    used or a session over, 2 for one Praxis never gave."""

    def __init__(self, code: str, text: str) -> None:
        super().__init__(text)
        self.code = code
        self.text = text

    def as_json(self) -> dict[str, str]:
        return {"error-code": self.code, "error-text": self.text}


@transaction.atomic
def fetch_token(fetch: str) -> str:
    """The auth-token of the session whose fetch URL holds `fetch`: Basic credentials for the
    LRS, bound to the learner, the registration and the session, expiring with it. Given once."""
    session = (
        Session.objects.select_for_update()
        .select_related("learner")
        .filter(fetch_digest=digest(fetch), kind=Session.Kind.CMI5)
        .first()
    )
    if session is None:
        raise FetchRefused("2", str(_("This fetch URL is not one Praxis gave.")))
    if session.fetched_at is not None:
        raise FetchRefused("1", str(_("The authorization token has already been returned.")))
    if not session.is_open or session.expires <= timezone.now():
        raise FetchRefused("1", str(_("This session is over. Launch the unit again.")))
    client, secret = create_launch_client(
        f"cmi5 session {session.uuid}",
        agent=learner_agent(session.learner),
        registration=session.registration,
        expires=session.expires,
        profile=Session.Kind.CMI5,
    )
    session.client = client
    session.fetched_at = timezone.now()
    session.save(update_fields=["client", "fetched_at", "updated_at"])
    return base64.b64encode(f"{client.key}:{secret}".encode()).decode()


# What the LMS says


def abandon(session: Session, at: datetime) -> None:
    """End a session the AU never terminated: the `abandoned` statement, with the time from
    launch to the AU's last statement, and its credential withdrawn."""
    package = session.package
    au = find_au(package, session.au)
    record(
        learner_agent(session.learner),
        VERB_ABANDONED,
        _au_object(package, au, ""),
        result={"duration": duration(session.created_at, session.last_statement_at or at)},
        context=_context(session.uuid, session.registration, session.au),
    )
    session.abandoned_at = at
    session.save(update_fields=["abandoned_at", "updated_at"])
    if session.client_id is not None:
        LrsClient.objects.filter(pk=session.client_id).update(active=False)


def abandon_expired(now: datetime | None = None) -> int:
    """Abandon every open session whose credential has expired; returns how many."""
    now = now or timezone.now()
    count = 0
    with transaction.atomic():
        for session in Session.objects.select_for_update().filter(
            kind=Session.Kind.CMI5, terminated_at=None, abandoned_at=None, expires__lte=now
        ):
            abandon(session, now)
            count += 1
    return count


def is_satisfied(au: dict[str, Any], attempt: Attempt | None) -> bool:
    """Whether the AU's moveOn criterion is met by what the learner did (or it was waived)."""
    move_on = au.get("move_on") or "NotApplicable"
    if move_on == "NotApplicable" or (attempt is not None and attempt.cmi.get("waived")):
        return True
    if attempt is None:
        return False
    completed = attempt.completion_status == "completed"
    passed = attempt.success_status == "passed"
    return {
        "Completed": completed,
        "Passed": passed,
        "CompletedAndPassed": completed and passed,
        "CompletedOrPassed": completed or passed,
    }.get(move_on, False)


def _blocks(au: dict[str, Any]) -> list[str]:
    blocks = au.get("blocks")
    return [str(block) for block in blocks] if isinstance(blocks, list) else []


def _satisfy(
    learner: User,
    activity_id: str,
    kind: str,
    publisher: str,
    registration: uuid.UUID,
    session_id: uuid.UUID,
) -> bool:
    """Record `satisfied` for a block or the course, once per registration."""
    if Statement.objects.filter(
        verb_id=VERB_SATISFIED, activity_id=activity_id, registration=registration
    ).exists():
        return False
    record(
        learner_agent(learner),
        VERB_SATISFIED,
        activity(activity_id, kind),
        context=_context(session_id, registration, publisher),
    )
    return True


def evaluate_move_on(
    learner: User,
    package: Package,
    subject: uuid.UUID,
    registration: uuid.UUID,
    session_id: uuid.UUID,
) -> None:
    """Say `satisfied` for each block and for the course whose AUs all meet their moveOn, and
    complete the place the course is played in when the whole course is."""
    attempts = {
        attempt.sco: attempt
        for attempt in Attempt.objects.filter(learner=learner, package=package, subject=subject)
    }
    units = package.launchables
    met = {
        str(au["identifier"]): is_satisfied(au, attempts.get(str(au["identifier"]))) for au in units
    }
    within = {str(au["identifier"]): _blocks(au) for au in units}
    blocks: list[str] = []
    for names in within.values():
        blocks.extend(block for block in names if block not in blocks)
    for block in reversed(blocks):  # the innermost first
        inside = [identifier for identifier, names in within.items() if block in names]
        if all(met[identifier] for identifier in inside):
            _satisfy(
                learner,
                block_activity_id(package, block),
                TYPE_BLOCK,
                block,
                registration,
                session_id,
            )
    if all(met.values()):
        course_id = str(package.summary.get("course_id") or "")
        if _satisfy(
            learner, course_activity_id(package), TYPE_COURSE, course_id, registration, session_id
        ):
            hooks.package_completed.send(learner=learner, subject=subject)


@transaction.atomic
def waive(launch: Launch, identifier: str, reason: str) -> Attempt:
    """Waive the AU for the launch's learner and registration (`reason`: one of cmi5's four):
    the `waived` statement in a session of its own, then moveOn is evaluated again. Waiving
    an AU twice in a registration is refused."""
    if reason not in WAIVE_REASONS:
        raise ValidationFailed(
            ErrorCode.INVALID_INPUT,
            _("A waiver's reason is one of: %(reasons)s.") % {"reasons": ", ".join(WAIVE_REASONS)},
        )
    package = Package.objects.get(pk=launch.package)
    au = find_au(package, identifier)
    learner = User.objects.get(pk=launch.learner)
    attempt, _created = Attempt.objects.select_for_update().get_or_create(
        learner=learner, package=package, sco=identifier, subject=launch.subject_uuid
    )
    if attempt.cmi.get("waived"):
        raise ValidationFailed(ErrorCode.INVALID_INPUT, _("This unit is already waived."))
    registration = registration_of(launch)
    session_id = uuid.uuid4()
    record(
        learner_agent(learner),
        VERB_WAIVED,
        _au_object(package, au, launch.language),
        result={"success": True, "completion": True, "extensions": {EXTENSION_REASON: reason}},
        context={
            **_context(session_id, registration, identifier),
            "contextActivities": {
                "category": [{"id": CATEGORY_CMI5}, {"id": CATEGORY_MOVE_ON}],
                "grouping": [{"id": identifier}],
            },
        },
    )
    attempt.cmi = {**attempt.cmi, "waived": reason}
    attempt.completed_at = attempt.completed_at or timezone.now()
    attempt.save()
    evaluate_move_on(learner, package, launch.subject_uuid, registration, session_id)
    return attempt
