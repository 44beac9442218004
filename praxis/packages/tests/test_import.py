"""Detecting, checking and unpacking packages; every attack refused with its code and nothing
stored."""

from __future__ import annotations

import io
import stat
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from pytest_django import Settings as SettingsWrapper

from praxis.core.errors import ErrorCode
from praxis.packages.errors import PackageRefused
from praxis.packages.models import Package
from praxis.packages.services import import_package
from praxis.packages.tests import crafting

pytestmark = pytest.mark.django_db


def _import(content: bytes) -> Package:
    return import_package(io.BytesIO(content), by=None, file_name="package.zip")


def _refused(content: bytes) -> ErrorCode:
    with pytest.raises(PackageRefused) as refusal:
        _import(content)
    assert not Package.objects.exists()
    root = Path(settings.PACKAGE_ROOT)
    assert not root.exists() or not any(path.is_file() for path in root.rglob("*"))
    assert str(refusal.value.message)
    return ErrorCode(refusal.value.code)


def test_scorm_12_is_detected_with_its_sco_mastery_score_and_launch_file() -> None:
    package = _import(crafting.scorm_12())
    assert (package.kind, package.edition) == ("scorm12", "1.2")
    assert package.title == "Hand hygiene in five moments"
    [sco] = package.scos
    assert sco["identifier"] == "moments"
    assert sco["title"] == "The five moments"
    assert sco["launch"] == "index.html"
    assert sco["mastery_score"] == 0.8
    assert (Path(settings.PACKAGE_ROOT) / str(package.uuid) / "index.html").is_file()
    assert package.file_count == 2


def test_scorm_2004_is_detected_with_its_scos_languages_and_mastery_from_sequencing() -> None:
    package = _import(crafting.scorm_2004())
    assert (package.kind, package.edition) == ("scorm2004", "2004 4th Edition")
    assert package.title == "Triage aux urgences"
    assert [(s["identifier"], s["launch"], s["mastery_score"]) for s in package.scos] == [
        ("part-1", "one.html", 0.7),
        ("part-2", "two.html", None),
    ]
    assert package.summary["languages"] == ["fr"]


def test_cmi5_course_structure_is_detected_with_its_assignable_units() -> None:
    package = _import(crafting.zip_of({"cmi5.xml": crafting.CMI5, "au/index.html": "<p>AU</p>"}))
    assert package.kind == "cmi5"
    assert package.title == "Malaria case management"
    [au] = package.launchables
    assert (au["identifier"], au["launch"], au["mastery_score"]) == (
        "https://example.org/au/1",
        "au/index.html",
        0.8,
    )
    assert (au["move_on"], au["blocks"]) == ("Passed", [])
    assert package.summary["course_id"] == "https://example.org/course/1"
    assert "en-US" in package.summary["languages"]
    assert package.is_playable


def test_cmi5_blocks_launch_parameters_and_entitlement_key_are_read() -> None:
    package = _import(crafting.cmi5_blocks())
    fridge, transport = package.launchables
    assert fridge["blocks"] == ["https://example.org/block/storage"]
    assert (fridge["parameters"], fridge["entitlement_key"]) == ('{"level": 2}', "key-42")
    assert (fridge["launch"], fridge["launch_method"]) == ("fridge.html?lang=en", "AnyWindow")
    assert (transport["move_on"], transport["blocks"]) == ("Completed", [])


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ('id="https://example.org/au/fridge"', 'id="fridge"'),  # not an IRI
        ('id="https://example.org/au/transport"', 'id="https://example.org/au/fridge"'),
        ('id="https://example.org/block/storage"', 'id="https://example.org/ block"'),
        ('id="https://example.org/course/2"', 'id=""'),
        ('moveOn="Completed"', 'moveOn="Finished"'),
        ('masteryScore="0.75"', 'masteryScore="1.5"'),
        ("fridge.html?lang=en", "fridge.html?endpoint=https://evil.example/"),
    ],
)
def test_a_cmi5_course_structure_breaking_the_specification_is_refused(
    before: str, after: str
) -> None:
    manifest = crafting.CMI5_BLOCKS.format(first="Passed", second="Completed")
    assert before in manifest
    content = crafting.zip_of(
        {
            "cmi5.xml": manifest.replace(before, after, 1),
            "fridge.html": "<p>fridge</p>",
            "transport.html": "<p>transport</p>",
        }
    )
    assert _refused(content) == ErrorCode.PACKAGE_MANIFEST_INVALID


def test_tincan_package_is_detected_with_its_launch_file() -> None:
    package = _import(crafting.zip_of({"tincan.xml": crafting.TINCAN, "story.html": "<p>x</p>"}))
    assert (package.kind, package.title) == ("xapi", "Cold chain")
    assert package.launchables[0]["launch"] == "story.html"


def test_common_cartridge_is_detected() -> None:
    package = _import(crafting.zip_of({"imsmanifest.xml": crafting.COMMON_CARTRIDGE}))
    assert (package.kind, package.edition) == ("common_cartridge", "1.3.0")


def test_new_upload_is_the_next_version_of_the_package_it_replaces() -> None:
    first = _import(crafting.scorm_12())
    second = import_package(io.BytesIO(crafting.scorm_12()), by=None, replaces=first)
    assert (second.number, second.previous) == (2, first)
    assert second.uuid != first.uuid


# Refusals


def test_a_file_that_is_not_a_zip_is_refused() -> None:
    assert _refused(b"%PDF-1.4 not a zip") == ErrorCode.PACKAGE_NOT_A_ZIP


def test_an_empty_upload_is_refused() -> None:
    assert _refused(b"") == ErrorCode.PACKAGE_NOT_A_ZIP


def test_a_zip_without_a_manifest_is_refused() -> None:
    assert _refused(crafting.zip_of({"index.html": "<p>hi</p>"})) == ErrorCode.PACKAGE_UNKNOWN_KIND


@pytest.mark.parametrize(
    "name",
    ["../evil.html", "content/../../evil.html", "/etc/evil.html", "C:/evil.html", "a\\..\\b"],
)
def test_zip_slip_and_absolute_paths_are_refused(name: str) -> None:
    content = crafting.zip_of({"imsmanifest.xml": crafting.SCORM_12_MANIFEST, name: "x"})
    assert _refused(content) == ErrorCode.PACKAGE_UNSAFE_PATH


def test_a_symbolic_link_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("imsmanifest.xml", crafting.SCORM_12_MANIFEST.format(launch="index.html"))
        link = zipfile.ZipInfo("index.html")
        link.create_system = 3
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    assert _refused(buffer.getvalue()) == ErrorCode.PACKAGE_SYMLINK


def test_a_zip_bomb_is_refused_by_its_compression_ratio() -> None:
    content = crafting.zip_of({"imsmanifest.xml": "x", "zeros.bin": b"\0" * (20 * 1024 * 1024)})
    assert _refused(content) == ErrorCode.PACKAGE_COMPRESSION_RATIO


def test_a_member_that_unpacks_to_more_than_it_declares_is_refused(
    settings: SettingsWrapper,
) -> None:
    # The central directory says 2 MB: the ratio looks plausible until the bytes come out, and
    # the files unpacked before it are removed again.
    settings.PACKAGE_MAX_RATIO = 10_000
    honest = crafting.zip_of(
        {
            "imsmanifest.xml": crafting.SCORM_12_MANIFEST.format(launch="index.html"),
            "index.html": "<p>x</p>",
            "zeros.bin": b"\0" * (3 * 1024 * 1024),
        }
    )
    lying = _declare_size(honest, "zeros.bin", 2 * 1024 * 1024)
    assert _refused(lying) == ErrorCode.PACKAGE_NOT_A_ZIP


def _declare_size(content: bytes, name: str, size: int) -> bytes:
    """`content` with the central directory's uncompressed size of `name` changed to `size`."""
    data = bytearray(content)
    encoded = name.encode()
    at = data.rfind(b"PK\x01\x02")
    while at != -1:
        name_length = int.from_bytes(data[at + 28 : at + 30], "little")
        if bytes(data[at + 46 : at + 46 + name_length]) == encoded:
            data[at + 24 : at + 28] = size.to_bytes(4, "little")
            return bytes(data)
        at = data.rfind(b"PK\x01\x02", 0, at)
    raise AssertionError(name)


def test_a_package_larger_than_the_limit_once_unpacked_is_refused(
    settings: SettingsWrapper,
) -> None:
    settings.PACKAGE_MAX_BYTES = 1000
    content = crafting.zip_of(
        {
            "imsmanifest.xml": crafting.SCORM_12_MANIFEST.format(launch="index.html"),
            "index.html": "x" * 2000,
        },
        compression=zipfile.ZIP_STORED,
    )
    assert _refused(content) == ErrorCode.PACKAGE_TOO_LARGE


def test_too_many_entries_are_refused(settings: SettingsWrapper) -> None:
    settings.PACKAGE_MAX_ENTRIES = 50
    files: dict[str, str | bytes] = {f"page-{n}.html": "x" for n in range(51)}
    assert _refused(crafting.zip_of(files)) == ErrorCode.PACKAGE_TOO_MANY_FILES


def test_a_huge_manifest_is_refused(settings: SettingsWrapper) -> None:
    settings.PACKAGE_MAX_MANIFEST_BYTES = 10_000
    manifest = crafting.SCORM_12_MANIFEST.format(launch="index.html").replace(
        "<resources>", "<resources>" + "<!-- padding -->" * 1000
    )
    content = crafting.zip_of({"imsmanifest.xml": manifest, "index.html": "x"})
    assert _refused(content) == ErrorCode.PACKAGE_MANIFEST_TOO_LARGE


def test_an_external_entity_in_the_manifest_is_refused() -> None:
    manifest = (
        crafting.SCORM_12_MANIFEST.format(launch="index.html")
        .replace(
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        )
        .replace("Hand hygiene", "&x;")
    )
    content = crafting.zip_of({"imsmanifest.xml": manifest, "index.html": "x"})
    assert _refused(content) == ErrorCode.PACKAGE_MANIFEST_INVALID


def test_billion_laughs_in_the_manifest_is_refused() -> None:
    entities = '<!ENTITY a "ha">' + "".join(
        f'<!ENTITY {chr(98 + n)} "' + f"&{chr(97 + n)};" * 10 + '">' for n in range(9)
    )
    manifest = (
        crafting.SCORM_12_MANIFEST.format(launch="index.html")
        .replace(
            '<?xml version="1.0" encoding="UTF-8"?>',
            f"<?xml version='1.0'?><!DOCTYPE m [{entities}]>",
        )
        .replace("Hand hygiene", "&j;")
    )
    content = crafting.zip_of({"imsmanifest.xml": manifest, "index.html": "x"})
    assert _refused(content) == ErrorCode.PACKAGE_MANIFEST_INVALID


def test_malformed_manifest_is_refused() -> None:
    content = crafting.zip_of({"imsmanifest.xml": "<manifest><unclosed>", "index.html": "x"})
    assert _refused(content) == ErrorCode.PACKAGE_MANIFEST_INVALID


@pytest.mark.parametrize(
    "launch",
    ["../outside.html", "/index.html", "https://tracker.example/sco.html", "a/../../x.html"],
)
def test_launch_file_outside_the_package_is_refused(launch: str) -> None:
    assert _refused(crafting.scorm_12(launch=launch)) == ErrorCode.PACKAGE_LAUNCH_OUTSIDE


def test_launch_file_missing_from_the_package_is_refused() -> None:
    assert _refused(crafting.scorm_12(launch="missing.html")) == ErrorCode.PACKAGE_LAUNCH_MISSING


def test_refusal_message_is_translated() -> None:
    from django.utils import translation

    with translation.override("fr"), pytest.raises(PackageRefused) as refusal:
        _import(b"nope")
    assert str(refusal.value.message)
    assert refusal.value.as_dict()["error"]["code"] == "package_not_a_zip"


def test_a_directory_of_too_many_entries_is_refused_before_it_is_read(
    settings: SettingsWrapper,
) -> None:
    # The end record declares 70,000 entries (Zip64); the directory it points to is garbage.
    # Reading the directory would fail ("not a zip"): the count refuses the file first.
    settings.PACKAGE_MAX_ENTRIES = 50
    zip64_record = b"PK\x06\x06" + (44).to_bytes(8, "little") + bytes(4 + 8)
    zip64_record += (70_000).to_bytes(8, "little") * 2 + (100).to_bytes(8, "little") * 2
    locator = b"PK\x06\x07" + bytes(4) + (100).to_bytes(8, "little") + (1).to_bytes(4, "little")
    end = b"PK\x05\x06" + bytes(4) + b"\xff\xff\xff\xff" + b"\xff" * 8 + bytes(2)
    content = b"PK\x03\x04" + bytes(96) + zip64_record + locator + end
    assert _refused(content) == ErrorCode.PACKAGE_TOO_MANY_FILES


def test_a_directory_far_larger_than_its_entries_need_is_refused(
    settings: SettingsWrapper,
) -> None:
    settings.PACKAGE_MAX_ENTRIES = 2
    files: dict[str, str | bytes] = {f"{'long-name-' * 300}{n}.html": "x" for n in range(2)}
    assert _refused(crafting.zip_of(files)) == ErrorCode.PACKAGE_TOO_MANY_FILES


def test_a_package_with_a_zip_comment_is_read() -> None:
    content = io.BytesIO()
    with zipfile.ZipFile(content, "w") as archive:
        archive.writestr("imsmanifest.xml", crafting.SCORM_12_MANIFEST.format(launch="a.html"))
        archive.writestr("a.html", "<p>Hello</p>")
        archive.comment = b"Made for the ward. " * 1000
    assert _import(content.getvalue()).scos[0]["launch"] == "a.html"
