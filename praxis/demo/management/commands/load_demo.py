"""manage.py load_demo: the demo ecosystem, created once and skipped when present."""

from typing import Any

from django.core.management.base import BaseCommand

from praxis.demo.content.people import PASSWORD
from praxis.demo.ecosystem import load_demo


class Command(BaseCommand):
    help = "Load the demo ecosystem (partners, courses in six languages, people). Idempotent."

    def handle(self, *args: Any, **options: Any) -> None:
        created = load_demo()
        if any(created.values()):
            summary = ", ".join(f"{count} {kind}" for kind, count in created.items() if count)
            self.stdout.write(self.style.SUCCESS(f"Demo ecosystem loaded: {summary}."))
        else:
            self.stdout.write("Demo ecosystem already loaded; nothing to add.")
        self.stdout.write(f"Every demo account's password is: {PASSWORD}")
