"""H5P packages on import: h5p.json read (title, main library, language), every library the
content needs found with the files it preloads, the content present; anything else refused with
its code, nothing stored, and the zip checks of every package applied."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from praxis.core.errors import ErrorCode
from praxis.packages.errors import PackageRefused
from praxis.packages.models import Package
from praxis.packages.services import import_package
from praxis.packages.tests import crafting_h5p
from praxis.packages.tests.crafting_h5p import H5P_JSON, LIBRARY, LIBRARY_JSON

pytestmark = pytest.mark.django_db


def _refused(replaced: dict[str, str | bytes | None]) -> PackageRefused:
    with pytest.raises(PackageRefused) as refusal:
        import_package(io.BytesIO(crafting_h5p.h5p_zip(replaced)), by=None)
    assert not Package.objects.exists()
    root = Path(settings.PACKAGE_ROOT)
    assert not root.exists() or not any(path.is_file() for path in root.rglob("*"))
    assert str(refusal.value.message)
    return refusal.value


def _h5p_json(**changed: Any) -> str:
    return json.dumps({**H5P_JSON, **changed})


def test_h5p_package_is_detected_with_its_title_main_library_language_and_libraries() -> None:
    package = import_package(io.BytesIO(crafting_h5p.h5p_zip()), by=None, file_name="check.h5p")
    assert (package.kind, package.title, package.edition) == (
        "h5p",
        "Blood pressure check",
        "H5P.PraxisCheck 1.0",
    )
    assert package.summary["languages"] == ["es"]
    assert package.summary["libraries"] == ["H5P.PraxisCheck 1.0", "H5P.PraxisScore 1.1"]
    assert package.is_playable
    assert package.launchables == [
        {
            **package.launchables[0],
            "identifier": "content",
            "title": "Blood pressure check",
            "launch": "content/content.json",
        }
    ]
    stored = Path(settings.PACKAGE_ROOT) / str(package.uuid)
    assert (stored / LIBRARY / "check.js").is_file()


def test_an_undetermined_language_is_not_a_language() -> None:
    package = import_package(
        io.BytesIO(crafting_h5p.h5p_zip({"h5p.json": _h5p_json(language="und")})), by=None
    )
    assert package.summary["languages"] == []


def test_without_h5p_json_the_package_is_of_no_known_kind() -> None:
    assert _refused({"h5p.json": None}).code == ErrorCode.PACKAGE_UNKNOWN_KIND


@pytest.mark.parametrize(
    "h5p_json",
    [
        "{not json",
        b"\xff\xfe not utf-8",
        "[]",
        _h5p_json(title=None),
        _h5p_json(mainLibrary=""),
        _h5p_json(preloadedDependencies="H5P.PraxisCheck"),
        _h5p_json(preloadedDependencies=[{"machineName": "H5P.PraxisCheck"}]),
        _h5p_json(
            preloadedDependencies=[
                {"machineName": "../H5P.PraxisCheck", "majorVersion": 1, "minorVersion": 0}
            ]
        ),
        json.dumps({k: v for k, v in H5P_JSON.items() if k != "preloadedDependencies"}),
    ],
)
def test_a_malformed_h5p_json_is_refused(h5p_json: str | bytes) -> None:
    refusal = _refused({"h5p.json": h5p_json})
    assert refusal.code == ErrorCode.PACKAGE_MANIFEST_INVALID
    assert "h5p.json" in str(refusal.message)


def test_a_main_library_the_content_does_not_preload_is_refused() -> None:
    refusal = _refused({"h5p.json": _h5p_json(mainLibrary="H5P.MultiChoice")})
    assert refusal.code == ErrorCode.PACKAGE_H5P_LIBRARY_MISSING
    assert "H5P.MultiChoice" in str(refusal.message)


def test_a_missing_main_library_is_refused() -> None:
    refusal = _refused({f"{LIBRARY}/library.json": None, f"{LIBRARY}/check.js": None})
    assert refusal.code == ErrorCode.PACKAGE_H5P_LIBRARY_MISSING
    assert LIBRARY in str(refusal.message)


def test_a_missing_library_a_library_needs_is_refused() -> None:
    refusal = _refused({"H5P.PraxisScore-1.1/library.json": None})
    assert refusal.code == ErrorCode.PACKAGE_H5P_LIBRARY_MISSING
    assert "H5P.PraxisScore-1.1" in str(refusal.message)


def test_a_library_of_another_version_does_not_stand_in() -> None:
    files = {
        "H5P.PraxisScore-1.1/library.json": None,
        "H5P.PraxisScore-1.1/score.js": None,
        "H5P.PraxisScore-1.0/library.json": json.dumps({"preloadedJs": [{"path": "score.js"}]}),
        "H5P.PraxisScore-1.0/score.js": crafting_h5p.SCORE_JS,
    }
    assert _refused(dict(files)).code == ErrorCode.PACKAGE_H5P_LIBRARY_MISSING


def test_a_script_a_library_preloads_must_be_in_the_package() -> None:
    refusal = _refused({f"{LIBRARY}/check.js": None})
    assert refusal.code == ErrorCode.PACKAGE_LAUNCH_MISSING
    assert "check.js" in str(refusal.message)


@pytest.mark.parametrize("path", ["../../evil.js", "https://example.org/evil.js"])
def test_a_library_may_not_preload_from_outside_the_package(path: str) -> None:
    library = {**LIBRARY_JSON, "preloadedJs": [{"path": path}]}
    refusal = _refused({f"{LIBRARY}/library.json": json.dumps(library)})
    assert refusal.code == ErrorCode.PACKAGE_LAUNCH_OUTSIDE


@pytest.mark.parametrize("library_json", ["{broken", "[]", json.dumps({"preloadedJs": "x.js"})])
def test_a_malformed_library_json_is_refused(library_json: str) -> None:
    refusal = _refused({f"{LIBRARY}/library.json": library_json})
    assert refusal.code == ErrorCode.PACKAGE_MANIFEST_INVALID
    assert "library.json" in str(refusal.message)


def test_missing_content_is_refused() -> None:
    refusal = _refused({"content/content.json": None})
    assert refusal.code == ErrorCode.PACKAGE_LAUNCH_MISSING
    assert "content/content.json" in str(refusal.message)


@pytest.mark.parametrize("content", ["{broken", '"text"', b"\xff"])
def test_malformed_content_is_refused(content: str | bytes) -> None:
    refusal = _refused({"content/content.json": content})
    assert refusal.code == ErrorCode.PACKAGE_MANIFEST_INVALID
    assert "content/content.json" in str(refusal.message)


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ({"../evil.js": "x"}, ErrorCode.PACKAGE_UNSAFE_PATH),
        ({"content/../../evil.js": "x"}, ErrorCode.PACKAGE_UNSAFE_PATH),
        ({"content/zeros.bin": b"\0" * (20 * 1024 * 1024)}, ErrorCode.PACKAGE_COMPRESSION_RATIO),
    ],
)
def test_the_zip_checks_of_every_package_apply_to_h5p(
    extra: dict[str, str | bytes | None], code: ErrorCode
) -> None:
    assert _refused(extra).code == code


def test_a_huge_h5p_json_is_refused(settings: Any) -> None:
    settings.PACKAGE_MAX_MANIFEST_BYTES = 10_000
    padded = _h5p_json(authors=[{"name": "x" * 20_000}])
    assert _refused({"h5p.json": padded}).code == ErrorCode.PACKAGE_MANIFEST_TOO_LARGE
