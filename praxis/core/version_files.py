"""The "shared" cache without Redis: Django's file cache, one file per key in var/cache/, never
thinned out.

It holds the versions of what is kept (praxis.core.fragments): one small file per course,
thread, event, credential… shown, each replaced in place when what it stands for changes. None
may be dropped to make room (the text kept under it would be shown afresh for nothing, and a
version dropped and made anew is a change every worker must notice), so there is no limit to
keep. Django's file cache checks its limit on every write by listing the whole folder: with
1,500 versions that took about 6 ms a write, paid four times by a reply in a thread, and it
grows with the ecosystem. This one writes without looking.
"""

from __future__ import annotations

from django.core.cache.backends.filebased import FileBasedCache


class VersionFilesCache(FileBasedCache):
    def _cull(self) -> None:
        """Drop nothing (Django's lists every file first to count them)."""
