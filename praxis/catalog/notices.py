"""The notices the catalogue sends to learners (praxis.notifications.kinds)."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from praxis.notifications.kinds import Delivery, kind


@kind(label=_("Updates to courses you follow"), default=Delivery.IN_APP)
def course_updated(*, course: str, version: int) -> str:
    return gettext("“%(course)s” was updated (version %(version)s): see what changed.") % {
        "course": course,
        "version": version,
    }
