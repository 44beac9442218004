"""Regular expressions for what clients send, run by RE2.

RE2 matches in time linear in the input's length and refuses, when compiled, any construct that
would need backtracking (back-references, look-around), so no input can make one of these
patterns slow. Every pattern applied to client input is made here; `CLIENT_PATTERNS` lists them so
that a test can check each one.
"""

from __future__ import annotations

from typing import Any, overload

import re2

CLIENT_PATTERNS: list[re2._Regexp[Any]] = []


@overload
def client_pattern(
    pattern: str, *, ignore_case: bool = False, dot_all: bool = False
) -> re2._Regexp[str]: ...
@overload
def client_pattern(
    pattern: bytes, *, ignore_case: bool = False, dot_all: bool = False
) -> re2._Regexp[bytes]: ...
def client_pattern(
    pattern: str | bytes, *, ignore_case: bool = False, dot_all: bool = False
) -> re2._Regexp[Any]:
    """`pattern` (text or bytes) compiled by RE2 (raises re2.error at import if it needs
    backtracking); `dot_all` lets "." match a line break too."""
    options = re2.Options()
    options.case_sensitive = not ignore_case
    options.dot_nl = dot_all
    options.max_mem = 8 << 20  # bounded memory as well as time: patterns here are small
    compiled: re2._Regexp[Any] = re2.compile(pattern, options=options)
    CLIENT_PATTERNS.append(compiled)
    return compiled
