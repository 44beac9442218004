"""CASE 1.1 import and export: round trips, and every refusal with its code, writing nothing."""

import copy
import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest

from praxis.accounts.models import User
from praxis.competencies import services
from praxis.competencies.case import export_package
from praxis.competencies.models import Association, CompetencyItem, Framework
from praxis.competencies.skeletons import skeleton_packages
from praxis.core.errors import Conflict, PermissionDenied, ValidationFailed

pytestmark = pytest.mark.django_db

STAMP = "2025-01-02T03:04:05+00:00"


def _uuid() -> str:
    return str(uuid.uuid4())


def small_package() -> dict[str, Any]:
    document, domain, competency = _uuid(), _uuid(), _uuid()

    def child_of(origin: str, destination: str, number: int) -> dict[str, object]:
        return {
            "identifier": _uuid(),
            "uri": f"https://frameworks.example.org/associations/{number}",
            "associationType": "isChildOf",
            "sequenceNumber": number,
            "originNodeURI": {"identifier": origin, "uri": f"urn:x:{origin}", "title": "o"},
            "destinationNodeURI": {"identifier": destination, "uri": f"urn:x:{destination}"},
            "lastChangeDateTime": STAMP,
        }

    return {
        "CFDocument": {
            "identifier": document,
            "uri": f"https://frameworks.example.org/documents/{document}",
            "creator": "Ministry of Health",
            "title": "Midwifery competencies",
            "version": "2.1",
            "language": "en",
            "lastChangeDateTime": STAMP,
            "adoptionStatus": "Adopted",
            "licenseURI": {"title": "CC BY 4.0", "identifier": _uuid(), "uri": "urn:licence"},
        },
        "CFItems": [
            {
                "identifier": domain,
                "uri": f"urn:x:{domain}",
                "fullStatement": "Antenatal care",
                "humanCodingScheme": "1",
                "CFItemType": "Domain",
                "lastChangeDateTime": STAMP,
            },
            {
                "identifier": competency,
                "uri": f"urn:x:{competency}",
                "fullStatement": "Measures blood pressure and recognises pre-eclampsia",
                "humanCodingScheme": "1.1",
                "CFItemType": "Competency",
                "abbreviatedStatement": "Blood pressure",
                "educationLevel": ["Postsecondary"],
                "lastChangeDateTime": STAMP,
            },
        ],
        "CFAssociations": [
            child_of(domain, document, 1),
            child_of(competency, domain, 1),
            {
                "identifier": _uuid(),
                "uri": "urn:x:match",
                "associationType": "exactMatchOf",
                "originNodeURI": {"identifier": competency, "uri": f"urn:x:{competency}"},
                "destinationNodeURI": {
                    "identifier": "ext-42",
                    "uri": "https://other.example.org/items/42",
                    "title": "BP measurement",
                },
                "lastChangeDateTime": STAMP,
            },
        ],
        "CFRubrics": [
            {
                "identifier": _uuid(),
                "uri": "urn:x:rubric",
                "title": "Entrustment",
                "lastChangeDateTime": STAMP,
                "CFRubricCriteria": [
                    {
                        "identifier": _uuid(),
                        "CFRubricCriterionLevels": [
                            {"identifier": _uuid(), "score": 1, "quality": "Observes"},
                            {"identifier": _uuid(), "score": 2, "quality": "Supervised"},
                        ],
                    }
                ],
            }
        ],
    }


def test_package_round_trips_unchanged(staff: User) -> None:
    package = small_package()
    framework = services.import_framework(json.dumps(package), by=staff)
    assert export_package(framework) == package


def test_import_builds_the_tree_and_keeps_the_exact_match(staff: User) -> None:
    framework = services.import_framework(small_package(), by=staff)
    competency = framework.items.get(code="1.1")
    assert competency.parent is not None
    assert competency.parent.code == "1"
    match = Association.objects.get(kind="exactMatchOf")
    assert match.destination_uri == "https://other.example.org/items/42"
    assert framework.scales.get().levels == [(1, "Observes"), (2, "Supervised")]
    assert framework.licence == "CC BY 4.0"


def test_shipped_skeletons_are_loaded_and_round_trip() -> None:
    uhc = Framework.objects.get(slug="who-gcof-uhc-2022")
    assert uhc.items.filter(kind="Domain", parent=None).count() == 7
    assert uhc.items.filter(kind="Practice activity", code__startswith="PA1.").count() == 20
    ephf = Framework.objects.get(slug="who-gcof-ephf-2024")
    assert ephf.items.filter(code__startswith="EPHF").exclude(code="EPHF").count() == 12
    packages = dict(skeleton_packages())
    assert export_package(uhc) == packages["who-gcof-uhc-2022"]
    assert uhc.scales.get().levels[0] == (1, "Observes only")


def test_export_then_import_elsewhere_gives_the_same_package(staff: User) -> None:
    framework = services.import_framework(small_package(), by=staff)
    exported = export_package(framework)
    framework.delete()
    again = services.import_framework(json.dumps(exported), by=staff)
    assert export_package(again) == exported


@pytest.mark.parametrize(
    "body",
    ["", "{not json", "[1, 2", b"\xff\xfe", "null"],
    ids=["empty", "broken", "open", "bytes", "null"],
)
def test_file_that_is_not_json_is_refused(staff: User, body: str | bytes) -> None:
    with pytest.raises(ValidationFailed) as caught:
        services.import_framework(body, by=staff)
    assert caught.value.code in {"case_invalid_json", "case_schema_violation"}
    assert not Framework.objects.filter(title="Midwifery competencies").exists()


def test_not_json_has_its_own_code(staff: User) -> None:
    with pytest.raises(ValidationFailed) as caught:
        services.import_framework("{not json", by=staff)
    assert caught.value.code == "case_invalid_json"


@pytest.mark.parametrize(
    "break_it",
    [
        lambda p: p.pop("CFDocument"),
        lambda p: p["CFDocument"].pop("title"),
        lambda p: p["CFItems"][0].update(identifier="not-a-uuid"),
        lambda p: p["CFItems"][1].update(fullStatement=""),
        lambda p: p["CFItems"][1].update(fullStatement=12),
        lambda p: p["CFAssociations"][0].update(associationType="isFriendOf"),
        lambda p: p.update(CFItems="many"),
        lambda p: p["CFItems"].append(copy.deepcopy(p["CFItems"][0])),
    ],
    ids=[
        "no-document",
        "no-title",
        "bad-uuid",
        "empty-statement",
        "wrong-type",
        "unknown-association",
        "items-not-a-list",
        "duplicate-identifier",
    ],
)
def test_schema_violations_are_refused_and_nothing_is_written(
    staff: User, break_it: Callable[[dict[str, Any]], object]
) -> None:
    package = small_package()
    break_it(package)
    before = (Framework.objects.count(), CompetencyItem.objects.count())
    with pytest.raises(ValidationFailed) as caught:
        services.import_framework(json.dumps(package), by=staff)
    assert caught.value.code == "case_schema_violation"
    assert (Framework.objects.count(), CompetencyItem.objects.count()) == before


def test_cycle_in_is_child_of_is_refused(staff: User) -> None:
    package = small_package()
    domain = package["CFItems"][0]["identifier"]
    competency = package["CFItems"][1]["identifier"]
    package["CFAssociations"][0]["destinationNodeURI"]["identifier"] = competency
    assert package["CFAssociations"][1]["destinationNodeURI"]["identifier"] == domain
    with pytest.raises(ValidationFailed) as caught:
        services.import_framework(package, by=staff)
    assert caught.value.code == "case_cycle"
    assert not Framework.objects.filter(title="Midwifery competencies").exists()


def test_item_that_is_its_own_parent_is_a_cycle(staff: User) -> None:
    package = small_package()
    domain = package["CFItems"][0]["identifier"]
    package["CFAssociations"][0]["destinationNodeURI"]["identifier"] = domain
    with pytest.raises(ValidationFailed) as caught:
        services.import_framework(package, by=staff)
    assert caught.value.code == "case_cycle"


def test_child_of_an_unknown_item_is_refused(staff: User) -> None:
    package = small_package()
    package["CFAssociations"][1]["destinationNodeURI"]["identifier"] = _uuid()
    with pytest.raises(ValidationFailed) as caught:
        services.import_framework(package, by=staff)
    assert caught.value.code == "case_unknown_node"


def test_importing_the_same_framework_twice_is_a_conflict(staff: User) -> None:
    package = small_package()
    services.import_framework(package, by=staff)
    with pytest.raises(Conflict) as caught:
        services.import_framework(package, by=staff)
    assert caught.value.code == "case_already_imported"
    assert Framework.objects.filter(title="Midwifery competencies").count() == 1


def test_learners_cannot_import_frameworks(learner: User) -> None:
    with pytest.raises(PermissionDenied):
        services.import_framework(small_package(), by=learner)
