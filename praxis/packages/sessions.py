"""A learner's session in a package that speaks xAPI itself (TinCan or H5P content): the
session and the LRS credential bound to it, which may speak only as that learner, in that
registration, about that activity, until the launch expires."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from praxis.accounts.models import User
from praxis.lrs.models import LrsClient
from praxis.lrs.services.clients import create_launch_client
from praxis.packages import cmi5
from praxis.packages.launch import Launch
from praxis.packages.models import Package, Session


def open_bound_session(
    launch: Launch,
    package: Package,
    *,
    kind: Session.Kind,
    au: str,
    activity_id: str,
    label: str,
) -> tuple[Session, LrsClient, str]:
    """A new session of the launch's learner in `package` (part `au`, speaking about
    `activity_id`) with its bound credential, named `label`; the session, the credential and
    its secret."""
    learner = User.objects.get(pk=launch.learner)
    registration = cmi5.registration_of(launch)
    expires = timezone.now() + timedelta(hours=settings.PACKAGE_LAUNCH_HOURS)
    client, secret = create_launch_client(
        label[:200],
        agent=cmi5.learner_agent(learner),
        registration=registration,
        activity_id=activity_id,
        expires=expires,
        profile=kind,
    )
    session = Session.objects.create(
        kind=kind,
        learner=learner,
        package=package,
        au=au,
        subject=launch.subject_uuid,
        registration=registration,
        activity_id=activity_id,
        client=client,
        expires=expires,
        fetched_at=timezone.now(),
    )
    return session, client, secret
