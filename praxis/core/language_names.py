"""The names of languages, scripts and regions in other languages (CLDR's, as the
`language_data` package carries them), held compactly for `langcodes`.

`language_data.name_data` is one Python module of 176,000 strings in 9,000 dictionaries: about
16 MB of objects in every process that names a language. Praxis keeps the same table in a file
of its own, `data/language-names.txt.gz`, one line per code ("fr", "Latn", "BR"): the code, a
tab, then each naming language and the name, pairs divided by U+001F, language and name by
U+001E. It is read into one UTF-8 block per code (about 4 MB), and `code_to_names` unpacks a
code's names when langcodes asks for them; the results are the package's own.

`install()` makes langcodes read from here. The file is made from the installed package by
`python -m praxis.core.language_names`; a test checks that it still equals the package's table,
so an upgrade of `language_data` says when to make it again.
"""

from __future__ import annotations

import functools
import gzip
import sys
from collections.abc import Mapping
from pathlib import Path

NAMES_FILE = Path(__file__).resolve().parent / "data" / "language-names.txt.gz"
_PAIRS = "\x1f"
_NAME = "\x1e"


def encode(table: Mapping[str, Mapping[str, str]]) -> bytes:
    """The file's bytes for `table` (code → naming language → name), the same for the same
    table: sorted, and compressed without a time stamp."""
    lines = []
    for code, names in sorted(table.items()):
        pairs = _PAIRS.join(f"{language}{_NAME}{name}" for language, name in sorted(names.items()))
        lines.append(f"{code}\t{pairs}\n")
    return gzip.compress("".join(lines).encode(), compresslevel=9, mtime=0)


@functools.cache
def _lines() -> dict[str, bytes]:
    # Each line is kept whole (its code stripped when it is read): a copy without the code
    # would leave the first copies' memory behind as holes.
    lines = {}
    for line in gzip.decompress(NAMES_FILE.read_bytes()).splitlines():
        lines[line[: line.index(b"\t")].decode()] = line
    return lines


def code_to_names(code: str) -> dict[str, str]:
    """The names of `code` (a language, script or region subtag) by naming language, as
    `language_data.names.code_to_names` gives them; {} for a code without names."""
    line = _lines().get(code)
    if line is None:
        return {}
    names = {}
    for pair in line.decode().partition("\t")[2].split(_PAIRS):
        language, _sep, name = pair.partition(_NAME)
        names[language] = name
    return names


def install() -> None:
    """Make langcodes name languages from this table: it imports `code_to_names` from
    `language_data.names` each time it names one."""
    import language_data.names

    language_data.names.code_to_names = code_to_names


def write() -> None:
    """Make the file again from the installed `language_data` package."""
    from language_data.name_data import CODE_TO_NAMES

    NAMES_FILE.parent.mkdir(exist_ok=True)
    NAMES_FILE.write_bytes(encode(CODE_TO_NAMES))
    sys.stdout.write(f"{NAMES_FILE}: {len(CODE_TO_NAMES)} codes\n")


if __name__ == "__main__":
    write()
