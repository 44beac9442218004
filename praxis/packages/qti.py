"""What QTI 2.1 and 3.0 question packages and Praxis's questions share: the neutral question
both the reader and the writer speak, the reasons an item is left out, and the names of things.

QTI 3.0 spells every element of 2.1 in kebab case with a `qti-` prefix (`choiceInteraction`
becomes `qti-choice-interaction`, `maxChoices` becomes `max-choices`); the reader turns 3.0
names back into 2.1's and the writer the other way, so the mapping is written once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

V2_1 = "2.1"
V3_0 = "3.0"
VERSIONS = (V2_1, V3_0)

ITEM_NAMESPACES = {
    V2_1: "http://www.imsglobal.org/xsd/imsqti_v2p1",
    V3_0: "http://www.imsglobal.org/xsd/imsqtiasi_v3p0",
}
# Items read as 2.1 (2.2 adds nothing a question of Praxis uses).
READ_NAMESPACES = {
    "http://www.imsglobal.org/xsd/imsqti_v2p0": V2_1,
    "http://www.imsglobal.org/xsd/imsqti_v2p1": V2_1,
    "http://www.imsglobal.org/xsd/imsqti_v2p2": V2_1,
    "http://www.imsglobal.org/xsd/imsqtiasi_v3p0": V3_0,
}
MANIFEST_NAMESPACES = {
    V2_1: "http://www.imsglobal.org/xsd/imscp_v1p1",
    V3_0: "http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1",
}
ITEM_RESOURCE = {V2_1: "imsqti_item_xmlv2p1", V3_0: "imsqti_item_xmlv3p0"}
TEST_RESOURCE = {V2_1: "imsqti_test_xmlv2p1", V3_0: "imsqti_test_xmlv3p0"}
TEMPLATES = {
    V2_1: "http://www.imsglobal.org/question/qti_v2p1/rptemplates/{name}",
    V3_0: "https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/{name}.xml",
}
LOM_NAMESPACE = "http://ltsc.ieee.org/xsd/LOM"
# LOM's educational difficulty for Praxis's three levels, and back (the five LOM values).
DIFFICULTY_TO_LOM = {1: "easy", 2: "medium", 3: "difficult"}
DIFFICULTY_FROM_LOM = {"very easy": 1, "easy": 1, "medium": 2, "difficult": 3, "very difficult": 3}
# Elements of the item body that are XHTML, not QTI: 3.0 keeps them unprefixed.
HTML_ELEMENTS = frozenset(
    [
        "a",
        "abbr",
        "acronym",
        "address",
        "b",
        "bdo",
        "big",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "col",
        "colgroup",
        "dd",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "kbd",
        "li",
        "ol",
        "p",
        "pre",
        "q",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "tt",
        "ul",
        "var",
        "audio",
        "video",
        "source",
        "track",
        "object",
        "param",
        "picture",
        "figure",
        "figcaption",
        "label",
        "ruby",
        "rt",
        "rp",
    ]
)
MEDIA_ELEMENTS = {"img": "src", "object": "data", "audio": "src", "video": "src", "source": "src"}

KINDS = ("single", "multiple", "true_false", "numeric", "short_text", "ordering", "matching")


@dataclass
class Question:
    """One question as Praxis keeps it: `options` are {"text", "match", "correct", "feedback"}
    in the author's order (for ordering, the right order); `answer_key` is {"value",
    "tolerance"} for numbers and {"accepted": [...]} for short text."""

    identifier: str
    kind: str
    stem: str
    title: str = ""
    feedback: str = ""
    points: int = 1
    topic: str = ""
    difficulty: int = 2
    options: list[dict[str, Any]] = field(default_factory=list)
    answer_key: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


REASONS: dict[str, Promise] = {
    "unsupported_interaction": _("Praxis has no question type for this interaction."),
    "several_interactions": _("The item asks several things at once; Praxis asks one."),
    "no_interaction": _("The item asks nothing (it has no interaction)."),
    "custom_response_processing": _(
        "The item marks answers with its own rules, beyond comparing them with the right answer."
    ),
    "no_correct_response": _("The item does not say which answer is right."),
    "partial_order": _("Only some of the choices are to be put in order."),
    "media_missing": _("The item shows a file the package does not hold."),
    "media_not_supported": _(
        "The item shows a picture, sound or video; Praxis questions are text."
    ),
    "unsupported_content": _("The item holds content Praxis cannot show (such as MathML)."),
    "template_item": _("The item draws its values at random (template variables)."),
    "adaptive_item": _("The item is adaptive (it changes as it is answered)."),
    "item_missing": _("The manifest names an item file the package does not hold."),
    "invalid_question": _("Once read, the question is not one Praxis accepts."),
}
NOTES: dict[str, Promise] = {
    "partial_credit_dropped": _("Partial credit became all or nothing."),
    "extra_choices_dropped": _("Right-hand choices that match nothing were left out."),
}


@dataclass
class Unmapped:
    """An item left out, with a stable reason (a key of REASONS) and what it concerns."""

    identifier: str
    reason: str
    detail: str = ""

    @property
    def message(self) -> str:
        text = str(REASONS[self.reason])
        return f"{text} ({self.detail})" if self.detail else text


@dataclass
class Reading:
    """What a package or item held: the questions read, and the items left out."""

    version: str
    title: str = ""
    questions: list[Question] = field(default_factory=list)
    unmapped: list[Unmapped] = field(default_factory=list)


def to_v3(name: str, *, element: bool) -> str:
    """A 2.1 element or attribute name as 3.0 spells it."""
    if element and name in HTML_ELEMENTS:
        return name
    kebab = "".join(f"-{c}" if c.isupper() and i else c for i, c in enumerate(name)).lower()
    return f"qti-{kebab}" if element else kebab


def from_v3(name: str, *, element: bool) -> str:
    """A 3.0 element or attribute name as 2.1 spells it."""
    if element:
        if not name.startswith("qti-"):
            return name
        name = name[4:]
    head, *rest = name.split("-")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)
