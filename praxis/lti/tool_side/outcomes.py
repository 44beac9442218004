"""Grades back to the learning platforms that launched a course: the learner's share of the
course done, and its completion, posted as a score to each platform line item they came from
(Assignment and Grade Services 2.0), with an access token obtained by a client assertion
signed with Praxis's key (RFC 7523).

The catalog calls `course_progressed` once a change of progress commits; the sending is a
background task, which tries again when the platform cannot be reached. Nothing here ever
fails the learner's request: failures are logged.
"""

from __future__ import annotations

import json
import logging
import secrets
import time
import uuid
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.core.cache import cache
from django.utils import timezone
from joserfc import jwt

from praxis.lti.keys import current_key, signing_key
from praxis.lti.models import Platform, PlatformEnrolment
from praxis.lti.tool_side import http
from praxis.lti.tool_side.launching import SCORE_SCOPE

__all__ = ["course_progressed", "send_score"]

log = logging.getLogger(__name__)

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
SCORE_TYPE = "application/vnd.ims.lis.v1.score+json"


def course_progressed(*, learner_id: int, course: uuid.UUID, percent: int, completed: bool) -> None:
    """The learner's progress in `course` changed (committed): post it to every platform line
    item they were launched from, in the background. Never raises."""
    try:
        links = PlatformEnrolment.objects.filter(
            account__learner_id=learner_id, course=course
        ).exclude(lineitem="")
        ids = list(links.values_list("pk", flat=True))
        if not ids:
            return
        PlatformEnrolment.objects.filter(pk__in=ids).update(
            percent=max(0, min(100, percent)), completed=completed, updated_at=timezone.now()
        )
        from praxis.lti.tasks import send_course_score  # the task module imports this one

        for pk in ids:
            send_course_score.delay(pk)
    except Exception:  # the learner's request has committed; the score waits for the next change
        log.exception("The progress of learner %s in course %s was not sent", learner_id, course)


def _client_assertion(platform: Platform) -> str:
    now = int(time.time())
    key = current_key()
    claims = {
        "iss": platform.client_id,
        "sub": platform.client_id,
        "aud": platform.token_url,
        "iat": now,
        "exp": now + 300,
        "jti": secrets.token_urlsafe(24),
    }
    return jwt.encode({"alg": "RS256", "kid": key.kid, "typ": "JWT"}, claims, signing_key())


def access_token(platform: Platform, *, fresh: bool = False) -> str:
    """A bearer token of `platform` for posting scores, kept until shortly before it expires."""
    cache_key = f"lti:platform-token:{platform.uuid}"
    token = None if fresh else cache.get(cache_key)
    if isinstance(token, str):
        return token
    body = urlencode(
        {
            "grant_type": "client_credentials",
            "client_assertion_type": ASSERTION_TYPE,
            "client_assertion": _client_assertion(platform),
            "scope": SCORE_SCOPE,
        }
    ).encode()
    _status, answer = http.call(
        platform.token_url,
        data=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/json",
        },
    )
    granted = http.json_answer(answer)
    token = granted.get("access_token")
    if not isinstance(token, str) or not token:
        raise http.Refused(200, "no access_token")
    lifetime = granted.get("expires_in")
    seconds = int(lifetime) if isinstance(lifetime, int | float) else 3600
    if seconds > 120:
        cache.set(cache_key, token, seconds - 60)
    return token


def scores_url(lineitem: str) -> str:
    """The line item's scores service: its URL with `/scores` added to the path."""
    parts = urlsplit(lineitem)
    return urlunsplit(parts._replace(path=parts.path.rstrip("/") + "/scores"))


def score_of(link: PlatformEnrolment) -> dict[str, object]:
    """The score posted for `link`: the share of the course done out of 100, fully graded
    once the course is completed."""
    completed = link.completed
    return {
        "userId": link.account.sub,
        "scoreGiven": 100 if completed else link.percent,
        "scoreMaximum": 100,
        "activityProgress": "Completed" if completed else "InProgress",
        "gradingProgress": "FullyGraded" if completed else "Pending",
        "timestamp": timezone.now().isoformat(),
    }


def send_score(link_id: int) -> bool:
    """Post the progress kept on the enrolment link `link_id` to its platform's line item;
    False when there is nothing to send (the platform is switched off, the score was sent
    already). Raises http.Unreachable (try again later) or http.Refused."""
    link = (
        PlatformEnrolment.objects.select_related("account__platform")
        .filter(pk=link_id)
        .exclude(lineitem="")
        .first()
    )
    platform = link.account.platform if link is not None else None
    if link is None or platform is None or not platform.active:
        return False
    if link.sent_at is not None and (link.sent_percent, link.sent_completed) == (
        link.percent,
        link.completed,
    ):
        return False
    body = json.dumps(score_of(link)).encode()
    for fresh in (False, True):
        headers = {
            "Authorization": f"Bearer {access_token(platform, fresh=fresh)}",
            "Content-Type": SCORE_TYPE,
        }
        try:
            http.call(scores_url(link.lineitem), data=body, headers=headers)
        except http.Refused as error:
            if error.status == 401 and not fresh:  # a kept token the platform no longer takes
                continue
            raise
        break
    PlatformEnrolment.objects.filter(pk=link.pk).update(
        sent_at=timezone.now(), sent_percent=link.percent, sent_completed=link.completed
    )
    return True
