"""Fill the authority column of statements stored before it existed, from their JSON."""

from django.db import migrations

BATCH = 2000


def _key(agent):
    if not isinstance(agent, dict):
        return ""
    if isinstance(account := agent.get("account"), dict):
        return f"account|{account.get('homePage', '')}|{account.get('name', '')}"[:512]
    for ifi in ("mbox", "mbox_sha1sum", "openid"):
        if value := agent.get(ifi):
            return f"{ifi}|{value}"[:512]
    return ""


def fill(apps, schema_editor):
    statement = apps.get_model("lrs", "Statement")
    changed = []
    for row in statement.objects.filter(authority_key="").only("id", "data").iterator(BATCH):
        if key := _key((row.data or {}).get("authority")):
            row.authority_key = key
            changed.append(row)
        if len(changed) >= BATCH:
            statement.objects.bulk_update(changed, ["authority_key"])
            changed = []
    statement.objects.bulk_update(changed, ["authority_key"])


class Migration(migrations.Migration):
    dependencies = [("lrs", "0004_statement_authority_and_trusted_clients")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
