"""What the combined search finds is kept until something it finds or shows changes.

praxis.search.queries keeps the results of each query under the version of the search's scope
(praxis.core.text_search.SEARCH_SCOPE). Every change to a search index replaces that version
(text_search.index_changed); so does any save or delete of what the search filters by or shows
without an index of its own, whichever code path made it: courses, their modules and lessons,
events and their sessions, communities, threads, resources and partner organisations. What
changes with no save — how many people enrolled, which breaks ties between courses — shows
when the results are found afresh, at most SEARCH_RESULTS_SECONDS later.
"""

from __future__ import annotations

from django.db.models import Model

from praxis.catalog.models import Course, Lesson, Module
from praxis.community.models import Community, Resource, Thread
from praxis.core import fragments
from praxis.core.text_search import SEARCH_SCOPE
from praxis.events.models import Event, Session
from praxis.organisations.models import Organisation

SEARCHED: tuple[type[Model], ...] = (
    Course,
    Module,
    Lesson,
    Event,
    Session,
    Community,
    Thread,
    Resource,
    Organisation,
)


def connect() -> None:
    fragments.changes_with(SEARCH_SCOPE, SEARCHED)
