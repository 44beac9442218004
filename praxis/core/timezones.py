"""The time zone a viewer reads times in.

A visitor picks one ("Show times in"), kept in a cookie that every page showing times reads;
without one, a signed-in person's profile zone is used, and without that a page's own default
(an event its own zone; elsewhere UTC). Any zone of the tz database may be chosen."""

from __future__ import annotations

import zoneinfo
from functools import cache
from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from praxis.core.people import Visitor

VIEWER_ZONE_COOKIE = "praxis_time_zone"
UTC = zoneinfo.ZoneInfo("UTC")


def zone_named(name: str | None) -> zoneinfo.ZoneInfo | None:
    """The IANA zone called `name`, or None for an empty or unknown name."""
    if not name:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def viewer_zone(request: HttpRequest, default: zoneinfo.ZoneInfo = UTC) -> zoneinfo.ZoneInfo:
    """The zone the viewer chose on the page, else on their profile, else `default`."""
    return (
        zone_named(request.COOKIES.get(VIEWER_ZONE_COOKIE))
        or profile_zone(getattr(request, "user", None))
        or default
    )


@cache
def all_zones() -> tuple[str, ...]:
    """Every zone name of the tz database, sorted (about 600; read once per process)."""
    return tuple(sorted(zoneinfo.available_timezones()))


def is_zone(name: object) -> bool:
    """Whether `name` is a zone of the tz database (never a file path or other string that
    ZoneInfo alone might accept)."""
    return isinstance(name, str) and name in all_zones()


def profile_zone(user: Visitor | None) -> zoneinfo.ZoneInfo | None:
    """The zone a signed-in person chose on their profile, or None."""
    name = getattr(user, "time_zone", "") if getattr(user, "is_authenticated", False) else ""
    return zoneinfo.ZoneInfo(name) if is_zone(name) else None
