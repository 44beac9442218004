"""Benchmark: a k-anonymous research export of 100,000 learners and 1,000,000 statements, and
the analytics dashboard page at that size.

Runs in this process against a throwaway test database that Django creates and destroys (in
memory for SQLite; test_<name> on PostgreSQL when DATABASE_URL is set). The data are written
with bulk inserts: BENCH_RESEARCH_LEARNERS learners (100,000) in 60 countries, 12 occupations
and 300 organisations, nine in ten consenting, two enrolments each in 40 courses, and
BENCH_RESEARCH_STATEMENTS statements (1,000,000) spread over them. Then it times
`run_export` (CSV + Parquet, pseudonyms, generalisation and suppression to k = 5) and the
dashboard page for all courses and for one course (the best of BENCH_RESEARCH_ROUNDS, 3).
Figures are printed; nothing passes or fails on time.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "praxis.settings")

import django  # noqa: E402  # django.setup() must run first

django.setup()

from django.conf import settings  # noqa: E402  # django.setup() must run first
from django.db import connection, transaction  # noqa: E402  # django.setup() must run first
from django.test import Client  # noqa: E402  # django.setup() must run first
from django.test.utils import setup_test_environment  # noqa: E402  # django.setup() must run first
from django.utils import timezone  # noqa: E402  # django.setup() must run first

if TYPE_CHECKING:
    from praxis.accounts.models import User
    from praxis.catalog.models import Course
    from praxis.research.models import Project

LEARNERS = int(os.environ.get("BENCH_RESEARCH_LEARNERS", "100000"))
STATEMENTS = int(os.environ.get("BENCH_RESEARCH_STATEMENTS", "1000000"))
ROUNDS = int(os.environ.get("BENCH_RESEARCH_ROUNDS", "3"))
COURSES = 40
BATCH = 5000


def say(line: str = "") -> None:
    print(line, flush=True)


def main() -> None:
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    # Pages render here without collectstatic: plain static storage, no manifest needed.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        with tempfile.TemporaryDirectory() as folder:
            settings.RESEARCH_EXPORT_ROOT = folder
            run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def build() -> tuple[User, Project, Course]:
    from praxis.accounts.models import User
    from praxis.catalog.models import Course, Enrolment, Lesson, Module
    from praxis.lrs.models import Statement
    from praxis.lrs.vocabulary import (
        VERB_COMPLETED,
        VERB_LAUNCHED,
        VERB_PROGRESSED,
        VERB_REGISTERED,
    )
    from praxis.reference.models import Occupation, RegionMembership
    from praxis.research.models import ConsentRecord, ConsentText, ExportColumn, Project

    rng = random.Random(9)
    countries = sorted(set(RegionMembership.objects.values_list("country", flat=True)))[:60]
    occupations = list(Occupation.objects.values_list("isco08", flat=True))[:12]
    organisations = [f"Health institution {n}" for n in range(300)]
    ConsentText.objects.create(version=1, language="en", title="Research", body="Consent.")
    courses = []
    for n in range(COURSES):
        course = Course.objects.create(
            slug=f"bench-research-{n}",
            title=f"Course {n}",
            summary="A course.",
            language=("en", "fr", "es", "ar", "ru", "zh-hans")[n % 6],
            status=Course.Status.PUBLISHED,
        )
        module = Module.objects.create(course=course, title="Module")
        for position in range(5):
            Lesson.objects.create(module=module, position=position, title=f"Lesson {position}")
        courses.append(course)
    now = timezone.now()
    with transaction.atomic():
        User.objects.bulk_create(
            (
                User(
                    email=f"r{n}@bench.example",
                    full_name=f"Learner {n}",
                    password="!",  # noqa: S106 - an unusable password, as set_unusable_password writes
                    country=rng.choice(countries),
                    occupation_id=rng.choice(occupations),
                    organisation_name=rng.choice(organisations),
                    birth_year=now.year - rng.randint(20, 64) if rng.random() < 0.8 else None,
                )
                for n in range(LEARNERS)
            ),
            batch_size=BATCH,
        )
    learners = list(User.objects.values_list("pk", "uuid"))
    with transaction.atomic():
        ConsentRecord.objects.bulk_create(
            (
                ConsentRecord(learner_id=pk, granted=True, version=1, language="en")
                for pk, _uuid in learners
                if rng.random() < 0.9
            ),
            batch_size=BATCH,
        )
        enrolments = []
        for pk, _uuid in learners:
            for course in rng.sample(courses, 2):
                done = rng.random() < 0.3
                created = now - timedelta(days=rng.randrange(400))
                enrolments.append(
                    Enrolment(
                        learner_id=pk,
                        course=course,
                        created_at=created,
                        status=Enrolment.Status.COMPLETED if done else Enrolment.Status.ACTIVE,
                        completed_at=created + timedelta(days=3) if done else None,
                    )
                )
        Enrolment.objects.bulk_create(enrolments, batch_size=BATCH)
    # bulk_create keeps auto_now_add, so set the spread of enrolment dates afterwards
    registrations = list(Enrolment.objects.values_list("registration", "learner_id"))
    uuids = dict(learners)
    verbs = (VERB_REGISTERED, VERB_LAUNCHED, VERB_PROGRESSED, VERB_COMPLETED)
    with transaction.atomic():
        batch = []
        for n in range(STATEMENTS):
            registration, learner = registrations[n % len(registrations)]
            verb = verbs[n % 4]
            when = now - timedelta(minutes=rng.randrange(500_000))
            key = f"account|{settings.SITE_URL}|{uuids[learner]}"
            result = {"completion": True, "duration": "PT2H0M0S"} if verb == VERB_COMPLETED else {}
            data = {"verb": {"id": verb}, "result": result} if result else {"verb": {"id": verb}}
            batch.append(
                Statement(
                    id=uuid.uuid4(),
                    actor_key=key,
                    verb_id=verb,
                    activity_id=f"{settings.SITE_URL}/xapi/activities/course/{n % COURSES}",
                    registration=registration,
                    timestamp=when,
                    stored=when,
                    data=data,
                )
            )
            if len(batch) >= BATCH:
                Statement.objects.bulk_create(batch)
                batch.clear()
        Statement.objects.bulk_create(batch)
    staff = User.objects.create_user("bench-staff@bench.example", "x", is_staff=True)
    investigator = User.objects.create_user("bench-pi@bench.example", "x")
    project = Project.objects.create(
        title="Bench",
        aims="Bench",
        principal_investigator=investigator,
        ethics_reference="B-1",
        ethics_expires_on=now.date() + timedelta(days=30),
        status=Project.Status.APPROVED,
        columns=list(ExportColumn.values),
    )
    return staff, project, courses[0]


def run() -> None:
    from praxis.research.exports import run_export
    from praxis.research.models import Export

    say(f"== research: building {LEARNERS:,} learners and {STATEMENTS:,} statements")
    started = time.monotonic()
    staff, project, course = build()
    say(f"   built in {time.monotonic() - started:.0f} s")

    export = Export.objects.create(project=project, requested_by=project.principal_investigator)
    started = time.monotonic()
    export = run_export(export.pk)
    export_seconds = time.monotonic() - started
    report = export.report
    say(f"   export written in {export_seconds:.1f} s ({export.status})")

    client = Client()
    client.force_login(staff)
    timings = {}
    for label, query in (("all courses", {}), ("one course", {"course": course.slug})):
        best = float("inf")
        for _round in range(ROUNDS):
            started = time.monotonic()
            response = client.get("/research/analytics/", query)
            best = min(best, time.monotonic() - started)
            assert response.status_code == 200, response.status_code
        timings[label] = best

    say()
    say(f"Research benchmark · {connection.vendor} · {os.cpu_count()} CPUs")
    say(
        f"k-anonymous export (k={export.k}): {export_seconds:.1f} s · status {export.status} · "
        f"{export.rows:,} rows of {export.learners:,} learners · "
        f"{report.get('learners_suppressed', 0):,} suppressed · "
        f"attributes removed: {', '.join(report.get('attributes_removed', [])) or 'none'} · "
        f"widened: {report.get('attributes_widened') or 'none'}"
    )
    for label, seconds in timings.items():
        say(f"analytics dashboard, {label}: {seconds * 1000:.0f} ms (best of {ROUNDS})")


if __name__ == "__main__":
    main()
