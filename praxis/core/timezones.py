"""The time zone a viewer reads times in.

A visitor picks one ("Show times in"), kept in a cookie that every page showing times reads;
without one, a signed-in person's profile zone is used, and without that a page's own default
(an event its own zone; elsewhere UTC). The lists offer one zone per place (`listed_zones`);
any zone of the tz database is accepted, so that one chosen under an older name stays valid."""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any, cast

from django import forms
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


@cache
def listed_zones() -> tuple[str, ...]:
    """The zones a list offers: UTC, then one per place the tz database's zone.tab names
    ("Africa/Nairobi", "America/Argentina/Buenos_Aires"), sorted. Left out are the names kept
    for compatibility ("US/Eastern", "Asia/Calcutta", "GB-Eire") and the technical ones
    ("Factory", "localtime", "Etc/GMT+3", "EST5EDT"), which mean nothing to most readers."""
    table = files("tzdata.zoneinfo").joinpath("zone.tab").read_text(encoding="utf-8")
    places = {
        line.split("\t")[2] for line in table.splitlines() if line and not line.startswith("#")
    }
    return ("UTC", *sorted(places & set(all_zones())))


def zone_label(name: str) -> str:
    return name.replace("_", " ")


class ZoneField(forms.ChoiceField):
    """A zone, offered from `listed_zones` (and `offer_too`, a zone already chosen that the list
    leaves out); any zone of the tz database is valid."""

    def valid_value(self, value: Any) -> bool:
        return is_zone(value)

    def offer_too(self, name: object) -> None:
        if is_zone(name) and name not in listed_zones():
            assert isinstance(name, str)
            offered = cast("Iterable[tuple[str, str]]", self.choices)
            self.choices = [*offered, (name, zone_label(name))]


def is_zone(name: object) -> bool:
    """Whether `name` is a zone of the tz database (never a file path or other string that
    ZoneInfo alone might accept)."""
    return isinstance(name, str) and name in all_zones()


def profile_zone(user: Visitor | None) -> zoneinfo.ZoneInfo | None:
    """The zone a signed-in person chose on their profile, or None."""
    name = getattr(user, "time_zone", "") if getattr(user, "is_authenticated", False) else ""
    return zoneinfo.ZoneInfo(name) if is_zone(name) else None
