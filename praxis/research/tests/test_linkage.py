"""Re-identification through the statements: times, statement types and activities are
quasi-identifiers. A public certificate gives its holder's name, course and completion time;
an export must not let that time single out one pseudonym."""

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoCaptureOnCommitCallbacks
from pytest_django import Settings as SettingsWrapper

from praxis.accounts.models import User
from praxis.catalog import services as catalog
from praxis.catalog.models import Lesson
from praxis.catalog.tests.factories import course_with_lessons
from praxis.credentials.models import Credential
from praxis.lrs.models import Statement
from praxis.lrs.services import account_agent, actor_key
from praxis.reference.models import Occupation
from praxis.research.anonymity import period_start
from praxis.research.tests.exporting import approved, csv_rows, run_export
from praxis.research.tests.factories import consenting

pytestmark = pytest.mark.django_db

COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
REGISTERED = "http://adlnet.gov/expapi/verbs/registered"
COLUMNS = ["who_region", "occupation_group", "age_band", "verb", "activity", "timestamp"]
PERIOD_DAYS = {"day": 1, "week": 7}
# How far a certificate's time may be from the statement's (issuing follows completion).
SLACK = datetime.timedelta(minutes=10)


@pytest.fixture(autouse=True)
def _export_root(settings: SettingsWrapper, tmp_path: Path) -> None:
    settings.RESEARCH_EXPORT_ROOT = str(tmp_path / "exports")


def _alike(count: int) -> list[User]:
    nurse = Occupation.objects.get(isco08="2221")
    return [
        consenting(country="KE", occupation=nurse, birth_year=1990, organisation_name="")
        for _i in range(count)
    ]


def _shift(people: list[User], days: int) -> None:
    keys = [actor_key(account_agent(str(person.uuid))) for person in people]
    for statement in Statement.objects.filter(actor_key__in=keys):
        statement.timestamp -= datetime.timedelta(days=days)
        statement.save(update_fields=["timestamp"])


def _period_holds(value: str, report: dict[str, Any], when: datetime.datetime) -> bool:
    """Whether an exported time `value` can be the time `when` (an attacker's reading)."""
    if not value:
        return True  # no time written: every row fits
    exported = datetime.datetime.fromisoformat(value)
    if "T" in value:
        return abs(exported - when) < SLACK
    start = exported.date()
    if report["time_precision"] == "month":
        return (start.year, start.month) == (when.year, when.month)
    return start <= when.date() < start + datetime.timedelta(PERIOD_DAYS[report["time_precision"]])


def test_a_public_certificate_does_not_single_out_its_holder_in_an_export(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    course = course_with_lessons(modules=1, lessons_per_module=1)
    lesson = Lesson.objects.get(module__course=course)
    people = _alike(6)
    for person in people:
        catalog.enrol(person, course)
        with django_capture_on_commit_callbacks(execute=True):
            catalog.complete_lesson(person, lesson)
    holder, others = people[0], people[1:]
    _shift(others, 40)  # everyone else finished weeks earlier: the holder finished alone
    credential = Credential.objects.get(learner=holder)
    visitor = Client()
    page = visitor.get(reverse("credentials:credential", args=[credential.uuid])).content.decode()
    assert course.title in page
    public = visitor.get(reverse("credentials:credential_json", args=[credential.uuid])).json()
    identity = public["credentialSubject"]["identifier"][0]["identityHash"]
    assert identity == holder.full_name
    completed_at = datetime.datetime.fromisoformat(public["validFrom"].replace("Z", "+00:00"))

    export = run_export(
        approved(columns=COLUMNS, time_precision="day", k=5), django_capture_on_commit_callbacks
    )
    rows = csv_rows(export)
    assert rows, export.error
    candidates = {
        row["learner"]
        for row in rows
        if row["verb"] == COMPLETED and _period_holds(row["timestamp"], export.report, completed_at)
    }
    assert len(candidates) == 0 or len(candidates) >= 5


def test_times_are_written_as_the_first_day_of_the_week_chosen(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    course = course_with_lessons(modules=1, lessons_per_module=1)
    for person in _alike(5):
        catalog.enrol(person, course)
    export = run_export(
        approved(columns=COLUMNS, time_precision="week"), django_capture_on_commit_callbacks
    )
    first = Statement.objects.filter(verb_id=REGISTERED).first()
    assert first is not None
    registered = first.timestamp.date()
    rows = csv_rows(export)
    assert {row["timestamp"] for row in rows} == {period_start(registered, "week").isoformat()}
    assert export.report["time_precision"] == "week"


def test_a_time_shared_by_fewer_than_k_learners_is_made_coarser(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    course = course_with_lessons(modules=1, lessons_per_module=1)
    people = _alike(5)
    for person in people:
        catalog.enrol(person, course)
    _shift(people[:2], 1)  # two learners enrolled the day before: no day is shared by five
    export = run_export(
        approved(columns=COLUMNS, time_precision="day"), django_capture_on_commit_callbacks
    )
    assert export.report["time_precision"] != "day"
    assert export.report["time_precision_requested"] == "day"
    assert len({row["learner"] for row in csv_rows(export)}) == 5


def test_activities_done_by_fewer_than_k_learners_are_shown_as_other(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    common = course_with_lessons(modules=1, lessons_per_module=1)
    rare = [course_with_lessons(modules=1, lessons_per_module=1) for _i in range(2)]
    people = _alike(5)
    for index, person in enumerate(people):
        catalog.enrol(person, common)
        catalog.enrol(person, rare[index % 2])  # three learners in one, two in the other
    export = run_export(approved(columns=COLUMNS), django_capture_on_commit_callbacks)
    activities = {row["activity"] for row in csv_rows(export)}
    assert "other" in activities and len(activities) == 2
    assert export.report["activities_recoded_as_other"] == 2
    assert not any(course.slug in activity for course in rare for activity in activities)
