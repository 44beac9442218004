"""Rebuild the community search index: communities, visible threads, published resources."""

from typing import Any

from django.core.management.base import BaseCommand

from praxis.community import search
from praxis.community.models import Community, Resource, Thread


class Command(BaseCommand):
    help = "Rebuild the search index of every community, thread and resource."

    def handle(self, *args: Any, **options: Any) -> None:
        count = 0
        for community in Community.objects.iterator(chunk_size=200):
            search.index_community(community)
            count += 1
        for thread in Thread.objects.iterator(chunk_size=200):
            search.index_thread(thread)
            count += 1
        for resource in Resource.objects.iterator(chunk_size=200):
            search.index_resource(resource)
            count += 1
        self.stdout.write(f"Community items indexed: {count}")
