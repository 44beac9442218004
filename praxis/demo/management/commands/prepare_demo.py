"""manage.py prepare_demo: what `make run` does before serving, in one start-up of Django."""

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


class Command(BaseCommand):
    help = (
        "Apply migrations when some are unapplied, load the demo ecosystem unless this version "
        "of it is loaded, and print the demo logins."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            self.stdout.write("Applying database migrations…")
            call_command("migrate", interactive=False)
        call_command("load_demo")
        call_command("demo_logins")
