"""multipart/mixed bodies: statements with their attachments, in and out."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from praxis.core.patterns import client_pattern
from praxis.lrs.validation import StatementInvalid

BOUNDARY_RE = client_pattern(r'boundary="?([^";]+)"?', ignore_case=True)


@dataclass
class Part:
    headers: dict[str, str]
    body: bytes


# Kept over the standard library's e-mail parser: it accepts malformed bodies (noting defects
# instead of refusing) and decodes base64 parts, where xAPI refuses the one and hashes raw bytes.
def parse_multipart(content_type: str, body: bytes) -> list[Part]:
    """The parts of a multipart body, headers lower-cased; raises StatementInvalid if malformed."""
    match = BOUNDARY_RE.search(content_type)
    if not match:
        raise StatementInvalid("multipart/mixed needs a boundary")
    delimiter = b"--" + match.group(1).encode()
    chunks = body.split(delimiter)
    if len(chunks) < 3:
        raise StatementInvalid("the multipart body has no parts")
    parts = []
    for chunk in chunks[1:]:
        if chunk.startswith(b"--"):
            break
        chunk = chunk.removeprefix(b"\r\n")
        head, separator, content = chunk.partition(b"\r\n\r\n")
        if not separator:
            raise StatementInvalid("a multipart part has no header block")
        headers = {}
        for line in head.decode("latin-1").split("\r\n"):
            if line.strip():
                name, colon, value = line.partition(":")
                if not colon:
                    raise StatementInvalid("a multipart header is malformed")
                headers[name.strip().lower()] = value.strip()
        parts.append(Part(headers, content.removesuffix(b"\r\n")))
    return parts


def build_multipart(
    json_body: bytes, attachments: list[tuple[str, str, bytes]]
) -> tuple[str, bytes]:
    """A multipart/mixed response: the JSON first, then each (sha2, content type, content)."""
    boundary = secrets.token_hex(16)
    out = [
        f"--{boundary}\r\nContent-Type: application/json\r\n\r\n".encode(),
        json_body,
        b"\r\n",
    ]
    for sha2, content_type, content in attachments:
        out.append(
            (
                f"--{boundary}\r\nContent-Type: {content_type}\r\n"
                "Content-Transfer-Encoding: binary\r\n"
                f"X-Experience-API-Hash: {sha2}\r\n\r\n"
            ).encode()
        )
        out.append(content)
        out.append(b"\r\n")
    out.append(f"--{boundary}--".encode())
    return f"multipart/mixed; boundary={boundary}", b"".join(out)
