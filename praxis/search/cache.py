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

from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save

from praxis.catalog.models import Course, Lesson, Module
from praxis.community.models import Community, Resource, Thread
from praxis.core import fragments
from praxis.core.text_search import SEARCH_SCOPE, forget_vocabularies, part_scope
from praxis.events.models import Event, Session
from praxis.organisations.models import Organisation

SEARCHED: dict[str, tuple[type[Model], ...]] = {
    "catalog": (Course, Module, Lesson),
    "events": (Event, Session),
    "community": (Community, Thread, Resource),
    "partners": (Organisation,),
}
# The parts with no index of their own, whose index would otherwise say when their words
# changed.
UNINDEXED = ("events", "partners")


def connect() -> None:
    for part, models in SEARCHED.items():
        fragments.changes_with(part_scope(part), models)
        fragments.changes_with(SEARCH_SCOPE, models)
    for part in UNINDEXED:
        _forget_words_with(part, SEARCHED[part])


def _forget_words_with(part: str, models: tuple[type[Model], ...]) -> None:
    def on_change(sender: type[Model], **kwargs: object) -> None:
        transaction.on_commit(lambda: forget_vocabularies(part))

    for model in models:
        name = f"search:vocabulary:{part}:{model._meta.label}"
        post_save.connect(on_change, sender=model, dispatch_uid=name, weak=False)
        post_delete.connect(on_change, sender=model, dispatch_uid=f"{name}:deleted", weak=False)
