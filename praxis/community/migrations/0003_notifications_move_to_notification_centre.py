"""The community's notifications move to the notification centre (praxis.notifications): each
is copied as a notice of the same kind, with the names it shows, then the table goes."""

from django.db import migrations
from django.urls import reverse

KINDS = {"mention": "mention", "reply": "reply", "accepted": "accepted", "moderation": "moderation"}


def copy_to_notices(apps, schema_editor):
    Notification = apps.get_model("community", "Notification")
    Notice = apps.get_model("notifications", "Notice")
    batch = []
    for note in Notification.objects.select_related(
        "actor", "thread", "thread__community"
    ).iterator(chunk_size=2000):
        thread = note.thread
        if note.kind == "moderation":
            params = {
                "action": "",
                "community": thread.community.name if thread else "",
                "thread": thread.title if thread else "",
            }
            link = reverse("community:moderation_record")
        else:
            params = {
                "actor": note.actor.full_name if note.actor else "",
                "thread": thread.title if thread else "",
            }
            link = (
                reverse("community:thread", args=[thread.uuid])
                + (f"#post-{note.post_id}" if note.post_id else "")
                if thread
                else ""
            )
        batch.append(
            Notice(
                person_id=note.user_id,
                kind=KINDS[note.kind],
                params=params,
                link=link,
                delivery="app",
                created_at=note.created_at,
                read_at=note.read_at,
            )
        )
        if len(batch) == 2000:
            Notice.objects.bulk_create(batch)
            batch = []
    Notice.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0002_search_index"),
        ("notifications", "0001_notices_and_preferences"),
    ]

    operations = [
        migrations.RunPython(copy_to_notices, migrations.RunPython.noop),
        migrations.DeleteModel(name="Notification"),
    ]
