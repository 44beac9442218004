"""Translations given for one test: what a language's translators will write for a message,
so that a test shows the page as a reader of that language will see it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from django.utils.translation import trans_real


@contextmanager
def translated(
    language: str, entries: Mapping[str, str] | Mapping[tuple[str, int], str]
) -> Iterator[None]:
    """Add `entries` to `language`'s catalogue while the block runs, keyed as gettext keys
    them: a message ("context\\x04message" with a context), or (message, plural form index)."""
    catalogue = trans_real.translation(language)._catalog  # type: ignore[attr-defined]  # Django's own catalogue, no public way to add to it
    first = catalogue._catalogs[0]
    kept = {key: first[key] for key in entries if key in first}
    for key, text in entries.items():
        first[key] = text
    try:
        yield
    finally:
        for key in entries:
            first.pop(key, None)
        first.update(kept)
