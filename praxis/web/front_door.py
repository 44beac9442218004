"""What the home page shows, gathered from each app's queries: for a visitor, what Praxis offers
with live content in their language; for a signed-in person, where to go next."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.utils import timezone
from django.utils.translation import get_language

from praxis.assessments import queries as assessments
from praxis.catalog import cache as catalog_cache
from praxis.catalog import listing
from praxis.catalog import queries as catalog
from praxis.catalog.models import Course
from praxis.community import queries as community
from praxis.community.models import Community
from praxis.community.services.counts import COMMUNITIES_SCOPE
from praxis.core import fragments
from praxis.core.people import Visitor, signed_in
from praxis.credentials import queries as credentials
from praxis.events import queries as events
from praxis.events.models import Event, Registration
from praxis.events.programme_cache import LIST_SCOPE as EVENTS_SCOPE
from praxis.notifications import queries as notifications
from praxis.notifications.models import Notice
from praxis.organisations import queries as organisations
from praxis.organisations.api import NETWORKS_SCOPE, PARTNERS_SCOPE

COURSES_SHOWN = 4
EVENTS_SHOWN = 3
COMMUNITIES_SHOWN = 3
STEPS_SHOWN = 3
NEW_ACCOUNT = timedelta(days=1)
NOTICES_SHOWN = 3
# What a visitor's home page shows besides the catalogue: the events list, the communities and
# the partner network (organisations, networks).
SHOWN_SCOPES = (EVENTS_SCOPE, COMMUNITIES_SCOPE, PARTNERS_SCOPE, NETWORKS_SCOPE)


@dataclass
class Personal:
    continue_learning: list[catalog.LearningEntry]
    next_events: list[Registration]
    next_steps: list[assessments.Recommendation]
    cpd_totals: list[credentials.SystemTotal]
    unread_notices: list[Notice]
    returning: bool = True  # False on the day the account was made: welcomed, not "back"


@dataclass
class Home:
    new_courses: list[Course]
    popular_courses: list[Course]
    upcoming_events: list[Event]
    communities: list[Community]
    network: organisations.NetworkFigures
    personal: Personal | None = None


def home_for(user: Visitor) -> Home:
    """The home page's content for `user` in the current language."""
    language = get_language() or "en"
    new = listing.newest_courses(language, COURSES_SHOWN)
    new_ids = {course.pk for course in new}
    popular = [
        course
        for course in listing.popular_courses(language, COURSES_SHOWN + len(new))
        if course.pk not in new_ids
    ][:COURSES_SHOWN]
    home = Home(
        new_courses=new,
        popular_courses=popular,
        upcoming_events=events.upcoming(user, EVENTS_SHOWN),
        communities=community.active_communities(user, COMMUNITIES_SHOWN),
        network=organisations.network_figures(),
    )
    if signed_in(user):
        home.personal = Personal(
            continue_learning=catalog.my_learning(user).in_progress[:COURSES_SHOWN],
            next_events=events.next_registrations(user, EVENTS_SHOWN),
            next_steps=assessments.next_steps(user, STEPS_SHOWN),
            cpd_totals=credentials.cpd_record(user),
            unread_notices=notifications.latest_unread(user, NOTICES_SHOWN),
            returning=user.created_at < timezone.now() - NEW_ACCOUNT,
        )
    return home


def visitors_home(language: str, render: Callable[[], str]) -> str:
    """The home page every visitor without a session sees in `language`, as `render` makes it:
    kept whole (praxis.core.fragments) under the versions of what it shows (the catalogue,
    SHOWN_SCOPES), so a course or an event published shows on the next request, and made again
    each minute: which courses are most followed, which communities spoke last and which events
    are still to come change without any of them being edited."""
    minute = timezone.now().strftime("%Y-%m-%dT%H:%M")
    versions = [fragments.version(scope) for scope in SHOWN_SCOPES]
    return fragments.cached_text(
        catalog_cache.SCOPE, ("home", language, minute, *versions), render, timeout=60
    )


def sample_moment() -> datetime:
    """A fixed moment, for the pattern library's date examples."""
    return datetime(2026, 3, 14, 9, 30, tzinfo=UTC)
