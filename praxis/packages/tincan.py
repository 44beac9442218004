"""xAPI (TinCan) packages: launched with the parameters of the TinCan launch convention
(`endpoint`, `auth`, `actor`, `registration`, `activity_id`), with an LRS credential bound to
the learner, the registration and the package's activity (and the activities inside it),
expiring after PACKAGE_LAUNCH_HOURS. The lesson is done when the package says the learner
completed or passed its activity."""

from __future__ import annotations

import base64
import json
from typing import Any
from urllib.parse import quote, urlencode

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praxis.core.errors import ErrorCode, ValidationFailed
from praxis.lrs.models import LrsClient
from praxis.packages import cmi5, hooks
from praxis.packages.launch import Launch, launch_token
from praxis.packages.models import Attempt, Package, Session
from praxis.packages.sessions import open_bound_session

ADL = "http://adlnet.gov/expapi/verbs/"
DONE = {ADL + "completed", ADL + "passed"}


@transaction.atomic
def launch_activity(launch: Launch, identifier: str) -> str:
    """The URL that opens the package's activity `identifier` for the launch's learner, with
    a fresh credential in its `auth` parameter."""
    package = Package.objects.get(pk=launch.package)
    if package.kind != Package.Kind.XAPI:
        raise ValidationFailed(ErrorCode.PACKAGE_NOT_PLAYABLE, _("This package is not xAPI."))
    item = cmi5.find_au(package, identifier)
    session, client, secret = open_bound_session(
        launch,
        package,
        kind=Session.Kind.XAPI,
        au=identifier,
        activity_id=identifier,
        label=f"xAPI launch of {identifier}",
    )
    registration = session.registration
    actor = cmi5.learner_agent(session.learner)
    path, _sep, own_query = str(item["launch"]).partition("?")
    content = settings.PACKAGE_ORIGIN + reverse(
        "packages:content", args=[launch_token(launch), path]
    )
    parameters = {
        "endpoint": f"{settings.SITE_URL}/xapi/",
        "auth": "Basic " + base64.b64encode(f"{client.key}:{secret}".encode()).decode(),
        "actor": json.dumps(actor, separators=(",", ":")),
        "registration": str(registration),
        "activity_id": identifier,
    }
    query = urlencode(parameters, quote_via=quote)
    return f"{content}?{own_query + '&' if own_query else ''}{query}"


def _says_done(statement: dict[str, Any], activity_id: str) -> bool:
    target = statement.get("object") or {}
    if target.get("objectType", "Activity") != "Activity" or target.get("id") != activity_id:
        return False
    result = statement.get("result") or {}
    verb = (statement.get("verb") or {}).get("id")
    return verb in DONE or result.get("completion") is True or result.get("success") is True


@transaction.atomic
def statements_stored(*, client: LrsClient, statements: list[dict[str, Any]]) -> None:
    """Keep what the package says of its own activity; completing or passing it completes
    the place the package is played in."""
    if client.profile != Session.Kind.XAPI:
        return
    session = (
        Session.objects.select_for_update()
        .select_related("learner", "package")
        .filter(client=client)
        .first()
    )
    if session is None:
        return
    done = [s for s in statements if _says_done(s, session.activity_id)]
    session.last_statement_at = timezone.now()
    session.save(update_fields=["last_statement_at", "updated_at"])
    if not done:
        return
    attempt, _created = Attempt.objects.select_for_update().get_or_create(
        learner=session.learner, package=session.package, sco=session.au, subject=session.subject
    )
    for statement in done:
        result = statement.get("result") or {}
        verb = (statement.get("verb") or {}).get("id")
        if verb == ADL + "completed" or result.get("completion") is True:
            attempt.completion_status = "completed"
        if verb == ADL + "passed" or result.get("success") is True:
            attempt.success_status = "passed"
        score = result.get("score") or {}
        if isinstance(score.get("scaled"), int | float):
            attempt.score_scaled = float(score["scaled"])
    newly = attempt.completed_at is None
    attempt.completed_at = attempt.completed_at or timezone.now()
    attempt.save()
    if newly:
        hooks.package_completed.send(learner=session.learner, subject=session.subject)
