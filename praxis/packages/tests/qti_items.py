"""QTI items written by hand as other assessment systems write them, for the import tests."""

from __future__ import annotations

from praxis.packages.tests.crafting import zip_of

QTI_21 = "http://www.imsglobal.org/xsd/imsqti_v2p1"
TEMPLATE_21 = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/"

CHOICE = f"""<?xml version="1.0" encoding="UTF-8"?>
<assessmentItem xmlns="{QTI_21}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    identifier="moodle-choice-12" title="Hand hygiene moment" adaptive="false"
    timeDependent="false">
  <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">
    <correctResponse><value>choice_2</value></correctResponse>
  </responseDeclaration>
  <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float">
    <defaultValue><value>0</value></defaultValue>
  </outcomeDeclaration>
  <itemBody>
    <div class="question">
      <p>When must you clean your hands?</p>
    </div>
    <choiceInteraction responseIdentifier="RESPONSE" shuffle="true" maxChoices="1">
      <prompt>Choose one.</prompt>
      <simpleChoice identifier="choice_1">After the ward round only</simpleChoice>
      <simpleChoice identifier="choice_2">Before touching a <em>patient</em></simpleChoice>
      <simpleChoice identifier="choice_3">Once a day</simpleChoice>
    </choiceInteraction>
  </itemBody>
  <responseProcessing template="{TEMPLATE_21}match_correct"/>
  <modalFeedback outcomeIdentifier="FEEDBACK" identifier="general" showHide="show">
    <p>The first of the five moments.</p>
  </modalFeedback>
</assessmentItem>
"""

TEXT_ENTRY = f"""<?xml version="1.0" encoding="UTF-8"?>
<assessmentItem xmlns="{QTI_21}" identifier="tao-text-7" title="Uterotonic"
    adaptive="false" timeDependent="false">
  <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="string">
    <correctResponse><value>oxytocin</value></correctResponse>
    <mapping defaultValue="0">
      <mapEntry mapKey="oxytocin" mappedValue="1" caseSensitive="false"/>
      <mapEntry mapKey="Syntocinon" mappedValue="1" caseSensitive="false"/>
    </mapping>
  </responseDeclaration>
  <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"/>
  <outcomeDeclaration identifier="MAXSCORE" cardinality="single" baseType="float">
    <defaultValue><value>2</value></defaultValue>
  </outcomeDeclaration>
  <itemBody>
    <p>The first-line drug for postpartum haemorrhage is
      <textEntryInteraction responseIdentifier="RESPONSE" expectedLength="15"/>.</p>
  </itemBody>
  <responseProcessing template="{TEMPLATE_21}map_response"/>
</assessmentItem>
"""

MATCH = f"""<?xml version="1.0" encoding="UTF-8"?>
<assessmentItem xmlns="{QTI_21}" identifier="match-ors" title="Treatments"
    adaptive="false" timeDependent="false">
  <responseDeclaration identifier="RESPONSE" cardinality="multiple" baseType="directedPair">
    <correctResponse><value>ors diarrhoea</value><value>zinc days</value></correctResponse>
  </responseDeclaration>
  <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"/>
  <itemBody>
    <matchInteraction responseIdentifier="RESPONSE" shuffle="true" maxAssociations="2">
      <prompt>Match each treatment with its use.</prompt>
      <simpleMatchSet>
        <simpleAssociableChoice identifier="ors" matchMax="1">ORS</simpleAssociableChoice>
        <simpleAssociableChoice identifier="zinc" matchMax="1">Zinc</simpleAssociableChoice>
      </simpleMatchSet>
      <simpleMatchSet>
        <simpleAssociableChoice identifier="diarrhoea" matchMax="1"
          >Dehydration</simpleAssociableChoice>
        <simpleAssociableChoice identifier="days" matchMax="1">Ten days</simpleAssociableChoice>
        <simpleAssociableChoice identifier="never" matchMax="1">Fever</simpleAssociableChoice>
      </simpleMatchSet>
    </matchInteraction>
  </itemBody>
  <responseProcessing template="{TEMPLATE_21}match_correct"/>
</assessmentItem>
"""

ORDER = f"""<?xml version="1.0" encoding="UTF-8"?>
<assessmentItem xmlns="{QTI_21}" identifier="order-wash" title="Hand washing"
    adaptive="false" timeDependent="false">
  <responseDeclaration identifier="RESPONSE" cardinality="ordered" baseType="identifier">
    <correctResponse><value>wet</value><value>soap</value><value>rinse</value></correctResponse>
  </responseDeclaration>
  <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"/>
  <itemBody>
    <orderInteraction responseIdentifier="RESPONSE" shuffle="true">
      <prompt>Put the steps in order.</prompt>
      <simpleChoice identifier="rinse">Rinse</simpleChoice>
      <simpleChoice identifier="wet">Wet the hands</simpleChoice>
      <simpleChoice identifier="soap">Apply soap</simpleChoice>
    </orderInteraction>
  </itemBody>
  <responseProcessing>
    <responseCondition>
      <responseIf>
        <match><variable identifier="RESPONSE"/><correct identifier="RESPONSE"/></match>
        <setOutcomeValue identifier="SCORE"
          ><baseValue baseType="float">1</baseValue></setOutcomeValue>
      </responseIf>
      <responseElse>
        <setOutcomeValue identifier="SCORE"
          ><baseValue baseType="float">0</baseValue></setOutcomeValue>
      </responseElse>
    </responseCondition>
  </responseProcessing>
</assessmentItem>
"""

ESSAY = f"""<?xml version="1.0" encoding="UTF-8"?>
<assessmentItem xmlns="{QTI_21}" identifier="essay-1" title="Reflect"
    adaptive="false" timeDependent="false">
  <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="string"/>
  <itemBody><extendedTextInteraction responseIdentifier="RESPONSE">
    <prompt>Describe a case.</prompt></extendedTextInteraction></itemBody>
</assessmentItem>
"""

CUSTOM_RULES = CHOICE.replace('identifier="moodle-choice-12"', 'identifier="custom-1"').replace(
    f'<responseProcessing template="{TEMPLATE_21}match_correct"/>',
    """<responseProcessing><responseCondition><responseIf>
      <gte><variable identifier="DURATION"/><baseValue baseType="float">30</baseValue></gte>
      <setOutcomeValue identifier="SCORE"
        ><baseValue baseType="float">0</baseValue></setOutcomeValue>
    </responseIf></responseCondition></responseProcessing>""",
)

PICTURE = CHOICE.replace('identifier="moodle-choice-12"', 'identifier="picture-1"').replace(
    "<p>When must you clean your hands?</p>",
    '<p>When must you clean your hands?</p><img src="images/moments.png" alt="Five moments"/>',
)

CHOICE_30 = """<?xml version="1.0" encoding="UTF-8"?>
<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0"
    identifier="three-1" title="Malaria" adaptive="false" time-dependent="false">
  <qti-response-declaration identifier="RESPONSE" cardinality="multiple" base-type="identifier">
    <qti-correct-response><qti-value>A</qti-value><qti-value>C</qti-value></qti-correct-response>
  </qti-response-declaration>
  <qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float"/>
  <qti-item-body>
    <p>Which are signs of severe malaria?</p>
    <qti-choice-interaction response-identifier="RESPONSE" max-choices="0">
      <qti-simple-choice identifier="A">Convulsions</qti-simple-choice>
      <qti-simple-choice identifier="B">A runny nose</qti-simple-choice>
      <qti-simple-choice identifier="C">Prostration</qti-simple-choice>
    </qti-choice-interaction>
  </qti-item-body>
  <qti-response-processing
      template="https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml"/>
</qti-assessment-item>
"""

MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" identifier="bank-1">
  <organizations/>
  <resources>
{resources}
  </resources>
</manifest>
"""


def package(items: dict[str, str], extra: dict[str, str | bytes] | None = None) -> bytes:
    """A QTI 2.1 package holding `items` (file name: XML) in that order, and `extra` files."""
    resources = "\n".join(
        f'<resource identifier="res-{number}" type="imsqti_item_xmlv2p1" href="{name}">'
        f'<file href="{name}"/></resource>'
        for number, name in enumerate(items)
    )
    files: dict[str, str | bytes] = {"imsmanifest.xml": MANIFEST.format(resources=resources)}
    files.update(items)
    files.update(extra or {})
    return zip_of(files)


def moodle_bank() -> bytes:
    """Choice, text entry, match and order items as other systems write them, with an essay
    and an item marked by rules of its own, which Praxis cannot take."""
    return package(
        {
            "items/choice.xml": CHOICE,
            "items/text.xml": TEXT_ENTRY,
            "items/match.xml": MATCH,
            "items/order.xml": ORDER,
            "items/essay.xml": ESSAY,
            "items/custom.xml": CUSTOM_RULES,
        }
    )
