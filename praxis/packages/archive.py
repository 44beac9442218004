"""Reading an untrusted zip safely: every entry checked before anything is written, then each
file streamed to storage in chunks, its real size counted as it is read.

The central directory can lie about sizes, so the limits are checked twice: on what it declares
(refusing before a byte is written) and on the bytes that actually come out of each entry.
"""

from __future__ import annotations

import io
import posixpath
import stat
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import Storage

from praxis.core.errors import ErrorCode
from praxis.packages.errors import PackageRefused

CHUNK = 64 * 1024
# The first bytes of a zip: a local file header, or the end record of an empty archive.
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
# Below this size a member's ratio is not judged: a small run of spaces compresses far.
RATIO_FLOOR = 1024 * 1024
# The end of the central directory: its signature, two disk numbers, the entries on this disk
# and in all, the directory's size and offset, and the length of the comment that may follow.
END_RECORD = struct.Struct("<4s4H2LH")
END_SIGNATURE = b"PK\x05\x06"
# Where a count or size does not fit the end record, the Zip64 locator just before it gives
# the offset of the Zip64 end record: signature, its size, two versions, two disk numbers,
# entries on this disk and in all, the directory's size and offset.
ZIP64_LOCATOR = struct.Struct("<4sLQL")
ZIP64_END_RECORD = struct.Struct("<4sQ2H2L4Q")
# A directory entry is 46 bytes and its name and extra fields; a real package's average well
# under a kilobyte.
DIRECTORY_BYTES_PER_ENTRY = 1024


@dataclass(frozen=True)
class Limits:
    max_entries: int
    max_total_bytes: int
    max_ratio: int
    max_manifest_bytes: int

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            max_entries=settings.PACKAGE_MAX_ENTRIES,
            max_total_bytes=settings.PACKAGE_MAX_BYTES,
            max_ratio=settings.PACKAGE_MAX_RATIO,
            max_manifest_bytes=settings.PACKAGE_MAX_MANIFEST_BYTES,
        )


def safe_name(name: str) -> str | None:
    """`name` as a clean relative path inside the package, or None when it would leave it
    (absolute, a drive letter, a backslash path, "..", or control characters)."""
    if not name or "\x00" in name or "\\" in name:
        return None
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return None
    parts = name.split("/")
    if any(part in {"..", "."} for part in parts[:-1]) or parts[-1] in {"..", "."}:
        return None
    if any(ord(character) < 32 for character in name):
        return None
    return posixpath.normpath(name)


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return info.create_system == 3 and stat.S_ISLNK(info.external_attr >> 16)


def _too_compressed(size: int, compressed: int, limits: Limits) -> bool:
    return size > RATIO_FLOOR and size > limits.max_ratio * max(compressed, 1)


def declared_directory(upload: IO[bytes]) -> tuple[int, int] | None:
    """(entries, bytes) of a zip's central directory as its end record declares them, read
    from the last bytes of `upload` without reading the directory; None without an end record
    (the zip module then refuses the file)."""
    upload.seek(0, io.SEEK_END)
    start = max(0, upload.tell() - END_RECORD.size - 0xFFFF)
    upload.seek(start)
    tail = upload.read()
    at = tail.rfind(END_SIGNATURE)
    if at < 0 or len(tail) - at < END_RECORD.size:
        return None
    _sign, _disk, _start_disk, _here, entries, size, _offset, _comment = END_RECORD.unpack_from(
        tail, at
    )
    locator_at = start + at - ZIP64_LOCATOR.size
    if (entries == 0xFFFF or size == 0xFFFFFFFF) and locator_at >= 0:
        upload.seek(locator_at)
        locator = upload.read(ZIP64_LOCATOR.size)
        if len(locator) == ZIP64_LOCATOR.size and locator[:4] == b"PK\x06\x07":
            upload.seek(ZIP64_LOCATOR.unpack(locator)[2])
            record = upload.read(ZIP64_END_RECORD.size)
            if len(record) == ZIP64_END_RECORD.size and record[:4] == b"PK\x06\x06":
                entries, size = ZIP64_END_RECORD.unpack(record)[7:9]
    return entries, size


class Archive:
    """An uploaded zip whose entries have all been checked: `files` maps each file's clean path
    to its entry. Opening refuses (`PackageRefused`) whatever is unsafe."""

    def __init__(self, upload: IO[bytes], limits: Limits | None = None) -> None:
        self.limits = limits or Limits.from_settings()
        try:
            # Counted before the directory is read: the zip module makes an object of every
            # entry, and a directory of millions of tiny entries would fill the memory first.
            directory = declared_directory(upload)
            upload.seek(0)
        except (OSError, ValueError) as error:
            raise PackageRefused(ErrorCode.PACKAGE_NOT_A_ZIP) from error
        if directory is not None and (
            directory[0] > self.limits.max_entries
            or directory[1] > self.limits.max_entries * DIRECTORY_BYTES_PER_ENTRY
        ):
            raise PackageRefused(ErrorCode.PACKAGE_TOO_MANY_FILES, str(directory[0]))
        try:
            self.zip = zipfile.ZipFile(upload)
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
            raise PackageRefused(ErrorCode.PACKAGE_NOT_A_ZIP) from error
        if len(infos) > self.limits.max_entries:
            raise PackageRefused(ErrorCode.PACKAGE_TOO_MANY_FILES, str(len(infos)))
        self.files: dict[str, zipfile.ZipInfo] = {}
        declared = 0
        for info in infos:
            clean = safe_name(info.filename)
            if clean is None:
                raise PackageRefused(ErrorCode.PACKAGE_UNSAFE_PATH, info.filename[:200])
            if _is_symlink(info):
                raise PackageRefused(ErrorCode.PACKAGE_SYMLINK, clean[:200])
            if info.is_dir():
                continue
            if clean in self.files:
                raise PackageRefused(ErrorCode.PACKAGE_UNSAFE_PATH, clean[:200])
            if _too_compressed(info.file_size, info.compress_size, self.limits):
                raise PackageRefused(ErrorCode.PACKAGE_COMPRESSION_RATIO, clean[:200])
            declared += info.file_size
            self.files[clean] = info
        if declared > self.limits.max_total_bytes:
            raise PackageRefused(ErrorCode.PACKAGE_TOO_LARGE)
        self.total_bytes = declared

    def _chunks(self, name: str, cap: int) -> Iterator[bytes]:
        """The bytes of `name`, refused as soon as more come out than it declared or than `cap`."""
        info = self.files[name]
        read = 0
        try:
            with self.zip.open(info) as member:
                while chunk := member.read(CHUNK):
                    read += len(chunk)
                    if read > info.file_size or _too_compressed(
                        read, info.compress_size, self.limits
                    ):
                        raise PackageRefused(ErrorCode.PACKAGE_COMPRESSION_RATIO, name[:200])
                    if read > cap:
                        raise PackageRefused(ErrorCode.PACKAGE_TOO_LARGE)
                    yield chunk
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as error:
            raise PackageRefused(ErrorCode.PACKAGE_NOT_A_ZIP, name[:200]) from error

    def read_manifest(self, name: str) -> bytes:
        """The whole of a manifest file, refused past the manifest size limit."""
        if self.files[name].file_size > self.limits.max_manifest_bytes:
            raise PackageRefused(ErrorCode.PACKAGE_MANIFEST_TOO_LARGE, name)
        try:
            return b"".join(self._chunks(name, self.limits.max_manifest_bytes))
        except PackageRefused as refusal:
            if refusal.code == ErrorCode.PACKAGE_TOO_LARGE:
                raise PackageRefused(ErrorCode.PACKAGE_MANIFEST_TOO_LARGE, name) from refusal
            raise

    def read_file(self, name: str, cap: int) -> bytes:
        """The whole of a file of at most `cap` bytes; refused (`package_too_large`) past it."""
        if self.files[name].file_size > cap:
            raise PackageRefused(ErrorCode.PACKAGE_TOO_LARGE, name[:200])
        return b"".join(self._chunks(name, cap))

    def extract_to(self, storage: Storage, prefix: str) -> int:
        """Write every file under `prefix` in `storage`, one entry and one chunk at a time;
        the bytes written. On any refusal what was written is removed before it is raised."""
        written: list[str] = []
        total = 0
        try:
            for name in self.files:
                target = f"{prefix}/{name}"
                remaining = self.limits.max_total_bytes - total
                parts = self._chunks(name, remaining)
                written.append(target)
                stream = io.BufferedReader(_ChunkReader(parts), CHUNK)
                saved = storage.save(target, File(stream, name=target))
                if saved != target:
                    written.append(saved)
                total += storage.size(saved)
        except BaseException:
            for saved in written:
                if storage.exists(saved):
                    storage.delete(saved)
            raise
        return total


class _ChunkReader(io.RawIOBase):
    """A read-once, unseekable stream over an iterator of chunks, so that any storage backend
    (local disk or object storage) pulls the entry as it is decompressed."""

    def __init__(self, parts: Iterator[bytes]) -> None:
        self._parts = parts
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            chunk = next(self._parts, None)
            if chunk is None:
                return 0
            self._pending = chunk
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size
