"""manage.py bench_data: a large data set for benchmarks, created with bulk inserts."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from praxis.demo.bench_community import create_community_data
from praxis.demo.bench_data import create_bench_data
from praxis.demo.bench_events import create_event_data


class Command(BaseCommand):
    help = (
        "Create COURSES courses and LEARNERS learners with enrolments and progress, EVENTS "
        "events with their sessions and the learners' registrations, and POSTS community posts "
        "in threads and communities in six languages, quickly (bulk inserts, no xAPI "
        "statements; the search indexes are rebuilt). Existing bench data are left alone."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--courses", type=int, default=1000)
        parser.add_argument("--learners", type=int, default=100_000)
        parser.add_argument("--events", type=int, default=0, help="events (0: none)")
        parser.add_argument("--posts", type=int, default=0, help="community posts (0: none)")
        parser.add_argument("--seed", type=int, default=2026, help="for a reproducible data set")

    def handle(
        self,
        *args: Any,
        courses: int,
        learners: int,
        events: int,
        posts: int,
        seed: int,
        **options: Any,
    ) -> None:
        if min(courses, learners, events, posts) < 0:
            raise CommandError("--courses, --learners, --events and --posts must not be negative.")

        def report(line: str) -> None:
            self.stdout.write(f"  {line}")

        created = create_bench_data(
            courses=courses,
            learners=learners,
            seed=seed,
            report=report,
        )
        created.update(create_event_data(events=events, seed=seed, report=report))
        created.update(create_community_data(posts=posts, seed=seed, report=report))
        if connection.vendor == "postgresql":
            # The planner's statistics, as autovacuum gathers them on a running server: measured
            # right after a bulk load, every table would still look empty to it.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        if not created:
            self.stdout.write("Bench data already present; nothing to add.")
            return
        summary = ", ".join(
            f"{count:,} {kind.replace('_', ' ')}" for kind, count in created.items()
        )
        self.stdout.write(self.style.SUCCESS(f"Created {summary}."))
