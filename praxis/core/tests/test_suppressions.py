"""Every silenced lint or type error says which, and why: `# noqa: S608 - the reason` and
`# type: ignore[arg-type]  # the reason`, never a bare `# noqa` or `# type: ignore`."""

from __future__ import annotations

import io
import tokenize
from pathlib import Path

import pytest

import praxis

REPOSITORY = Path(praxis.__file__).parent.parent
SOURCES = ["praxis", "bench", "conftest.py", "manage.py"]


def _is_code(word: str) -> bool:
    """A rule's code as ruff names it: capitals, then digits (E402, S608, RUF012)."""
    letters = word.rstrip("0123456789")
    return word != letters and letters.isalpha() and letters.isupper()


def _explains(text: str) -> bool:
    return any(character.isalpha() for character in text)


def unexplained(comment: str) -> bool:
    """Whether the comment silences an error without naming it or without saying why."""
    if "noqa" in comment:
        rest = comment.split("noqa", 1)[1]
        if not rest.startswith(":"):
            return True
        words = rest[1:].replace(",", " ").split()
        codes = 0
        while codes < len(words) and _is_code(words[codes]):
            codes += 1
        if not codes or not _explains(" ".join(words[codes:])):
            return True
    if "type: ignore" in comment:
        rest = comment.split("type: ignore", 1)[1]
        named, closed, after = rest.partition("]")
        if not rest.startswith("[") or not closed or not named[1:].strip():
            return True
        if not _explains(after):
            return True
    return False


def _comments(path: Path) -> list[tuple[int, str]]:
    source = path.read_text(encoding="utf-8")
    return [
        (token.start[0], token.string)
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type == tokenize.COMMENT
    ]


def _python_files() -> list[Path]:
    found: list[Path] = []
    for name in SOURCES:
        place = REPOSITORY / name
        found += [place] if place.is_file() else sorted(place.rglob("*.py"))
    return [path for path in found if "node_modules" not in path.parts]


@pytest.mark.parametrize(
    ("comment", "refused"),
    [
        ("# noqa", True),
        ("# noqa: S608", True),
        ("# noqa: S608, E402", True),
        ("# noqa: S608 - table names are constants", False),
        ("# noqa: E402  (Django is set up first)", False),
        ("# type: ignore", True),
        ("# type: ignore[arg-type]", True),
        ("# type: ignore[]  # a reason without a code", True),
        ("# type: ignore[union-attr]  # the stubs allow None here", False),
        ("# the queue is drained first", False),
    ],
)
def test_a_silenced_error_must_be_named_and_explained(comment: str, refused: bool) -> None:
    assert unexplained(comment) is refused


def test_every_silenced_error_in_the_code_is_named_and_explained() -> None:
    files = _python_files()
    assert len(files) > 100
    offenders = [
        f"{path.relative_to(REPOSITORY)}:{line}: {comment}"
        for path in files
        for line, comment in _comments(path)
        if unexplained(comment)
    ]
    assert offenders == []
