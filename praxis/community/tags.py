"""Thread tags: the words a thread is filed under, typed by its author as a comma-separated list.

A tag is kept in one canonical form so that "Hand hygiene", "hand  hygiene" and "HAND-HYGIENE"
are one tag: Unicode NFKC, case-folded, runs of spaces and hyphens made one hyphen. Letters and
digits of any script are allowed (with their combining marks, which Arabic and Indic scripts
need), so tags can be written in every language a community speaks.
"""

from __future__ import annotations

import unicodedata

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from praxis.core.errors import ErrorCode, ValidationFailed

MAX_TAGS = 5
MAX_LENGTH = 30
MAX_INPUT = 400
# Commas in the scripts of the six interface languages: Latin, Arabic, Chinese (two forms).
SEPARATORS = (",", "\u060c", "\uff0c", "\u3001")


def _allowed(char: str) -> bool:
    return char == "-" or unicodedata.category(char)[0] in "LNM"


def canonical(word: str) -> str:
    """One tag as stored: NFKC, case-folded, spaces and hyphens joined into single hyphens."""
    folded = unicodedata.normalize("NFKC", word).casefold()
    pieces = folded.replace("-", " ").split()
    return "-".join(pieces)


def split(typed: str) -> list[str]:
    """The pieces of a comma-separated list typed with the comma of any of SEPARATORS."""
    for separator in SEPARATORS[1:]:
        typed = typed.replace(separator, ",")
    return typed.split(",")


def parse(typed: str | list[str] | None) -> list[str]:
    """The canonical tags in `typed` (a comma-separated string or a list), in order, without
    repeats. Refuses a tag that is too long or holds anything but letters, digits and hyphens,
    and more than MAX_TAGS tags."""
    if not typed:
        return []
    if isinstance(typed, str):
        if len(typed) > MAX_INPUT:
            raise _refusal(ErrorCode.INVALID_TAG, _("The list of tags is too long."))
        words = split(typed)
    else:
        words = list(typed)
    tags: list[str] = []
    for word in words:
        if not isinstance(word, str):
            raise _refusal(ErrorCode.INVALID_TAG, _("Each tag must be text."))
        tag = canonical(word)
        if not tag:
            continue
        if len(tag) > MAX_LENGTH or not all(_allowed(char) for char in tag):
            raise _refusal(
                ErrorCode.INVALID_TAG,
                _("“%(tag)s” cannot be a tag: use up to %(length)d letters, digits and hyphens.")
                % {"tag": word.strip()[: MAX_LENGTH + 10], "length": MAX_LENGTH},
            )
        if tag not in tags:
            tags.append(tag)
    if len(tags) > MAX_TAGS:
        raise _refusal(
            ErrorCode.TOO_MANY_TAGS,
            ngettext(
                "A thread can have at most %(count)d tag.",
                "A thread can have at most %(count)d tags.",
                MAX_TAGS,
            )
            % {"count": MAX_TAGS},
        )
    return tags


def _refusal(code: ErrorCode, message: str) -> ValidationFailed:
    return ValidationFailed(code, message, fields={"tags": [message]})
