"""Hand one e-mail message, read from standard input, to the communities' reply-by-e-mail
handling: for a mail server's pipe delivery (Postfix `pipe`, Exim `pipe` transport)."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from praxis.community.services import inbound


class Command(BaseCommand):
    help = "Post a reply received by e-mail, or note a delivery failure (message on stdin)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--recipient", default="", help="The envelope recipient, if known.")

    def handle(self, *args: Any, **options: Any) -> None:
        raw = sys.stdin.buffer.read(inbound.MAX_MESSAGE_BYTES + 1)
        received = inbound.receive(raw, options["recipient"])
        self.stdout.write(f"{received.outcome} {received.detail}".strip())
