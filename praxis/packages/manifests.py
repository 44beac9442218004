"""What a package is and what it holds, read from the manifest at its root.

SCORM 1.2 and 2004 and Common Cartridge share `imsmanifest.xml` and are told apart by its
schema and namespaces; cmi5 has `cmi5.xml`, xAPI (TinCan) `tincan.xml`, H5P `h5p.json`. XML is
parsed with defusedxml and any DTD is refused, so no entity (external or nested) is expanded.
Every launch file is checked to be inside the package and present in it.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from praxis.core.errors import ErrorCode
from praxis.packages.archive import Archive, safe_name
from praxis.packages.errors import QTI_PACKAGE_AS_LESSON, PackageRefused

SCORM_12 = "scorm12"
SCORM_2004 = "scorm2004"
CMI5 = "cmi5"
XAPI = "xapi"
H5P = "h5p"
COMMON_CARTRIDGE = "common_cartridge"
# The one thing an H5P package plays: its content.
H5P_CONTENT = "content"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"


@dataclass
class Launchable:
    """One thing a learner opens: a SCORM SCO (or asset), a cmi5 AU, an xAPI activity."""

    identifier: str
    title: str
    launch: str = ""
    parameters: str = ""
    mastery_score: float | None = None
    is_sco: bool = True
    # cmi5: what the course structure says of the AU, and the blocks it lies in (outermost
    # first).
    move_on: str = ""
    launch_method: str = ""
    entitlement_key: str = ""
    blocks: list[str] = field(default_factory=list)
    # SCORM: the activities above the item in the organisation's tree (the organisation first).
    ancestors: list[str] = field(default_factory=list)


@dataclass
class Summary:
    kind: str
    title: str
    edition: str = ""
    launchables: list[Launchable] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    course_id: str = ""  # cmi5: the course's publisher id
    # SCORM 2004: the sequencing control modes the manifest declares, by activity identifier
    # (only the attributes it declares; the navigation applies the standard's defaults).
    control_modes: dict[str, dict[str, bool]] = field(default_factory=dict)
    libraries: list[str] = field(default_factory=list)  # H5P: "H5P.MultiChoice 1.16", main first

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if _local(child.tag) == name]


def _child(element: Element | None, name: str) -> Element | None:
    if element is None:
        return None
    found = _children(element, name)
    return found[0] if found else None


def _text(element: Element | None) -> str:
    return " ".join((element.text or "").split()) if element is not None else ""


def _parse_xml(content: bytes, name: str) -> Element:
    try:
        return fromstring(content, forbid_dtd=True)
    except (DefusedXmlException, ParseError, ValueError) as error:
        raise PackageRefused(ErrorCode.PACKAGE_MANIFEST_INVALID, name) from error


def _is_language_tag(code: str) -> bool:
    """A BCP 47 tag's shape: two or three letters, then subtags of one to eight letters or
    digits ("fr", "en-US", "zh-Hans-CN")."""
    primary, *subtags = code.split("-")
    return (
        2 <= len(primary) <= 3
        and primary.isascii()
        and primary.isalpha()
        and all(1 <= len(tag) <= 8 and tag.isascii() and tag.isalnum() for tag in subtags)
    )


def _languages(root: Element) -> list[str]:
    """Language codes the manifest declares: `language` elements and xml:lang attributes."""
    found: list[str] = []
    for element in root.iter():
        candidates = [element.get(XML_LANG, ""), element.get("lang", "")]
        if _local(element.tag) in {"language", "lang"}:
            candidates.append(_text(element))
        for code in candidates:
            code = code.strip()
            if _is_language_tag(code) and code not in found:
                found.append(code)
    return found[:20]


def check_launch(archive: Archive, href: str, base: str = "") -> str:
    """The package path `href` (relative to `base`) launches, refused when it is a URL, leaves
    the package, or names a file the package does not hold."""
    parts = urlsplit(href.strip())
    if parts.scheme or parts.netloc:
        raise PackageRefused(ErrorCode.PACKAGE_LAUNCH_OUTSIDE, href[:200])
    path = unquote(parts.path)
    joined = posixpath.join(base, path) if base else path
    if not path or joined.startswith("/") or safe_name(joined) is None:
        raise PackageRefused(ErrorCode.PACKAGE_LAUNCH_OUTSIDE, href[:200])
    clean = posixpath.normpath(joined)
    if clean.startswith("../") or clean == "..":
        raise PackageRefused(ErrorCode.PACKAGE_LAUNCH_OUTSIDE, href[:200])
    if clean not in archive.files:
        raise PackageRefused(ErrorCode.PACKAGE_LAUNCH_MISSING, href[:200])
    return clean + (f"?{parts.query}" if parts.query else "")


# SCORM and Common Cartridge


def _manifest_kind(root: Element) -> tuple[str, str]:
    """(kind, edition) of an imsmanifest.xml."""
    schema = _text(_child(_child(root, "metadata"), "schema"))
    version = _text(_child(_child(root, "metadata"), "schemaversion"))
    namespaces = " ".join(str(element.tag) for element in root.iter()).lower()
    if "imscc" in namespaces or "common cartridge" in schema.lower():
        return COMMON_CARTRIDGE, version
    if version == "1.2" or "adlcp_rootv1p2" in namespaces:
        return SCORM_12, "1.2"
    if "2004" in version or "cam 1.3" in version.lower() or "adlcp_v1p3" in namespaces:
        return SCORM_2004, version or "2004"
    if schema.upper().startswith("ADL SCORM"):
        return SCORM_12, version or "1.2"
    if any(
        element.get("type", "").lower().startswith("imsqti_")
        for element in root.iter()
        if _local(element.tag) == "resource"
    ):
        raise PackageRefused(ErrorCode.PACKAGE_UNKNOWN_KIND, message=QTI_PACKAGE_AS_LESSON)
    raise PackageRefused(ErrorCode.PACKAGE_MANIFEST_INVALID, "imsmanifest.xml")


def _scorm_type(resource: Element) -> str:
    for key, value in resource.attrib.items():
        if _local(key).lower() == "scormtype":
            return value.strip().lower()
    return ""


def _mastery(item: Element, kind: str) -> float | None:
    if kind == SCORM_12:
        text = _text(_child(item, "masteryscore"))
        try:
            return float(text) / 100 if text else None
        except ValueError:
            return None
    primary = _child(_child(_child(item, "sequencing"), "objectives"), "primaryObjective")
    if primary is None or primary.get("satisfiedByMeasure", "false").lower() != "true":
        return None
    try:
        return float(_text(_child(primary, "minNormalizedMeasure")) or "1.0")
    except ValueError:
        return None


def _items(element: Element, ancestors: list[str]) -> list[tuple[Element, list[str]]]:
    """The items under `element` in the tree's order, each with its ancestors' identifiers."""
    found = []
    for item in _children(element, "item"):
        found.append((item, ancestors))
        found.extend(_items(item, [*ancestors, item.get("identifier", "")]))
    return found


CONTROL_MODES = ("choice", "choiceExit", "flow", "forwardOnly")


def _control_mode(sequencing: Element | None) -> dict[str, bool]:
    declared: dict[str, bool] = {}
    mode = _child(sequencing, "controlMode")
    for name in CONTROL_MODES:
        value = (mode.get(name, "") if mode is not None else "").strip().lower()
        if value in {"true", "1", "false", "0"}:
            declared[name] = value in {"true", "1"}
    return declared


def _control_modes(root: Element, activities: list[Element]) -> dict[str, dict[str, bool]]:
    """The control modes each activity declares, its own `controlMode` over that of the
    sequencing it names in the manifest's `sequencingCollection` (IDRef)."""
    shared_list = _child(root, "sequencingCollection")
    collection = {
        sequencing.get("ID", ""): sequencing
        for sequencing in (_children(shared_list, "sequencing") if shared_list is not None else [])
    }
    modes: dict[str, dict[str, bool]] = {}
    for activity in activities:
        sequencing = _child(activity, "sequencing")
        if sequencing is None:
            continue
        shared = collection.get(sequencing.get("IDRef", "")) if sequencing.get("IDRef") else None
        declared = {**_control_mode(shared), **_control_mode(sequencing)}
        if declared:
            modes[activity.get("identifier", "")] = declared
    return modes


def _scorm(archive: Archive, root: Element, kind: str, edition: str) -> Summary:
    organisations = _child(root, "organizations")
    resource_list = _child(root, "resources")
    resources = {
        resource.get("identifier", ""): resource
        for resource in (_children(resource_list, "resource") if resource_list is not None else [])
    }
    resources_base = resource_list.get(XML_BASE, "") if resource_list is not None else ""
    default = organisations.get("default", "") if organisations is not None else ""
    organisation_list = (
        _children(organisations, "organization") if organisations is not None else []
    )
    organisation = next(
        (o for o in organisation_list if o.get("identifier") == default),
        organisation_list[0] if organisation_list else None,
    )
    title = _text(_child(organisation, "title")) or _text(
        _child(_child(_child(root, "metadata"), "lom"), "title")
    )
    summary = Summary(kind=kind, edition=edition, title=title, languages=_languages(root))
    if kind == COMMON_CARTRIDGE:
        summary.title = title or _text(_child(root, "metadata"))[:200]
        return summary
    items = (
        _items(organisation, [organisation.get("identifier", "")])
        if organisation is not None
        else []
    )
    if kind == SCORM_2004 and organisation is not None:
        summary.control_modes = _control_modes(root, [organisation, *(i for i, _a in items)])
    for item, ancestors in items:
        resource = resources.get(item.get("identifierref", ""))
        if resource is None:
            continue
        href = resource.get("href", "")
        if not href:
            raise PackageRefused(ErrorCode.PACKAGE_NOTHING_TO_LAUNCH, item.get("identifier", ""))
        base = posixpath.join(resources_base, resource.get(XML_BASE, ""))
        summary.launchables.append(
            Launchable(
                identifier=item.get("identifier", ""),
                title=_text(_child(item, "title")),
                launch=check_launch(archive, href, base),
                parameters=item.get("parameters", ""),
                mastery_score=_mastery(item, kind),
                is_sco=_scorm_type(resource) == "sco",
                ancestors=ancestors,
            )
        )
    if not summary.launchables:
        raise PackageRefused(ErrorCode.PACKAGE_NOTHING_TO_LAUNCH)
    return summary


# cmi5, xAPI, H5P


def _lang_text(element: Element | None) -> str:
    if element is None:
        return ""
    strings = _children(element, "langstring")
    return _text(strings[0]) if strings else _text(element)


MOVE_ON = ("Passed", "Completed", "CompletedAndPassed", "CompletedOrPassed", "NotApplicable")
# The names of the launch URL's parameters, which an AU's own query may not use (cmi5 8.1).
LAUNCH_PARAMETERS = {"endpoint", "fetch", "actor", "registration", "activityId"}


def _iri(value: str, what: str) -> str:
    """`value` when it is a full IRI (a scheme, no spaces), as cmi5 requires of every id."""
    scheme, colon, rest = value.partition(":")
    if not (colon and rest and scheme[:1].isalpha() and scheme.isascii()) or any(
        character.isspace() for character in value
    ):
        raise PackageRefused(ErrorCode.PACKAGE_MANIFEST_INVALID, f"{what} {value[:80]!r}")
    return value


def is_absolute(url: str) -> bool:
    """Whether an AU's URL names a page outside the package (cmi5 13.1.4: it may)."""
    return urlsplit(url).scheme in {"http", "https"}


def _au_url(archive: Archive, url: str) -> str:
    """An AU's launch: a fully qualified http(s) URL as it is, else a file of the package."""
    if not is_absolute(url):
        return check_launch(archive, url)
    parts = urlsplit(url)
    if not parts.hostname or any(character.isspace() or ord(character) < 32 for character in url):
        raise PackageRefused(ErrorCode.PACKAGE_MANIFEST_INVALID, f"au url {url[:80]!r}")
    return url


def _mastery_score(au: Element) -> float | None:
    text = au.get("masteryScore", "").strip()
    if not text:
        return None
    try:
        score = float(text)
    except ValueError as error:
        raise PackageRefused(ErrorCode.PACKAGE_MANIFEST_INVALID, "masteryScore") from error
    if not 0 <= score <= 1:
        raise PackageRefused(ErrorCode.PACKAGE_MANIFEST_INVALID, "masteryScore")
    return score


def _au(archive: Archive, au: Element, blocks: list[str]) -> Launchable:
    move_on = au.get("moveOn", "NotApplicable").strip()
    if move_on not in MOVE_ON:
        raise PackageRefused(ErrorCode.PACKAGE_MANIFEST_INVALID, f"moveOn {move_on[:40]}")
    identifier = _iri(au.get("id", "").strip(), "au id")
    query = urlsplit(_text(_child(au, "url"))).query
    if {name for name, _sep, _value in (p.partition("=") for p in query.split("&"))} & (
        LAUNCH_PARAMETERS
    ):
        raise PackageRefused(ErrorCode.PACKAGE_MANIFEST_INVALID, "url query names a parameter")
    parameters = _child(au, "launchParameters")
    return Launchable(
        identifier=identifier,
        title=_lang_text(_child(au, "title")),
        launch=_au_url(archive, _text(_child(au, "url"))),
        parameters=(parameters.text or "").strip() if parameters is not None else "",
        mastery_score=_mastery_score(au),
        move_on=move_on,
        launch_method=au.get("launchMethod", "AnyWindow").strip(),
        entitlement_key=_text(_child(au, "entitlementKey")),
        blocks=list(blocks),
    )


def _cmi5_units(archive: Archive, parent: Element, blocks: list[str], into: Summary) -> None:
    for child in parent:
        name = _local(child.tag)
        if name == "au":
            into.launchables.append(_au(archive, child, blocks))
        elif name == "block":
            block = _iri(child.get("id", "").strip(), "block id")
            _cmi5_units(archive, child, [*blocks, block], into)


def _cmi5(archive: Archive, root: Element) -> Summary:
    course = _child(root, "course")
    summary = Summary(kind=CMI5, title=_lang_text(_child(course, "title")), edition="1.0")
    summary.course_id = _iri(
        course.get("id", "").strip() if course is not None else "", "course id"
    )
    summary.languages = _languages(root)
    _cmi5_units(archive, root, [], summary)
    if not summary.launchables:
        raise PackageRefused(ErrorCode.PACKAGE_NOTHING_TO_LAUNCH)
    for kind in ("au", "block", "objective"):
        identifiers = [
            _iri(element.get("id", "").strip(), f"{kind} id")
            for element in root.iter()
            if _local(element.tag) == kind and element.get("id") is not None
        ]
        if len(set(identifiers)) != len(identifiers):
            raise PackageRefused(ErrorCode.PACKAGE_MANIFEST_INVALID, f"{kind} id repeated")
    return summary


def _tincan(archive: Archive, root: Element) -> Summary:
    summary = Summary(kind=XAPI, title="", languages=_languages(root))
    activities = _child(root, "activities")
    for activity in _children(activities, "activity") if activities is not None else []:
        launch = _child(activity, "launch")
        if launch is None:
            continue
        name = _text(_child(activity, "name"))
        summary.title = summary.title or name
        summary.launchables.append(
            Launchable(
                identifier=activity.get("id", ""),
                title=name,
                launch=check_launch(archive, _text(launch)),
            )
        )
    if not summary.launchables:
        raise PackageRefused(ErrorCode.PACKAGE_NOTHING_TO_LAUNCH)
    return summary


def _json_object(archive: Archive, name: str) -> dict[str, Any]:
    try:
        data = json.loads(archive.read_manifest(name))
    except (ValueError, UnicodeDecodeError) as error:
        raise PackageRefused(ErrorCode.PACKAGE_MANIFEST_INVALID, name) from error
    if not isinstance(data, dict):
        raise PackageRefused(ErrorCode.PACKAGE_MANIFEST_INVALID, name)
    return data


def _h5p_dependencies(data: dict[str, Any], name: str) -> list[str]:
    """The folder names (`H5P.MultiChoice-1.16`) of the libraries `data` preloads."""
    dependencies = data.get("preloadedDependencies", [])
    if not isinstance(dependencies, list):
        raise PackageRefused(ErrorCode.PACKAGE_MANIFEST_INVALID, f"{name} preloadedDependencies")
    folders = []
    for dependency in dependencies:
        if not isinstance(dependency, dict):
            raise PackageRefused(ErrorCode.PACKAGE_MANIFEST_INVALID, name)
        machine, major, minor = (
            dependency.get("machineName"),
            dependency.get("majorVersion"),
            dependency.get("minorVersion"),
        )
        if not (
            isinstance(machine, str)
            and machine
            and safe_name(machine) == machine
            and "/" not in machine
            and type(major) is int
            and type(minor) is int
        ):
            raise PackageRefused(ErrorCode.PACKAGE_MANIFEST_INVALID, f"{name} {str(machine)[:80]}")
        folders.append(f"{machine}-{major}.{minor}")
    return folders


def _h5p_libraries(archive: Archive, roots: list[str]) -> list[str]:
    """Every library the content needs, the ones they need in turn, each checked to be in the
    package with the scripts and styles it preloads; refused at the first one missing."""
    needed, seen = list(roots), set(roots)
    while needed:
        folder = needed.pop(0)
        manifest = f"{folder}/library.json"
        if manifest not in archive.files:
            raise PackageRefused(ErrorCode.PACKAGE_H5P_LIBRARY_MISSING, folder[:200])
        library = _json_object(archive, manifest)
        for key in ("preloadedJs", "preloadedCss"):
            files = library.get(key, [])
            if not isinstance(files, list) or not all(
                isinstance(item, dict) and isinstance(item.get("path"), str) for item in files
            ):
                raise PackageRefused(ErrorCode.PACKAGE_MANIFEST_INVALID, f"{manifest} {key}")
            for item in files:
                check_launch(archive, item["path"], folder)
        for dependency in _h5p_dependencies(library, manifest):
            if dependency not in seen:
                seen.add(dependency)
                needed.append(dependency)
    return roots + sorted(seen - set(roots))


def _h5p(archive: Archive) -> Summary:
    """h5p.json: its title, language and main library, every library it needs present (with
    their own dependencies), and the content's parameters in content/content.json."""
    data = _json_object(archive, "h5p.json")
    title, main = data.get("title"), data.get("mainLibrary")
    if not isinstance(title, str) or not isinstance(main, str) or not main:
        raise PackageRefused(ErrorCode.PACKAGE_MANIFEST_INVALID, "h5p.json title, mainLibrary")
    if "preloadedDependencies" not in data:
        raise PackageRefused(ErrorCode.PACKAGE_MANIFEST_INVALID, "h5p.json preloadedDependencies")
    roots = _h5p_dependencies(data, "h5p.json")
    main_folder = next((f for f in roots if f.rsplit("-", 1)[0] == main), None)
    if main_folder is None:
        raise PackageRefused(ErrorCode.PACKAGE_H5P_LIBRARY_MISSING, main[:200])
    libraries = _h5p_libraries(archive, roots)
    if "content/content.json" not in archive.files:
        raise PackageRefused(ErrorCode.PACKAGE_LAUNCH_MISSING, "content/content.json")
    _json_object(archive, "content/content.json")
    language = data.get("language")
    if not isinstance(language, str) or language == "und" or not _is_language_tag(language):
        language = ""  # "und": H5P's "undetermined"
    return Summary(
        kind=H5P,
        title=title[:200],
        edition=main_folder.replace("-", " ", 1)[:100],
        languages=[language] if language else [],
        launchables=[
            Launchable(identifier=H5P_CONTENT, title=title[:200], launch="content/content.json")
        ],
        libraries=[folder.replace("-", " ", 1) for folder in libraries][:200],
    )


def read_summary(archive: Archive) -> Summary:
    """Detect the package's kind from the manifest at its root and read what it holds."""
    if "imsmanifest.xml" in archive.files:
        root = _parse_xml(archive.read_manifest("imsmanifest.xml"), "imsmanifest.xml")
        kind, edition = _manifest_kind(root)
        return _scorm(archive, root, kind, edition)
    if "cmi5.xml" in archive.files:
        return _cmi5(archive, _parse_xml(archive.read_manifest("cmi5.xml"), "cmi5.xml"))
    if "tincan.xml" in archive.files:
        return _tincan(archive, _parse_xml(archive.read_manifest("tincan.xml"), "tincan.xml"))
    if "h5p.json" in archive.files:
        return _h5p(archive)
    raise PackageRefused(ErrorCode.PACKAGE_UNKNOWN_KIND)
