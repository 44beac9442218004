"""Recovery codes kept in plain text by the former device table become keyed digests, and the
plain text is deleted. Going back cannot restore the codes: people make new ones."""

from django.conf import settings
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps
from django.utils.crypto import salted_hmac

# The same digest as services.recovery_codes (not imported: a migration stays as written).
DIGEST_SALT = "praxis.accounts.recovery_code"


def _digest(code: str) -> str:
    normalised = "".join(code.split()).replace("-", "").lower()
    return salted_hmac(DIGEST_SALT, normalised, algorithm="sha256").hexdigest()


def hash_codes(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    static_token = apps.get_model("otp_static", "StaticToken")
    static_device = apps.get_model("otp_static", "StaticDevice")
    recovery_code = apps.get_model("accounts", "RecoveryCode")
    tokens = static_token.objects.select_related("device").order_by("pk")
    recovery_code.objects.bulk_create(
        recovery_code(person_id=token.device.user_id, digest=_digest(token.token))
        for token in tokens.iterator()
    )
    static_token.objects.all().delete()
    static_device.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_recovery_codes_hashed_and_passkeys"),
        ("otp_static", "0003_add_timestamps"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(hash_codes, migrations.RunPython.noop)]
