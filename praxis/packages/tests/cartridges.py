"""Common Cartridges written by the tests: one holding every kind of item a cartridge has, as
Moodle and Canvas write them, and the parts to build broken ones."""

from __future__ import annotations

import io

from PIL import Image

from praxis.packages.tests.crafting import zip_of

CC13 = "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1"
CC11 = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"

MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="cc-wash" xmlns="{namespace}"
  xmlns:lomimscc="http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest">
  <metadata>
    <schema>IMS Common Cartridge</schema><schemaversion>1.3.0</schemaversion>
    <lomimscc:lom><lomimscc:general><lomimscc:title>
      <lomimscc:string language="en">Infection prevention basics</lomimscc:string>
    </lomimscc:title></lomimscc:general></lomimscc:lom>
  </metadata>
  <organizations>
    <organization identifier="org" structure="rooted-hierarchy">
      <item identifier="root">
        <item identifier="week-1"><title>Week 1: hands</title>
          <item identifier="i-page" identifierref="r-page"><title>Why hands matter</title></item>
          <item identifier="i-folder"><title>Further reading</title>
            <item identifier="i-link" identifierref="r-link"><title>WHO guidelines</title></item>
          </item>
          <item identifier="i-topic" identifierref="r-topic"><title>Your ward</title></item>
          <item identifier="i-quiz" identifierref="r-quiz"><title>Check yourself</title></item>
        </item>
        <item identifier="week-2"><title>Week 2: tools</title>
          <item identifier="i-lti" identifierref="r-lti"><title>Simulation tool</title></item>
          <item identifier="i-bad-link" identifierref="r-bad-link"><title>Tricky</title></item>
          <item identifier="i-bank" identifierref="r-bank"><title>Bank</title></item>
        </item>
        {extra_items}
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="r-page" type="webcontent" href="week1/hands.html">
      <file href="week1/hands.html"/><file href="week1/moments.png"/>
      <file href="web_resources/poster.pdf"/>
    </resource>
    <resource identifier="r-link" type="imswl_xmlv1p3"><file href="links/who.xml"/></resource>
    <resource identifier="r-bad-link" type="imswl_xmlv1p3"><file href="links/bad.xml"/></resource>
    <resource identifier="r-topic" type="imsdt_xmlv1p3"><file href="topics/ward.xml"/></resource>
    <resource identifier="r-quiz" type="imsqti_xmlv1p2/imscc_xmlv1p3/assessment">
      <file href="quiz/assessment.xml"/>
    </resource>
    <resource identifier="r-lti" type="imsbasiclti_xmlv1p0"><file href="lti/tool.xml"/></resource>
    <resource identifier="r-bank" type="imsqti_xmlv1p2/imscc_xmlv1p3/question-bank">
      <file href="quiz/assessment.xml"/>
    </resource>
    {extra_resources}
  </resources>
</manifest>
"""

PAGE = """<!DOCTYPE html><html><head><title>Hands</title>
<script>document.cookie = "stolen"</script><style>p { color: red }</style></head>
<body><h2>Five moments</h2>
<p onclick="alert(1)">Clean your <strong>hands</strong> before <em>touching</em> a patient.</p>
<ul><li>Before touching</li><li>After touching</li></ul>
<p><img src="moments.png" alt="The five moments"> See the
<a href="$IMS-CC-FILEBASE$/poster.pdf">poster</a> and
<a href="https://www.who.int/campaigns/world-hand-hygiene-day">the campaign</a>.
<a href="javascript:alert(2)">Do not follow</a></p>
<table><tr><th>Moment</th></tr><tr><td>Before</td></tr></table>
</body></html>"""

WEBLINK = """<?xml version="1.0" encoding="UTF-8"?>
<webLink xmlns="http://www.imsglobal.org/xsd/imsccv1p3/imswl_v1p3">
  <title>WHO guidelines</title><url href="{href}" target="_blank"/>
</webLink>"""

TOPIC = """<?xml version="1.0" encoding="UTF-8"?>
<topic xmlns="http://www.imsglobal.org/xsd/imsccv1p3/imsdt_v1p3">
  <title>Your ward</title>
  <text texttype="text/html">&lt;p&gt;How does &lt;b&gt;your ward&lt;/b&gt; remind staff?&lt;/p&gt;
  </text>
</topic>"""

LTI = """<?xml version="1.0" encoding="UTF-8"?>
<cartridge_basiclti_link xmlns="http://www.imsglobal.org/xsd/imslticc_v1p0"
  xmlns:blti="http://www.imsglobal.org/xsd/imsbasiclti_v1p0">
  <blti:title>Simulation</blti:title><blti:launch_url>https://tool.example/launch</blti:launch_url>
</cartridge_basiclti_link>"""


def _item(ident: str, profile: str, body: str, processing: str, feedback: str = "") -> str:
    return f"""<item ident="{ident}" title="{ident}">
  <itemmetadata><qtimetadata>
    <qtimetadatafield><fieldlabel>cc_profile</fieldlabel><fieldentry>{profile}</fieldentry></qtimetadatafield>
    <qtimetadatafield><fieldlabel>cc_weighting</fieldlabel><fieldentry>2</fieldentry></qtimetadatafield>
  </qtimetadata></itemmetadata>
  <presentation>{body}</presentation>
  <resprocessing><outcomes>
    <decvar varname="SCORE" vartype="Decimal" minvalue="0" maxvalue="100"/>
  </outcomes>
  {processing}</resprocessing>{feedback}
</item>"""


def _stem(text: str) -> str:
    return f'<material><mattext texttype="text/html">&lt;p&gt;{text}&lt;/p&gt;</mattext></material>'


def _choices(cardinality: str, *labels: str) -> str:
    options = "".join(
        f'<response_label ident="{ident}"><material><mattext>{text}</mattext></material>'
        "</response_label>"
        for ident, text in (label.split(":") for label in labels)
    )
    return (
        f'<response_lid ident="response1" rcardinality="{cardinality}">'
        f"<render_choice>{options}</render_choice></response_lid>"
    )


def _right(condition: str) -> str:
    return (
        f'<respcondition continue="No"><conditionvar>{condition}</conditionvar>'
        '<setvar action="Set" varname="SCORE">100</setvar></respcondition>'
    )


CHOICE = _item(
    "q-choice",
    "cc.multiple_choice.v0p1",
    _stem("When do you clean your hands?") + _choices("Single", "A:Before touching", "B:Never"),
    _right('<varequal respident="response1">A</varequal>')
    + '<respcondition><conditionvar><varequal respident="response1">B</varequal></conditionvar>'
    '<displayfeedback feedbacktype="Response" linkrefid="fb-b"/></respcondition>'
    "<respcondition><conditionvar><other/></conditionvar>"
    '<displayfeedback feedbacktype="Response" linkrefid="general_fb"/></respcondition>',
    '<itemfeedback ident="general_fb"><flow_mat><material><mattext>Five moments.</mattext>'
    "</material></flow_mat></itemfeedback>"
    '<itemfeedback ident="fb-b"><flow_mat><material><mattext>Never is never right.</mattext>'
    "</material></flow_mat></itemfeedback>",
)
MULTIPLE = _item(
    "q-multiple",
    "cc.multiple_response.v0p1",
    _stem("Which are moments?") + _choices("Multiple", "A:Before", "B:After", "C:Lunch"),
    _right(
        '<and><varequal respident="response1">A</varequal>'
        '<varequal respident="response1">B</varequal>'
        '<not><varequal respident="response1">C</varequal></not></and>'
    ),
)
TRUE_FALSE = _item(
    "q-true-false",
    "cc.true_false.v0p1",
    _stem("Gloves replace hand hygiene.") + _choices("Single", "T:True", "F:False"),
    _right('<varequal respident="response1">F</varequal>'),
)
BLANK = _item(
    "q-blank",
    "cc.fib.v0p1",
    _stem("Hand rub should take ____ seconds.")
    + '<response_str ident="response1" rcardinality="Single"><render_fib>'
    '<response_label ident="answer1"/></render_fib></response_str>',
    _right('<varequal respident="response1" case="No">20</varequal>')
    + _right('<varequal respident="response1" case="No">twenty</varequal>'),
)
ESSAY = _item(
    "q-essay",
    "cc.essay.v0p1",
    _stem("Describe your ward's routine.")
    + '<response_str ident="response1" rcardinality="Single"><render_fib rows="10">'
    '<response_label ident="answer1"/></render_fib></response_str>',
    "",
)
NO_ANSWER = _item(
    "q-no-answer",
    "cc.multiple_choice.v0p1",
    _stem("Which soap?") + _choices("Single", "A:This", "B:That"),
    "",
)


def assessment(*items: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<questestinterop xmlns="http://www.imsglobal.org/xsd/ims_qtiasiv1p2">'
        '<assessment ident="quiz-1" title="Check yourself"><section ident="s">'
        + "".join(items)
        + "</section></assessment></questestinterop>"
    )


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (30, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def files(
    namespace: str = CC13, extra_items: str = "", extra_resources: str = ""
) -> dict[str, str | bytes]:
    """The files of the cartridge holding every kind, to change before zipping."""
    return {
        "imsmanifest.xml": MANIFEST.format(
            namespace=namespace, extra_items=extra_items, extra_resources=extra_resources
        ),
        "week1/hands.html": PAGE,
        "week1/moments.png": png(),
        "web_resources/poster.pdf": PDF,
        "links/who.xml": WEBLINK.format(href="https://www.who.int/publications/hand-hygiene"),
        "links/bad.xml": WEBLINK.format(href="javascript:alert(document.cookie)"),
        "topics/ward.xml": TOPIC,
        "quiz/assessment.xml": assessment(CHOICE, MULTIPLE, TRUE_FALSE, BLANK, ESSAY, NO_ANSWER),
        "lti/tool.xml": LTI,
    }


def every_kind(namespace: str = CC13) -> bytes:
    return zip_of(files(namespace))
