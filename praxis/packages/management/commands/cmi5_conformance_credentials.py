"""Make what a cmi5 LMS test suite needs to drive this installation as the LMS: a staff
account with an API token for the conformance API, and an LRS credential that reads every
statement. Prints them as environment lines. Refused unless PRAXIS_CMI5_CONFORMANCE is on."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from praxis.accounts.models import User
from praxis.accounts.services import create_api_token
from praxis.lrs.models import LrsClient
from praxis.lrs.services.clients import create_client

EMAIL = "cmi5-conformance-runner@cmi5-conformance.invalid"


class Command(BaseCommand):
    help = "Print PRAXIS_API_TOKEN, LRS_KEY and LRS_SECRET for a cmi5 LMS test suite."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.PRAXIS_CMI5_CONFORMANCE:
            raise CommandError("PRAXIS_CMI5_CONFORMANCE is off: this is not a test installation")
        runner = User.objects.filter(email=EMAIL).first()
        if runner is None:
            runner = User.objects.create_user(
                EMAIL, None, full_name="cmi5 conformance", is_staff=True
            )
        runner.api_tokens.filter(revoked_at=None).delete()
        _token, plaintext = create_api_token(runner, "cmi5 conformance")
        client, secret = create_client(
            "cmi5 conformance suite", [LrsClient.Scope.ALL_READ], xapi_version="1.0.3"
        )
        self.stdout.write(
            f"PRAXIS_API_TOKEN={plaintext}\nLRS_KEY={client.key}\nLRS_SECRET={secret}\n"
        )
