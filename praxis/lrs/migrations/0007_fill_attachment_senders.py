"""Record who sent the attachments stored before senders were kept: the authority of each
statement that named an attachment without a fileUrl, which therefore had to send its content."""

from django.db import migrations

BATCH = 2000


def fill(apps, schema_editor):
    statement = apps.get_model("lrs", "Statement")
    attachment = apps.get_model("lrs", "Attachment")
    sender = apps.get_model("lrs", "AttachmentSender")
    stored = set(attachment.objects.values_list("sha2", flat=True))
    if not stored:
        return
    pairs = set()
    rows = statement.objects.filter(data__attachments__isnull=False).only("authority_key", "data")
    for row in rows.iterator(BATCH):
        for item in (row.data or {}).get("attachments") or []:
            if isinstance(item, dict) and "fileUrl" not in item and item.get("sha2") in stored:
                pairs.add((item["sha2"], row.authority_key))
    sender.objects.bulk_create(
        [sender(attachment_id=sha2, authority_key=key) for sha2, key in pairs],
        batch_size=BATCH,
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("lrs", "0006_attachment_senders")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
