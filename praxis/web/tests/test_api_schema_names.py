"""Each request and response schema of the API has its own name in the OpenAPI document."""

from __future__ import annotations

from collections import defaultdict

from ninja import Schema

import praxis.api  # noqa: F401 - registers every app's router and with it every schema


def _subclasses(cls: type[object]) -> list[type[object]]:
    found: list[type[object]] = []
    for sub in cls.__subclasses__():
        found.append(sub)
        found.extend(_subclasses(sub))
    return found


def test_no_two_api_schemas_share_a_name() -> None:
    # The OpenAPI document names its components after the class: a second class of the same
    # name silently takes the first one's place there, and clients are told the wrong body.
    modules_of = defaultdict(set)
    for schema in _subclasses(Schema):
        if schema.__module__.startswith("praxis.") and ".tests" not in schema.__module__:
            modules_of[schema.__name__].add(schema.__module__)

    assert {name: modules for name, modules in modules_of.items() if len(modules) > 1} == {}
