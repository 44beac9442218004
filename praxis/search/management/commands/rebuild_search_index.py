"""Rebuild every search index (courses, communities) and forget the cached vocabulary, e.g.
after restoring a database from a backup or upgrading how text is indexed."""

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from praxis.core.text_search import forget_vocabularies


class Command(BaseCommand):
    help = "Rebuild the search indexes of courses and communities."

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("reindex_courses", stdout=self.stdout)
        call_command("reindex_community", stdout=self.stdout)
        forget_vocabularies()
        self.stdout.write("Search vocabulary cleared.")
