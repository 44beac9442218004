"""The people bench/run.py measures pages and writes as, prepared in the benchmark database.

`python bench/people.py prepare FILE` (DATABASE_URL names the benchmark database, filled by
`manage.py bench_data`) signs people in (sessions made as a login makes them, each with a CSRF
token) and writes to FILE, as JSON:

- the pages only certain people see: a thread read by a member of its community, an event page
  read by a confirmed registrant, the analytics dashboard read by staff with their second factor
  proven, and the verification page of a certificate earned here;
- for each write a learner makes (a lesson done, a course completed with its signed
  certificate, an enrolment, an event registration, a reply in a thread), BENCH_WRITE_REQUESTS
  requests that each change fresh state: another learner, another lesson, another event. wrk
  sends them in order (bench/requests.lua), so no request repeats one already answered.
  With BENCH_ONLY set, as bench/run.py reads it, only the writes it names are prepared.

`python bench/people.py check FILE` then counts, for each write, how many of its requests
changed what they were meant to (a progress row, a completed enrolment, a registration, a
post): bench/run.py prints it beside the number of requests wrk made, so a write refused with a
redirect is not counted as served.
"""

from __future__ import annotations

import json
import os
import random
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "praxis.settings")
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"

import django  # noqa: E402 - Django is set up first

django.setup()

from django.conf import settings  # noqa: E402 - Django is set up first
from django.db.models import Count, Q  # noqa: E402 - Django is set up first
from django.test import Client  # noqa: E402 - Django is set up first
from django.utils import timezone  # noqa: E402 - Django is set up first

from praxis.accounts.middleware import SECOND_FACTOR_SESSION_KEY  # noqa: E402 - Django is set up first
from praxis.accounts.models import User  # noqa: E402 - Django is set up first
from praxis.catalog import services as catalog  # noqa: E402 - Django is set up first
from praxis.catalog.models import Course, Enrolment, Lesson, LessonProgress  # noqa: E402 - Django is set up first
from praxis.community.models import Membership, Post, Thread  # noqa: E402 - Django is set up first
from praxis.credentials.models import Credential  # noqa: E402 - Django is set up first
from praxis.demo.bench_community import AUTHOR_DOMAIN  # noqa: E402 - Django is set up first
from praxis.demo.bench_data import COURSE_PREFIX, LEARNER_DOMAIN  # noqa: E402 - Django is set up first
from praxis.demo.bench_events import EVENT_PREFIX  # noqa: E402 - Django is set up first
from praxis.events.models import Event, Registration  # noqa: E402 - Django is set up first

REQUESTS = int(os.environ.get("BENCH_WRITE_REQUESTS", "1500"))
WARM_REQUESTS = int(os.environ.get("BENCH_WRITE_WARM_REQUESTS", "300"))
# A CSRF secret of Django's length, sent as the cookie and as the form's token.
CSRF_VALUE = "BenchSecretBenchSecretBenchSecre"
REPLY = "Bench reply {}: we do the same in our clinic, and it works."
STAFF_EMAIL = "bench-staff@bench.praxis.example"
# As bench/run.py reads it: only the writes it will measure are prepared (a write's requests
# take minutes to prepare, each with its own learner signed in).
ONLY = [word for word in os.environ.get("BENCH_ONLY", "").split(",") if word]


def measured(name: str) -> bool:
    return not ONLY or any(word in name for word in ONLY)


def cookie_for(user: User, *, second_factor: bool = False) -> str:
    """The Cookie header of a session made for `user` as a login makes it."""
    client = Client()
    client.force_login(user)
    if second_factor:
        session = client.session
        session[SECOND_FACTOR_SESSION_KEY] = True
        session.save()
    session_id = client.cookies[settings.SESSION_COOKIE_NAME].value
    return f"{settings.SESSION_COOKIE_NAME}={session_id}; {settings.CSRF_COOKIE_NAME}={CSRF_VALUE}"


def form(**fields: str) -> str:
    return urlencode({"csrfmiddlewaretoken": CSRF_VALUE, **fields})


def learners(exclude: set[int]) -> list[int]:
    ids = User.objects.filter(email__endswith="@" + LEARNER_DOMAIN).values_list("id", flat=True)
    return [pk for pk in ids if pk not in exclude]


def course_lessons() -> dict[int, list[tuple[int, str]]]:
    """Each bench course's lessons in order, as (id, uuid)."""
    lessons: dict[int, list[tuple[int, str]]] = defaultdict(list)
    rows = (
        Lesson.objects.filter(module__course__slug__startswith=COURSE_PREFIX, archived=False)
        .order_by("module__course_id", "module__position", "position")
        .values_list("module__course_id", "id", "uuid")
    )
    for course_id, lesson_id, key in rows:
        lessons[course_id].append((lesson_id, str(key)))
    return lessons


def next_lessons(
    pool: Iterable[int], lessons: dict[int, list[tuple[int, str]]], last: bool, wanted: int
) -> list[tuple[int, int, int, str]]:
    """(learner, course, lesson, lesson uuid): one per learner, the next lesson of an active
    enrolment; the course's last lesson when `last` (completing the course), else not."""
    found: list[tuple[int, int, int, str]] = []
    chosen = list(pool)
    for start in range(0, len(chosen), 2000):
        batch = chosen[start : start + 2000]
        done: dict[int, set[int]] = defaultdict(set)
        for learner, lesson in LessonProgress.objects.filter(learner_id__in=batch).values_list(
            "learner_id", "lesson_id"
        ):
            done[learner].add(lesson)
        taken: set[int] = set()
        for learner, course in (
            Enrolment.objects.filter(
                learner_id__in=batch,
                status=Enrolment.Status.ACTIVE,
                course__slug__startswith=COURSE_PREFIX,
            )
            .order_by("id")
            .values_list("learner_id", "course_id")
        ):
            ordered = lessons.get(course, [])
            remaining = [lesson for lesson in ordered if lesson[0] not in done[learner]]
            if learner in taken or not remaining or (len(remaining) == 1) != last:
                continue
            taken.add(learner)
            found.append((learner, course, *remaining[0]))
            if len(found) == wanted:
                return found
    return found


def prepare(path: Path) -> None:
    rng = random.Random(2026)
    wanted = REQUESTS + WARM_REQUESTS
    slugs = dict(Course.objects.filter(slug__startswith=COURSE_PREFIX).values_list("id", "slug"))
    lessons = course_lessons()
    busiest = (
        Enrolment.objects.filter(learner__email__endswith="@" + LEARNER_DOMAIN)
        .values("learner")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    used: set[int] = {busiest["learner"]} if busiest else set()
    pool = learners(used)
    rng.shuffle(pool)
    shares = [pool[part::4] for part in range(4)]
    reads: list[list[str]] = []
    writes: list[dict[str, Any]] = []

    def add_write(page: str, rows: list[tuple[str, str, str]], targets: list[list[Any]]) -> None:
        if measured(page):
            writes.append({"page": page, "requests": rows, "targets": targets})

    # A certificate earned here, whose verification page a visitor opens.
    completing = []
    if measured("course completion with certificate"):
        completing = next_lessons(shares[0], lessons, True, wanted + 1)
    elif measured("credential verification page"):
        completing = next_lessons(shares[0], lessons, True, 1)
    if completing:
        learner, course, lesson, _key = completing.pop()
        catalog.complete_lesson(User.objects.get(pk=learner), Lesson.objects.get(pk=lesson))
        credential = Credential.objects.filter(learner_id=learner).order_by("-id").first()
        if credential is not None:
            reads.append(["credential verification page", f"/credentials/{credential.uuid}", ""])
    add_write(
        "course completion with certificate",
        [
            ("POST", f"/courses/{slugs[c]}/lessons/{key}/completion/", cookie_for_id(learner))
            for learner, c, _lesson, key in completing
        ],
        [[learner, course] for learner, course, _lesson, _key in completing],
    )
    advancing = []
    if measured("lesson completion"):
        advancing = next_lessons(shares[1], lessons, False, wanted)
    add_write(
        "lesson completion",
        [
            ("POST", f"/courses/{slugs[c]}/lessons/{key}/completion/", cookie_for_id(learner))
            for learner, c, _lesson, key in advancing
        ],
        [[learner, lesson] for learner, _course, lesson, _key in advancing],
    )
    published = list(
        Course.objects.filter(slug__startswith=COURSE_PREFIX, status=Course.Status.PUBLISHED)
        .order_by("id")
        .values_list("id", flat=True)
    )
    enrolled = set(
        Enrolment.objects.filter(learner_id__in=shares[2][:wanted]).values_list(
            "learner_id", "course_id"
        )
    )
    joining = []
    for learner in shares[2][:wanted] if measured("enrolment") else []:
        course = rng.choice(published)
        if (learner, course) not in enrolled:
            joining.append((learner, course))
    add_write(
        "enrolment",
        [
            ("POST", f"/courses/{slugs[c]}/enrolment/", cookie_for_id(learner))
            for learner, c in joining
        ],
        [[learner, course] for learner, course in joining],
    )
    events = list(
        Event.objects.filter(
            slug__startswith=EVENT_PREFIX,
            status=Event.Status.PUBLISHED,
            registration_opens=True,
            starts_at__gt=timezone.now(),
        ).values_list("id", "slug")
    )
    registered = set(
        Registration.objects.filter(person_id__in=shares[3][:wanted])
        .exclude(status__in=[Registration.Status.CANCELLED, Registration.Status.DECLINED])
        .values_list("person_id", "event_id")
    )
    registering = []
    for learner in shares[3][:wanted] if events and measured("event registration") else []:
        event, slug = rng.choice(events)
        if (learner, event) not in registered:
            registering.append((learner, event, slug))
    add_write(
        "event registration",
        [
            ("POST", f"/events/{slug}/registration/", cookie_for_id(learner))
            for learner, _event, slug in registering
        ],
        [[learner, event] for learner, event, _slug in registering],
    )
    # Replies: each member of a bench community once, in a thread of one of their communities.
    threads: dict[int, list[str]] = defaultdict(list)
    for community, key in Thread.objects.filter(community__slug__startswith="bench-").values_list(
        "community_id", "uuid"
    ):
        threads[community].append(str(key))
    replying: list[tuple[int, str]] = []
    for member, community in (
        Membership.objects.filter(user__email__endswith="@" + AUTHOR_DOMAIN)
        .order_by("user_id", "id")
        .values_list("user_id", "community_id")
        if measured("reply in a thread")
        else []
    ):
        if threads[community] and (not replying or replying[-1][0] != member):
            replying.append((member, rng.choice(threads[community])))
        if len(replying) == wanted:
            break
    add_write(
        "reply in a thread",
        [("POST", f"/community/t/{key}/reply/", cookie_for_id(member)) for member, key in replying],
        [[member] for member, _key in replying],
    )
    for write in writes:
        replies = write["page"] == "reply in a thread"
        write["requests"] = [
            [method, url, cookie, form(body=REPLY.format(number)) if replies else form()]
            for number, (method, url, cookie) in enumerate(write["requests"])
        ]

    # Pages only some people see.
    longest = (
        Thread.objects.filter(community__slug__startswith="bench-")
        .order_by("-reply_count", "id")
        .first()
    )
    if longest is not None:
        reads.append(["community thread, visitor", f"/community/t/{longest.uuid}/", ""])
        reader = (
            Membership.objects.filter(community=longest.community)
            .exclude(user_id__in=[m for m, _key in replying])
            .first()
        )
        if reader is not None:
            reads.append(
                [
                    "community thread, member",
                    f"/community/t/{longest.uuid}/",
                    cookie_for_id(reader.user_id),
                ]
            )
    busiest_event = (
        Event.objects.filter(slug__startswith=EVENT_PREFIX, status=Event.Status.PUBLISHED)
        .annotate(n=Count("registrations", filter=Q(registrations__status="confirmed")))
        .order_by("-n", "id")
        .first()
    )
    if busiest_event is not None:
        reads.append(["event page, visitor", f"/events/{busiest_event.slug}/", ""])
        registrant = busiest_event.registrations.filter(
            status=Registration.Status.CONFIRMED
        ).first()
        if registrant is not None:
            reads.append(
                [
                    "event page, registered",
                    f"/events/{busiest_event.slug}/",
                    cookie_for_id(registrant.person_id),
                ]
            )
    staff, _created = User.objects.get_or_create(
        email=STAFF_EMAIL, defaults={"full_name": "Bench staff", "is_staff": True}
    )
    dashboard = cookie_for(staff, second_factor=True)
    reads.append(["analytics dashboard (staff)", "/research/analytics/", dashboard])
    path.write_text(json.dumps({"reads": reads, "writes": writes}))
    print(
        "prepared: "
        + ", ".join(f"{len(w['requests'])} × {w['page']}" for w in writes)
        + f"; {len(reads)} pages for certain people"
    )


def cookie_for_id(pk: int) -> str:
    return cookie_for(User.objects.get(pk=pk))


def check(path: Path) -> None:
    """Prints one JSON object: for each write, how many of its targets it changed."""
    prepared = json.loads(path.read_text())
    done: dict[str, int] = {}
    for write in prepared["writes"]:
        targets = [tuple(t) for t in write["targets"]]
        page = write["page"]
        found: Iterable[tuple[Any, ...]]
        if page == "course completion with certificate":
            found = Enrolment.objects.filter(
                learner_id__in=[t[0] for t in targets], status=Enrolment.Status.COMPLETED
            ).values_list("learner_id", "course_id")
        elif page == "lesson completion":
            found = LessonProgress.objects.filter(
                learner_id__in=[t[0] for t in targets], completed_at__isnull=False
            ).values_list("learner_id", "lesson_id")
        elif page == "enrolment":
            found = Enrolment.objects.filter(
                learner_id__in=[t[0] for t in targets], status=Enrolment.Status.ACTIVE
            ).values_list("learner_id", "course_id")
        elif page == "event registration":
            found = Registration.objects.filter(person_id__in=[t[0] for t in targets]).values_list(
                "person_id", "event_id"
            )
        else:
            found = Post.objects.filter(body__startswith="Bench reply ").values_list("author_id")
        done[page] = len(set(targets) & {tuple(row) for row in found})
    print(json.dumps(done))


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in {"prepare", "check"}:
        sys.exit("usage: people.py prepare|check FILE")
    {"prepare": prepare, "check": check}[sys.argv[1]](Path(sys.argv[2]))
