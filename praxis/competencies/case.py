"""1EdTech CASE 1.1 JSON: read and check a CFPackage, store it, and write it back unchanged.

Praxis models the fields it uses (codes, statements, the isChildOf tree, rubric levels) as
columns and keeps every other field of each CASE object in its `extra` column, so an export is
the import it came from. The functions take the model classes as arguments so the data
migration that loads the shipped skeletons can use them with its historical models.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel, ConfigDict, Field
from pydantic import ValidationError as PydanticError

from praxis.core import input_guard
from praxis.core.errors import Conflict, ErrorCode, PayloadTooLarge, ValidationFailed

MAX_PACKAGE_BYTES = 5 * 1024 * 1024
CHILD_OF = "isChildOf"
EXACT_MATCH_OF = "exactMatchOf"
ASSOCIATION_TYPES = {
    CHILD_OF,
    EXACT_MATCH_OF,
    "isPeerOf",
    "isPartOf",
    "precedes",
    "isRelatedTo",
    "replacedBy",
    "exemplar",
    "hasSkillLevel",
}

# The CASE fields each model holds as columns; the rest of the object goes to `extra`.
DOCUMENT_FIELDS = (
    "identifier",
    "uri",
    "creator",
    "title",
    "lastChangeDateTime",
    "publisher",
    "description",
    "language",
    "version",
)
ITEM_FIELDS = (
    "identifier",
    "uri",
    "fullStatement",
    "humanCodingScheme",
    "CFItemType",
    "abbreviatedStatement",
    "lastChangeDateTime",
)
ASSOCIATION_FIELDS = (
    "identifier",
    "uri",
    "associationType",
    "sequenceNumber",
    "lastChangeDateTime",
)
RUBRIC_FIELDS = (
    "identifier",
    "uri",
    "title",
    "description",
    "lastChangeDateTime",
    "CFRubricCriteria",
)


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class NodeUri(_Open):
    identifier: str = Field(min_length=1, max_length=300)
    uri: str = Field("", max_length=500)
    title: str = Field("", max_length=500)


class CFDocumentIn(_Open):
    identifier: uuid.UUID
    uri: str = Field(max_length=500)
    creator: str = Field(min_length=1, max_length=300)
    title: str = Field(min_length=1, max_length=300)
    lastChangeDateTime: str = Field(max_length=40)
    version: str = Field("", max_length=50)
    language: str = Field("", max_length=10)


class CFItemIn(_Open):
    identifier: uuid.UUID
    uri: str = Field(max_length=500)
    fullStatement: str = Field(min_length=1, max_length=10000)
    lastChangeDateTime: str = Field(max_length=40)
    humanCodingScheme: str = Field("", max_length=50)
    CFItemType: str = Field("", max_length=50)
    abbreviatedStatement: str = Field("", max_length=300)


class CFAssociationIn(_Open):
    identifier: uuid.UUID
    uri: str = Field(max_length=500)
    associationType: str
    originNodeURI: NodeUri
    destinationNodeURI: NodeUri
    lastChangeDateTime: str = Field(max_length=40)
    sequenceNumber: int | None = None


class CFRubricLevelIn(_Open):
    identifier: uuid.UUID
    score: float | None = None
    quality: str = ""


class CFRubricCriterionIn(_Open):
    identifier: uuid.UUID
    CFRubricCriterionLevels: list[CFRubricLevelIn] = []


class CFRubricIn(_Open):
    identifier: uuid.UUID
    uri: str = Field(max_length=500)
    title: str = Field(min_length=1, max_length=300)
    lastChangeDateTime: str = Field(max_length=40)
    CFRubricCriteria: list[CFRubricCriterionIn] = []


class CFPackageIn(_Open):
    CFDocument: CFDocumentIn
    CFItems: list[CFItemIn] = Field(default_factory=list, max_length=20000)
    CFAssociations: list[CFAssociationIn] = Field(default_factory=list, max_length=50000)
    CFRubrics: list[CFRubricIn] = Field(default_factory=list, max_length=100)


def _bad(code: ErrorCode, message: Any, fields: dict[str, list[Any]] | None = None) -> None:
    raise ValidationFailed(code, message, fields=fields)


def parse_package(raw: bytes | str | Any) -> dict[str, Any]:
    """The package as a dict once it is JSON and follows the CASE 1.1 shape; raise otherwise.

    Codes: case_invalid_json, case_schema_violation, case_unknown_node, case_cycle.
    """
    if isinstance(raw, bytes | str):
        if len(raw) > MAX_PACKAGE_BYTES:
            raise PayloadTooLarge(message=_("A CASE package can be at most 5 MB."))
        try:
            data = input_guard.loads(raw)
        except (ValueError, UnicodeDecodeError):
            _bad(ErrorCode.CASE_INVALID_JSON, _("This file is not valid JSON."))
    else:
        data = raw
    if not isinstance(data, dict):
        _bad(ErrorCode.CASE_SCHEMA_VIOLATION, _("A CASE package is a JSON object."))
    try:
        package = CFPackageIn.model_validate(data)
    except PydanticError as error:
        fields: dict[str, list[Any]] = {}
        for problem in error.errors()[:20]:
            name = ".".join(str(part) for part in problem["loc"]) or "__all__"
            fields.setdefault(name, []).append(problem["msg"])
        _bad(
            ErrorCode.CASE_SCHEMA_VIOLATION,
            _("This file does not follow the CASE 1.1 package schema."),
            fields,
        )
    _check_graph(package)
    checked: dict[str, Any] = data
    return checked


def _check_graph(package: CFPackageIn) -> None:
    document_id = str(package.CFDocument.identifier)
    item_ids = [str(item.identifier) for item in package.CFItems]
    known = set(item_ids)
    all_ids = [document_id, *item_ids]
    all_ids += [str(a.identifier) for a in package.CFAssociations]
    all_ids += [str(r.identifier) for r in package.CFRubrics]
    if len(set(all_ids)) != len(all_ids):
        _bad(ErrorCode.CASE_SCHEMA_VIOLATION, _("Two objects in this package share an identifier."))
    parents: dict[str, list[str]] = {}
    for index, association in enumerate(package.CFAssociations):
        kind = association.associationType
        origin = association.originNodeURI.identifier
        destination = association.destinationNodeURI.identifier
        where = {f"CFAssociations.{index}": [_("Unknown node.")]}
        if kind not in ASSOCIATION_TYPES:
            _bad(ErrorCode.CASE_SCHEMA_VIOLATION, _("Unknown association type."), where)
        if origin not in known:
            _bad(
                ErrorCode.CASE_UNKNOWN_NODE, _("An association starts from an unknown item."), where
            )
        if kind == CHILD_OF:
            if destination not in known and destination != document_id:
                _bad(
                    ErrorCode.CASE_UNKNOWN_NODE,
                    _("An isChildOf association points to an item that is not in the package."),
                    where,
                )
            parents.setdefault(origin, []).append(destination)
    _reject_cycles(parents)


def _reject_cycles(parents: dict[str, list[str]]) -> None:
    done: set[str] = set()
    for start in parents:
        path: set[str] = set()
        node_stack: list[tuple[str, Iterable[str]]] = [(start, iter(parents.get(start, [])))]
        path.add(start)
        while node_stack:
            node, upward = node_stack[-1]
            following = next(iter(upward), None)
            if following is None:
                node_stack.pop()
                path.discard(node)
                done.add(node)
                continue
            if following in path:
                _bad(
                    ErrorCode.CASE_CYCLE,
                    _("The isChildOf associations form a cycle: an item is its own ancestor."),
                    {"CFAssociations": [str(following)]},
                )
            if following not in done:
                path.add(following)
                node_stack.append((following, iter(parents.get(following, []))))


def _split(obj: dict[str, Any], modelled: Iterable[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(columns, extra): modelled fields with a value, and everything else as given."""
    columns = {key: obj[key] for key in modelled if obj.get(key) not in (None, "")}
    extra = {key: value for key, value in obj.items() if key not in columns}
    return columns, extra


def _free_slug(framework_model: Any, title: str, version: str) -> str:
    base = slugify(f"{title[:60]} {version}")[:70] or "framework"
    slug, number = base, 1
    while framework_model.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def store_package(
    data: dict[str, Any],
    *,
    framework_model: Any,
    item_model: Any,
    association_model: Any,
    scale_model: Any,
    slug: str = "",
) -> Any:
    """Create the framework of a checked package (see parse_package); return it."""
    document, document_extra = _split(data["CFDocument"], DOCUMENT_FIELDS)
    identifier = uuid.UUID(str(document["identifier"]))
    item_ids = [uuid.UUID(str(item["identifier"])) for item in data.get("CFItems", [])]
    if framework_model.objects.filter(identifier=identifier).exists() or (
        item_ids and item_model.objects.filter(identifier__in=item_ids).exists()
    ):
        raise Conflict(
            ErrorCode.CASE_ALREADY_IMPORTED, _("This framework has already been imported.")
        )
    licence = document_extra.get("licenseURI", {})
    framework = framework_model.objects.create(
        identifier=identifier,
        slug=slug or _free_slug(framework_model, document["title"], document.get("version", "")),
        uri=document.get("uri", ""),
        title=document["title"],
        version=document.get("version", ""),
        creator=document["creator"],
        publisher=document.get("publisher", ""),
        licence=str(licence.get("title", ""))[:200] if isinstance(licence, dict) else "",
        language=str(document.get("language", "en"))[:10],
        description=document.get("description", ""),
        last_change=document.get("lastChangeDateTime", ""),
        extra=document_extra,
    )
    items = {}
    for position, raw_item in enumerate(data.get("CFItems", [])):
        columns, extra = _split(_package_item(raw_item), ITEM_FIELDS)
        items[str(columns["identifier"]).lower()] = item_model(
            identifier=uuid.UUID(str(columns["identifier"])),
            framework=framework,
            uri=columns.get("uri", ""),
            code=columns.get("humanCodingScheme", ""),
            kind=columns.get("CFItemType", ""),
            statement=columns["fullStatement"],
            abbreviated=columns.get("abbreviatedStatement", ""),
            position=position,
            last_change=columns.get("lastChangeDateTime", ""),
            extra=extra,
        )
    item_model.objects.bulk_create(items.values())
    associations = []
    parents: dict[str, Any] = {}
    for position, raw_association in enumerate(data.get("CFAssociations", [])):
        columns, extra = _split(raw_association, ASSOCIATION_FIELDS)
        origin_id = str(raw_association["originNodeURI"]["identifier"]).lower()
        destination = raw_association["destinationNodeURI"]
        destination_id = str(destination["identifier"]).lower()
        if columns["associationType"] == CHILD_OF and destination_id in items:
            parents.setdefault(origin_id, items[destination_id])
        associations.append(
            association_model(
                identifier=uuid.UUID(str(columns["identifier"])),
                framework=framework,
                kind=columns["associationType"],
                origin=items[origin_id],
                destination_identifier=str(destination["identifier"])[:300],
                destination_uri=str(destination.get("uri", ""))[:500],
                destination_title=str(destination.get("title", ""))[:500],
                sequence=columns.get("sequenceNumber"),
                uri=columns.get("uri", ""),
                last_change=columns.get("lastChangeDateTime", ""),
                extra=extra,
                position=position,
            )
        )
    for origin_id, parent in parents.items():
        items[origin_id].parent = parent
    item_model.objects.bulk_update([items[key] for key in parents], ["parent"])
    association_model.objects.bulk_create(associations)
    for raw_rubric in data.get("CFRubrics", []):
        columns, extra = _split(raw_rubric, RUBRIC_FIELDS)
        scale_model.objects.create(
            identifier=uuid.UUID(str(columns["identifier"])),
            framework=framework,
            uri=columns.get("uri", ""),
            title=columns["title"],
            description=columns.get("description", ""),
            criteria=columns.get("CFRubricCriteria", []),
            last_change=columns.get("lastChangeDateTime", ""),
            extra=extra,
        )
    return framework


# Fields the CASE API writes on a lone CFItem that a package's CFPckgItem does not allow: the
# package itself names the document. Dropped on import, and on export from rows stored before.
PACKAGE_ITEM_EXCLUDED = ("CFDocumentURI",)


def _package_item(extra: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in extra.items() if key not in PACKAGE_ITEM_EXCLUDED}


def _merge(extra: dict[str, Any], columns: dict[str, Any]) -> dict[str, Any]:
    return {**extra, **{key: value for key, value in columns.items() if value not in (None, "")}}


def export_package(framework: Any) -> dict[str, Any]:
    """The framework as a CASE 1.1 CFPackage, as it was imported (less what a package forbids)."""
    document = _merge(
        framework.extra,
        {
            "identifier": str(framework.identifier),
            "uri": framework.uri,
            "creator": framework.creator,
            "title": framework.title,
            "lastChangeDateTime": framework.last_change,
            "publisher": framework.publisher,
            "description": framework.description,
            "language": framework.language,
            "version": framework.version,
        },
    )
    items = [
        _merge(
            _package_item(item.extra),
            {
                "identifier": str(item.identifier),
                "uri": item.uri,
                "fullStatement": item.statement,
                "humanCodingScheme": item.code,
                "CFItemType": item.kind,
                "abbreviatedStatement": item.abbreviated,
                "lastChangeDateTime": item.last_change,
            },
        )
        for item in framework.items.order_by("position", "id")
    ]
    associations = [
        _merge(
            association.extra,
            {
                "identifier": str(association.identifier),
                "uri": association.uri,
                "associationType": association.kind,
                "sequenceNumber": association.sequence,
                "lastChangeDateTime": association.last_change,
            },
        )
        for association in framework.associations.order_by("position", "id")
    ]
    rubrics = [
        _merge(
            scale.extra,
            {
                "identifier": str(scale.identifier),
                "uri": scale.uri,
                "title": scale.title,
                "description": scale.description,
                "lastChangeDateTime": scale.last_change,
                "CFRubricCriteria": scale.criteria,
            },
        )
        for scale in framework.scales.order_by("id")
    ]
    return {
        "CFDocument": document,
        "CFItems": items,
        "CFAssociations": associations,
        "CFRubrics": rubrics,
    }


def site_uri(kind: str, identifier: uuid.UUID | str) -> str:
    """A stable URI for a CASE object this site publishes."""
    return f"{settings.SITE_URL}/api/v1/case/{kind}/{identifier}"
