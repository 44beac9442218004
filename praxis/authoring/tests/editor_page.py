"""A page of the workspace as a browser uses it (the lesson editor, the draft's page): send one
of its forms and read one of its sections."""

import re
from dataclasses import dataclass
from typing import Any

from django.test import Client

# Where each section of the page starts and ends (the captions are part of the video's section).
_BOUNDS = {
    # the lesson editor
    "picture": ('id="picture-heading"', "</section>"),
    "files": ('id="files-heading"', "</section>"),
    "video": ('id="video-heading"', 'id="captions-heading"'),
    "captions": ('id="captions-heading"', "</section>"),
    "package": ('id="package-heading"', "</section>"),
    "tool": ('id="tool-heading"', "</section>"),
    # the draft's page
    "image": ('id="image-heading"', "</section>"),
    "content": ('id="content-heading"', "</section>"),
    "cartridge": ('id="cartridge-heading"', "</section>"),
}

# Where the messages above the page are, and where a section's own are.
MESSAGES_ABOVE = '<div role="status"><ul class="messages">'
SECTION_MESSAGES = '<div class="section-messages" role="status">'


@dataclass
class Shown:
    """The page shown after a form was sent: its status, its text and the fragment of its
    address, the section the browser lands on."""

    status: int
    text: str
    landing: str

    def section(self, name: str) -> str:
        return section_of(self.text, name)

    def lands_in(self, name: str) -> bool:
        """Whether the browser lands in the section `name`: on its heading, or on the error
        summary of its form."""
        return bool(self.landing) and f'id="{self.landing}"' in self.section(name)


def section_of(page: str, name: str) -> str:
    start, end = _BOUNDS[name]
    return start + page.split(start, 1)[1].split(end, 1)[0]


def field_tag(html: str, field_id: str) -> str:
    """The tag of the form field with id `field_id` (with its aria attributes)."""
    found = re.search(rf'<(?:input|select|textarea)\b[^>]*\bid="{field_id}"[^>]*>', html)
    assert found is not None, f"no field {field_id}"
    return found.group(0)


def marked_invalid(html: str, field_id: str) -> bool:
    """Whether the field is marked invalid and tied to its error message, as screen readers
    read it."""
    tag = field_tag(html, field_id)
    described = re.search(r'aria-describedby="([^"]*)"', tag)
    return 'aria-invalid="true"' in tag and bool(
        described and f"{field_id}_error" in described.group(1).split()
    )


def send_form(client: Client, page_url: str, action: str, data: dict[str, Any]) -> Shown:
    """Send the (first) form of the page that carries `action`, to the address it names, as a
    browser does: through any redirect, to the page shown at last."""
    page = client.get(page_url).text
    form = next(part for part in page.split("<form ")[1:] if f'value="{action}"' in part)
    path, _, landing = form.split('action="', 1)[1].split('"', 1)[0].partition("#")
    response = client.post(path, {"action": action, **data})
    while response.status_code == 302:
        location = response["Location"]
        landing = location.partition("#")[2] or landing
        response = client.get(location)
    return Shown(response.status_code, response.content.decode(), landing)
