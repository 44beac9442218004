"""Retire the active signing key and make a new one; old credentials still verify."""

from typing import Any

from django.core.management.base import BaseCommand

from praxis.credentials.keys import verification_method_id
from praxis.credentials.services import rotate_signing_key


class Command(BaseCommand):
    help = (
        "Retire the active credential signing key (it stays in the DID document) and make a "
        "new one that signs from now on."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        key = rotate_signing_key()
        self.stdout.write(f"New signing key: {verification_method_id(key.key_id)}")
