"""People's browser sessions: recorded at login, listed on their account, ended by them.

Django's session store cannot be searched by person, so each login records its session key
(`PersonSession`); ending a session deletes it from the store and from that record.
"""

from __future__ import annotations

import datetime
import time
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from praxis.accounts.models import PersonSession, SecurityEventKind, User
from praxis.accounts.permissions import edit_profile
from praxis.accounts.services.audit import record
from praxis.core.errors import NotFound
from praxis.core.permissions import require
from praxis.core.ratelimit import client_ip

USER_AGENT_MAX_LENGTH = 300
# When a session was last used is a hint for its owner: write it at most every few minutes.
LAST_SEEN_PRECISION = datetime.timedelta(minutes=5)
# When this session last wrote its time of use, kept in the session itself (already loaded for
# every request), so that most requests neither read nor write the sessions table.
SEEN_SESSION_KEY = "praxis_seen_at"


def _store(session_key: str) -> SessionBase:
    engine = import_module(settings.SESSION_ENGINE)
    store: SessionBase = engine.SessionStore(session_key)
    return store


def record_session(request: HttpRequest, user: User) -> PersonSession | None:
    """Note the request's session (just logged in to) as one of `user`'s."""
    key = request.session.session_key
    if not key:
        return None
    request.session[SEEN_SESSION_KEY] = time.time()
    row, _created = PersonSession.objects.update_or_create(
        session_key=key,
        defaults={
            "person": user,
            "user_agent": request.headers.get("User-Agent", "")[:USER_AGENT_MAX_LENGTH],
            "client_address": client_ip(request)[:45],
            "last_seen_at": timezone.now(),
        },
    )
    return row


def note_session_use(request: HttpRequest, user: User) -> None:
    """Update when the request's session was last used: at most once per LAST_SEEN_PRECISION,
    so a busy session costs one small write every few minutes, not one per request."""
    key = request.session.session_key
    if not key:
        return
    now = time.time()
    seen = request.session.get(SEEN_SESSION_KEY)
    # A session without the mark was not recorded at login (see record_session): nothing to do.
    if not isinstance(seen, int | float) or 0 <= now - seen < LAST_SEEN_PRECISION.total_seconds():
        return
    request.session[SEEN_SESSION_KEY] = now
    PersonSession.objects.filter(session_key=key, person=user).update(last_seen_at=timezone.now())


def _end(rows: list[PersonSession]) -> int:
    for row in rows:
        _store(row.session_key).delete()
    PersonSession.objects.filter(pk__in=[row.pk for row in rows]).delete()
    return len(rows)


def end_session(user: User, session_id: int) -> None:
    """End one of `user`'s sessions; anyone else's, or none: NotFound."""
    require(edit_profile, user, user)
    with transaction.atomic():
        row = PersonSession.objects.filter(person=user, pk=session_id).first()
        if row is None:
            raise NotFound()
        _end([row])


def end_other_sessions(user: User, *, keep: str = "", request: HttpRequest | None = None) -> int:
    """End every recorded session of `user` but the one with key `keep` (none when empty).

    Returns how many ended. Called by the person, and after a password change, an e-mail change
    and its undo, or turning two-factor authentication off.
    """
    with transaction.atomic():
        rows = list(PersonSession.objects.filter(person=user).exclude(session_key=keep or None))
        count = _end(rows)
        if count:
            record(user, SecurityEventKind.SESSIONS_ENDED, request=request, count=count)
    return count
