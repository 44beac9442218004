"""Create an LRS credential and print its key and secret (the secret is shown only now)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from praxis.lrs.models import LrsClient, Purpose
from praxis.lrs.services.clients import create_client


class Command(BaseCommand):
    help = "Create an xAPI client credential with scopes; prints KEY and SECRET."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name")
        parser.add_argument(
            "--scope",
            action="append",
            choices=LrsClient.Scope.values,
            help="repeat for several scopes (default: all)",
        )
        parser.add_argument(
            "--trusted-for",
            action="append",
            choices=Purpose.values,
            help="a reader that counts this client's statements (repeat; default: none)",
        )
        parser.add_argument("--key", help="use this key instead of a random one")
        parser.add_argument("--secret", help="use this secret instead of a random one")
        parser.add_argument(
            "--xapi-version",
            choices=["1.0.3", "2.0.0"],
            default="2.0.0",
            help="the version named in responses to requests that do not give one",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["key"] and LrsClient.objects.filter(key=options["key"]).exists():
            raise CommandError("a client with this key exists")
        client, secret = create_client(
            options["name"],
            options["scope"] or [LrsClient.Scope.ALL],
            key=options["key"],
            secret=options["secret"],
            xapi_version=options["xapi_version"],
            trusted_for=options["trusted_for"],
        )
        self.stdout.write(f"KEY={client.key}\nSECRET={secret}\n")
