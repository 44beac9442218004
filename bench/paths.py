"""Per-request CPU time and queries of the paths a person uses, in one process.

`python bench/paths.py` copies the demo database (var/praxis.sqlite3, made by `make run` or
`make demo`) to a temporary file and, through Django's test client, requests each path: a few
warm-up requests, then BENCH_PATH_REQUESTS (20) measured ones. It prints, per path, the CPU
milliseconds of one request (process time, so other programs on the machine barely change it),
the SQL queries it made, and the ratio of its CPU time to /healthz's. Each page is asked for
as Chromium asks (`Accept-Encoding: gzip, deflate, br, zstd`; BENCH_ACCEPT_ENCODING to change
it), so its compression is measured as it is served. Writes (lesson completion,
a quiz submission, a course completion with its certificate, an enrolment, an event
registration, a reply in a thread) are made on the copy, each by a new learner.
`python bench/paths.py --profile "event page"` prints where that path's time goes (cProfile,
the 30 costliest functions by cumulative time), and `--compile "event page"` the CPU spent
building each of its queries in Django's compiler, by the line of Praxis that ran it, and
`--templates "event page"` the CPU spent rendering each template (its own time).

Unlike `bench/run.py` it measures no server and no network: it says where CPU goes, request by
request, reproducibly on a busy machine. Figures are printed; nothing passes or fails on time.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import pstats
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VAR = Path(os.environ.get("PRAXIS_VAR_DIR", ROOT / "var"))
SOURCE = VAR / "praxis.sqlite3"
REQUESTS = int(os.environ.get("BENCH_PATH_REQUESTS", "20"))
WARM = 3
# What a browser says it can decode (Chromium's header): pages are measured compressed, as served.
ACCEPT_ENCODING = os.environ.get("BENCH_ACCEPT_ENCODING", "gzip, deflate, br, zstd")

_copy = Path(tempfile.mkdtemp(prefix="praxis-paths-")) / "praxis.sqlite3"
if not SOURCE.exists():
    sys.exit(f"{SOURCE} is missing: run `make demo` (or `make run`) first.")
shutil.copy(SOURCE, _copy)
os.environ["DATABASE_URL"] = f"sqlite:///{_copy}"
os.environ.pop("REDIS_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "praxis.settings")
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402 - Django is set up first

django.setup()

from django.conf import settings  # noqa: E402 - Django is set up first
from django.db import connection  # noqa: E402 - Django is set up first
from django.test import Client  # noqa: E402 - Django is set up first

from praxis.accounts.middleware import SECOND_FACTOR_SESSION_KEY  # noqa: E402 - Django is set up first

if TYPE_CHECKING:
    from praxis.accounts.models import User
    from praxis.catalog.models import Course, Lesson
    from praxis.core.people import Person


@dataclass
class Path_:
    name: str
    # Makes one request and returns its status.
    request: Callable[[], int]
    # Prepares fresh state for the next request (not timed): a new learner for a write.
    prepare: Callable[[], None] = lambda: None


@dataclass
class Figure:
    name: str
    cpu_ms: float
    queries: int
    status: int


def client_for(user: Person | None = None) -> Client:
    """A client logged in as `user` (staff with their second factor proven), or a visitor's."""
    client = Client()
    if user is not None:
        client.force_login(user)
        if user.is_staff or user.is_superuser:
            session = client.session
            session[SECOND_FACTOR_SESSION_KEY] = True
            session.save()
    return client


def fresh_learner(course: Course | None, lessons_done: int = 0) -> User:
    """A new learner enrolled in `course` (in none without one), with its first `lessons_done`
    lessons completed, who has accepted the terms in force (as at sign-up; otherwise every page
    asks for them)."""
    from praxis.accounts.models import User
    from praxis.accounts.services import accept_documents_in_force
    from praxis.catalog import services

    number = User.objects.count()
    learner = User.objects.create(email=f"paths{number}@bench.example", full_name="Bench")
    accept_documents_in_force(learner, True)
    if course is None:
        return learner
    services.enrol(learner, course)
    for lesson in course_lessons(course)[:lessons_done]:
        services.complete_lesson(learner, lesson)
    return learner


def course_lessons(course: Course) -> list[Lesson]:
    from praxis.catalog.models import Lesson

    return list(
        Lesson.objects.filter(module__course=course).order_by("module__position", "position")
    )


def quiz_form(attempt: Any) -> dict[str, Any]:
    """Answers to every question of an open attempt, as the quiz form posts them."""
    from praxis.assessments import queries

    data: dict[str, Any] = {}
    for question in queries.attempt_questions(attempt):
        name = f"q-{question.uuid}"
        options = list(getattr(question, "options", []) or [])
        if question.kind in {"single", "true_false", "multiple"}:
            data[name] = str(options[0].id)
        elif question.kind == "ordering":
            for rank, option in enumerate(options, 1):
                data[f"{name}-{option.id}"] = str(rank)
        elif question.kind == "matching":
            matches = list(question.matches)
            for option in options:
                data[f"{name}-{option.id}"] = str(matches[0].id)
        elif question.kind == "numeric":
            data[name] = "1"
        else:
            data[name] = "answer"
    return data


def build_paths() -> list[Path_]:
    """The demo's paths: a course, its lesson, an event with a country question, its timetable of
    30 sessions, one of 200, a thread, a credential, the API's course list, and the writes of a
    learner (lesson completion, a quiz, a course completed, an enrolment, an event registration
    and a reply, each by a new learner, and in a community they have just joined for the
    reply)."""
    from django.db.models import Count

    from praxis.accounts.models import User
    from praxis.assessments import services as assessments
    from praxis.assessments.models import Quiz
    from praxis.catalog.models import Course, Enrolment
    from praxis.community.models import Thread
    from praxis.community.services import membership as memberships
    from praxis.credentials.models import Credential

    course = Course.objects.get(slug="hand-hygiene-en")
    lessons = course_lessons(course)
    enrolled = Enrolment.objects.filter(course=course, status="active").earliest("id").learner
    thread = Thread.objects.earliest("id")
    # The demo's longest thread (4 posts), read by a member of its community.
    members_thread = (
        Thread.objects.annotate(posts_count=Count("posts")).order_by("-posts_count", "id").first()
    )
    assert members_thread is not None
    credential = Credential.objects.earliest("id")
    quiz = max(Quiz.objects.filter(course=course), key=lambda q: q.slots.count())
    anonymous, learner = client_for(), client_for(enrolled)
    staff = client_for(User.objects.get(email="staff@praxis.example"))
    lesson_url = f"/courses/{course.slug}/lessons/{lessons[0].uuid}/"
    # The conference of bench/events.py (3 days, 200 sessions), added to the copy.
    sys.path.insert(0, str(ROOT / "bench"))
    import events as event_bench

    event_bench.seed()
    # One client (one handler, its middleware loaded once) for the writes, logged in afresh.
    state: dict[str, Any] = {"client": client_for()}

    def new_learner(lessons_done: int = 0, enrolled: bool = True) -> Callable[[], None]:
        def prepare() -> None:
            state["learner"] = fresh_learner(course if enrolled else None, lessons_done)
            state["client"].force_login(state["learner"])

        return prepare

    def new_member() -> None:
        new_learner(enrolled=False)()
        memberships.join(state["learner"], members_thread.community)

    def post(url: str, **fields: str) -> Callable[[], int]:
        def request() -> int:
            state["posted"] = state.get("posted", 0) + 1
            data = {name: value.format(state["posted"]) for name, value in fields.items()}
            return int(state["client"].post(url, data).status_code)

        return request

    def complete(lesson: Any) -> Callable[[], int]:
        url = f"/courses/{course.slug}/lessons/{lesson.uuid}/completion/"
        return lambda: state["client"].post(url).status_code

    def prepare_attempt() -> None:
        new_learner()()
        attempt = assessments.start_attempt(state["learner"], quiz)
        state["attempt"], state["form"] = attempt, quiz_form(attempt)

    def submit() -> int:
        url = f"/attempts/{state['attempt'].uuid}/"
        response = state["client"].post(url, state["form"])
        return int(response.status_code)

    def get(client: Client, url: str) -> Callable[[], int]:
        return lambda: client.get(url, HTTP_ACCEPT_ENCODING=ACCEPT_ENCODING).status_code

    return [
        Path_("/healthz", get(anonymous, "/healthz")),
        Path_("home", get(anonymous, "/")),
        Path_("home, signed in", get(learner, "/")),
        Path_("catalogue", get(anonymous, "/courses/")),
        Path_("catalogue, signed in", get(learner, "/courses/")),
        Path_("search, every kind", get(anonymous, "/search/?q=hand+hygiene")),
        Path_("search, every kind, signed in", get(learner, "/search/?q=hand+hygiene")),
        Path_("course page, anonymous", get(anonymous, f"/courses/{course.slug}/")),
        Path_("course page, enrolled", get(learner, f"/courses/{course.slug}/")),
        Path_("lesson page", get(learner, lesson_url)),
        Path_("event list", get(anonymous, "/events/")),
        Path_("event list, signed in", get(learner, "/events/")),
        Path_("events calendar", get(anonymous, "/events/calendar/")),
        Path_("event page", get(anonymous, "/events/ipc-forum-nairobi/")),
        Path_("event page, signed in", get(learner, "/events/ipc-forum-nairobi/")),
        Path_(
            "event timetable (30 sessions)", get(anonymous, "/events/ipc-forum-nairobi/timetable/")
        ),
        Path_(
            "event timetable (200 sessions)",
            get(anonymous, f"/events/{event_bench.CONFERENCE}/timetable/"),
        ),
        Path_("community thread", get(anonymous, f"/community/t/{thread.uuid}/")),
        Path_(
            "community thread (4 posts), member",
            get(learner, f"/community/t/{members_thread.uuid}/"),
        ),
        Path_("credential verification page", get(anonymous, f"/credentials/{credential.uuid}")),
        Path_("GET /api/v1/courses", get(anonymous, "/api/v1/courses")),
        Path_("GET /api/v1/partners", get(anonymous, "/api/v1/partners")),
        Path_("GET /api/v1/partners, signed in", get(learner, "/api/v1/partners")),
        Path_("GET /api/v1/communities", get(anonymous, "/api/v1/communities")),
        Path_("GET /api/v1/events", get(anonymous, "/api/v1/events")),
        Path_("My learning", get(learner, "/courses/my-learning/")),
        Path_("notification centre", get(learner, "/notifications/")),
        Path_("analytics dashboard (staff)", get(staff, "/research/analytics/")),
        Path_("lesson completion (POST)", complete(lessons[0]), new_learner()),
        Path_(
            f"quiz submission ({quiz.slots.count()} questions)",
            submit,
            prepare_attempt,
        ),
        Path_(
            "course completion with certificate",
            complete(lessons[-1]),
            new_learner(len(lessons) - 1),
        ),
        Path_(
            "enrolment (POST)",
            post(f"/courses/{course.slug}/enrolment/"),
            new_learner(enrolled=False),
        ),
        Path_(
            "event registration (POST)",
            post(f"/events/{event_bench.CONFERENCE}/registration/"),
            new_learner(enrolled=False),
        ),
        Path_(
            "reply in a thread (POST)",
            post(
                f"/community/t/{members_thread.uuid}/reply/",
                body="Reply {}: we do the same in our clinic, and it works.",
            ),
            new_member,
        ),
    ]


def measure(path: Path_) -> Figure:
    for _ in range(WARM):
        path.prepare()
        path.request()
    path.prepare()
    queries: list[str] = []

    def count(execute: Any, sql: str, *args: Any) -> Any:
        queries.append(sql)
        return execute(sql, *args)

    # Counted by a wrapper: the test client's request signals reset Django's own query log.
    with connection.execute_wrapper(count):
        status = path.request()
    cpu = 0.0
    for _ in range(REQUESTS):
        path.prepare()
        started = time.process_time()
        path.request()
        cpu += time.process_time() - started
    return Figure(path.name, 1000 * cpu / REQUESTS, len(queries), status)


def print_compile_costs(path: Path_) -> None:
    """The CPU milliseconds per request spent turning querysets into SQL (Django's compiler),
    by the line of Praxis that ran each query, costliest first."""
    from django.db.models.sql.compiler import SQLCompiler

    compile_sql = SQLCompiler.as_sql
    costs: dict[str, float] = {}
    calls: dict[str, int] = {}
    depth = 0

    def timed(compiler: SQLCompiler, *args: Any, **kwargs: Any) -> Any:
        nonlocal depth
        depth += 1
        started = time.process_time()
        try:
            return compile_sql(compiler, *args, **kwargs)
        finally:
            depth -= 1
            spent = time.process_time() - started
            if depth == 0:  # a subquery's time is its outer query's
                where = next(
                    (
                        f"{frame.filename.removeprefix(str(ROOT) + '/')}:{frame.lineno}"
                        for frame in reversed(traceback.extract_stack())
                        if "/praxis/" in frame.filename
                    ),
                    "(outside Praxis)",
                )
                costs[where] = costs.get(where, 0.0) + spent
                calls[where] = calls.get(where, 0) + 1

    for _ in range(WARM):
        path.prepare()
        path.request()
    SQLCompiler.as_sql = timed  # type: ignore[method-assign, assignment]  # measuring only, put back below
    try:
        for _ in range(REQUESTS):
            path.prepare()
            path.request()
    finally:
        SQLCompiler.as_sql = compile_sql  # type: ignore[method-assign]  # put back as it was
    print(f"{'ms per request':>14} {'queries':>8}  line")
    for where, seconds in sorted(costs.items(), key=lambda item: -item[1]):
        print(f"{1000 * seconds / REQUESTS:>14.2f} {calls[where] / REQUESTS:>8.1f}  {where}")


def print_template_costs(path: Path_) -> None:
    """The CPU milliseconds per request spent rendering each template, its own time only (what
    it includes or extends counted apart), costliest first."""
    from django.template.base import Template

    # Template._render, which Django's type stubs do not declare: a template's own nodes, an
    # included or extended one being rendered by its own call.
    render: Callable[[Template, Any], Any] = vars(Template)["_render"]
    costs: dict[str, float] = {}
    calls: dict[str, int] = {}
    # The template being rendered and the time its inner templates took, innermost last.
    stack: list[list[float]] = []

    def timed(template: Template, context: Any) -> Any:
        stack.append([0.0])
        started = time.process_time()
        try:
            return render(template, context)
        finally:
            spent = time.process_time() - started
            inner = stack.pop()[0]
            if stack:
                stack[-1][0] += spent
            name = str(template.origin.template_name or "(from a string)")
            costs[name] = costs.get(name, 0.0) + spent - inner
            calls[name] = calls.get(name, 0) + 1

    for _ in range(WARM):
        path.prepare()
        path.request()
    setattr(Template, "_render", timed)  # noqa: B010 - measuring only, put back below
    try:
        for _ in range(REQUESTS):
            path.prepare()
            path.request()
    finally:
        setattr(Template, "_render", render)  # noqa: B010 - put back as it was
    print(f"{'ms per request':>14} {'renders':>8}  template")
    for name, seconds in sorted(costs.items(), key=lambda item: -item[1]):
        print(f"{1000 * seconds / REQUESTS:>14.2f} {calls[name] / REQUESTS:>8.1f}  {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", help="print where this path's time goes")
    parser.add_argument(
        "--sort", default="cumulative", help="order of the profile: cumulative or tottime"
    )
    parser.add_argument("--only", help="measure only paths whose name contains this")
    parser.add_argument("--sql", help="print the SQL of one request of this path")
    parser.add_argument(
        "--compile", help="print the CPU spent building queries, per line of Praxis"
    )
    parser.add_argument(
        "--templates", help="print the CPU spent rendering each template of this path"
    )
    arguments = parser.parse_args()
    # Not Django's setup_test_environment: its instrumented template rendering costs time.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    paths = build_paths()
    # As the server does (praxis.wsgi): what start-up made is never visited by a collection.
    gc.collect()
    gc.freeze()
    if arguments.sql:
        path = next(p for p in paths if p.name == arguments.sql)
        for _ in range(WARM):
            path.prepare()
            path.request()
        path.prepare()
        statements: list[str] = []

        def keep(execute: Any, sql: str, *rest: Any) -> Any:
            statements.append(sql)
            return execute(sql, *rest)

        with connection.execute_wrapper(keep):
            path.request()
        for number, sql in enumerate(statements, 1):
            print(f"{number:>3} {sql[:300]}")
        return
    if arguments.compile:
        print_compile_costs(next(p for p in paths if p.name == arguments.compile))
        return
    if arguments.templates:
        print_template_costs(next(p for p in paths if p.name == arguments.templates))
        return
    if arguments.profile:
        path = next(p for p in paths if p.name == arguments.profile)
        for _ in range(WARM):
            path.prepare()
            path.request()
        profiler = cProfile.Profile()
        for _ in range(REQUESTS):
            path.prepare()
            profiler.enable()
            path.request()
            profiler.disable()
        pstats.Stats(profiler).sort_stats(arguments.sort).print_stats(
            int(os.environ.get("BENCH_PROFILE_LINES", "30"))
        )
        return
    figures = [measure(p) for p in paths if not arguments.only or arguments.only in p.name]
    ceiling = next((f.cpu_ms for f in figures if f.name == "/healthz"), None)
    print(f"{'path':<44} {'status':>6} {'CPU ms':>8} {'queries':>8} {'x /healthz':>10}")
    for figure in figures:
        ratio = f"{figure.cpu_ms / ceiling:.1f}" if ceiling else "–"
        print(
            f"{figure.name:<44} {figure.status:>6} {figure.cpu_ms:>8.1f} "
            f"{figure.queries:>8} {ratio:>10}"
        )


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(_copy.parent, ignore_errors=True)
