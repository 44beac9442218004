"""Language tags (BCP 47): one way to write them and one way to compare them.

Django names its languages in lower case ("zh-hans"); standards and browsers expect the
canonical case of RFC 5646 ("zh-Hans", "pt-BR"). Every layer that outputs a tag writes it with
`canonical_tag`, and every comparison of a person's language with a content's language goes
through `languages_match`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from praxis.core.patterns import client_pattern

_TAG = client_pattern(r"^[A-Za-z0-9]{1,8}(-[A-Za-z0-9]{1,8})*$")


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


def best_match(wanted: str, offered: Iterable[str]) -> str | None:
    """The one of `offered` that best serves a reader of `wanted`: the same tag (any case),
    else the first that `languages_match`; None when none does."""
    offered_list = [tag for tag in offered if tag]
    for tag in offered_list:
        if tag.lower() == str(wanted or "").lower():
            return tag
    for tag in offered_list:
        if languages_match(wanted, tag):
            return tag
    return None


def preference_rank(wanted: Iterable[str], offered: str) -> int:
    """The position of the first of `wanted` (in order of preference) that `offered` matches;
    the number of wanted languages when none does. For sorting content by a reader's languages."""
    wanted_list = list(wanted)
    for position, tag in enumerate(wanted_list):
        if languages_match(tag, offered):
            return position
    return len(wanted_list)


def _match_patterns(wanted: Iterable[str]) -> tuple[list[str], list[str]]:
    """(tags a matching value equals, prefixes it starts with), lower case, for queries: a tag
    matches its own prefixes ("zh-hans" → "zh", "zh-hans") and any longer tag ("zh-hans-…")."""
    exact: list[str] = []
    prefixes: list[str] = []
    for tag in wanted:
        parts = [part.lower() for part in _subtags(tag)]
        if not parts or not _TAG.match("-".join(parts)):
            continue
        exact += ["-".join(parts[: end + 1]) for end in range(len(parts))]
        prefixes.append("-".join(parts) + "-")
    return list(dict.fromkeys(exact)), list(dict.fromkeys(prefixes))


def language_q(field: str, wanted: Iterable[str]) -> Q:
    """A filter on the language tag in `field` that keeps what `languages_match` would keep
    for any of `wanted`. Matches nothing when no tag is wanted."""
    exact, prefixes = _match_patterns(wanted)
    condition = Q(pk__in=[])
    for tag in exact:
        condition |= Q(**{f"{field}__iexact": tag})
    for prefix in prefixes:
        condition |= Q(**{f"{field}__istartswith": prefix})
    return condition


def language_sql(column: str, wanted: Iterable[str]) -> tuple[str, list[Any]]:
    """The same filter as `language_q` for a raw SQL query: (condition, parameters). `column`
    is trusted SQL; tags go as parameters (they hold letters, digits and hyphens only)."""
    exact, prefixes = _match_patterns(wanted)
    if not exact:
        return "1 = 0", []
    clauses = [f"lower({column}) IN ({', '.join(['%s'] * len(exact))})"]
    clauses += [f"lower({column}) LIKE %s" for _prefix in prefixes]
    return "(" + " OR ".join(clauses) + ")", [*exact, *(prefix + "%" for prefix in prefixes)]


def matching_tags(wanted: Iterable[str], offered: Iterable[str]) -> list[str]:
    """The tags of `offered` that match any of `wanted`, in the order offered."""
    wanted_list = [tag for tag in wanted if tag]
    return [tag for tag in offered if any(languages_match(w, tag) for w in wanted_list)]
