"""Which version of the demo ecosystem a database holds: a digest of the demo's sources."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from praxis.demo.models import LoadedDemo

DEMO_DIR = Path(__file__).resolve().parent


@cache
def source_digest() -> str:
    """SHA-256 of every Python source the demo is loaded from (its tests and commands aside)."""
    digest = hashlib.sha256()
    for path in sorted(DEMO_DIR.rglob("*.py")):
        relative = path.relative_to(DEMO_DIR)
        if relative.parts[0] in {"tests", "management", "migrations"}:
            continue
        digest.update(str(relative).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def is_loaded() -> bool:
    """True when this version of the demo has been loaded whole into the database."""
    return LoadedDemo.objects.filter(digest=source_digest()).exists()


def mark_loaded() -> None:
    LoadedDemo.objects.get_or_create(digest=source_digest())
