"""Messages told in a section of a long page rather than above it.

After a form low on a page, the browser lands on the form's section (the address's fragment),
out of sight of the messages above the page; a message told in a section is shown there instead,
and only there.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.messages.storage.base import Message
from django.http import HttpRequest

# How a message names its section, among its tags.
_PREFIX = "section-"


def tell(request: HttpRequest, section: str, level: int, text: str) -> None:
    """Tell `text` in `section` of the next page shown to the person."""
    messages.add_message(request, level, text, extra_tags=f"{_PREFIX}{section}")


def by_section(request: HttpRequest) -> tuple[dict[str, list[Message]], list[Message]]:
    """The messages waiting for the page: those told in a section, by section, and the others,
    for above the page as on every page."""
    placed: dict[str, list[Message]] = {}
    others: list[Message] = []
    for message in messages.get_messages(request):
        tags = message.extra_tags or ""
        if tags.startswith(_PREFIX):
            placed.setdefault(tags.removeprefix(_PREFIX), []).append(message)
        else:
            others.append(message)
    return placed, others
