"""The cmi5 conformance API's services: what a conformance test suite asks of Praxis as the
cmi5 LMS (import a course outside any draft, launch an AU for an xAPI agent, waive an AU,
abandon a session, delete the course), done by the same services that play cmi5 to learners.

All of it answers only where PRAXIS_CMI5_CONFORMANCE is on, and only to staff; elsewhere it
does not exist (404).
"""

from __future__ import annotations

import hashlib
import io
import json
import uuid
import zipfile
from typing import IO, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praxis.accounts.models import User
from praxis.core.errors import (
    Conflict,
    ErrorCode,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from praxis.lrs.models import LrsClient
from praxis.lrs.validation import agent_key
from praxis.packages import cmi5
from praxis.packages.errors import PackageRefused
from praxis.packages.launch import Launch
from praxis.packages.manifests import CMI5
from praxis.packages.models import Attempt, ConformanceCourse, Package, Session
from praxis.packages.services import import_package, inspect_package
from praxis.packages.storage import package_storage

__all__ = [
    "abandon_session",
    "delete_course",
    "import_course",
    "launch_url",
    "require_conformance",
    "waive_au",
]

ZIP_TYPES = {"application/zip", "application/x-zip-compressed"}
XML_TYPES = {"text/xml", "application/xml"}
LAUNCH_MODES = ("Normal", "Browse", "Review")
LEARNER_DOMAIN = "cmi5-conformance.invalid"


def require_conformance(user: User | None) -> User:
    """The caller (a bearer token's owner), when the conformance API is on and they are staff;
    else it is not there (404), or not theirs (401, 403)."""
    if not settings.PRAXIS_CMI5_CONFORMANCE:
        raise NotFound(ErrorCode.NOT_FOUND)
    if not isinstance(user, User) or not user.is_authenticated:
        raise NotAuthenticated()
    if not user.is_staff:
        raise PermissionDenied(
            ErrorCode.PERMISSION_DENIED, _("Only staff may use the cmi5 conformance API.")
        )
    return user


def _as_zip(manifest: bytes) -> IO[bytes]:
    """A bare cmi5.xml as the package it stands for: that file alone (cmi5 14.2), so that
    every AU it names must have a fully qualified URL."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("cmi5.xml", manifest)
    buffer.seek(0)
    return buffer


def import_course(
    by: User | None, content: bytes, content_type: str, file_name: str = ""
) -> Package:
    """Import a cmi5 course (a zip, or a bare cmi5.xml) as normal import does, refusing what
    is not cmi5 with the same `package_…` codes; nothing is kept of a refused one."""
    by = require_conformance(by)
    media_type = content_type.split(";")[0].strip().lower()
    if media_type in XML_TYPES:
        upload: IO[bytes] = _as_zip(content)
    elif media_type in ZIP_TYPES:
        upload = io.BytesIO(content)
    else:
        raise PackageRefused(ErrorCode.PACKAGE_NOT_A_ZIP, media_type[:80])
    _archive, summary = inspect_package(upload)
    if summary.kind != CMI5:
        raise PackageRefused(ErrorCode.PACKAGE_UNKNOWN_KIND)
    upload.seek(0)
    with transaction.atomic():
        package = import_package(upload, by=by, file_name=file_name)
        ConformanceCourse.objects.create(package=package, imported_by=by)
    return package


def find_course(by: User | None, course: uuid.UUID) -> Package:
    """The conformance course `course` (a package UUID); other packages are not found."""
    by = require_conformance(by)
    found = ConformanceCourse.objects.select_related("package").filter(package__uuid=course)
    record = found.first()
    if record is None:
        raise NotFound(ErrorCode.NOT_FOUND, _("No cmi5 conformance course has this id."))
    return record.package


def _agent(actor: Any) -> dict[str, Any]:
    """The xAPI Agent the suite names, checked: an account (homePage, name) or an mbox."""
    if not isinstance(actor, dict):
        raise ValidationFailed(ErrorCode.INVALID_INPUT, _("The actor is not an xAPI Agent."))
    account = actor.get("account")
    if isinstance(account, dict):
        home, name = account.get("homePage"), account.get("name")
        if isinstance(home, str) and isinstance(name, str) and home and name:
            return {"account": {"homePage": home[:500], "name": name[:500]}}
    mbox = actor.get("mbox")
    if isinstance(mbox, str) and mbox.startswith("mailto:") and len(mbox) <= 500:
        return {"mbox": mbox}
    raise ValidationFailed(
        ErrorCode.INVALID_INPUT,
        _("The actor is not an xAPI Agent: give an account (homePage and name) or an mbox."),
        fields={"actor": [_("An account (homePage and name) or an mbox is needed.")]},
    )


def learner_for(actor: Any) -> User:
    """The Praxis learner who stands for the suite's agent: made on first use, with no
    password (no one signs in as them), the same one each time the agent comes back."""
    agent = _agent(actor)
    key = hashlib.sha256(agent_key(agent).encode()).hexdigest()[:32]
    email = f"cmi5-{key}@{LEARNER_DOMAIN}"
    learner = User.objects.filter(email=email).first()
    if learner is None:
        name = json.dumps(agent, separators=(",", ":"))[:150]
        learner = User.objects.create_user(email, None, full_name=name)
    return learner


def _au_index(package: Package, index: int) -> str:
    units = package.launchables
    if not 0 <= index < len(units):
        raise NotFound(ErrorCode.NOT_FOUND, _("The course has no AU at this position."))
    return str(units[index]["identifier"])


def launch_url(
    by: User | None,
    course: uuid.UUID,
    index: int,
    actor: Any,
    *,
    registration: uuid.UUID | None = None,
    mode: str = "Normal",
) -> str:
    """Launch the AU at `index` (from 0, in the order of cmi5.xml) for the learner standing for
    `actor`, in `registration` (the learner's own for the course when none is given)."""
    package = find_course(by, course)
    if mode not in LAUNCH_MODES:
        raise ValidationFailed(
            ErrorCode.INVALID_INPUT,
            _("The launch mode is one of: %(modes)s.") % {"modes": ", ".join(LAUNCH_MODES)},
        )
    identifier = _au_index(package, index)
    learner = learner_for(actor)
    if registration is not None:
        other = Session.objects.filter(registration=registration).exclude(
            learner=learner, package=package
        )
        if other.exists():
            raise Conflict(message=_("This registration belongs to another learner or course."))
    launch = Launch(
        learner=learner.pk,
        package=package.pk,
        subject=str(package.uuid),
        registration=str(registration) if registration else "",
        language=settings.LANGUAGE_CODE,
    )
    return cmi5.launch_au(launch, identifier, mode=mode)


def waive_au(by: User | None, registration: uuid.UUID, index: int, reason: str) -> None:
    """Waive the AU at `index` in the registration (one a launch of a conformance course
    began), with one of cmi5's four reasons."""
    by = require_conformance(by)
    session = (
        Session.objects.select_related("package")
        .filter(registration=registration, package__conformance_course__isnull=False)
        .order_by("-created_at")
        .first()
    )
    if session is None:
        raise NotFound(
            ErrorCode.NOT_FOUND, _("No launch of a conformance course has this registration.")
        )
    launch = Launch(
        learner=session.learner_id,
        package=session.package_id,
        subject=str(session.subject),
        registration=str(registration),
        language=settings.LANGUAGE_CODE,
    )
    cmi5.waive(launch, _au_index(session.package, index), reason)


@transaction.atomic
def abandon_session(by: User | None, session_id: uuid.UUID) -> None:
    """Abandon an open session of a conformance course, as the LMS does when the AU stops
    without `terminated`."""
    by = require_conformance(by)
    session = (
        Session.objects.select_for_update()
        .filter(uuid=session_id, kind=Session.Kind.CMI5, package__conformance_course__isnull=False)
        .first()
    )
    if session is None:
        raise NotFound(ErrorCode.NOT_FOUND, _("No session of a conformance course has this id."))
    if not session.is_open:
        raise Conflict(message=_("This session is already over."))
    cmi5.abandon(session, timezone.now())


def delete_course(by: User | None, course: uuid.UUID) -> None:
    """Delete a conformance course: its package, files, sessions (their LRS credentials
    withdrawn) and attempts. What its AUs said stays in the LRS, as every statement does."""
    package = find_course(by, course)
    with transaction.atomic():
        sessions = Session.objects.filter(package=package)
        LrsClient.objects.filter(pk__in=sessions.exclude(client=None).values("client_id")).update(
            active=False
        )
        sessions.delete()
        Attempt.objects.filter(package=package).delete()
        package.delete()
    _delete_files(str(package.uuid))


def _delete_files(folder: str) -> None:
    storage = package_storage()
    if not storage.exists(folder):
        return
    folders, files = storage.listdir(folder)
    for name in files:
        storage.delete(f"{folder}/{name}")
    for name in folders:
        _delete_files(f"{folder}/{name}")
