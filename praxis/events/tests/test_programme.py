"""The programme: sessions within the event's dates, no room or speaker double-booked."""

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import ParamSpec, TypedDict, Unpack

import pytest

from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.core.errors import ErrorCode, PraxisError
from praxis.events import services
from praxis.events.models import Event, Room, Session, Speaker
from praxis.events.tests.factories import EventFactory, RoomFactory, SessionFactory, SpeakerFactory

P = ParamSpec("P")

pytestmark = pytest.mark.django_db

HOUR = timedelta(hours=1)


@pytest.fixture
def event() -> Event:
    return EventFactory.create()


class _SessionFields(TypedDict, total=False):
    room: Room
    session: Session
    speakers: list[Speaker]


def add(
    event: Event,
    start: datetime,
    *,
    title: str = "Talk",
    ends_at: datetime | None = None,
    by: User | None = None,
    **kwargs: Unpack[_SessionFields],
) -> Session:
    staff = UserFactory.create(is_staff=True)
    return services.save_session(
        event,
        title=title,
        starts_at=start,
        ends_at=ends_at if ends_at is not None else start + HOUR,
        by=by if by is not None else staff,
        **kwargs,
    )


def code_of(call: Callable[P, object], *args: P.args, **kwargs: P.kwargs) -> str:
    with pytest.raises(PraxisError) as caught:
        call(*args, **kwargs)
    return caught.value.code


def test_session_inside_the_event_is_added(event: Event) -> None:
    session = add(event, event.starts_at + HOUR, title="Opening")
    assert Session.objects.get(pk=session.pk).title == "Opening"


def test_session_before_the_event_starts_is_rejected(event: Event) -> None:
    assert code_of(add, event, event.starts_at - HOUR) == ErrorCode.SESSION_OUTSIDE_EVENT
    assert not Session.objects.exists()


def test_session_running_past_the_event_end_is_rejected(event: Event) -> None:
    code = code_of(add, event, event.ends_at - HOUR, ends_at=event.ends_at + HOUR)
    assert code == ErrorCode.SESSION_OUTSIDE_EVENT


def test_session_ending_before_it_starts_is_rejected(event: Event) -> None:
    code = code_of(add, event, event.starts_at + HOUR, ends_at=event.starts_at)
    assert code == ErrorCode.INVALID_INPUT


def test_room_booked_twice_at_once_is_a_conflict(event: Event) -> None:
    room = RoomFactory.create(event=event)
    add(event, event.starts_at, room=room)
    code = code_of(add, event, event.starts_at + HOUR / 2, room=room)
    assert code == ErrorCode.ROOM_DOUBLE_BOOKED
    assert Session.objects.count() == 1


def test_back_to_back_sessions_share_a_room(event: Event) -> None:
    room = RoomFactory.create(event=event)
    add(event, event.starts_at, room=room)
    add(event, event.starts_at + HOUR, room=room)
    assert Session.objects.count() == 2


def test_speaker_in_two_rooms_at_once_is_a_conflict(event: Event) -> None:
    speaker = SpeakerFactory.create(event=event)
    add(event, event.starts_at, room=RoomFactory.create(event=event), speakers=[speaker])
    code = code_of(
        add, event, event.starts_at, room=RoomFactory.create(event=event), speakers=[speaker]
    )
    assert code == ErrorCode.SPEAKER_DOUBLE_BOOKED


def test_one_person_speaking_at_two_events_at_once_is_a_conflict(event: Event) -> None:
    person = UserFactory.create()
    other = EventFactory.create(starts_at=event.starts_at, ends_at=event.ends_at)
    add(other, other.starts_at, speakers=[SpeakerFactory.create(event=other, person=person)])
    code = code_of(
        add, event, event.starts_at, speakers=[SpeakerFactory.create(event=event, person=person)]
    )
    assert code == ErrorCode.SPEAKER_DOUBLE_BOOKED


def test_moving_a_session_does_not_clash_with_itself(event: Event) -> None:
    room = RoomFactory.create(event=event)
    session = add(event, event.starts_at, room=room)
    moved = add(event, event.starts_at + HOUR / 2, room=room, session=session)
    assert moved.pk == session.pk and Session.objects.count() == 1


def test_only_event_managers_edit_the_programme(event: Event) -> None:
    assert (
        code_of(add, event, event.starts_at, by=UserFactory.create()) == ErrorCode.PERMISSION_DENIED
    )


def test_a_room_of_another_event_is_refused(event: Event) -> None:
    code = code_of(add, event, event.starts_at, room=RoomFactory.create())
    assert code == ErrorCode.INVALID_INPUT


def test_admin_session_form_reports_a_room_clash(event: Event) -> None:
    from praxis.events.admin import SessionForm

    room = RoomFactory.create(event=event)
    SessionFactory.create(event=event, room=room)
    form = SessionForm(
        {
            "event": event.pk,
            "title": "Clash",
            "kind": "talk",
            "room": room.pk,
            "starts_at": event.starts_at,
            "ends_at": event.starts_at + HOUR,
        }
    )
    assert not form.is_valid()
    assert "already booked" in str(form.errors)
