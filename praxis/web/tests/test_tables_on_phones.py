"""Every table a page shows fits a phone: it becomes a list of label and value on a narrow
screen (class `stack`, each data cell naming its column in `data-label`), or, for a wide table
of figures, scrolls inside its own labelled region (`table-wrap`), never the page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Not web pages: PDFs drawn by WeasyPrint, and the index inside a personal-data archive.
NOT_PAGES = {"pdf", "privacy"}
TABLE = re.compile(r"<table\b[^>]*>.*?</table>", re.S)
WRAPPED = re.compile(
    r'<div class="table-wrap" role="region" tabindex="0" aria-label=[^\n]+>\s*$', re.S
)


def templates() -> list[Path]:
    return sorted(
        path
        for path in ROOT.glob("*/templates/**/*.html")
        if not NOT_PAGES & set(path.relative_to(ROOT).parts) and "<table" in path.read_text()
    )


def test_the_check_finds_the_tables() -> None:
    names = {path.name for path in templates()}
    assert {"_programme.html", "workspace.html", "cpd.html", "_analytics_figures.html"} <= names


@pytest.mark.parametrize("path", templates(), ids=lambda path: str(path.relative_to(ROOT)))
def test_each_table_becomes_a_list_or_scrolls_in_its_own_region(path: Path) -> None:
    source = path.read_text()
    for found in TABLE.finditer(source):
        table = found.group(0)
        if WRAPPED.search(source[max(0, found.start() - 200) : found.start()]):
            continue
        assert re.match(r'<table class="stack[" ]', table), f"{path.name}: {table[:80]}"
        for cell in re.findall(r"<td\b[^>]*>", table):
            # An empty cell is hidden on phones (`.stack td.empty`), so it needs no name; a
            # calendar's day cell names its own day.
            named = "data-label=" in cell or "colspan=" in cell or "empty" in cell
            named = named or 'class="stack calendar"' in table
            assert named, f"{path.name}: {cell}"
