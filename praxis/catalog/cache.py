"""The catalogue's rendered results, kept per language, query and catalogue version.

Every catalogue visitor with the same language and the same search sees the same results, so
they are rendered once per catalogue version (praxis.core.fragments). The services call
`catalogue_changed()` whenever something a catalogue visitor sees changes (a course published,
archived or edited, its topics, organisations or translations).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.http import QueryDict
from django.utils.safestring import SafeString

from praxis.core import fragments

SCOPE = "catalog"
VERSION_KEY = fragments.version_key(SCOPE)


def catalogue_changed() -> None:
    """Show the current catalogue on every next request."""
    fragments.changed(SCOPE)


def version() -> str:
    """The current catalogue version (a token; made on first use)."""
    return fragments.version(SCOPE)


def normalised_query(params: QueryDict, names: Iterable[str]) -> QueryDict:
    """Only the parameters in `names`, each once (the last given), trimmed, empty ones left
    out, in a fixed order: one search written in different ways is one cache entry."""
    normal = QueryDict(mutable=True)
    for name in names:
        value = params.get(name, "").strip()
        if value:
            normal[name] = value
    if normal.get("page") == "1":
        del normal["page"]
    normal._mutable = False
    return normal


def cached_text(kind: str, language: str, query: str, render: Callable[[], str]) -> str:
    """The text (HTML, JSON) that `render` makes for this language and query string, made at
    most once per catalogue version and worker."""
    return fragments.cached_text(SCOPE, (kind, language, query), render)


def cached_html(
    kind: str, language: str, query: QueryDict, render: Callable[[], str]
) -> SafeString:
    """The HTML that `render` makes for this language and query, rendered at most once per
    catalogue version and worker."""
    return fragments.cached_html(SCOPE, (kind, language, query.urlencode()), render)
