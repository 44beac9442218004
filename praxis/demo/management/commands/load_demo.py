"""manage.py load_demo: the demo ecosystem, created once and skipped when present."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from praxis.demo import version
from praxis.demo.content.people import PASSWORD
from praxis.demo.ecosystem import load_demo


class Command(BaseCommand):
    help = (
        "Load the demo ecosystem (partners, courses in six languages, people). Idempotent; "
        "a database that holds this version of the demo is recognised with one query."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--again",
            action="store_true",
            help="run every loader even when this version of the demo is recorded as loaded",
        )

    def handle(self, *args: Any, again: bool = False, **options: Any) -> None:
        if not again and version.is_loaded():
            self.stdout.write("Demo ecosystem already loaded; nothing to add.")
        else:
            self.stdout.write(
                "Loading the demo ecosystem (partners, courses, people, events, communities)…"
            )
            created = load_demo()
            version.mark_loaded()
            if any(created.values()):
                summary = ", ".join(f"{count} {kind}" for kind, count in created.items() if count)
                self.stdout.write(self.style.SUCCESS(f"Demo ecosystem loaded: {summary}."))
            else:
                self.stdout.write("Demo ecosystem already loaded; nothing to add.")
        self.stdout.write(f"Every demo account's password is: {PASSWORD}")
