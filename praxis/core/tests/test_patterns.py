"""No input can make a regular expression slow: every pattern applied to what clients send is run
by RE2, whose matching time grows linearly with the input and which refuses, when compiling, every
construct that would need backtracking."""

import ast
from pathlib import Path

import pytest
import re2

import praxis
from praxis.core.patterns import CLIENT_PATTERNS, client_pattern

ROOT = Path(praxis.__file__).parent
BACKTRACKING_MODULES = {"re", "regex"}
# Modules that use Python's backtracking engine only on text shipped in this repository.
TRUSTED_INPUT_ONLY = {"demo/outline.py"}


def _backtracking_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name in BACKTRACKING_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.module in BACKTRACKING_MODULES:
            found.append(node.module)
    return found


def test_no_module_runs_a_backtracking_regular_expression_on_client_input() -> None:
    offenders = []
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if "/tests/" in f"/{relative}" or "/migrations/" in f"/{relative}":
            continue
        if relative not in TRUSTED_INPUT_ONLY and _backtracking_imports(path):
            offenders.append(relative)

    assert offenders == []


def test_every_client_pattern_is_compiled_by_re2() -> None:
    import praxis.urls  # noqa: F401 - loads every app's views, and with them their patterns

    assert len(CLIENT_PATTERNS) >= 10
    assert all(isinstance(pattern, re2._Regexp) for pattern in CLIENT_PATTERNS)


@pytest.mark.parametrize(
    "pattern",
    [r"(a)\1", r"(?<!x)a", r"a(?=b)", r"a(?!b)"],
    ids=["back-reference", "look-behind", "look-ahead", "negative look-ahead"],
)
def test_a_pattern_that_needs_backtracking_is_refused_when_compiled(pattern: str) -> None:
    with pytest.raises(re2.error):
        client_pattern(pattern)
