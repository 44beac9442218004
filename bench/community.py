"""Benchmark: a community thread page with 500 replies, and the digest job for 10,000 members.

Builds its own database beside the main benchmark's (var/bench/community.sqlite3, or
<name>_community on the PostgreSQL server DATABASE_URL names; dropped and created anew): one
open community of BENCH_COMMUNITY_MEMBERS (10,000) members, all on the daily digest, and a
thread of BENCH_THREAD_REPLIES (500) replies posted during the last day.

1. The digest job (praxis.community.services.notifying.send_digests) runs in this process, with
   e-mail going to an in-memory outbox: its wall-clock time, the digests sent (each lists the
   30 newest posts) and the items stored so that none is ever sent again; then a second run at
   once, which finds nobody due.
2. gunicorn (BENCH_WORKERS, 2) serves the database; wrk measures the thread's first page (20
   posts of the 500, as an anonymous reader) like the pages of bench/run.py, and the page's
   compressed weight (HTML + CSS + JS) is fetched as a browser would.

Figures are printed; nothing passes or fails on time.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import run as bench  # noqa: E402  (the helpers of bench/run.py: wrk, gunicorn)
import weights  # noqa: E402  (bench/weights.py: bytes on the wire)

MEMBERS = int(os.environ.get("BENCH_COMMUNITY_MEMBERS", "10000"))
REPLIES = int(os.environ.get("BENCH_THREAD_REPLIES", "500"))


def database_url() -> str:
    if postgres := bench.postgres_bench_database("community_bench"):
        return postgres
    path = Path(os.environ.get("PRAXIS_VAR_DIR", ROOT / "var")) / "bench" / "community.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{path}"


def build() -> str:
    """Fill the database; return the thread page's path."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from praxis.accounts.models import User
    from praxis.community import search
    from praxis.community.models import Community, MemberProfile, Membership, Post, Thread
    from praxis.community.text import render_post

    now = timezone.now()
    unusable = make_password(None)
    users = User.objects.bulk_create(
        [
            User(
                email=f"member{n}@bench.example",
                full_name=f"Member {n} · عضو {n}",
                password=unusable,
                languages=["en"],
            )
            for n in range(MEMBERS)
        ],
        batch_size=2000,
    )
    community = Community.objects.create(
        slug="bench-community",
        name="Infection prevention practitioners (benchmark)",
        description="Ten thousand members on the daily digest.",
        languages=["en"],
        member_count=MEMBERS,
        thread_count=1,
    )
    Membership.objects.bulk_create(
        [
            Membership(
                community=community,
                user=user,
                email=Membership.Email.DAILY,
                approved_posts=5,
            )
            for user in users
        ],
        batch_size=2000,
    )
    Membership.objects.update(created_at=now - timedelta(days=2))
    MemberProfile.objects.bulk_create(
        [
            MemberProfile(user=user, handle=f"member-{n}", reputation=n % 50)
            for n, user in enumerate(users)
        ],
        batch_size=2000,
    )
    thread = Thread.objects.create(
        community=community,
        author=users[0],
        title="Alcohol-based hand rub ran out: what do you do until the next delivery?",
        kind=Thread.Kind.QUESTION,
        language="en",
        reply_count=REPLIES,
        last_posted_at=now,
    )
    body = (
        "We produced it locally with the **WHO formulation** (ethanol 80 %, glycerol, hydrogen"
        " peroxide). The pharmacy made 50 litres a week; see @member-1 for the label template.\n\n"
        "> Soap and water at every sink is not realistic on our wards.\n\n- bottles from the"
        " laboratory\n- a hydrometer reading for each batch"
    )
    html = render_post(body, {"member-1"})
    Post.objects.bulk_create(
        [
            Post(
                thread=thread,
                author=users[position % len(users)],
                position=position,
                body=body,
                body_html=html,
                reaction_count=position % 4,
                created_at=now - timedelta(minutes=REPLIES - position),
            )
            for position in range(REPLIES + 1)
        ],
        batch_size=1000,
    )
    Post.objects.filter(thread=thread).update(created_at=now - timedelta(hours=12))
    search.index_thread(thread)
    return f"/community/t/{thread.uuid}/"


def digest() -> tuple[float, int, int, float, int]:
    """(seconds, digests sent, items stored, seconds of an immediate second run, digests it
    sent: none, as nobody is due again and nothing is ever sent twice)."""
    from django.core import mail

    from praxis.community.models import Membership, SentItem
    from praxis.community.services.notifying import send_digests

    mail.outbox = []
    started = time.perf_counter()
    sent = send_digests(Membership.Email.DAILY)
    seconds = time.perf_counter() - started
    items = SentItem.objects.count()
    started = time.perf_counter()
    again = send_digests(Membership.Email.DAILY)
    return seconds, sent, items, time.perf_counter() - started, again


def main() -> None:
    url = database_url()
    os.environ["DATABASE_URL"] = url
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "praxis.settings")
    env = {**os.environ, "DEBUG": "0", "LOG_LEVEL": "WARNING"}
    bench.manage(env, "migrate", "--noinput", "--verbosity", "0")
    bench.manage(env, "collectstatic", "--noinput", "--verbosity", "0")

    import django

    django.setup()
    started = time.monotonic()
    path = build()
    build_seconds = time.monotonic() - started
    seconds, sent, items, again_seconds, again = digest()

    wrk = bench.ensure_wrk()
    port = bench.free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            *(bench.GUNICORN, "praxis.wsgi", "--bind", f"127.0.0.1:{port}"),
            *("--workers", str(bench.WORKERS), "--log-level", "warning"),
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        bench.wait_until_up(base, server)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(bench.STOP_AFTER_LUA)
        page = f"thread, {REPLIES} replies (page 1 of {-(-(REPLIES + 1) // 20)})"
        bench.say(f"== {page} ({path}): warm-up {bench.WARM_SECONDS} s, then {bench.SECONDS} s")
        bench.run_wrk(wrk, base + path, bench.WARM_SECONDS, script.name)
        measurement = bench.parse_wrk(
            page, path, bench.run_wrk(wrk, base + path, bench.SECONDS, script.name)
        )
        weight = weights.page_weight(base, page, path)
        Path(script.name).unlink(missing_ok=True)
    finally:
        bench.stop(server)

    bench.say()
    bench.say(
        f"Community benchmark · {MEMBERS:,} members, a thread of {REPLIES} replies "
        f"(built in {build_seconds:.0f} s) · {urlsplit(url).scheme}"
    )
    bench.say(
        bench.table(
            [
                ["page", "requests", "req/s", "p50 ms", "p99 ms", "errors", "weight (gzip)"],
                [
                    page,
                    f"{measurement.requests:,}",
                    f"{measurement.requests_per_second:,.0f}",
                    f"{measurement.p50_ms:.1f}",
                    f"{measurement.p99_ms:.1f}",
                    str(measurement.errors),
                    f"{weight.total / 1024:.1f} KB (HTML {weight.html / 1024:.1f} KB, "
                    f"{100 * weight.total / weights.BUDGET_BYTES:.0f} % of 60 KB)",
                ],
            ],
            right={1, 2, 3, 4, 5},
        )
    )
    bench.say(
        f"Daily digest job for {MEMBERS:,} members: {seconds:.1f} s "
        f"({sent:,} digests, {items:,} items stored as sent); "
        f"run again at once: {again_seconds:.1f} s, {again} digests."
    )


if __name__ == "__main__":
    main()
