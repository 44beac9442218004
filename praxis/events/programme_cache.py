"""An event's programme as the timetable shows it, rendered once per version of the programme.

The grid of a 200-session conference takes tens of milliseconds to render and is the same for
every visitor with the same language, zone and view (links to the calls, the organisers'
links). Any save or delete of what it shows — the event, its sessions, rooms, tracks, speakers
and materials, or which speakers a session has — replaces the programme's version
(praxis.core.fragments), whichever code path made it.

The fields of an event's registration form, blank as every reader without a registration sees
them (its questions; a country question's 250 options), are kept likewise per version of the
event's questions, which any save or delete of one of them replaces.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.safestring import SafeString

from praxis.core import fragments
from praxis.events.models import Event, Material, Question, Room, Session, Speaker, Track


def _scope(event_id: int) -> str:
    return f"events:programme:{event_id}"


def programme_changed(event_ids: Iterable[int]) -> None:
    for event_id in set(event_ids):
        fragments.changed(_scope(event_id))


def cached_programme(event: Event, parts: Iterable[str], render: Callable[[], str]) -> SafeString:
    return fragments.cached_html(_scope(event.pk), parts, render)


def _questions_scope(event_id: int) -> str:
    return f"events:questions:{event_id}"


def cached_registration_fields(
    event: Event, language: str, render: Callable[[], str]
) -> SafeString:
    """The blank registration form's fields that `render` makes in `language`, made at most
    once per version of the event's questions and worker."""
    return fragments.cached_html(_questions_scope(event.pk), [language], render)


def _on_question_change(sender: Any, instance: Question, **kwargs: Any) -> None:
    fragments.changed(_questions_scope(instance.event_id))


def _events_of(instance: Any) -> list[int]:
    if isinstance(instance, Event):
        return [instance.pk]
    if isinstance(instance, Material):
        return list(
            Session.objects.filter(pk=instance.session_id).values_list("event_id", flat=True)
        )
    if isinstance(instance, Room) and instance.event_id is None:
        # A venue's room: every event with a session in it.
        return list(Session.objects.filter(room=instance).values_list("event_id", flat=True))
    return [instance.event_id]


def _on_change(sender: Any, instance: Any, **kwargs: Any) -> None:
    programme_changed(_events_of(instance))


def _on_speakers_changed(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    if action.startswith("post_"):
        programme_changed(_events_of(instance))


def connect() -> None:
    for model in (Event, Session, Room, Track, Speaker, Material):
        post_save.connect(_on_change, sender=model, dispatch_uid=f"programme-{model.__name__}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"programme-{model.__name__}-d")
    post_save.connect(_on_question_change, sender=Question, dispatch_uid="registration-questions")
    post_delete.connect(
        _on_question_change, sender=Question, dispatch_uid="registration-questions-deleted"
    )
    m2m_changed.connect(
        _on_speakers_changed, sender=Session.speakers.through, dispatch_uid="programme-speakers"
    )
