"""What the combined search finds is kept until something it finds or shows changes.

praxis.search.queries keeps the results of each query under the version of the search's scope
(praxis.core.text_search.SEARCH_SCOPE), and what each part of the ecosystem (catalogue, events,
communities, partners) contributed under that part's own version. A change to a part's index
replaces both (text_search.index_changed); so does any save or delete of what the search
filters by or shows without an index of its own, whichever code path made it: courses, their
modules and lessons, events and their sessions, communities, threads, resources and partner
organisations. A reply in a community then has every next search find the communities' part
afresh, but keep what it found in the catalogue. What changes with no save — how many people
enrolled, which breaks ties between courses — shows when the results are found afresh, at most
SEARCH_RESULTS_SECONDS later.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Model
from django.db.models.signals import post_delete, post_save

from praxis.catalog.models import Course, Lesson, Module
from praxis.community.models import Community, Resource, Thread
from praxis.core.text_search import index_changed, searched_changed
from praxis.events.models import Event, Session
from praxis.organisations.models import Organisation

SEARCHED: dict[str, tuple[type[Model], ...]] = {
    "catalog": (Course, Module, Lesson),
    "events": (Event, Session),
    "community": (Community, Thread, Resource),
    "partners": (Organisation,),
}
# The parts with no index of their own: a save changes their words too, which an index would
# otherwise say (text_search.index_changed).
UNINDEXED = ("events", "partners")


def connect() -> None:
    for part, models in SEARCHED.items():
        on_change = _changes(part)
        for model in models:
            name = f"search:{part}:{model._meta.label}"
            post_save.connect(on_change, sender=model, dispatch_uid=name, weak=False)
            post_delete.connect(on_change, sender=model, dispatch_uid=f"{name}:deleted", weak=False)


def _changes(part: str) -> Callable[..., None]:
    """What a save or delete in `part` does to the search: its results, and the combined ones,
    are found afresh; so are its words where no index says when they change."""
    changed = index_changed if part in UNINDEXED else searched_changed

    def on_change(sender: type[Model], **kwargs: object) -> None:
        changed(part)

    return on_change
