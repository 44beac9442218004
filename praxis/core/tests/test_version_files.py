"""The shared cache without Redis keeps every version written to it."""

from __future__ import annotations

from pathlib import Path

from django.core.cache import caches

from praxis.core.cache import FailSoftRedisCache
from praxis.core.version_files import VersionFilesCache


def test_no_version_is_dropped_however_many_there_are(tmp_path: Path) -> None:
    # A limit that Django's file cache would enforce by dropping a third of the files.
    kept = VersionFilesCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 3}})
    for number in range(12):
        kept.set(f"events:page:{number}:version", f"token-{number}", timeout=None)
    assert [kept.get(f"events:page:{number}:version") for number in range(12)] == [
        f"token-{number}" for number in range(12)
    ]
    kept.set("events:page:4:version", "token-new", timeout=None)
    assert kept.get("events:page:4:version") == "token-new"


def test_the_shared_cache_is_redis_or_the_files_that_keep_every_version() -> None:
    assert type(caches["shared"]) in {VersionFilesCache, FailSoftRedisCache}
