"""Make the issuer's first Ed25519 signing key (does nothing if one is active)."""

from typing import Any

from django.core.management.base import BaseCommand

from praxis.credentials.keys import verification_method_id
from praxis.credentials.services import generate_signing_key


class Command(BaseCommand):
    help = "Make the credential signing key if there is no active one."

    def handle(self, *args: Any, **options: Any) -> None:
        key = generate_signing_key()
        self.stdout.write(f"Active signing key: {verification_method_id(key.key_id)}")
