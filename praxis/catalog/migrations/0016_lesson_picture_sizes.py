"""Each picture placed in a lesson's text gets its width and height on the stored HTML
(praxis.catalog.images.with_picture_sizes), as lessons saved or published from now on have them:
the lesson's page then keeps each picture's place while its file arrives. Only lessons whose text
shows such a picture are read; the Markdown is not rendered again. Nothing to undo: HTML without
the sizes shows the same picture."""

from typing import Any

from django.db import migrations

from praxis.catalog.images import with_picture_sizes

BATCH = 500


def size_pictures(apps: Any, schema_editor: Any) -> None:
    Lesson = apps.get_model("catalog", "Lesson")
    showing = Lesson.objects.filter(body_html__contains="/lesson-images/").order_by("id")
    changed = []
    for lesson in showing.only("id", "body_html").iterator(chunk_size=BATCH):
        sized = with_picture_sizes(lesson.body_html)
        if sized != lesson.body_html:
            lesson.body_html = sized
            changed.append(lesson)
        if len(changed) >= BATCH:
            Lesson.objects.bulk_update(changed, ["body_html"])
            changed = []
    Lesson.objects.bulk_update(changed, ["body_html"])


class Migration(migrations.Migration):
    dependencies = [("catalog", "0015_search_index_no_pending_list")]

    operations = [migrations.RunPython(size_pictures, migrations.RunPython.noop)]
