"""Rebuild the course search index, e.g. after restoring a database from a backup."""

from typing import Any

from django.core.management.base import BaseCommand

from praxis.catalog.models import Course
from praxis.catalog.search import reindex_course


class Command(BaseCommand):
    help = "Rebuild the search index of every course."

    def handle(self, *args: Any, **options: Any) -> None:
        count = 0
        for course in Course.objects.prefetch_related("topics").iterator(chunk_size=200):
            reindex_course(course)
            count += 1
        self.stdout.write(f"Courses indexed: {count}")
