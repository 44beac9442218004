"""On PostgreSQL, the community search rows are written anew, so that their stems are made from
the text as written: a word is now stemmed with its accents and its stem folded (praxis.core.
text_search.stems), where the rows held the stems of folded words. The rows are those the
services keep: every community, visible threads with their visible posts, published resources.
Nothing on other databases, whose index holds no stems; nothing to undo."""

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from django.db import migrations

from praxis.community.search import write_items

BATCH = 500
Item = tuple[str, int, int, str, str, str]


def restem(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    batch: list[Item] = []
    for item in _items(apps):
        batch.append(item)
        if len(batch) >= BATCH:
            write_items(batch)
            batch = []
    write_items(batch)


def _items(apps: Any) -> Iterator[Item]:
    # As praxis.community.search indexes each kind of item.
    Community = apps.get_model("community", "Community")
    Thread = apps.get_model("community", "Thread")
    Post = apps.get_model("community", "Post")
    Resource = apps.get_model("community", "Resource")
    for community in Community.objects.order_by("id").iterator(chunk_size=BATCH):
        language = community.languages[0] if community.languages else "en"
        yield ("community", community.pk, community.pk, language, community.name,
               community.description)  # fmt: skip
    threads = Thread.objects.filter(is_visible=True).order_by("id")
    chunk: list[Any] = []
    for thread in threads.iterator(chunk_size=BATCH):
        chunk.append(thread)
        if len(chunk) >= BATCH:
            yield from _threads(Post, chunk)
            chunk = []
    yield from _threads(Post, chunk)
    resources = Resource.objects.filter(status="published").order_by("id")
    for resource in resources.iterator(chunk_size=BATCH):
        text = resource.description + "\n" + " ".join(str(topic) for topic in resource.topics)
        yield ("resource", resource.pk, resource.community_id, resource.language,
               resource.title, text)  # fmt: skip


def _threads(Post: Any, threads: list[Any]) -> Iterator[Item]:
    bodies: dict[int, list[str]] = defaultdict(list)
    posts = (
        Post.objects.filter(thread_id__in=[thread.pk for thread in threads], status="visible")
        .order_by("thread_id", "position")
        .values_list("thread_id", "body")
    )
    for thread_id, body in posts:
        bodies[thread_id].append(body)
    for thread in threads:
        yield ("thread", thread.pk, thread.community_id, thread.language, thread.title,
               "\n".join(bodies[thread.pk]))  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("community", "0010_search_ranking")]

    operations = [migrations.RunPython(restem, migrations.RunPython.noop)]
