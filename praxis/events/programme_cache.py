"""An event's programme as the timetable shows it, rendered once per version of the programme.

The grid of a 200-session conference takes tens of milliseconds to render and is the same for
every visitor with the same language, zone and view (links to the calls, the organisers'
links). Any save or delete of what it shows — the event, its sessions, rooms, tracks, speakers
and materials, or which speakers a session has — replaces the programme's version
(praxis.core.fragments), whichever code path made it.

The fields of an event's registration form, blank as every reader without a registration sees
them (its questions; a country question's 250 options), are kept likewise per version of the
event's questions, which any save or delete of one of them replaces.

An event's page as every visitor without a session sees it is kept per version of the
programme (the event's own row is part of the key), of its questions, of its co-organisers,
topics and exhibitors, of the names of organisations and topics (shared by every event's page),
and per number of places taken and of people waiting. Such a visitor's event is found by its
address without a query until any event or organisation is saved or deleted, and an event's
places taken are counted once per version of its registrations, which any save or delete of
one of them replaces: a registration shows at once. What every reader of an event's page sees
(all but their registration and their links as organiser or reviewer) is kept likewise for
signed-in readers too, per version of the page, of the event's row and of the names.

The events list and calendar as everybody who manages no event sees them are kept per version
of the list, which any save or delete of an event, an organisation or a topic replaces, and so
does a change of an event's topics.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import QueryDict
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from praxis.catalog.models import Topic
from praxis.core import fragments
from praxis.core.people import Visitor
from praxis.events.models import (
    Event,
    Exhibitor,
    Material,
    Question,
    Registration,
    Room,
    Session,
    Speaker,
    Track,
)
from praxis.events.permissions import manage_event
from praxis.organisations.models import Organisation

T = TypeVar("T")
# The names of organisations and topics, shown on every event's page.
NAMES_SCOPE = "events:names"
# The events list as everybody who manages no event sees it: the events, their organisers'
# names and the topics and languages its filters offer.
LIST_SCOPE = "events:list"
# Which published event, with its organiser, a visitor without a session finds at each address.
ADDRESSES_SCOPE = "events:addresses"


def _scope(event_id: int) -> str:
    return f"events:programme:{event_id}"


def _page_scope(event_id: int) -> str:
    return f"events:page:{event_id}"


def programme_changed(event_ids: Iterable[int]) -> None:
    for event_id in set(event_ids):
        fragments.changed(_scope(event_id))
        fragments.changed(_page_scope(event_id))


def names_changed() -> None:
    fragments.changed(NAMES_SCOPE)


def _taken_scope(event_id: int) -> str:
    return f"events:taken:{event_id}"


def visitors_event(slug: str, find: Callable[[], Event | None]) -> Event | None:
    """The event everybody may see (with its organiser) that `find` reads at `slug`, None if none,
    kept until any event or organisation is saved or deleted."""
    return fragments.cached_value(ADDRESSES_SCOPE, (slug,), find)


def kept_places_taken(event: Event, count: Callable[[], tuple[int, int]]) -> tuple[int, int]:
    """(places held, people waiting) as `count` gives them, counted once per version of the
    event's registrations. For showing only: deciding whether a place is left counts afresh,
    under a lock."""
    return fragments.cached_value(_taken_scope(event.pk), (), count)


# What the event's facts are kept as; facts of another shape, kept before, are never read.
FACTS_SHAPE = "with-reviewers"


def cached_event_facts(event: Event, make: Callable[[], T]) -> T:
    """What `make` reads of the event's co-organisers, topics, tracks (with their reviewers)
    and exhibitors, read at most once per version of the event's page and of the names it
    shows."""
    parts = [FACTS_SHAPE, fragments.version(NAMES_SCOPE)]
    return fragments.cached_value(_page_scope(event.pk), parts, make)


def cached_event_page(
    event: Event,
    language: str,
    taken: tuple[int, int],
    registration_open: bool,
    render: Callable[[], str],
) -> SafeString:
    """The HTML that `render` makes of the event's page for a visitor without a session in
    `language`, with `taken` (places held, people waiting) as counted for this request, and
    the registration form or the notice that it is closed, as the clock has it."""
    parts = [
        language,
        _row(event),
        *map(str, taken),
        str(registration_open),
        fragments.version(_questions_scope(event.pk)),
        fragments.version(NAMES_SCOPE),
    ]
    return fragments.cached_html(_page_scope(event.pk), parts, render)


def cached_event_content(
    event: Event, language: str, zone: str, path: str, render: Callable[[], str]
) -> SafeString:
    """The HTML that `render` makes of the event's page as every reader sees it in `language`,
    with times in `zone` and the zone form coming back to `path`: no reader's registration nor
    their links as organiser or reviewer, which go in its slots. Kept per version of the page
    (its co-organisers, topics, tracks and exhibitors), of the event's own row and of the names
    it shows."""
    parts = ["content", language, zone, path, _row(event), fragments.version(NAMES_SCOPE)]
    return fragments.cached_html(_page_scope(event.pk), parts, render)


def _row(event: Event) -> str:
    return repr(tuple(getattr(event, field.attname) for field in Event._meta.concrete_fields))


def cached_programme(event: Event, parts: Iterable[str], render: Callable[[], str]) -> SafeString:
    return fragments.cached_html(_scope(event.pk), parts, render)


def cached_timetable_page(
    event: Event, parts: Iterable[str], render: Callable[[], str]
) -> SafeString:
    """The whole timetable page that `render` makes for a visitor without a session, per
    version of the programme and of the event's own row."""
    return fragments.cached_html(_scope(event.pk), (*parts, "page", _row(event)), render)


def _questions_scope(event_id: int) -> str:
    return f"events:questions:{event_id}"


def cached_registration_fields(
    event: Event, language: str, render: Callable[[], str], answers: str = ""
) -> SafeString:
    """The registration form's fields that `render` makes in `language`, blank or with these
    `answers` (as a registrant's form shows them, written out), made at most once per version
    of the event's questions and worker."""
    return fragments.cached_html(_questions_scope(event.pk), [language, answers], render)


def cached_event_list(
    user: Visitor,
    language: str,
    query: QueryDict,
    zone: str,
    render: Callable[[], str],
    *,
    manages: bool | None = None,
) -> SafeString:
    """The HTML that `render` makes of the events list for this language, (normalised) query
    and zone the times are shown in ("": each event's own), as `user` sees it (`_kept_list`); a
    list of upcoming or past events made again each minute too, as events end. `manages`:
    whether `user` manages any event, when the caller has asked already."""
    parts = ["list", language, query.urlencode(), zone, list_moment(query.get("when", ""))]
    return _kept_list(user, parts, render, manages)


def cached_event_calendar(
    user: Visitor,
    language: str,
    zone: str,
    span: str,
    around: str,
    today: str,
    render: Callable[[], str],
) -> SafeString:
    """The HTML that `render` makes of the calendar of the `span` ("month", "week") holding the
    day `around`, in `zone` on the day `today` there, as `user` sees it (`_kept_list`)."""
    return _kept_list(user, ["calendar", language, zone, span, around, today], render)


def _kept_list(
    user: Visitor, parts: list[str], render: Callable[[], str], manages: bool | None = None
) -> SafeString:
    """What `render` makes, made at most once per version of the events list and worker for
    everybody who manages no event; made afresh for staff and a partner's event managers, who
    see their drafts among the events. `manages`: `manage_event.allows(user)`, if known."""
    if manage_event.allows(user) if manages is None else manages:
        return mark_safe(render())  # noqa: S308 - our templates' HTML
    return fragments.cached_html(LIST_SCOPE, parts, render)


def list_moment(when: str) -> str:
    """What a kept list of events is also kept by besides the list's version: for a list of
    upcoming or past events (`when`; upcoming when empty), the current minute, as events end;
    for events at any time, nothing."""
    return "" if when == "any" else timezone.now().strftime("%Y-%m-%dT%H:%M")


def _on_list_relations(sender: Any, action: str, **kwargs: Any) -> None:
    if action.startswith("post_"):
        fragments.changed(LIST_SCOPE)


def _on_question_change(sender: Any, instance: Question, **kwargs: Any) -> None:
    fragments.changed(_questions_scope(instance.event_id))


def _on_page_change(sender: Any, instance: Any, **kwargs: Any) -> None:
    fragments.changed(_page_scope(instance.event_id))


def _on_event_relations(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    if not action.startswith("post_"):
        return
    if isinstance(instance, Event):
        fragments.changed(_page_scope(instance.pk))
    else:  # changed from the organisation's or topic's side: any event may show it
        names_changed()


def _on_reviewers_change(
    sender: Any, instance: Any, action: str, pk_set: Any = None, **kwargs: Any
) -> None:
    """A track's reviewers changed, from the track's side or the person's: the pages of the
    events concerned show the link to review abstracts to other people now."""
    if isinstance(instance, Track):
        if action.startswith("post_"):
            fragments.changed(_page_scope(instance.event_id))
        return
    if action == "pre_clear":
        tracks = Track.objects.filter(reviewers=instance)
    elif action in ("post_add", "post_remove"):
        tracks = Track.objects.filter(pk__in=pk_set or ())
    else:
        return
    for event_id in set(tracks.values_list("event_id", flat=True)):
        fragments.changed(_page_scope(event_id))


def _on_registration_change(sender: Any, instance: Any, **kwargs: Any) -> None:
    fragments.changed(_taken_scope(instance.event_id))


def _on_name_change(sender: Any, instance: Any, **kwargs: Any) -> None:
    names_changed()


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
    post_save.connect(_on_page_change, sender=Exhibitor, dispatch_uid="event-page-exhibitor")
    post_delete.connect(_on_page_change, sender=Exhibitor, dispatch_uid="event-page-exhibitor-d")
    for through in (Event.co_organisers.through, Event.topics.through):
        m2m_changed.connect(
            _on_event_relations, sender=through, dispatch_uid=f"event-page-{through.__name__}"
        )
    fragments.changes_with(LIST_SCOPE, (Event, Organisation, Topic))
    fragments.changes_with(ADDRESSES_SCOPE, (Event, Organisation))
    m2m_changed.connect(
        _on_reviewers_change, sender=Track.reviewers.through, dispatch_uid="event-page-reviewers"
    )
    post_save.connect(_on_registration_change, sender=Registration, dispatch_uid="event-taken")
    post_delete.connect(
        _on_registration_change, sender=Registration, dispatch_uid="event-taken-deleted"
    )
    m2m_changed.connect(
        _on_list_relations, sender=Event.topics.through, dispatch_uid="events-list-topics"
    )
    for named in (Organisation, Topic):
        uid = f"event-names-{named.__name__}"
        post_save.connect(_on_name_change, sender=named, dispatch_uid=uid)
        post_delete.connect(_on_name_change, sender=named, dispatch_uid=f"{uid}-deleted")
