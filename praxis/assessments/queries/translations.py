"""One of each translation: which course or pathway of several in other languages a reader is
shown, in the order the catalogue and the search read a person's languages
(`core.languages.readers_of`: the languages they declared speaking, then the interface
language), else the original.

Courses in other languages are linked by their translation group. Pathways have no group of
their own: two pathways are translations of one another when their steps are the same courses in
order, each possibly in another language (the same translation group, step by step)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import TypeVar

from praxis.assessments.models import Pathway, PathwayStep
from praxis.core.languages import preference_rank

T = TypeVar("T")


def course_key(course_id: int, translation_group_id: int | None) -> Hashable:
    """What a course shares with its translations: its group, else only itself."""
    if translation_group_id is None:
        return ("course", course_id)
    return ("group", translation_group_id)


def step_courses(pathways: Iterable[Pathway]) -> dict[int, list[tuple[int, int | None]]]:
    """{pathway id: (course id, its translation group id) of each step, in order}. One query."""
    found: dict[int, list[tuple[int, int | None]]] = {pathway.pk: [] for pathway in pathways}
    for pathway_id, course_id, group_id in (
        PathwayStep.objects.filter(pathway_id__in=list(found))
        .order_by("pathway_id", "position", "id")
        .values_list("pathway_id", "course_id", "course__translation_group_id")
    ):
        found[pathway_id].append((course_id, group_id))
    return found


def pathway_key(pathway_id: int, steps: Sequence[tuple[int, int | None]]) -> Hashable:
    """What a pathway shares with its translations: the translation of each of its courses,
    step by step (see `step_courses`); a pathway without steps is only itself."""
    if not steps:
        return ("pathway", pathway_id)
    return ("steps", *(course_key(course_id, group_id) for course_id, group_id in steps))


def one_of_each(
    items: Iterable[T],
    *,
    key: Callable[[T], Hashable],
    language: Callable[[T], str],
    original: Callable[[T], int],
    readers: Sequence[str],
) -> list[T]:
    """One item of each translation (`key`), in the order their translations first appear:
    the one in the first of `readers` it matches, else the original (the lowest `original`:
    translations are made from a course that exists already)."""
    chosen: dict[Hashable, T] = {}
    for item in items:
        shared = key(item)
        held = chosen.get(shared)
        rank = (preference_rank(readers, language(item)), original(item))
        if held is None or rank < (preference_rank(readers, language(held)), original(held)):
            chosen[shared] = item
    return list(chosen.values())
