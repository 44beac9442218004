"""The time zone a viewer reads times in.

There is no time zone on the profile: a visitor picks one ("Show times in"), kept in a cookie
that every page showing times reads. Without a choice, a page uses its own default (an event
its own zone; elsewhere UTC)."""

from __future__ import annotations

import zoneinfo

from django.http import HttpRequest

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
    """The zone the viewer chose, else `default`."""
    return zone_named(request.COOKIES.get(VIEWER_ZONE_COOKIE)) or default
