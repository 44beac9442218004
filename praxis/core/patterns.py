"""Regular expressions for what clients send, run by RE2.

RE2 matches in time linear in the input's length and refuses, when compiled, any construct that
would need backtracking (back-references, look-around), so no input can make one of these
patterns slow. Every pattern applied to client input is made here; `CLIENT_PATTERNS` lists them so
that a test can check each one.
"""

from __future__ import annotations

import re2

CLIENT_PATTERNS: list[re2._Regexp[str]] = []


def client_pattern(pattern: str, *, ignore_case: bool = False) -> re2._Regexp[str]:
    """`pattern` compiled by RE2 (raises re2.error at import if it needs backtracking)."""
    options = re2.Options()
    options.case_sensitive = not ignore_case
    options.max_mem = 8 << 20  # bounded memory as well as time: patterns here are small
    compiled: re2._Regexp[str] = re2.compile(pattern, options=options)
    CLIENT_PATTERNS.append(compiled)
    return compiled
