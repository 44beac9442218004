"""The credential a package's player and content use instead of the learner's session.

It is signed, names one learner, one package and the place it is played (`subject`, with the
xAPI registration and parent activity the statements carry), and expires after
PACKAGE_LAUNCH_HOURS. It travels in the path of the package origin's URLs, where the site's
session cookie is never sent.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from praxis.core.errors import ErrorCode, PermissionDenied
from praxis.packages.models import Package

SALT = "praxis.packages.launch"


@dataclass(frozen=True)
class Launch:
    learner: int
    package: int
    subject: str
    registration: str = ""
    parent: str = ""  # the xAPI activity the package is part of (the lesson)
    language: str = ""  # the content's language, for the statements it makes
    interface: str = ""  # the learner's interface language, for the player's own words

    @property
    def subject_uuid(self) -> uuid.UUID:
        return uuid.UUID(self.subject)


def launch_token(launch: Launch) -> str:
    return signing.dumps(asdict(launch), salt=SALT, compress=True)


def read_launch(token: str) -> Launch:
    """The launch `token` names; refused when altered or expired."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.PACKAGE_LAUNCH_HOURS * 3600)
        return Launch(**data)
    except (signing.BadSignature, TypeError, ValueError) as error:
        raise PermissionDenied(
            ErrorCode.LAUNCH_EXPIRED,
            _("This launch of the package has expired. Open the lesson again."),
        ) from error


def player_url(launch: Launch, sco: str = "") -> str:
    """Where the player of `launch` is, on the package origin."""
    url = settings.PACKAGE_ORIGIN + reverse("packages:player", args=[launch_token(launch)])
    return f"{url}?sco={sco}" if sco else url


def launch(
    learner_id: int,
    package: Package,
    *,
    subject: uuid.UUID,
    registration: str = "",
    parent: str = "",
    language: str = "",
    interface: str = "",
) -> str:
    """The player URL that plays `package` to the learner, as part of `subject`."""
    return player_url(
        Launch(
            learner=learner_id,
            package=package.pk,
            subject=str(subject),
            registration=registration,
            parent=parent,
            language=language,
            interface=interface,
        )
    )
