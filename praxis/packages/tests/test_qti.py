"""Reading QTI items and packages as Praxis questions, writing them back, and refusing what is
unsafe or malformed."""

import io

import pytest
from django.test import override_settings

from praxis.packages import qti_import
from praxis.packages.errors import PackageRefused
from praxis.packages.qti import Question, Unmapped
from praxis.packages.qti_export import write_package
from praxis.packages.qti_import import read_upload
from praxis.packages.tests import qti_items
from praxis.packages.tests.crafting import zip_of


def _read(content: bytes | str) -> tuple[list[Question], list[Unmapped]]:
    data = content.encode() if isinstance(content, str) else content
    reading = read_upload(io.BytesIO(data))
    return reading.questions, reading.unmapped


def _refusal(content: bytes | str) -> str:
    data = content.encode() if isinstance(content, str) else content
    with pytest.raises(PackageRefused) as refused:
        read_upload(io.BytesIO(data))
    return str(refused.value.code)


def test_items_written_as_other_systems_write_them_become_praxis_questions() -> None:
    questions, unmapped = _read(qti_items.moodle_bank())
    choice, text, match, order = questions
    assert (choice.identifier, choice.kind) == ("moodle-choice-12", "single")
    assert choice.stem == "When must you clean your hands?\n\nChoose one."
    assert [(o["text"], o["correct"]) for o in choice.options] == [
        ("After the ward round only", False),
        ("Before touching a patient", True),
        ("Once a day", False),
    ]
    assert choice.feedback == "The first of the five moments."
    assert (text.kind, text.points) == ("short_text", 2)
    assert text.answer_key == {"accepted": ["oxytocin", "Syntocinon"]}
    assert text.stem == "The first-line drug for postpartum haemorrhage is ____."
    assert match.kind == "matching"
    assert [(o["text"], o["match"]) for o in match.options] == [
        ("ORS", "Dehydration"),
        ("Zinc", "Ten days"),
    ]
    assert match.notes == ["extra_choices_dropped"]
    assert order.kind == "ordering"
    assert [o["text"] for o in order.options] == ["Wet the hands", "Apply soap", "Rinse"]
    assert [(item.identifier, item.reason) for item in unmapped] == [
        ("essay-1", "unsupported_interaction"),
        ("custom-1", "custom_response_processing"),
    ]
    assert "no question type" in unmapped[0].message


def test_a_single_qti_3_item_is_read_with_its_kebab_case_names() -> None:
    questions, unmapped = _read(qti_items.CHOICE_30)
    assert unmapped == []
    (question,) = questions
    assert question.kind == "multiple"
    assert [o["correct"] for o in question.options] == [True, False, True]
    assert question.stem == "Which are signs of severe malaria?"


@pytest.mark.parametrize("version", ["2.1", "3.0"])
def test_every_question_type_survives_a_round_trip(version: str) -> None:
    sent = [
        Question(
            "q-single",
            "single",
            "What comes first?\n\nThink of the ward.",
            feedback="Moment one.",
            points=3,
            topic="hygiene",
            difficulty=1,
            options=[
                {"text": "Clean hands", "match": "", "correct": True, "feedback": "Yes."},
                {"text": "Gloves", "match": "", "correct": False, "feedback": ""},
            ],
        ),
        Question(
            "q-tf",
            "true_false",
            "Gel kills spores.",
            options=[
                {"text": "Vrai", "match": "", "correct": False, "feedback": ""},
                {"text": "Faux", "match": "", "correct": True, "feedback": ""},
            ],
        ),
        Question("q-num", "numeric", "Fever from?", answer_key={"value": 37.5, "tolerance": 0.5}),
        Question("q-exact", "numeric", "Moments?", answer_key={"value": 5.0, "tolerance": 0.0}),
        Question("q-text", "short_text", "Drug?", answer_key={"accepted": ["oxytocin", "Pit"]}),
        Question(
            "q-match",
            "matching",
            "Match.",
            difficulty=3,
            options=[
                {"text": "ORS", "match": "Diarrhoea", "correct": False, "feedback": ""},
                {"text": "Zinc", "match": "Diarrhoea", "correct": False, "feedback": ""},
                {"text": "ACT", "match": "Malaria", "correct": False, "feedback": ""},
            ],
        ),
    ]
    sent.append(
        Question(
            "q-multi",
            "multiple",
            "Which?",
            options=[dict(o, correct=True) for o in sent[0].options],
        )
    )
    steps = [{"text": step, "match": "", "correct": False, "feedback": ""} for step in "ABC"]
    sent.append(Question("q-order", "ordering", "Order.", options=steps))
    package = write_package("quiz-1", "Quiz", sent, version)
    reading = read_upload(io.BytesIO(package))
    assert reading.version == version
    assert reading.unmapped == []
    fields = ("identifier", "kind", "stem", "feedback", "points", "topic", "difficulty")
    for before, after in zip(sent, reading.questions, strict=True):
        assert [getattr(after, name) for name in fields] == [
            getattr(before, name) for name in fields
        ]
        assert after.options == before.options
        assert after.answer_key == before.answer_key


def test_pictures_are_reported_missing_or_not_supported() -> None:
    missing = qti_items.package({"items/picture.xml": qti_items.PICTURE})
    held = qti_items.package(
        {"items/picture.xml": qti_items.PICTURE}, {"items/images/moments.png": b"\x89PNG"}
    )
    assert [(u.identifier, u.reason) for u in _read(missing)[1]] == [("picture-1", "media_missing")]
    assert [u.reason for u in _read(held)[1]] == ["media_not_supported"]


def test_an_item_the_manifest_names_but_the_package_lacks_is_reported() -> None:
    content = qti_items.package({"items/choice.xml": qti_items.CHOICE})
    broken = zip_of(
        {
            "imsmanifest.xml": qti_items.MANIFEST.format(
                resources='<resource identifier="gone" type="imsqti_item_xmlv2p1" '
                'href="items/gone.xml"/><resource identifier="here" '
                'type="imsqti_item_xmlv2p1" href="items/choice.xml"/>'
            ),
            "items/choice.xml": qti_items.CHOICE,
        }
    )
    assert len(_read(content)[0]) == 1
    questions, unmapped = _read(broken)
    assert [q.identifier for q in questions] == ["moodle-choice-12"]
    assert [(u.identifier, u.reason) for u in unmapped] == [("gone", "item_missing")]


XXE = """<?xml version="1.0"?>
<!DOCTYPE assessmentItem [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="x">&secret;
</assessmentItem>"""
LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="x">&lol2;
</assessmentItem>"""


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (XXE, "qti_invalid_xml"),
        (LAUGHS, "qti_invalid_xml"),
        ("<assessmentItem><itemBody>", "qti_invalid_xml"),
        ("just some words", "file_type_not_allowed"),
        ('<html xmlns="http://www.w3.org/1999/xhtml"/>', "file_type_not_allowed"),
        ('<feed xmlns="http://www.w3.org/2005/Atom"/>', "qti_not_qti"),
        (b"PK\x03\x04 not really a zip", "package_not_a_zip"),
        (zip_of({"readme.txt": "hello"}), "qti_not_qti"),
        (qti_items.package({}), "qti_no_items"),
        (zip_of({"imsmanifest.xml": "<manifest>"}), "qti_invalid_xml"),
        (zip_of({"imsmanifest.xml": "<m/>", "../escape.xml": "x"}), "package_unsafe_path"),
        (qti_items.package({"items/a.xml": XXE}), "qti_invalid_xml"),
    ],
)
def test_unsafe_or_malformed_input_is_refused_with_its_code(
    content: bytes | str, code: str
) -> None:
    assert _refusal(content) == code


def test_a_package_whose_items_hold_too_much_xml_together_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(qti_import, "MAX_XML_BYTES", 3 * len(qti_items.CHOICE))
    items = {f"{n}.xml": qti_items.CHOICE for n in range(3)}
    assert len(_read(qti_items.package(items))[0]) == 3
    items["3.xml"] = qti_items.CHOICE
    assert _refusal(qti_items.package(items)) == "package_too_large"


@override_settings(PACKAGE_MAX_MANIFEST_BYTES=1000)
def test_an_item_file_past_the_size_limit_is_refused() -> None:
    assert _refusal(qti_items.CHOICE) == "qti_item_too_large"
    assert _refusal(qti_items.package({"items/c.xml": qti_items.CHOICE})) == (
        "package_manifest_too_large"
    )


def _item(body: str, declaration: str = "", processing: str = "") -> str:
    return (
        f'<assessmentItem xmlns="{qti_items.QTI_21}" identifier="it" title="t" '
        f'adaptive="false" timeDependent="false">{declaration}'
        f"<itemBody>{body}</itemBody>{processing}</assessmentItem>"
    )


SINGLE_RIGHT = (
    '<responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">'
    "<correctResponse><value>b</value></correctResponse></responseDeclaration>"
)
NUMBER = (
    '<responseDeclaration identifier="RESPONSE" cardinality="single" baseType="float">'
    "<correctResponse><value>4,5</value></correctResponse></responseDeclaration>"
)
WITHIN_A_TENTH = (
    "<responseProcessing><responseCondition><responseIf>"
    '<equal toleranceMode="absolute" tolerance="0.1 0.1"><variable identifier="RESPONSE"/>'
    '<correct identifier="RESPONSE"/></equal><setOutcomeValue identifier="SCORE">'
    '<baseValue baseType="float">1</baseValue></setOutcomeValue></responseIf>'
    "</responseCondition></responseProcessing>"
)


def test_inline_choices_numbers_and_true_or_false_are_recognised() -> None:
    inline = _item(
        '<p>Give <inlineChoiceInteraction responseIdentifier="RESPONSE">'
        '<inlineChoice identifier="a">ten</inlineChoice>'
        '<inlineChoice identifier="b">five</inlineChoice></inlineChoiceInteraction> moments.</p>',
        SINGLE_RIGHT,
    )
    (question,), _none = _read(inline)
    assert (question.kind, question.stem) == ("single", "Give ____ moments.")
    assert [o["correct"] for o in question.options] == [False, True]
    number = _item(
        '<p>Dose in mg? <textEntryInteraction responseIdentifier="RESPONSE"/></p>',
        NUMBER,
        WITHIN_A_TENTH,
    )
    (question,), _none = _read(number)
    assert (question.kind, question.answer_key) == ("numeric", {"value": 4.5, "tolerance": 0.1})
    true_false = _item(
        '<choiceInteraction responseIdentifier="RESPONSE" maxChoices="1"><prompt>Gel kills '
        'spores.</prompt><simpleChoice identifier="a">True</simpleChoice>'
        '<simpleChoice identifier="b">False</simpleChoice></choiceInteraction>',
        SINGLE_RIGHT,
    )
    assert _read(true_false)[0][0].kind == "true_false"


CHOICE_BODY = (
    '<choiceInteraction responseIdentifier="RESPONSE" maxChoices="1">'
    '<simpleChoice identifier="a">A</simpleChoice><simpleChoice identifier="b">B</simpleChoice>'
    "</choiceInteraction>"
)


@pytest.mark.parametrize(
    ("item", "reason"),
    [
        (_item(CHOICE_BODY + CHOICE_BODY, SINGLE_RIGHT), "several_interactions"),
        (_item("<p>Nothing to answer.</p>", SINGLE_RIGHT), "no_interaction"),
        (
            _item(CHOICE_BODY, SINGLE_RIGHT).replace('adaptive="false"', 'adaptive="true"'),
            "adaptive_item",
        ),
        (_item(CHOICE_BODY), "no_correct_response"),
        (
            _item(
                '<p><math xmlns="http://www.w3.org/1998/Math/MathML"><mi>x</mi></math></p>'
                + CHOICE_BODY,
                SINGLE_RIGHT,
            ),
            "unsupported_content",
        ),
        (
            _item(
                CHOICE_BODY,
                '<templateDeclaration identifier="T" cardinality="single" baseType="integer"/>'
                + SINGLE_RIGHT,
            ),
            "template_item",
        ),
        (
            _item(
                '<orderInteraction responseIdentifier="RESPONSE"><simpleChoice identifier="a">A'
                '</simpleChoice><simpleChoice identifier="b">B</simpleChoice></orderInteraction>',
                SINGLE_RIGHT.replace('cardinality="single"', 'cardinality="ordered"'),
            ),
            "partial_order",
        ),
        (
            _item(
                CHOICE_BODY,
                SINGLE_RIGHT,
                '<responseProcessing template="https://example.org/rp/my_own_rules"/>',
            ),
            "custom_response_processing",
        ),
    ],
)
def test_items_praxis_cannot_ask_are_reported_with_their_reason(item: str, reason: str) -> None:
    questions, unmapped = _read(item)
    assert questions == []
    assert [(u.identifier, u.reason) for u in unmapped] == [("it", reason)]
