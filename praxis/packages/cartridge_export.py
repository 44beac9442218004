"""Writing a course as an IMS Common Cartridge 1.3 (`.imscc`), and checking one against the
structure rules of the specification that can be checked without its XML schemas.

The manifest's organisation is a rooted hierarchy: one root item, a folder item per module, a
leaf item per lesson or quiz. A lesson is a `webcontent` HTML page (its files beside it under
`web_resources/`), a lesson that is only a link an `imswl_xmlv1p3` web link, a quiz an
`imsqti_xmlv1p2/imscc_xmlv1p3/assessment` in the CC profile of QTI 1.2.
"""

from __future__ import annotations

import html
import io
import zipfile
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, SubElement, tostring

from defusedxml.ElementTree import fromstring

from praxis.packages.cartridge_qti import write_assessment
from praxis.packages.qti import Question

NAMESPACE = "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1"
LOM_MANIFEST = "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest"
LOM_RESOURCE = "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/resource"
WEBLINK_NAMESPACE = "http://www.imsglobal.org/xsd/imsccv1p3/imswl_v1p3"
DISCUSSION_NAMESPACE = "http://www.imsglobal.org/xsd/imsccv1p3/imsdt_v1p3"
QTI_NAMESPACE = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
WEBCONTENT = "webcontent"
WEBLINK = "imswl_xmlv1p3"
DISCUSSION = "imsdt_xmlv1p3"
ASSESSMENT = "imsqti_xmlv1p2/imscc_xmlv1p3/assessment"
# The resource types of CC 1.3 (IMS CC 1.3 profile, section on resources).
RESOURCE_TYPES = {
    WEBCONTENT,
    WEBLINK,
    DISCUSSION,
    ASSESSMENT,
    "imsqti_xmlv1p2/imscc_xmlv1p3/question-bank",
    "imsbasiclti_xmlv1p0",
    "associatedcontent/imscc_xmlv1p3/learning-application-resource",
    "imsapip_zipv1p0",
    "imsiwb_iwbv1p0",
}
# What the XML file each typed resource points to must be, in CC 1.3.
RESOURCE_ROOTS = {
    WEBLINK: f"{{{WEBLINK_NAMESPACE}}}webLink",
    DISCUSSION: f"{{{DISCUSSION_NAMESPACE}}}topic",
    ASSESSMENT: f"{{{QTI_NAMESPACE}}}questestinterop",
}
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'


@dataclass
class Part:
    """A lesson or quiz to write: a page (`html`, and `files` it uses: path → bytes, the paths
    under web_resources/), a link (`url`), or a quiz (`questions`)."""

    identifier: str
    title: str
    html: str = ""
    url: str = ""
    questions: list[Question] | None = None
    files: dict[str, bytes] = field(default_factory=dict)


@dataclass
class Chapter:
    identifier: str
    title: str
    parts: list[Part] = field(default_factory=list)


def _xml(root: Element) -> bytes:
    return XML_DECLARATION + tostring(root, encoding="unicode").encode()


def _page(title: str, body: str, language: str) -> bytes:
    escaped = html.escape(title)
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(language)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escaped}</title>\n</head>\n<body>\n<h1>{escaped}</h1>\n{body}\n</body>\n</html>\n"
    ).encode()


def _lom(metadata: Element, title: str, language: str) -> None:
    SubElement(metadata, "schema").text = "IMS Common Cartridge"
    SubElement(metadata, "schemaversion").text = "1.3.0"
    general = SubElement(SubElement(metadata, "lomimscc:lom"), "lomimscc:general")
    heading = SubElement(general, "lomimscc:title")
    SubElement(heading, "lomimscc:string", language=language).text = title
    SubElement(general, "lomimscc:language").text = language


def write_cartridge(identifier: str, title: str, language: str, chapters: list[Chapter]) -> bytes:
    """The course as a Common Cartridge 1.3 zip."""
    # Written unqualified with the namespaces declared as attributes, so that the manifest's
    # namespace is the default one, as in the specification's examples.
    manifest = Element(
        "manifest",
        {"identifier": identifier, "xmlns": NAMESPACE, "xmlns:lomimscc": LOM_MANIFEST},
    )
    _lom(SubElement(manifest, "metadata"), title, language)
    organisation = SubElement(
        SubElement(manifest, "organizations"),
        "organization",
        identifier="organisation",
        structure="rooted-hierarchy",
    )
    root = SubElement(organisation, "item", identifier="root")
    resources = SubElement(manifest, "resources")
    files: dict[str, bytes] = {}
    for chapter in chapters:
        folder = SubElement(root, "item", identifier=chapter.identifier)
        SubElement(folder, "title").text = chapter.title
        for part in chapter.parts:
            resource_id = f"r-{part.identifier}"
            leaf = SubElement(
                folder,
                "item",
                identifier=part.identifier,
                identifierref=resource_id,
            )
            SubElement(leaf, "title").text = part.title
            resource = SubElement(resources, "resource", identifier=resource_id)
            if part.questions is not None:
                path = f"{part.identifier}/assessment.xml"
                resource.set("type", ASSESSMENT)
                files[path] = write_assessment(part.identifier, part.title, part.questions)
            elif part.url:
                path = f"{part.identifier}.xml"
                resource.set("type", WEBLINK)
                link = Element("webLink", xmlns=WEBLINK_NAMESPACE)
                SubElement(link, "title").text = part.title
                SubElement(link, "url", href=part.url, target="_blank")
                files[path] = _xml(link)
            else:
                path = f"{part.identifier}/index.html"
                resource.set("type", WEBCONTENT)
                resource.set("href", path)
                files[path] = _page(part.title, part.html, language)
            SubElement(resource, "file", href=path)
            for name, content in part.files.items():
                SubElement(resource, "file", href=name)
                files[name] = content
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", _xml(manifest))
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _problems_of_resources(
    archive: zipfile.ZipFile, resources: list[Element], names: set[str]
) -> list[str]:
    problems: list[str] = []
    for resource in resources:
        identifier, kind = resource.get("identifier", ""), resource.get("type", "")
        if kind not in RESOURCE_TYPES:
            problems.append(f"resource {identifier}: type {kind!r} is not a CC 1.3 type")
        hrefs = [f.get("href", "") for f in resource if f.tag == f"{{{NAMESPACE}}}file"]
        if resource.get("href"):
            hrefs.append(resource.get("href", ""))
            if resource.get("href") not in hrefs[:-1]:
                problems.append(f"resource {identifier}: its href is not one of its files")
        problems += [
            f"resource {identifier}: {h!r} is not in the package" for h in hrefs if h not in names
        ]
        expected = RESOURCE_ROOTS.get(kind)
        if expected and hrefs and hrefs[0] in names:
            root = fromstring(archive.read(hrefs[0]), forbid_dtd=True)
            if root.tag != expected:
                problems.append(f"resource {identifier}: {hrefs[0]} is not a {expected}")
    return problems


def check_structure(data: bytes) -> list[str]:
    """What in a cartridge breaks the CC 1.3 structure rules that hold without the schemas:
    the manifest's namespace and schema, the resource types, every file and href present in
    the package, every identifierref naming a resource, identifiers unique, each typed resource
    an XML file of its own namespace. An empty list: none."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = set(archive.namelist())
    if "imsmanifest.xml" not in names:
        return ["no imsmanifest.xml at the root"]
    manifest = fromstring(archive.read("imsmanifest.xml"), forbid_dtd=True)
    problems = []
    if manifest.tag != f"{{{NAMESPACE}}}manifest":
        problems.append(f"the manifest is {manifest.tag}, not a CC 1.3 manifest")
    metadata = manifest.find(f"{{{NAMESPACE}}}metadata")
    schema = metadata.findtext(f"{{{NAMESPACE}}}schema") if metadata is not None else None
    version = metadata.findtext(f"{{{NAMESPACE}}}schemaversion") if metadata is not None else None
    if (schema, version) != ("IMS Common Cartridge", "1.3.0"):
        problems.append(f"schema {schema!r} version {version!r}")
    identifiers = [e.get("identifier") for e in manifest.iter() if e.get("identifier")]
    problems += [
        f"identifier {i!r} is used twice"
        for i in {i for i in identifiers if identifiers.count(i) > 1}
    ]
    resources = manifest.findall(f"{{{NAMESPACE}}}resources/{{{NAMESPACE}}}resource")
    known = {resource.get("identifier") for resource in resources}
    organisations = manifest.findall(f"{{{NAMESPACE}}}organizations/{{{NAMESPACE}}}organization")
    if len(organisations) != 1 or organisations[0].get("structure") != "rooted-hierarchy":
        problems.append("there must be one organisation, a rooted hierarchy")
    for organisation in organisations:
        roots = organisation.findall(f"{{{NAMESPACE}}}item")
        if len(roots) != 1 or roots[0].get("identifierref"):
            problems.append("the organisation must have one root item naming no resource")
        for item in organisation.iter(f"{{{NAMESPACE}}}item"):
            reference = item.get("identifierref")
            if reference is not None and reference not in known:
                problems.append(f"item {item.get('identifier')} names no resource ({reference})")
            if item is not roots[0] and not item.findtext(f"{{{NAMESPACE}}}title"):
                problems.append(f"item {item.get('identifier')} has no title")
    return problems + _problems_of_resources(archive, resources, names)
