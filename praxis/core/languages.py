"""Language tags (BCP 47): one way to write them and one way to compare them.

Django names its languages in lower case ("zh-hans"); standards and browsers expect the
canonical case of RFC 5646 ("zh-Hans", "pt-BR"). Every layer that outputs a tag writes it with
`canonical_tag`, and every comparison of a person's language with a content's language goes
through `languages_match`.
"""

from __future__ import annotations

from collections.abc import Iterable


def _subtags(tag: str) -> list[str]:
    return [part for part in str(tag or "").strip().replace("_", "-").split("-") if part]


def canonical_tag(tag: str) -> str:
    """`tag` in the case RFC 5646 recommends: "zh-hans" → "zh-Hans", "PT-br" → "pt-BR".

    Language in lower case, a four-letter script in title case, a region (two letters) in
    upper case, everything else in lower case. Subtags after a singleton ("x", "u") keep
    lower case. An empty tag stays empty.
    """
    parts = _subtags(tag)
    written: list[str] = []
    after_singleton = False
    for position, part in enumerate(parts):
        if position == 0 or after_singleton:
            written.append(part.lower())
        elif len(part) == 1:
            after_singleton = True
            written.append(part.lower())
        elif len(part) == 4 and part.isalpha():
            written.append(part.title())
        elif len(part) == 2 and part.isalpha():
            written.append(part.upper())
        else:
            written.append(part.lower())
    return "-".join(written)


def primary_language(tag: str) -> str:
    """The language subtag alone, in lower case: "zh-Hans-CN" → "zh"."""
    parts = _subtags(tag)
    return parts[0].lower() if parts else ""


def languages_match(wanted: str, offered: str) -> bool:
    """Whether content in `offered` serves a reader asking for `wanted` (BCP 47 basic filtering
    both ways, case-insensitive): "zh" matches "zh-Hans" and "zh-Hant", "zh-Hans" matches "zh",
    "pt" matches "pt-BR"; "zh-Hans" does not match "zh-Hant". Empty tags match nothing."""
    first = [part.lower() for part in _subtags(wanted)]
    second = [part.lower() for part in _subtags(offered)]
    if not first or not second:
        return False
    shorter = min(len(first), len(second))
    return first[:shorter] == second[:shorter]


def matching_tags(wanted: Iterable[str], offered: Iterable[str]) -> list[str]:
    """The tags of `offered` that match any of `wanted`, in the order offered."""
    wanted_list = [tag for tag in wanted if tag]
    return [tag for tag in offered if any(languages_match(w, tag) for w in wanted_list)]
