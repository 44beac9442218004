"""CASE exports against 1EdTech's published CASE 1.1 package JSON schema (tests/data)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft201909Validator, FormatChecker

from praxis.accounts.models import User
from praxis.competencies import services
from praxis.competencies.case import export_package
from praxis.competencies.models import Framework
from praxis.competencies.tests.test_case import small_package

pytestmark = pytest.mark.django_db

SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "1edtech" / "case_v1p1_cfpackage_schema.json").read_text(
        encoding="utf-8"
    )
)
VALIDATOR = Draft201909Validator(SCHEMA, format_checker=FormatChecker())


def schema_errors(package: dict[str, Any]) -> list[str]:
    return sorted(
        {
            f"{'/'.join(str(part) for part in error.absolute_path)}: {error.message}"[:300]
            for error in VALIDATOR.iter_errors(package)
        }
    )


def valid_small_package() -> dict[str, Any]:
    """The small package of test_case with the fields the package schema requires filled in."""
    package = small_package()
    for association in package["CFAssociations"]:
        for end in ("originNodeURI", "destinationNodeURI"):
            association[end].setdefault("title", association[end]["identifier"])
    for rubric in package["CFRubrics"]:
        for criterion in rubric["CFRubricCriteria"]:
            for part in [criterion, *criterion["CFRubricCriterionLevels"]]:
                part.setdefault("uri", f"urn:x:{part['identifier']}")
                part.setdefault("lastChangeDateTime", rubric["lastChangeDateTime"])
    assert schema_errors(package) == []
    return package


@pytest.mark.parametrize("slug", ["who-gcof-uhc-2022", "who-gcof-ephf-2024"])
def test_shipped_frameworks_export_as_valid_case_packages(slug: str) -> None:
    assert schema_errors(export_package(Framework.objects.get(slug=slug))) == []


def test_imported_framework_exports_as_a_valid_case_package(staff: User) -> None:
    framework = services.import_framework(valid_small_package(), by=staff)
    assert schema_errors(export_package(framework)) == []


def test_item_naming_its_document_is_imported_and_exported_without_it(staff: User) -> None:
    """The CASE API's CFItem names its document; a package's item must not."""
    package = valid_small_package()
    document = package["CFDocument"]
    for item in package["CFItems"]:
        item["CFDocumentURI"] = {
            "identifier": document["identifier"],
            "uri": document["uri"],
            "title": document["title"],
        }
    framework = services.import_framework(package, by=staff)
    exported = export_package(framework)
    assert all("CFDocumentURI" not in item for item in exported["CFItems"])
    assert schema_errors(exported) == []
