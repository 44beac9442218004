"""Check-in with a signed, single-use ticket code; online attendance; what attending earns."""

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import ParamSpec

import pytest
from django.utils import timezone

from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.competencies.models import Evidence
from praxis.competencies.tests.factories import CompetencyItemFactory
from praxis.core.errors import ErrorCode, PraxisError
from praxis.credentials.models import CpdActivity, Credential
from praxis.events import services
from praxis.events.models import Attendance, AttendanceAchievement, Event, Registration
from praxis.events.tests.factories import EventFactory, RegistrationFactory
from praxis.events.tickets import ticket_code, ticket_svg
from praxis.events.xapi import VERB_ATTENDED
from praxis.lrs.models import Statement

P = ParamSpec("P")

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff() -> User:
    return UserFactory.create(is_staff=True)


@pytest.fixture
def registration() -> Registration:
    return RegistrationFactory.create(event=EventFactory.create(cpd_credits=6, running=True))


def code_of(call: Callable[P, object], *args: P.args, **kwargs: P.kwargs) -> str:
    with pytest.raises(PraxisError) as caught:
        call(*args, **kwargs)
    return caught.value.code


def test_ticket_checks_in_and_records_attended_with_cpd_credits(
    registration: Registration, staff: User
) -> None:
    attendance = services.check_in(ticket_code(registration), registration.event, by=staff)
    assert attendance.method == Attendance.Method.TICKET
    statement = Statement.objects.get(verb_id=VERB_ATTENDED)
    assert statement.data["actor"]["account"]["name"] == str(registration.person.uuid)
    assert AttendanceAchievement.objects.get(attendance=attendance).cpd_credits == 6


def test_typed_code_in_lower_case_with_spaces_is_accepted(
    registration: Registration, staff: User
) -> None:
    typed = ticket_code(registration).lower().replace("-", " ")
    assert services.check_in(typed, registration.event, by=staff).pk


def test_reused_ticket_is_refused(registration: Registration, staff: User) -> None:
    services.check_in(ticket_code(registration), registration.event, by=staff)
    code = code_of(services.check_in, ticket_code(registration), registration.event, by=staff)
    assert code == ErrorCode.TICKET_USED
    assert Statement.objects.filter(verb_id=VERB_ATTENDED).count() == 1


@pytest.mark.parametrize(
    "forge",
    [
        lambda code: code[:-1] + ("A" if code[-1] != "A" else "B"),
        lambda code: "9" + code,
        lambda code: "",
        lambda code: "not a ticket",
        lambda code: code + "-AAAA",
        lambda code: "1" * 500,
    ],
)
def test_forged_ticket_is_refused(
    registration: Registration, staff: User, forge: Callable[[str], str]
) -> None:
    code = code_of(
        services.check_in, forge(ticket_code(registration)), registration.event, by=staff
    )
    assert code == ErrorCode.TICKET_INVALID and not Attendance.objects.exists()


def test_ticket_of_another_event_is_refused(registration: Registration, staff: User) -> None:
    other = EventFactory.create(running=True)
    code = code_of(services.check_in, ticket_code(registration), other, by=staff)
    assert code == ErrorCode.TICKET_INVALID


def test_ticket_of_a_cancelled_registration_is_refused(
    registration: Registration, staff: User
) -> None:
    Registration.objects.filter(pk=registration.pk).update(status=Registration.Status.CANCELLED)
    code = code_of(services.check_in, ticket_code(registration), registration.event, by=staff)
    assert code == ErrorCode.TICKET_INVALID


def test_only_event_managers_check_people_in(registration: Registration) -> None:
    code = code_of(
        services.check_in, ticket_code(registration), registration.event, by=UserFactory.create()
    )
    assert code == ErrorCode.PERMISSION_DENIED


def test_ticket_qr_code_is_an_svg(registration: Registration) -> None:
    assert ticket_svg(registration).lstrip().startswith(b"<svg")


def test_joining_a_running_online_event_records_attendance_once() -> None:
    event = EventFactory.create(
        format="online", online_url="https://meet.example.org/room", running=True
    )
    registration = RegistrationFactory.create(event=event)
    assert services.join_online(registration.person, event) == "https://meet.example.org/room"
    services.join_online(registration.person, event)
    assert Attendance.objects.get().method == Attendance.Method.ONLINE
    assert Statement.objects.filter(verb_id=VERB_ATTENDED).count() == 1


def test_joining_before_the_link_opens_says_when_and_gives_no_link() -> None:
    starts = (timezone.now() + timedelta(days=2)).replace(hour=6, minute=0, second=0)
    event = EventFactory.create(
        format="online",
        online_url="https://meet.example.org/room",
        time_zone="Africa/Nairobi",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )
    registration = RegistrationFactory.create(event=event)
    with pytest.raises(PraxisError) as caught:
        services.join_online(registration.person, event)
    assert caught.value.code == ErrorCode.ONLINE_LINK_NOT_OPEN
    assert "meet.example.org" not in str(caught.value.message)
    assert "8:30 a.m." in str(caught.value.message)  # 30 minutes before, in Nairobi's time
    assert "Africa/Nairobi" in str(caught.value.message)
    assert not Attendance.objects.exists()


def test_link_opens_half_an_hour_before_the_start() -> None:
    event = EventFactory.create(
        format="online",
        online_url="https://meet.example.org/room",
        starts_at=timezone.now() + timedelta(minutes=20),
    )
    registration = RegistrationFactory.create(event=event)
    assert services.join_online(registration.person, event) == "https://meet.example.org/room"


def test_check_in_ten_days_before_a_webinar_is_refused(staff: User) -> None:
    event = EventFactory.create(
        type="webinar", cpd_credits=2, starts_at=timezone.now() + timedelta(days=10)
    )
    registration = RegistrationFactory.create(event=event)
    code = code_of(services.check_in, ticket_code(registration), event, by=staff)
    assert code == ErrorCode.CHECK_IN_NOT_OPEN
    assert not Attendance.objects.exists() and not Credential.objects.exists()
    assert not Statement.objects.filter(verb_id=VERB_ATTENDED).exists()


def test_a_code_that_is_no_ticket_is_called_so_even_before_check_in_opens(staff: User) -> None:
    event = EventFactory.create(starts_at=timezone.now() + timedelta(days=10))
    assert code_of(services.check_in, "NOT-A-TICKET", event, by=staff) == ErrorCode.TICKET_INVALID
    assert not Attendance.objects.exists()


@pytest.mark.parametrize(
    ("starts_in", "lasts", "accepted"),
    [
        (timedelta(minutes=70), timedelta(hours=2), False),  # more than an hour ahead
        (timedelta(minutes=50), timedelta(hours=2), True),  # within the hour before
        (-timedelta(hours=27), timedelta(hours=2), False),  # ended 25 hours ago
        (-timedelta(hours=25), timedelta(hours=2), True),  # ended 23 hours ago
    ],
)
def test_check_in_is_open_from_an_hour_before_until_a_day_after(
    staff: User, starts_in: timedelta, lasts: timedelta, accepted: bool
) -> None:
    starts = timezone.now() + starts_in
    registration = RegistrationFactory.create(
        event=EventFactory.create(starts_at=starts, ends_at=starts + lasts)
    )
    if accepted:
        assert services.check_in(ticket_code(registration), registration.event, by=staff).pk
    else:
        code = code_of(services.check_in, ticket_code(registration), registration.event, by=staff)
        assert code == ErrorCode.CHECK_IN_NOT_OPEN and not Attendance.objects.exists()


def test_cancelling_after_attending_is_refused_and_keeps_the_credential(
    registration: Registration, staff: User
) -> None:
    services.check_in(ticket_code(registration), registration.event, by=staff)
    code = code_of(services.cancel_registration, registration.person, registration.event)
    assert code == ErrorCode.ALREADY_ATTENDED
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert Credential.objects.get(learner=registration.person).revoked_at is None


def test_check_in_at_a_cancelled_event_is_refused(registration: Registration, staff: User) -> None:
    Event.objects.filter(pk=registration.event.pk).update(status=Event.Status.CANCELLED)
    registration.event.refresh_from_db()
    code = code_of(services.check_in, ticket_code(registration), registration.event, by=staff)
    assert code == ErrorCode.EVENT_NOT_OPEN and not Attendance.objects.exists()


def test_only_confirmed_participants_get_the_online_link() -> None:
    event = EventFactory.create(format="online", online_url="https://meet.example.org/room")
    waiting = RegistrationFactory.create(event=event, status=Registration.Status.WAITLISTED)
    assert code_of(services.join_online, waiting.person, event) == ErrorCode.NOT_REGISTERED
    assert code_of(services.join_online, UserFactory.create(), event) == ErrorCode.NOT_REGISTERED


def test_attendance_earns_a_certificate_of_attendance_with_cpd_credits(
    registration: Registration, staff: User
) -> None:
    attendance = services.check_in(ticket_code(registration), registration.event, by=staff)
    credential = Credential.objects.get(learner=registration.person)
    assert credential.achievement.source == f"event:{registration.event.uuid}"
    assert credential.achievement.kind == "event"
    assert AttendanceAchievement.objects.get(attendance=attendance).credential_id == str(
        credential.uuid
    )
    assert CpdActivity.objects.get(credential=credential).credits == 6


def test_attendance_credits_are_cpd_credits_not_contact_hours(
    registration: Registration, staff: User
) -> None:
    services.check_in(ticket_code(registration), registration.event, by=staff)
    credential = Credential.objects.get(learner=registration.person)
    line = CpdActivity.objects.get(credential=credential)
    assert (line.system.code, line.credits) == ("cpd-hours", Decimal(6))
    assert credential.achievement.hours == 0  # the event states credits, not contact hours
    subject = credential.document["credentialSubject"]
    assert "creditsEarned" not in subject
    assert "creditsAvailable" not in subject["achievement"]


def test_attendance_counts_as_evidence_of_the_events_competencies(
    registration: Registration, staff: User
) -> None:
    item = CompetencyItemFactory.create()
    event = registration.event
    event.competencies.add(item)
    event.evidence_level = 2
    event.save()
    services.check_in(ticket_code(registration), event, by=staff)
    evidence = Evidence.objects.get(learner=registration.person)
    assert (evidence.item, evidence.source, evidence.level) == (item, "event", 2)
