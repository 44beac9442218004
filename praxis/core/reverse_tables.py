"""The tables `reverse()` reads, built once for the whole site instead of once per language.

Django builds a resolver's reverse table, with its namespace and application tables, the first
time `reverse()` (or `{% url %}`) runs in a language, and keeps one per language, because a URL
pattern may be translated (`gettext_lazy` in a route, `i18n_patterns`). Praxis translates none of
its addresses, so every language's tables are the same: built in each of them, they cost each
process about 2 MB per language its pages are shown in, and a page in a language the process had
not shown before pays for building them.

`build_reverse_tables` builds them once, in the site's default language, for the root resolver
and for the resolver `reverse()` makes for each namespace, and files the same tables under every
language of `settings.LANGUAGES`. Django's own code then finds them in any language and builds
nothing. It reads Django's resolver internals (`_reverse_dict`, `_namespace_dict`, `_app_dict`,
`get_ns_resolver`), which the tests pin; where a pattern is translated after all, it shares
nothing and Django builds per language as before.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern, get_ns_resolver
from django.utils import translation


def build_reverse_tables() -> None:
    """Build the tables of every resolver `reverse()` uses, once, and file them under every
    language of the site (only when no URL pattern is translated)."""
    root = get_resolver()
    with translation.override(settings.LANGUAGE_CODE):
        resolvers = [root, *_namespace_resolvers(root, "", {})]
        for resolver in resolvers:
            resolver.reverse_dict  # noqa: B018 - evaluated to build it (and its namespaces')
    if any(_translated(resolver) for resolver in _nested(root)):
        return
    for resolver in resolvers:
        for nested in _nested(resolver):
            _share_across_languages(nested)


def _namespace_resolvers(
    resolver: URLResolver, prefix: str, converters: dict[str, object]
) -> Iterator[URLResolver]:
    """The resolvers `reverse("namespace:name")` reads, made as it makes them: `get_ns_resolver`
    keeps one per namespace, so the first `reverse()` into a namespace finds this one."""
    for extra, namespace in resolver.namespace_dict.values():
        pattern = prefix + extra
        inner = {**converters, **namespace.pattern.converters}
        yield get_ns_resolver(pattern, namespace, tuple(inner.items()))
        yield from _namespace_resolvers(namespace, pattern, inner)


def _nested(resolver: URLResolver) -> Iterator[URLResolver]:
    """`resolver` and every resolver included under it."""
    yield resolver
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _nested(pattern)


def _translated(resolver: URLResolver) -> bool:
    """Whether a pattern of `resolver` itself reads differently in another language: a lazy
    (translated) route or expression, or a language prefix."""
    patterns: list[URLResolver | URLPattern] = [resolver]
    patterns += [p for p in resolver.url_patterns if isinstance(p, URLPattern)]
    for pattern in patterns:
        match = pattern.pattern
        # What the pattern was written with, before Django translates it for a language.
        written = (
            match._route  # type: ignore[attr-defined]  # untyped in django-stubs
            if isinstance(match, RoutePattern)
            else match._regex  # type: ignore[attr-defined]  # the same
            if isinstance(match, RegexPattern)
            else None  # a language prefix, or a kind of pattern not known here
        )
        if not isinstance(written, str):
            return True
    return False


def _share_across_languages(resolver: URLResolver) -> None:
    # Django keeps each table in a dictionary by language (only the first is typed).
    per_language: list[dict[Any, Any]] = [
        resolver._reverse_dict,
        resolver._namespace_dict,  # type: ignore[attr-defined]  # untyped in django-stubs
        resolver._app_dict,  # type: ignore[attr-defined]  # the same
    ]
    default = settings.LANGUAGE_CODE
    for tables in per_language:
        if default in tables:  # not built: a resolver `reverse()` never reads
            for code, _name in settings.LANGUAGES:
                tables.setdefault(code, tables[default])
