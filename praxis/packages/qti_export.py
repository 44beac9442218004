"""Writing questions as a QTI 2.1 or 3.0 content package: `imsmanifest.xml`, one
assessmentItem file per question and an assessmentTest that lists them in order.

Each question type has its interaction (see README, "QTI"); items are marked by the standard
response processing templates, except a number with a tolerance, which compares with `equal`
in absolute tolerance mode. Topic and difficulty go in the manifest's LOM metadata, points in
the item's MAXSCORE, feedback in modal and inline feedback.
"""

from __future__ import annotations

import io
import zipfile
from xml.etree.ElementTree import Element, SubElement, tostring

from praxis.packages.qti import (
    DIFFICULTY_TO_LOM,
    ITEM_NAMESPACES,
    ITEM_RESOURCE,
    LOM_NAMESPACE,
    MANIFEST_NAMESPACES,
    TEMPLATES,
    TEST_RESOURCE,
    V2_1,
    V3_0,
    Question,
    to_v3,
)

RESPONSE = "RESPONSE"
FEEDBACK = "FEEDBACK"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _value(parent: Element, text: str) -> None:
    SubElement(parent, "value").text = text


def _outcome(item: Element, identifier: str, base_type: str, default: str | None) -> None:
    cardinality = "multiple" if identifier == FEEDBACK else "single"
    outcome = SubElement(item, "outcomeDeclaration", identifier=identifier, cardinality=cardinality)
    outcome.set("baseType", base_type)
    if default is not None:
        _value(SubElement(outcome, "defaultValue"), default)


def _paragraphs(parent: Element, text: str) -> None:
    """Paragraphs at blank lines, a <br/> at each other line break."""
    for block in text.split("\n\n"):
        lines = [line.strip() for line in block.strip().split("\n")]
        if not lines[0]:
            continue
        paragraph = SubElement(parent, "p")
        paragraph.text = lines[0]
        for line in lines[1:]:
            SubElement(paragraph, "br").tail = line


def _feedback_inline(parent: Element, identifier: str, text: str) -> None:
    if text:
        inline = SubElement(parent, "feedbackInline", identifier=identifier, showHide="show")
        inline.set("outcomeIdentifier", FEEDBACK)
        inline.text = text


def _choices(interaction: Element, question: Question, tag: str) -> list[str]:
    identifiers = []
    for number, option in enumerate(question.options, start=1):
        identifier = f"C{number}"
        choice = SubElement(interaction, tag, identifier=identifier)
        choice.text = option["text"]
        _feedback_inline(choice, identifier, option.get("feedback", ""))
        identifiers.append(identifier)
    return identifiers


def _template(item: Element, version: str, name: str) -> None:
    SubElement(item, "responseProcessing", template=TEMPLATES[version].format(name=name))


def _within_tolerance(item: Element, tolerance: float) -> None:
    """SCORE is 1 when the number is within `tolerance` of the right one, 0 otherwise."""
    condition = SubElement(SubElement(item, "responseProcessing"), "responseCondition")
    branch = SubElement(condition, "responseIf")
    equal = SubElement(branch, "equal", toleranceMode="absolute")
    equal.set("tolerance", f"{_number(tolerance)} {_number(tolerance)}")
    SubElement(equal, "variable", identifier=RESPONSE)
    SubElement(equal, "correct", identifier=RESPONSE)
    for parent, score in ((branch, "1"), (SubElement(condition, "responseElse"), "0")):
        outcome = SubElement(parent, "setOutcomeValue", identifier="SCORE")
        SubElement(outcome, "baseValue", baseType="float").text = score


def _declare(item: Element, cardinality: str, base_type: str, correct: list[str]) -> Element:
    declaration = SubElement(item, "responseDeclaration", identifier=RESPONSE)
    declaration.set("cardinality", cardinality)
    declaration.set("baseType", base_type)
    values = SubElement(declaration, "correctResponse")
    for value in correct:
        _value(values, value)
    return declaration


def _interaction(parent: Element, tag: str, **attributes: str) -> Element:
    interaction = SubElement(parent, tag, responseIdentifier=RESPONSE)
    for name, value in attributes.items():
        interaction.set(name, value)
    return interaction


def item_element(question: Question, version: str) -> Element:
    """The assessmentItem for one question, in 2.1's names (see `_in_version` for 3.0)."""
    item = Element("assessmentItem", identifier=question.identifier)
    item.set("title", question.title or question.stem.split("\n")[0][:80])
    item.set("adaptive", "false")
    item.set("timeDependent", "false")
    kind = question.kind
    body = Element("itemBody")
    if kind in ("single", "true_false", "multiple"):
        many = kind == "multiple"
        interaction = _interaction(
            body, "choiceInteraction", shuffle="true", maxChoices="0" if many else "1"
        )
        if kind == "true_false":
            interaction.set("class", "true-false")
        identifiers = _choices(interaction, question, "simpleChoice")
        right = [i for i, o in zip(identifiers, question.options, strict=True) if o["correct"]]
        _declare(item, "multiple" if many else "single", "identifier", right)
        rules = "match_correct"
    elif kind == "ordering":
        interaction = _interaction(body, "orderInteraction", shuffle="true")
        identifiers = _choices(interaction, question, "simpleChoice")
        _declare(item, "ordered", "identifier", identifiers)
        rules = "match_correct"
    elif kind == "matching":
        count = str(len(question.options))
        interaction = _interaction(body, "matchInteraction", shuffle="true", maxAssociations=count)
        lefts = SubElement(interaction, "simpleMatchSet")
        rights = SubElement(interaction, "simpleMatchSet")
        right_ids: dict[str, str] = {}
        pairs = []
        for number, option in enumerate(question.options, start=1):
            left = SubElement(lefts, "simpleAssociableChoice", identifier=f"L{number}")
            left.set("matchMax", "1")
            left.text = option["text"]
            if option["match"] not in right_ids:
                right_ids[option["match"]] = f"R{len(right_ids) + 1}"
                target = SubElement(rights, "simpleAssociableChoice")
                target.set("identifier", right_ids[option["match"]])
                target.set("matchMax", "0")
                target.text = option["match"]
            pairs.append(f"L{number} {right_ids[option['match']]}")
        _declare(item, "multiple", "directedPair", pairs)
        rules = "match_correct"
    elif kind == "numeric":
        value, tolerance = question.answer_key["value"], question.answer_key.get("tolerance", 0)
        _declare(item, "single", "float", [_number(value)])
        _interaction(SubElement(body, "p"), "textEntryInteraction", expectedLength="10")
        rules = "tolerance" if tolerance else "match_correct"
    else:  # short text: any accepted text, whatever its case
        accepted = question.answer_key["accepted"]
        declaration = _declare(item, "single", "string", accepted[:1])
        mapping = SubElement(declaration, "mapping", defaultValue="0", lowerBound="0")
        mapping.set("upperBound", "1")
        for text in accepted:
            entry = SubElement(mapping, "mapEntry", mapKey=text, mappedValue="1")
            entry.set("caseSensitive", "false")
        width = str(max(10, *(len(text) for text in accepted)))
        _interaction(SubElement(body, "p"), "textEntryInteraction", expectedLength=width)
        rules = "map_response"
    _outcome(item, "SCORE", "float", "0")
    _outcome(item, "MAXSCORE", "float", str(question.points))
    if question.feedback or any(option.get("feedback") for option in question.options):
        _outcome(item, FEEDBACK, "identifier", None)
    # The stem comes before the interaction.
    stem = Element("div")
    _paragraphs(stem, question.stem)
    for position, paragraph in enumerate(stem):
        body.insert(position, paragraph)
    item.append(body)
    if rules == "tolerance":
        _within_tolerance(item, float(question.answer_key["tolerance"]))
    else:
        _template(item, version, rules)
    if question.feedback:
        modal = SubElement(item, "modalFeedback", identifier="GENERAL", showHide="show")
        modal.set("outcomeIdentifier", FEEDBACK)
        modal.text = question.feedback
    return _in_version(item, version)


def _in_version(element: Element, version: str, *, root: bool = True) -> Element:
    """`element` with every name as `version` spells it, in its namespace."""
    name = element.tag if version == V2_1 else to_v3(element.tag, element=True)
    renamed = Element(name)
    if root:
        renamed.set("xmlns", ITEM_NAMESPACES[version])
    for key, value in element.attrib.items():
        renamed.set(key if version == V2_1 else to_v3(key, element=False), value)
    renamed.text, renamed.tail = element.text, element.tail
    for child in element:
        renamed.append(_in_version(child, version, root=False))
    return renamed


def _xml(element: Element) -> bytes:
    written: bytes = tostring(element, encoding="utf-8", xml_declaration=True)
    return written


def test_element(identifier: str, title: str, items: list[str], version: str) -> Element:
    test = Element("assessmentTest", identifier=identifier, title=title)
    part = SubElement(test, "testPart", identifier="part-1", navigationMode="nonlinear")
    part.set("submissionMode", "simultaneous")
    section = SubElement(part, "assessmentSection", identifier="section-1", title=title)
    section.set("visible", "true")
    for item in items:
        SubElement(section, "assessmentItemRef", identifier=item, href=f"items/{item}.xml")
    return _in_version(test, version)


def _lom(resource: Element, question: Question) -> None:
    metadata = SubElement(resource, "metadata")
    lom = SubElement(metadata, "lom:lom")
    if question.topic:
        general = SubElement(lom, "lom:general")
        keyword = SubElement(general, "lom:keyword")
        SubElement(keyword, "lom:string").text = question.topic
    difficulty = SubElement(SubElement(lom, "lom:educational"), "lom:difficulty")
    SubElement(difficulty, "lom:source").text = "LOMv1.0"
    SubElement(difficulty, "lom:value").text = DIFFICULTY_TO_LOM.get(question.difficulty, "medium")


def manifest_element(identifier: str, questions: list[Question], version: str) -> Element:
    manifest = Element("manifest", identifier=identifier)
    manifest.set("xmlns", MANIFEST_NAMESPACES[version])
    manifest.set("xmlns:lom", LOM_NAMESPACE)
    SubElement(manifest, "organizations")
    resources = SubElement(manifest, "resources")
    test_href = "assessment-test.xml"
    test = SubElement(
        resources,
        "resource",
        identifier="assessment-test",
        type=TEST_RESOURCE[version],
        href=test_href,
    )
    SubElement(test, "file", href=test_href)
    for question in questions:
        SubElement(test, "dependency", identifierref=question.identifier)
    for question in questions:
        href = f"items/{question.identifier}.xml"
        resource = SubElement(
            resources,
            "resource",
            identifier=question.identifier,
            type=ITEM_RESOURCE[version],
            href=href,
        )
        _lom(resource, question)
        SubElement(resource, "file", href=href)
    return manifest


def write_package(identifier: str, title: str, questions: list[Question], version: str) -> bytes:
    """The zip of a QTI `version` ("2.1" or "3.0") package holding `questions` in order."""
    if version not in (V2_1, V3_0):
        raise ValueError(version)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", _xml(manifest_element(identifier, questions, version)))
        names = [question.identifier for question in questions]
        archive.writestr(
            "assessment-test.xml", _xml(test_element(identifier, title, names, version))
        )
        for question in questions:
            archive.writestr(
                f"items/{question.identifier}.xml", _xml(item_element(question, version))
            )
    return buffer.getvalue()
