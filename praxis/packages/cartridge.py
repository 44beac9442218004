"""Reading an IMS Common Cartridge (1.1, 1.2 and 1.3) as modules of lessons and quizzes.

The whole cartridge is read and checked before anything is written: the zip by `Archive`, every
XML file by defusedxml with any DTD refused, every item's `identifierref` against the manifest's
resources, every `href` against the files the zip holds. What is malformed or unsafe refuses
the whole cartridge (`PackageRefused`); what is well formed but has no place in Praxis (an LTI
link, a question bank, an essay question) is kept out and listed with a stable reason.

The organisation's top items become modules (items straight under the root, with no children,
go in a module named after the cartridge); items nested deeper are taken in order into the
module they lie in.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape as html_escape
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from praxis.core.errors import ErrorCode
from praxis.packages.archive import Archive
from praxis.packages.cartridge_qti import read_assessment
from praxis.packages.errors import PackageRefused
from praxis.packages.manifests import check_launch
from praxis.packages.markdown_from_html import Resolver, page_title, to_markdown
from praxis.packages.qti import Question, Unmapped

MANIFEST = "imsmanifest.xml"
# The manifest namespace of each version read; 1.3 is the one written.
VERSIONS = {
    "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1": "1.1",
    "http://www.imsglobal.org/xsd/imsccv1p2/imscp_v1p1": "1.2",
    "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1": "1.3",
}
MAX_ITEMS = 300
SAFE_SCHEMES = {"http", "https", "mailto"}
FILE_BASE = "$IMS-CC-FILEBASE$"

PAGE, LINK, DISCUSSION, QUIZ = "page", "link", "discussion", "quiz"

REASONS: dict[str, Promise] = {
    "lti_link": _(
        "An LTI link is not imported; register the tool and add it as an external tool lesson."
    ),
    "unsupported_resource": _("Praxis cannot import this kind of resource."),
    "unsafe_link": _("The link's address is not an http, https or mailto address."),
    "file_not_kept": _("A file the page uses could not be kept with the lesson."),
    "page_too_long": _("The page is longer than a lesson's text may be."),
    "no_questions": _("No question of the assessment could become a Praxis question."),
    "too_many_questions": _("The assessment holds more questions than a quiz may (100)."),
    "empty_item": _("The item names no resource."),
}


@dataclass
class Skipped:
    """Something of the cartridge not imported (or not whole), and why: a key of REASONS, or
    of qti.REASONS for a question."""

    identifier: str
    title: str
    reason: str
    detail: str = ""

    @property
    def message(self) -> str:
        if self.reason in REASONS:
            text = str(REASONS[self.reason])
            return f"{text} ({self.detail})" if self.detail else text
        return Unmapped(self.identifier, self.reason, self.detail).message


@dataclass
class Entry:
    """One item of the organisation Praxis can take: a page (`text` is its HTML, `path` where
    it lies), a link (`url`), a discussion topic (`text`, HTML) or an assessment."""

    kind: str
    identifier: str
    title: str
    text: str = ""
    path: str = ""
    url: str = ""
    questions: list[Question] = field(default_factory=list)


@dataclass
class Module:
    title: str
    entries: list[Entry] = field(default_factory=list)


@dataclass
class Cartridge:
    version: str
    title: str
    modules: list[Module] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _namespace(tag: object) -> str:
    text = str(tag)
    return text[1:].partition("}")[0] if text.startswith("{") else ""


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if _local(child.tag) == name]


def _child(element: Element | None, name: str) -> Element | None:
    found = _children(element, name) if element is not None else []
    return found[0] if found else None


def _text(element: Element | None) -> str:
    return " ".join((element.text or "").split()) if element is not None else ""


def parse(content: bytes, name: str) -> Element:
    try:
        return fromstring(content, forbid_dtd=True)
    except (DefusedXmlException, ParseError, ValueError) as error:
        raise PackageRefused(ErrorCode.PACKAGE_MANIFEST_INVALID, name[:200]) from error


def manifest_version(archive: Archive) -> tuple[str, Element]:
    """The Common Cartridge version of the archive's manifest and the manifest itself."""
    if MANIFEST not in archive.files:
        raise PackageRefused(ErrorCode.CARTRIDGE_NOT_A_CARTRIDGE)
    root = parse(archive.read_manifest(MANIFEST), MANIFEST)
    version = VERSIONS.get(_namespace(root.tag))
    if _local(root.tag) != "manifest" or version is None:
        raise PackageRefused(ErrorCode.CARTRIDGE_NOT_A_CARTRIDGE)
    return version, root


def _lom_title(root: Element) -> str:
    metadata = _child(root, "metadata")
    for element in metadata.iter() if metadata is not None else []:
        if _local(element.tag) == "title":
            strings = [e for e in element.iter() if _local(e.tag) == "string"]
            return _text(strings[0] if strings else element)
    return ""


class _Reader:
    def __init__(self, archive: Archive, version: str, root: Element) -> None:
        self.archive = archive
        self.root = root
        resources = _child(root, "resources")
        self.resources = {
            resource.get("identifier", ""): resource
            for resource in (_children(resources, "resource") if resources is not None else [])
        }
        self.cartridge = Cartridge(version=version, title=_lom_title(root))
        self.items = 0

    def _checked_files(self) -> None:
        """Every `href` of every resource names a file inside the package that it holds."""
        for resource in self.resources.values():
            if resource.get("href"):
                check_launch(self.archive, resource.get("href", ""))
            for file in _children(resource, "file"):
                check_launch(self.archive, file.get("href", ""))
            for dependency in _children(resource, "dependency"):
                if dependency.get("identifierref", "") not in self.resources:
                    raise PackageRefused(
                        ErrorCode.CARTRIDGE_BAD_REFERENCE, dependency.get("identifierref", "")
                    )

    def _resource_file(self, resource: Element) -> str:
        href = resource.get("href") or next(
            (f.get("href", "") for f in _children(resource, "file")), ""
        )
        if not href:
            raise PackageRefused(
                ErrorCode.PACKAGE_NOTHING_TO_LAUNCH, resource.get("identifier", "")
            )
        return check_launch(self.archive, href).partition("?")[0]

    def read(self) -> Cartridge:
        self._checked_files()
        organisations = _child(self.root, "organizations")
        organisation = _child(organisations, "organization")
        root_items = _children(organisation, "item") if organisation is not None else []
        # A rooted hierarchy has one root item whose children are the course's top items.
        tops = (
            [c for r in root_items for c in _children(r, "item")]
            if len(root_items) == 1 and not root_items[0].get("identifierref")
            else root_items
        )
        loose = Module(self.cartridge.title or str(_("Imported content")))
        for top in tops:
            if _children(top, "item"):
                module = Module(_text(_child(top, "title")) or loose.title)
                # A folder that names a resource too keeps it, first.
                for item in [top] * bool(top.get("identifierref")) + self._descendants(top):
                    self._item(item, module)
                self.cartridge.modules.append(module)
            else:
                self._item(top, loose)
        if loose.entries:
            self.cartridge.modules.insert(0, loose)
        if not any(m.entries for m in self.cartridge.modules) and not self.cartridge.skipped:
            raise PackageRefused(ErrorCode.CARTRIDGE_EMPTY)
        self.cartridge.modules = [m for m in self.cartridge.modules if m.entries]
        return self.cartridge

    def _descendants(self, item: Element) -> list[Element]:
        found: list[Element] = []
        for child in _children(item, "item"):
            if child.get("identifierref"):
                found.append(child)
            found.extend(self._descendants(child))
        return found

    def _item(self, item: Element, module: Module) -> None:
        self.items += 1
        if self.items > MAX_ITEMS:
            raise PackageRefused(ErrorCode.CARTRIDGE_TOO_MANY_ITEMS)
        identifier, title = item.get("identifier", "")[:200], _text(_child(item, "title"))[:200]
        reference = item.get("identifierref", "")
        if not reference:
            self.cartridge.skipped.append(Skipped(identifier, title, "empty_item"))
            return
        resource = self.resources.get(reference)
        if resource is None:
            raise PackageRefused(ErrorCode.CARTRIDGE_BAD_REFERENCE, reference[:200])
        kind = resource.get("type", "")
        entry = Entry(kind="", identifier=identifier, title=title)
        if kind == "webcontent":
            self._page(entry, self._resource_file(resource))
        elif kind.startswith("imswl_xmlv1p"):
            self._link(entry, self._resource_file(resource))
        elif kind.startswith("imsdt_xmlv1p"):
            self._discussion(entry, self._resource_file(resource))
        elif kind.startswith("imsqti_xmlv1p2/imscc_xmlv1p") and kind.endswith("/assessment"):
            self._assessment(entry, self._resource_file(resource))
        elif kind.startswith("imsbasiclti_xmlv1p"):
            self.cartridge.skipped.append(Skipped(identifier, title, "lti_link"))
        else:
            self.cartridge.skipped.append(
                Skipped(identifier, title, "unsupported_resource", kind[:100])
            )
        if entry.kind:
            module.entries.append(entry)

    def _page(self, entry: Entry, path: str) -> None:
        if not path.lower().endswith((".html", ".htm", ".xhtml")):
            # A document in the organisation itself (a PDF, slides): a lesson offering it.
            name = html_escape(posixpath.basename(path))
            entry.kind, entry.path = PAGE, path
            entry.title = entry.title or posixpath.basename(path)
            entry.text = f'<p><a href="{name}">{html_escape(entry.title)}</a></p>'
            return
        html = self.archive.read_manifest(path).decode("utf-8", errors="replace")
        entry.kind, entry.text, entry.path = PAGE, html, path
        entry.title = entry.title or page_title(html) or posixpath.basename(path)

    def _link(self, entry: Entry, path: str) -> None:
        root = parse(self.archive.read_manifest(path), path)
        url = _child(root, "url")
        address = url.get("href", "") if url is not None else ""
        entry.title = entry.title or _text(_child(root, "title"))
        scheme = urlsplit(address.strip()).scheme.lower()
        if scheme not in SAFE_SCHEMES or any(ord(c) < 33 for c in address.strip()):
            self.cartridge.skipped.append(
                Skipped(entry.identifier, entry.title, "unsafe_link", scheme[:40])
            )
            return
        entry.kind, entry.url = LINK, address.strip()

    def _discussion(self, entry: Entry, path: str) -> None:
        root = parse(self.archive.read_manifest(path), path)
        entry.kind, entry.path = DISCUSSION, path
        entry.title = entry.title or _text(_child(root, "title"))
        text = _child(root, "text")
        content = (text.text or "") if text is not None else ""
        if text is not None and "html" not in text.get("texttype", "text/plain"):
            content = content.replace("&", "&amp;").replace("<", "&lt;").replace("\n", "<br>")
        entry.text = content

    def _assessment(self, entry: Entry, path: str) -> None:
        title, read = read_assessment(parse(self.archive.read_manifest(path), path))
        entry.title = entry.title or title
        for one in read:
            if isinstance(one, Unmapped):
                self.cartridge.skipped.append(
                    Skipped(one.identifier, entry.title, one.reason, one.detail)
                )
            else:
                entry.questions.append(one)
        if not entry.questions:
            self.cartridge.skipped.append(Skipped(entry.identifier, entry.title, "no_questions"))
        else:
            entry.kind = QUIZ


def read_cartridge(archive: Archive) -> Cartridge:
    """The modules, lessons and quizzes a checked archive's cartridge holds, and what it holds
    that is not imported; refuses (`PackageRefused`) what is not a valid cartridge."""
    version, root = manifest_version(archive)
    return _Reader(archive, version, root).read()


# A page's files: the resolver asks `keep` for each file of the package the page shows or links
# to (its path, whether shown as an image, its text); `keep` answers the Markdown to write, or
# None when the file cannot be kept (the page then keeps the text alone, and says so).
Keep = Callable[[str, bool, str], str | None]


def page_markdown(archive: Archive, entry: Entry, keep: Keep) -> tuple[str, list[str]]:
    """The page (or topic) as Markdown, and the package files it uses that were not kept."""
    not_kept: list[str] = []
    folder = posixpath.dirname(entry.path)

    def resolve(address: str, image: bool, text: str) -> str | None:
        parts = urlsplit(address.strip())
        if parts.scheme or parts.netloc:
            return address if parts.scheme.lower() in SAFE_SCHEMES else None
        path = unquote(parts.path)
        if not path:
            return None
        if path.startswith(FILE_BASE):
            path = path.removeprefix(FILE_BASE).lstrip("/")
            candidates = [posixpath.join(folder, path), path, posixpath.join("web_resources", path)]
        else:
            candidates = [posixpath.normpath(posixpath.join(folder, path))]
        found = next((c for c in candidates if c in archive.files), None)
        if found is None or found.lower().endswith((".html", ".htm", ".xml")):
            return None
        written = keep(found, image, text or posixpath.basename(found))
        if written is None:
            not_kept.append(found)
        return written

    resolver: Resolver = resolve
    return to_markdown(entry.text, resolver), not_kept
