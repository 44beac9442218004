"""Benchmark: importing a large content package, streamed, on one core.

Writes a SCORM 1.2 package of BENCH_PACKAGE_MB (200) megabytes to a temporary file, as an
authoring tool's export with recorded video would be: a manifest, an HTML launch page and
incompressible media files of 10 MB each (stored, as zip tools store video). The file is
written in chunks; it is never held whole in memory. It is then imported through the service
an author's upload goes through (`praxis.packages.services.import_package`: every entry checked,
then each file streamed to a temporary PACKAGE_ROOT), into a throwaway test database.

Prints the package's size, the import's elapsed and CPU time, the throughput, and the growth of
the process's peak resident memory during the import (what streaming keeps small). Figures are
printed; nothing passes or fails on time.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "praxis.settings")

import django  # noqa: E402  # django.setup() must run first

django.setup()

from django.db import connection  # noqa: E402  # django.setup() must run first
from django.test.utils import (  # noqa: E402  # django.setup() must run first
    override_settings,
    setup_test_environment,
)

MEGABYTES = int(os.environ.get("BENCH_PACKAGE_MB", "200"))
MEDIA_MB = 10
CHUNK = 1024 * 1024

MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="bench" version="1"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="o"><organization identifier="o"><title>Recorded ward rounds</title>
    <item identifier="i" identifierref="r"><title>Ward rounds</title></item>
  </organization></organizations>
  <resources><resource identifier="r" type="webcontent" adlcp:scormtype="sco" href="index.html">
    <file href="index.html"/>{files}
  </resource></resources>
</manifest>
"""


def write_package(path: Path, megabytes: int) -> int:
    """Write the package to `path`, a megabyte at a time; return its size in bytes."""
    media = [f"media/round-{n:03}.mp4" for n in range(max(1, megabytes // MEDIA_MB))]
    files = "".join(f'\n    <file href="{name}"/>' for name in media)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("imsmanifest.xml", MANIFEST.format(files=files), zipfile.ZIP_DEFLATED)
        archive.writestr("index.html", "<!doctype html><title>Rounds</title><p>Rounds</p>")
        for name in media:
            with archive.open(name, "w") as entry:  # stored: video does not compress
                for _ in range(MEDIA_MB):
                    entry.write(os.urandom(CHUNK))
    return path.stat().st_size


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def main() -> None:
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        with tempfile.TemporaryDirectory() as folder:
            run(Path(folder))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run(folder: Path) -> None:
    from praxis.packages.services import import_package

    package_path = folder / "bench-package.zip"
    size = write_package(package_path, MEGABYTES)
    before = peak_rss_mb()
    with (
        override_settings(PACKAGE_ROOT=str(folder / "unpacked")),
        package_path.open("rb") as upload,
    ):
        started, cpu = time.perf_counter(), time.process_time()
        package = import_package(upload, by=None, file_name=package_path.name)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    growth = max(0.0, peak_rss_mb() - before)
    print(
        f"package import: {size / 1e6:,.0f} MB ({package.file_count} files, SCORM 1.2) in "
        f"{elapsed:.1f} s elapsed, {cpu:.1f} s CPU, {size / 1e6 / elapsed:,.0f} MB/s; "
        f"peak memory grew by {growth:.0f} MB during the import ({peak_rss_mb():.0f} MB in all)"
    )


if __name__ == "__main__":
    main()
