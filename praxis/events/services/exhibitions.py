"""Exhibitions: visitors write to an exhibitor from its virtual booth."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from praxis.core.errors import NotAuthenticated, ValidationFailed
from praxis.core.people import Visitor, signed_in
from praxis.events import tasks
from praxis.events.models import Exhibitor

MAX_MESSAGE = 3000


def contact_exhibitor(sender: Visitor, exhibitor: Exhibitor, text: str) -> None:
    """Send a signed-in visitor's message to the exhibitor's contact address (after commit)."""
    if not signed_in(sender):
        raise NotAuthenticated()
    text = (text or "").strip()
    if not text or len(text) > MAX_MESSAGE:
        raise ValidationFailed(
            fields={"message": [_("Write a message of up to 3,000 characters.")]}
        )
    if not exhibitor.contact_email:
        raise ValidationFailed(message=_("This exhibitor takes no messages."))
    transaction.on_commit(
        lambda: tasks.send_exhibitor_message.delay(
            exhibitor.pk, sender.full_name, sender.email, text
        )
    )
