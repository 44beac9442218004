"""The shipped WHO framework skeletons (data/frameworks.json) as CASE 1.1 packages.

Identifiers are UUIDv5 of the skeleton's slug and codes, so every site ships the same ones and
loading is idempotent. Used by the data migration and its tests.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from praxis.competencies.case import parse_package, store_package

DATA = Path(__file__).resolve().parent / "data" / "frameworks.json"
NAMESPACE = uuid.UUID("5b0f7a52-9a4e-4b8e-8f0c-4f5d2a8f6c11")
SHIPPED_ON = "2026-11-26T00:00:00+00:00"
BASE_URI = "urn:praxis:case"


def _id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def _node(kind: str, identifier: str, title: str = "") -> dict[str, str]:
    node = {"identifier": identifier, "uri": f"{BASE_URI}:{kind}:{identifier}"}
    if title:
        node["title"] = title
    return node


def _level_uri(slug: str, score: int) -> str:
    return f"{BASE_URI}:level:{_id(slug, 'scale', str(score))}"


def skeleton_packages() -> Iterator[tuple[str, dict[str, Any]]]:
    """(slug, CFPackage) for each shipped skeleton."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    for framework in data["frameworks"]:
        yield framework["slug"], _package(framework, data["scale"])


def _package(framework: dict[str, Any], scale: dict[str, Any]) -> dict[str, Any]:
    slug = framework["slug"]
    document_id = _id(slug)
    items: list[dict[str, Any]] = []
    associations: list[dict[str, Any]] = []

    def add(entries: list[dict[str, Any]], parent: dict[str, str]) -> None:
        for sequence, entry in enumerate(entries, start=1):
            item_id = _id(slug, entry["code"])
            item: dict[str, Any] = {
                "identifier": item_id,
                "uri": f"{BASE_URI}:item:{item_id}",
                "fullStatement": entry["statement"],
                "humanCodingScheme": entry["code"],
                "CFItemType": entry["kind"],
                "lastChangeDateTime": SHIPPED_ON,
            }
            if name := entry.get("name"):
                item["abbreviatedStatement"] = name
            items.append(item)
            association_id = _id(slug, entry["code"], "isChildOf")
            associations.append(
                {
                    "identifier": association_id,
                    "uri": f"{BASE_URI}:association:{association_id}",
                    "associationType": "isChildOf",
                    "sequenceNumber": sequence,
                    "originNodeURI": _node("item", item_id, entry["code"]),
                    "destinationNodeURI": parent,
                    "lastChangeDateTime": SHIPPED_ON,
                }
            )
            add(entry.get("children", []), _node("item", item_id, entry["code"]))

    add(framework["items"], _node("document", document_id, framework["title"]))
    rubric_id = _id(slug, "scale")
    criterion_id = _id(slug, "scale", "criterion")
    return {
        "CFDocument": {
            "identifier": document_id,
            "uri": f"{BASE_URI}:document:{document_id}",
            "creator": framework["creator"],
            "title": framework["title"],
            "version": framework["version"],
            "description": framework["description"],
            "language": "en",
            "lastChangeDateTime": SHIPPED_ON,
            "officialSourceURL": f"urn:isbn:{framework['isbn']}",
            "licenseURI": {
                "title": framework["licence"][:200],
                "identifier": _id(slug, "licence"),
                "uri": f"{BASE_URI}:licence:{_id(slug, 'licence')}",
            },
        },
        "CFItems": items,
        "CFAssociations": associations,
        "CFRubrics": [
            {
                "identifier": rubric_id,
                "uri": f"{BASE_URI}:rubric:{rubric_id}",
                "title": scale["title"],
                "description": scale["description"],
                "lastChangeDateTime": SHIPPED_ON,
                "CFRubricCriteria": [
                    {
                        "identifier": criterion_id,
                        "uri": f"{BASE_URI}:criterion:{criterion_id}",
                        "rubricId": rubric_id,
                        "position": 1,
                        "lastChangeDateTime": SHIPPED_ON,
                        "CFRubricCriterionLevels": [
                            {
                                "identifier": _id(slug, "scale", str(level["score"])),
                                "uri": _level_uri(slug, level["score"]),
                                "score": level["score"],
                                "quality": level["quality"],
                                "position": level["score"],
                                "rubricCriterionId": criterion_id,
                                "lastChangeDateTime": SHIPPED_ON,
                            }
                            for level in scale["levels"]
                        ],
                    }
                ],
            }
        ],
    }


def ensure_loaded(
    framework_model: Any, item_model: Any, association_model: Any, scale_model: Any
) -> None:
    """Store each skeleton that is not there yet."""
    for slug, package in skeleton_packages():
        if framework_model.objects.filter(slug=slug).exists():
            continue
        store_package(
            parse_package(package),
            framework_model=framework_model,
            item_model=item_model,
            association_model=association_model,
            scale_model=scale_model,
            slug=slug,
        )
