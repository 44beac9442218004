"""Common Cartridge assessments: the CC profile of QTI 1.2 (`questestinterop`), read as Praxis
questions and written from them.

The profile names each item's kind in its `cc_profile` metadata: multiple choice, multiple
response, true/false, fill in the blank (fib), pattern match and essay. Praxis has the first
four (a blank is a short-text question); the others are left out with their reason. Answers are
read from the response conditions that set a positive SCORE: for a choice the `varequal` it
tests (under `not`, a choice that must stay unchosen), for a blank every accepted text.
"""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element, SubElement, tostring

from praxis.packages.markdown_from_html import to_text
from praxis.packages.qti import Question, Unmapped

QTI_NAMESPACE = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
PROFILES = {
    "single": "cc.multiple_choice.v0p1",
    "multiple": "cc.multiple_response.v0p1",
    "true_false": "cc.true_false.v0p1",
    "short_text": "cc.fib.v0p1",
    "numeric": "cc.fib.v0p1",
}
KIND_OF_PROFILE = {
    "cc.multiple_choice.v0p1": "single",
    "cc.multiple_response.v0p1": "multiple",
    "cc.true_false.v0p1": "true_false",
    "cc.fib.v0p1": "short_text",
}
# Kinds the profile has no item for: exported nowhere, said so in the README.
NOT_EXPORTED = {"ordering", "matching"}
RESPONSE = "response1"


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _all(element: Element, name: str) -> list[Element]:
    return [found for found in element.iter() if _local(found.tag) == name]


def _first(element: Element | None, name: str) -> Element | None:
    if element is None:
        return None
    found = _all(element, name)
    return found[0] if found else None


def _metadata(element: Element) -> dict[str, str]:
    fields: dict[str, str] = {}
    for entry in _all(element, "qtimetadatafield"):
        label = _first(entry, "fieldlabel")
        value = _first(entry, "fieldentry")
        if label is not None:
            fields[(label.text or "").strip()] = (
                (value.text or "").strip() if value is not None else ""
            )
    return fields


def _material_text(material: Element | None) -> tuple[str, bool]:
    """The Markdown of a material's text, and whether it shows a picture or other media."""
    if material is None:
        return "", False
    parts: list[str] = []
    media = False
    for text in _all(material, "mattext"):
        content = text.text or ""
        if "html" in text.get("texttype", "").lower():
            media = media or any(tag in content.lower() for tag in ("<img", "<object", "<video"))
            parts.append(to_text(content))
        else:
            parts.append(content.strip())
    media = media or any(_local(e.tag) in {"matimage", "mataudio", "matvideo"} for e in material)
    return "\n\n".join(part for part in parts if part), media


def _score(condition: Element) -> float:
    total = 0.0
    for setvar in _all(condition, "setvar"):
        if setvar.get("varname", "SCORE").upper() != "SCORE":
            continue
        try:
            value = float((setvar.text or "0").strip())
        except ValueError:
            continue
        total = value if setvar.get("action", "Set") == "Set" else total + value
    return total


def _right_answers(item: Element) -> tuple[list[str], list[Element]]:
    """The values a positive-scoring condition requires, and those conditions."""
    values: list[str] = []
    conditions = [c for c in _all(item, "respcondition") if _score(c) > 0]
    for condition in conditions:
        test = _first(condition, "conditionvar")
        if test is None:
            continue
        negated = {id(e) for n in _all(test, "not") for e in _all(n, "varequal")}
        for equal in _all(test, "varequal"):
            if id(equal) not in negated and (equal.text or "").strip() not in values:
                values.append((equal.text or "").strip())
    return values, conditions


def _feedback(item: Element) -> tuple[str, dict[str, str]]:
    """The item's general feedback, and feedback shown for one choice, by the choice."""
    texts = {
        one.get("ident", ""): _material_text(_first(one, "material"))[0]
        for one in _all(item, "itemfeedback")
    }
    per_choice: dict[str, str] = {}
    shown: set[str] = set()
    for condition in _all(item, "respcondition"):
        links = [d.get("linkrefid", "") for d in _all(condition, "displayfeedback")]
        equals = _all(condition, "varequal")
        if len(equals) == 1 and not _all(condition, "not") and not _all(condition, "and"):
            for link in links:
                if link in texts and link not in {
                    "general_fb",
                    "correct_fb",
                    "general_incorrect_fb",
                }:
                    per_choice[(equals[0].text or "").strip()] = texts[link]
                    shown.add(link)
    general = [text for ident, text in texts.items() if ident not in shown and text]
    return "\n\n".join(general[:1]), per_choice


def _kind(item: Element, profile: str) -> str | None:
    if profile in KIND_OF_PROFILE:
        return KIND_OF_PROFILE[profile]
    if profile:
        return None
    choice = _first(item, "response_lid")
    if choice is not None:
        return "multiple" if choice.get("rcardinality", "") == "Multiple" else "single"
    return "short_text" if _first(item, "response_str") is not None else None


def _points(fields: dict[str, str]) -> int:
    try:
        weight = round(float(fields.get("cc_weighting", "1")))
    except ValueError:
        return 1
    return min(max(weight, 1), 99)


def read_item(item: Element) -> Question | Unmapped:
    """One `item` as a Praxis question, or why it cannot be one."""
    identifier = item.get("ident", "")[:200] or "item"
    found = _first(item, "itemmetadata")
    fields = _metadata(found) if found is not None else {}
    profile = fields.get("cc_profile", "")
    kind = _kind(item, profile)
    if kind is None:
        return Unmapped(identifier, "unsupported_interaction", profile or "")
    presentation = _first(item, "presentation")
    stem, media = _material_text(_first(presentation, "material"))
    if media:
        return Unmapped(identifier, "media_not_supported")
    right, _conditions = _right_answers(item)
    if not right:
        return Unmapped(identifier, "no_correct_response")
    feedback, per_choice = _feedback(item)
    question = Question(
        identifier=identifier,
        kind=kind,
        stem=stem,
        title=item.get("title", "")[:200],
        feedback=feedback,
        points=_points(fields),
    )
    if kind == "short_text":
        question.answer_key = {"accepted": right}
        return question
    for label in _all(presentation if presentation is not None else item, "response_label"):
        text, shows_media = _material_text(_first(label, "material"))
        if shows_media:
            return Unmapped(identifier, "media_not_supported")
        ident = label.get("ident", "")
        question.options.append(
            {
                "text": text,
                "match": "",
                "correct": ident in right,
                "feedback": per_choice.get(ident, ""),
            }
        )
    if kind == "single" and len(question.options) == 2:
        texts = sorted(str(o["text"]).strip().lower() for o in question.options)
        if texts == ["false", "true"]:
            question.kind = "true_false"
    return question


def read_assessment(root: Element) -> tuple[str, list[Question | Unmapped]]:
    """The assessment's title and each of its items, read in order."""
    assessment = _first(root, "assessment") if _local(root.tag) != "assessment" else root
    if assessment is None:
        return "", []
    return assessment.get("title", ""), [read_item(item) for item in _all(assessment, "item")]


# Writing


def _field(parent: Element, label: str, value: str) -> None:
    entry = SubElement(parent, "qtimetadatafield")
    SubElement(entry, "fieldlabel").text = label
    SubElement(entry, "fieldentry").text = value


def _material(parent: Element, text: str) -> None:
    SubElement(SubElement(parent, "material"), "mattext", texttype="text/plain").text = text


def _condition(processing: Element, values: list[str], *, negated: list[str] | None = None) -> None:
    condition = SubElement(processing, "respcondition", {"continue": "No"})
    test = SubElement(condition, "conditionvar")
    target = SubElement(test, "and") if negated is not None else test
    for value in values:
        SubElement(target, "varequal", respident=RESPONSE, case="No").text = value
    for value in negated or []:
        SubElement(SubElement(target, "not"), "varequal", respident=RESPONSE).text = value
    SubElement(condition, "setvar", action="Set", varname="SCORE").text = "100"


def write_item(question: Question) -> Element:
    """A question as an item of the CC QTI profile (its kind must not be in NOT_EXPORTED)."""
    item = Element("item", ident=question.identifier, title=question.title or question.stem[:80])
    metadata = SubElement(SubElement(item, "itemmetadata"), "qtimetadata")
    _field(metadata, "cc_profile", PROFILES[question.kind])
    _field(metadata, "cc_weighting", str(question.points))
    presentation = SubElement(item, "presentation")
    _material(presentation, question.stem)
    processing = SubElement(item, "resprocessing")
    outcomes = SubElement(processing, "outcomes")
    SubElement(outcomes, "decvar", varname="SCORE", vartype="Decimal", minvalue="0", maxvalue="100")
    if question.kind in {"short_text", "numeric"}:
        response = SubElement(presentation, "response_str", ident=RESPONSE, rcardinality="Single")
        SubElement(SubElement(response, "render_fib"), "response_label", ident="answer1")
        accepted = question.answer_key.get("accepted") or [_number(question.answer_key)]
        for text in accepted:
            _condition(processing, [str(text)])
    else:
        multiple = question.kind == "multiple"
        response = SubElement(
            presentation,
            "response_lid",
            ident=RESPONSE,
            rcardinality="Multiple" if multiple else "Single",
        )
        choices = SubElement(response, "render_choice")
        idents = [f"choice-{n}" for n in range(1, len(question.options) + 1)]
        for ident, option in zip(idents, question.options, strict=True):
            _material(SubElement(choices, "response_label", ident=ident), str(option["text"]))
        right = [i for i, o in zip(idents, question.options, strict=True) if o.get("correct")]
        wrong = [i for i in idents if i not in right]
        _condition(processing, right, negated=wrong if multiple else None)
    if question.feedback:
        link = SubElement(processing, "respcondition", {"continue": "Yes"})
        SubElement(SubElement(link, "conditionvar"), "other")
        SubElement(link, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")
        feedback = SubElement(item, "itemfeedback", ident="general_fb")
        _material(SubElement(feedback, "flow_mat"), question.feedback)
    return item


def _number(answer_key: dict[str, Any]) -> str:
    value = float(answer_key.get("value", 0))
    return str(int(value)) if value.is_integer() else str(value)


def write_assessment(identifier: str, title: str, questions: list[Question]) -> bytes:
    """A `questestinterop` document holding one assessment of `questions`."""
    root = Element("questestinterop", xmlns=QTI_NAMESPACE)
    assessment = SubElement(root, "assessment", ident=identifier, title=title)
    metadata = SubElement(assessment, "qtimetadata")
    _field(metadata, "cc_profile", "cc.exam.v0p1")
    _field(metadata, "qmd_assessmenttype", "Examination")
    section = SubElement(assessment, "section", ident=f"{identifier}-section")
    for question in questions:
        section.append(write_item(question))
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="unicode").encode()
