"""The one-way layers of DESIGN.md, read from the imports of every app's code (tests aside)."""

from __future__ import annotations

import ast
from pathlib import Path

import praxis

# From the bottom up; an app may import apps of its own layer or below, never above.
LAYERS = [
    {"core"},
    {"lrs"},
    {"reference", "accounts", "organisations", "notifications"},
    {"credentials", "competencies"},
    {"catalog", "assessments", "packages", "lti"},
    {"events", "community", "authoring", "feedback", "offline"},
    {"research", "search"},
    {"web", "demo"},
]
LAYER = {app: rank for rank, apps in enumerate(LAYERS) for app in apps}
ROOT = Path(praxis.__file__).parent


def _imports() -> dict[str, dict[str, str]]:
    """For each app, the other apps it imports, each with one file that does."""
    found: dict[str, dict[str, str]] = {}
    for path in ROOT.glob("*/**/*.py"):
        parts = path.relative_to(ROOT).parts
        if parts[0] not in LAYER or {"tests", "migrations"} & set(parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            for name in names:
                dotted = name.split(".")
                if dotted[0] == "praxis" and len(dotted) > 1 and dotted[1] != parts[0]:
                    found.setdefault(parts[0], {}).setdefault(dotted[1], str(path))
    return found


def test_every_app_has_a_layer() -> None:
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps <= set(LAYER)


def test_no_app_imports_a_higher_layer() -> None:
    upward = [
        (where, f"{app} imports {other}")
        for app, others in _imports().items()
        for other, where in others.items()
        if LAYER.get(other, -1) > LAYER[app]
    ]
    assert upward == []


def test_apps_of_one_layer_import_each_other_one_way_only() -> None:
    imports = _imports()
    both_ways = sorted(
        {
            tuple(sorted((app, other)))
            for app, others in imports.items()
            for other in others
            if app in imports.get(other, {})
        }
    )
    assert both_ways == []
