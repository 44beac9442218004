"""Reading QTI 2.1 (also 2.0 and 2.2) and 3.0 items, alone or in a content package, as Praxis
questions; what cannot be one is left out with its reason.

Everything is untrusted: a zip goes through `Archive`'s checks, every XML file is read within
the manifest size limit by defusedxml with any DTD refused (no external entity, no "billion
laughs"). Whatever is malformed refuses the whole upload (`PackageRefused`, nothing kept).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from typing import IO, Any
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.conf import settings

from praxis.core.errors import ErrorCode
from praxis.core.patterns import client_pattern
from praxis.packages.archive import ZIP_SIGNATURES, Archive, safe_name
from praxis.packages.errors import PackageRefused
from praxis.packages.mistaken_files import QTI_BANK, open_archive, refuse_other_kinds
from praxis.packages.qti import (
    DIFFICULTY_FROM_LOM,
    MEDIA_ELEMENTS,
    READ_NAMESPACES,
    V2_1,
    V3_0,
    Question,
    Reading,
    Unmapped,
    from_v3,
)

WHITESPACE = client_pattern(r"\s+")
ITEM_RESOURCE = client_pattern(r"imsqti_item_xmlv[23]p\d")

MAX_ITEMS = 200
# All the XML of one package read together, so that many items near the size limit of one
# file cannot keep a worker parsing for long.
MAX_XML_BYTES = 20 * 1024 * 1024
TEMPLATE_NAMES = {"match_correct", "map_response", "map_response_point"}
# Response processing made only of these compares the response with its declared right answer
# (or mapping), whatever the tool that wrote it; anything else is the item's own rules.
PLAIN_RULES = {
    "responseProcessing",
    "responseCondition",
    "responseIf",
    "responseElseIf",
    "responseElse",
    "setOutcomeValue",
    "match",
    "isNull",
    "variable",
    "correct",
    "baseValue",
    "mapResponse",
    "mapResponsePoint",
    "equal",
    "multiple",
    "not",
    "and",
    "or",
}
OUTCOMES = {"SCORE", "FEEDBACK", "MAXSCORE"}
SUPPORTED = {
    "choiceInteraction",
    "orderInteraction",
    "matchInteraction",
    "textEntryInteraction",
    "inlineChoiceInteraction",
}
INLINE_INTERACTIONS = {"textEntryInteraction", "inlineChoiceInteraction"}
SKIPPED = {"feedbackInline", "feedbackBlock", "modalFeedback", "rubricBlock", "templateBlock"}
BLOCKS = {"p", "div", "li", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "tr"}
BLANK = "____"

MediaCheck = Callable[[str], bool]


class Refused(Exception):
    """An item that cannot be a Praxis question, and why (a key of `qti.REASONS`)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


def _local(tag: object) -> tuple[str, str]:
    text = str(tag)
    if text.startswith("{"):
        namespace, _brace, local = text[1:].partition("}")
        return namespace, local
    return "", text


def _parse(content: bytes, name: str) -> Element:
    try:
        return fromstring(content, forbid_dtd=True)
    except (DefusedXmlException, ParseError, ValueError) as error:
        raise PackageRefused(ErrorCode.QTI_INVALID_XML, name[:200]) from error


def _plain(element: Element, version: str) -> Element:
    """A copy of `element` without namespaces, every name as 2.1 spells it."""
    _namespace, local = _local(element.tag)
    three = version == V3_0
    plain = Element(from_v3(local, element=True) if three else local)
    for key, value in element.attrib.items():
        plain.set(from_v3(key, element=False) if three and "{" not in key else key, value)
    plain.text, plain.tail = element.text, element.tail
    for child in element:
        if isinstance(child.tag, str):
            plain.append(_plain(child, version))
    return plain


def _item_root(content: bytes, name: str) -> tuple[Element, str]:
    root = _parse(content, name)
    namespace, local = _local(root.tag)
    version = READ_NAMESPACES.get(namespace)
    if version is None or local not in ("assessmentItem", "qti-assessment-item"):
        raise PackageRefused(ErrorCode.QTI_NOT_QTI, name[:200])
    return _plain(root, version), version


# The words of the item


def _words(text: str) -> str:
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()


def _flat(text: str | None) -> str:
    """Text as XML holds it: its line breaks are layout, not words (only <br/> breaks)."""
    return WHITESPACE.sub(" ", text or "")


def _walk(element: Element, out: list[str]) -> None:
    tag = element.tag
    if tag in SKIPPED:
        out.append(_flat(element.tail))
        return
    if tag.endswith("Interaction"):
        if tag in INLINE_INTERACTIONS:
            out.append(BLANK)
        else:
            prompt = element.find("prompt")
            out.append("\n\n")
            if prompt is not None:
                _walk(prompt, out)
            out.append("\n\n")
        out.append(_flat(element.tail))
        return
    block = tag in BLOCKS
    out.append("\n\n" if block else "")
    out.append("\n" if tag == "br" else _flat(element.text))
    for child in element:
        _walk(child, out)
    out.append("\n\n" if block else "")
    out.append(_flat(element.tail))


def _text(element: Element) -> str:
    """The words of `element` as paragraphs, interactions and feedback left out."""
    out: list[str] = [_flat(element.text)]
    for child in element:
        _walk(child, out)
    blocks = [_words(block) for block in "".join(out).split("\n\n")]
    return "\n\n".join(block for block in blocks if block and block != BLANK)


def _inline(element: Element) -> str:
    return " ".join(_text(element).split())


# Answers


def _values(parent: Element | None) -> list[str]:
    if parent is None:
        return []
    return [(value.text or "").strip() for value in parent.findall("value")]


def _mapped(declaration: Element) -> tuple[list[str], bool]:
    """The keys a mapping scores above nothing, and whether it gives partial credit."""
    mapping = declaration.find("mapping")
    if mapping is None:
        return [], False
    scores: dict[str, float] = {}
    for entry in mapping.findall("mapEntry"):
        try:
            scores[(entry.get("mapKey") or "").strip()] = float(entry.get("mappedValue", "0"))
        except ValueError:
            continue
    positive = [key for key, score in scores.items() if score > 0 and key]
    partial = len(set(scores.values())) > 1 and len(positive) > 1
    return positive, partial


def _rules(item: Element, response: str) -> float:
    """The tolerance the response processing allows a number (0 for the templates); refuses
    rules of the item's own."""
    processing = item.find("responseProcessing")
    if processing is None:
        return 0.0
    template = processing.get("template") or processing.get("templateLocation") or ""
    if template:
        name = posixpath.basename(urlsplit(template).path).removesuffix(".xml")
        if name in TEMPLATE_NAMES and len(processing) == 0:
            return 0.0
        raise Refused("custom_response_processing", name[:80])
    tolerance = 0.0
    for rule in processing.iter():
        identifier = rule.get("identifier", response)
        if rule.tag not in PLAIN_RULES or identifier not in OUTCOMES | {response}:
            raise Refused("custom_response_processing", rule.tag[:80])
        if rule.tag == "setOutcomeValue" and identifier not in OUTCOMES:
            raise Refused("custom_response_processing", identifier[:80])
        if rule.tag == "equal":
            mode = rule.get("toleranceMode", "exact")
            if mode == "relative":
                raise Refused("custom_response_processing", "relative tolerance")
            if mode == "absolute":
                try:
                    tolerance = max(float(part) for part in rule.get("tolerance", "0").split())
                except ValueError as error:
                    raise Refused("custom_response_processing", "tolerance") from error
    return tolerance


def _choices(interaction: Element, tag: str) -> list[tuple[str, dict[str, Any]]]:
    found = []
    for choice in interaction.iter(tag):
        feedback = " ".join(_inline(inline) for inline in choice.iter("feedbackInline"))
        option = {"text": _inline(choice), "match": "", "correct": False, "feedback": feedback}
        found.append((choice.get("identifier", ""), option))
    return found


def _right(declaration: Element, notes: list[str]) -> list[str]:
    right = _values(declaration.find("correctResponse"))
    mapped, partial = _mapped(declaration)
    if partial:
        notes.append("partial_credit_dropped")
    right = right or mapped
    if not right:
        raise Refused("no_correct_response")
    return right


def _choice_question(interaction: Element, declaration: Element, question: Question) -> None:
    tag = "inlineChoice" if interaction.tag == "inlineChoiceInteraction" else "simpleChoice"
    choices = _choices(interaction, tag)
    right = set(_right(declaration, question.notes))
    for identifier, option in choices:
        option["correct"] = identifier in right
    question.options = [option for _identifier, option in choices]
    single = declaration.get("cardinality", "single") == "single"
    question.kind = "single" if single else "multiple"
    words = {option["text"].lower() for option in question.options}
    marked = "true-false" in (interaction.get("class") or "").split()
    if single and len(choices) == 2 and (marked or words == {"true", "false"}):
        question.kind = "true_false"


def _order_question(interaction: Element, declaration: Element, question: Question) -> None:
    choices = dict(_choices(interaction, "simpleChoice"))
    order = _values(declaration.find("correctResponse"))
    if not order:
        raise Refused("no_correct_response")
    if sorted(order) != sorted(choices):
        raise Refused("partial_order")
    question.kind = "ordering"
    question.options = [choices[identifier] for identifier in order]


def _match_question(interaction: Element, declaration: Element, question: Question) -> None:
    sets = interaction.findall("simpleMatchSet")
    if len(sets) != 2:
        raise Refused("unsupported_interaction", "matchInteraction")
    lefts, rights = (dict(_choices(one, "simpleAssociableChoice")) for one in sets)
    pairs: dict[str, str] = {}
    for pair in _right(declaration, question.notes):
        left, _space, right = pair.partition(" ")
        right = right.strip()
        if left not in lefts or right not in rights or left in pairs:
            raise Refused("custom_response_processing", pair[:80])
        pairs[left] = right
    if len(pairs) < len(lefts) or set(pairs.values()) != set(rights):
        question.notes.append("extra_choices_dropped")
    question.kind = "matching"
    question.options = [
        {**option, "match": rights[pairs[identifier]]["text"]}
        for identifier, option in lefts.items()
        if identifier in pairs
    ]


def _entry_question(declaration: Element, tolerance: float, question: Question) -> None:
    right = _right(declaration, question.notes)
    if declaration.get("baseType") in ("float", "integer"):
        try:
            value = float(right[0].replace(",", "."))
        except ValueError as error:
            raise Refused("no_correct_response") from error
        question.kind = "numeric"
        question.answer_key = {"value": value, "tolerance": tolerance}
        return
    question.kind = "short_text"
    question.answer_key = {"accepted": list(dict.fromkeys(right + _mapped(declaration)[0]))}


def _check_body(body: Element, media: MediaCheck | None) -> Element:
    interactions = [element for element in body.iter() if element.tag.endswith("Interaction")]
    if not interactions:
        raise Refused("no_interaction")
    if len(interactions) > 1:
        raise Refused("several_interactions", str(len(interactions)))
    for element in body.iter():
        if element.tag in ("math", "printedVariable"):
            raise Refused(
                "template_item" if element.tag == "printedVariable" else "unsupported_content",
                element.tag,
            )
        source = element.get(MEDIA_ELEMENTS.get(element.tag, ""), "")
        if element.tag in MEDIA_ELEMENTS and source:
            here = media is not None and media(source)
            raise Refused("media_not_supported" if here else "media_missing", source[:200])
    if interactions[0].tag not in SUPPORTED:
        raise Refused("unsupported_interaction", interactions[0].tag)
    return interactions[0]


def _points(item: Element) -> int:
    for outcome in item.findall("outcomeDeclaration"):
        if outcome.get("identifier") == "MAXSCORE":
            try:
                return min(99, max(1, round(float(_values(outcome.find("defaultValue"))[0]))))
            except (IndexError, ValueError):
                return 1
    return 1


def map_item(item: Element, *, identifier: str = "", media: MediaCheck | None = None) -> Question:
    """The Praxis question an assessmentItem (in 2.1's plain names) is; `Refused` otherwise."""
    question = Question(identifier=item.get("identifier") or identifier, kind="", stem="")
    if item.get("adaptive") == "true":
        raise Refused("adaptive_item")
    if item.find("templateDeclaration") is not None or item.find("templateProcessing") is not None:
        raise Refused("template_item")
    body = item.find("itemBody")
    if body is None:
        raise Refused("no_interaction")
    interaction = _check_body(body, media)
    response = interaction.get("responseIdentifier", "RESPONSE")
    declaration = next(
        (d for d in item.findall("responseDeclaration") if d.get("identifier") == response), None
    )
    if declaration is None:
        raise Refused("no_correct_response")
    tolerance = _rules(item, response)
    if interaction.tag in ("choiceInteraction", "inlineChoiceInteraction"):
        _choice_question(interaction, declaration, question)
    elif interaction.tag == "orderInteraction":
        _order_question(interaction, declaration, question)
    elif interaction.tag == "matchInteraction":
        _match_question(interaction, declaration, question)
    else:
        _entry_question(declaration, tolerance, question)
    question.title = item.get("title", "")
    question.stem = _text(body) or question.title
    question.points = _points(item)
    feedback = [_text(modal) for modal in item.findall("modalFeedback")]
    question.feedback = "\n\n".join(dict.fromkeys(text for text in feedback if text))
    return question


def _read_one(root: Element, name: str, media: MediaCheck | None) -> Question | Unmapped:
    try:
        return map_item(root, identifier=posixpath.basename(name), media=media)
    except Refused as refusal:
        identifier = root.get("identifier") or posixpath.basename(name)
        return Unmapped(identifier[:200], refusal.reason, refusal.detail)


def _metadata(resource: Element, question: Question) -> None:
    """Topic and difficulty from the resource's LOM metadata, where it has them."""
    for element in resource.iter():
        _namespace, local = _local(element.tag)
        if local == "keyword":
            words = [(part.text or "").strip() for part in element.iter() if part is not element]
            question.topic = question.topic or next((word for word in words if word), "")[:60]
        if local == "difficulty":
            values = [(part.text or "").strip().lower() for part in element.iter()]
            found = [DIFFICULTY_FROM_LOM[v] for v in values if v in DIFFICULTY_FROM_LOM]
            question.difficulty = found[0] if found else question.difficulty


def _media_in(archive: Archive, base: str) -> MediaCheck:
    def present(source: str) -> bool:
        if urlsplit(source).scheme:
            return False
        path = safe_name(posixpath.normpath(posixpath.join(base, unquote(source))))
        return path is not None and path in archive.files

    return present


def read_package(upload: IO[bytes]) -> Reading:
    """The items a QTI content package holds, in the order of its manifest."""
    archive = open_archive(upload, QTI_BANK)
    if "imsmanifest.xml" not in archive.files:
        raise PackageRefused(ErrorCode.QTI_NOT_QTI, "imsmanifest.xml")
    manifest = _parse(archive.read_manifest("imsmanifest.xml"), "imsmanifest.xml")
    resources = [
        element
        for element in manifest.iter()
        if _local(element.tag)[1] == "resource" and ITEM_RESOURCE.match(element.get("type", ""))
    ]
    if not resources:
        raise PackageRefused(ErrorCode.QTI_NO_ITEMS)
    if len(resources) > MAX_ITEMS:
        raise PackageRefused(ErrorCode.QTI_TOO_MANY_ITEMS, str(len(resources)))
    reading = Reading(version=V3_0 if "v3p0" in resources[0].get("type", "") else V2_1)
    budget = MAX_XML_BYTES
    for resource in resources:
        href = unquote(resource.get("href", ""))
        name = safe_name(href)
        identifier = resource.get("identifier", "") or href
        if name is None or name not in archive.files:
            reading.unmapped.append(Unmapped(identifier[:200], "item_missing", href[:200]))
            continue
        budget -= archive.files[name].file_size
        if budget < 0:
            raise PackageRefused(ErrorCode.PACKAGE_TOO_LARGE, name[:200])
        root, _version = _item_root(archive.read_manifest(name), name)
        found = _read_one(root, name, _media_in(archive, posixpath.dirname(name)))
        if isinstance(found, Question):
            _metadata(resource, found)
            reading.questions.append(found)
        else:
            reading.unmapped.append(found)
    return reading


def read_upload(upload: IO[bytes]) -> Reading:
    """A QTI package (zip) or one assessmentItem file, told apart by their first bytes; any
    other kind of file is refused saying what it is."""
    refuse_other_kinds(upload, QTI_BANK, xml=True)
    start = upload.read(4)
    upload.seek(0)
    if start in ZIP_SIGNATURES:
        return read_package(upload)
    limit = settings.PACKAGE_MAX_MANIFEST_BYTES
    content = upload.read(limit + 1)
    if len(content) > limit:
        raise PackageRefused(ErrorCode.QTI_ITEM_TOO_LARGE)
    root, version = _item_root(content, "item")
    reading = Reading(version=version)
    found = _read_one(root, "item", None)
    if isinstance(found, Question):
        reading.questions.append(found)
    else:
        reading.unmapped.append(found)
    return reading
