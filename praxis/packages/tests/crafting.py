"""Small packages written by the tests: SCORM 1.2 and 2004 with SCOs that really call the API,
and the manifests of the other kinds."""

from __future__ import annotations

import io
import zipfile

SCORM_12_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="hand-hygiene" version="1"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>Hand hygiene in five moments</title>
      <item identifier="moments" identifierref="sco-1">
        <title>The five moments</title>
        <adlcp:masteryscore>80</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco-1" type="webcontent" adlcp:scormtype="sco" href="{launch}">
      <file href="index.html"/>
    </resource>
  </resources>
</manifest>
"""

SCORM_2004_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="triage" version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org">
      <title xml:lang="fr">Triage aux urgences</title>
      <item identifier="part-1" identifierref="sco-1"><title>Part one</title>
        <imsss:sequencing><imsss:objectives>
          <imsss:primaryObjective objectiveID="p1" satisfiedByMeasure="true">
            <imsss:minNormalizedMeasure>0.7</imsss:minNormalizedMeasure>
          </imsss:primaryObjective>
        </imsss:objectives></imsss:sequencing>
      </item>
      <item identifier="part-2" identifierref="sco-2"><title>Part two</title></item>
      <imsss:sequencing><imsss:controlMode flow="true"/></imsss:sequencing>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco-1" type="webcontent" adlcp:scormType="sco" href="one.html"/>
    <resource identifier="sco-2" type="webcontent" adlcp:scormType="sco" href="two.html"/>
  </resources>
</manifest>
"""

# How a SCORM 1.2 SCO finds the API: in its own window or the nearest parent window that has it.
FIND_API_12 = """function findAPI(win) {
  while (win) { if (win.API) return win.API; if (win === win.parent) break; win = win.parent; }
  return null;
}
"""

SCO_12 = (
    """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SCO</title></head>
<body><main><h1>The five moments</h1><p id="state">loading</p>
<button id="finish" type="button">Finish</button></main>
<script>
"""
    + FIND_API_12
    + """var api = findAPI(window);
api.LMSInitialize("");
var where = api.LMSGetValue("cmi.core.lesson_location");
document.getElementById("state").textContent = where ? "resumed at " + where : "first visit";
api.LMSSetValue("cmi.core.lesson_location", "page-3");
api.LMSSetValue("cmi.suspend_data", "answers=ab");
api.LMSCommit("");
document.getElementById("finish").addEventListener("click", function () {
  api.LMSSetValue("cmi.core.score.raw", "90");
  api.LMSSetValue("cmi.core.score.min", "0");
  api.LMSSetValue("cmi.core.score.max", "100");
  api.LMSSetValue("cmi.core.lesson_status", "passed");
  api.LMSCommit("");
  api.LMSFinish("");
  document.getElementById("state").textContent = "finished";
});
</script></body></html>
"""
)

# Reports a score and leaves its status to the LMS: on "Finish" it sets the score typed in and
# finishes with lesson_status still "incomplete", as some authoring tools' tests do.
SCO_12_SCORED = (
    """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>SCO</title></head><body><main><h1>The five moments: test</h1><p id="credit"></p>
<label for="score">Score</label> <input id="score" type="number" value="0">
<button id="finish" type="button">Finish</button><p id="state"></p></main>
<script>
"""
    + FIND_API_12
    + """var api = findAPI(window);
api.LMSInitialize("");
document.getElementById("credit").textContent = "credit: " + api.LMSGetValue("cmi.core.credit");
api.LMSSetValue("cmi.core.lesson_status", "incomplete");
api.LMSCommit("");
document.getElementById("finish").addEventListener("click", function () {
  api.LMSSetValue("cmi.core.score.raw", document.getElementById("score").value);
  api.LMSSetValue("cmi.core.score.max", "100");
  api.LMSCommit("");
  api.LMSFinish("");
  document.getElementById("state").textContent = "finished";
});
</script></body></html>
"""
)

SCO_2004 = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SCO</title></head>
<body><main><h1>{title}</h1><p id="state">loading</p><p id="valid"></p>
<button id="finish" type="button">Finish</button></main>
<script>
function findAPI(win) {{
  while (win) {{
    if (win.API_1484_11) return win.API_1484_11;
    if (win === win.parent) break;
    win = win.parent;
  }}
  return null;
}}
var api = findAPI(window);
api.Initialize("");
var where = api.GetValue("cmi.location");
document.getElementById("state").textContent = where ? "resumed at " + where : "first visit";
document.getElementById("valid").textContent = "may continue: " +
  api.GetValue("adl.nav.request_valid.continue") + ", may go back: " +
  api.GetValue("adl.nav.request_valid.previous") + ", may choose part two: " +
  api.GetValue("adl.nav.request_valid.choice.{{target=part-2}}") + ", may choose part nine: " +
  api.GetValue("adl.nav.request_valid.choice.{{target=part-9}}");
api.SetValue("cmi.location", "{title}-slide-2");
api.Commit("");
document.getElementById("finish").addEventListener("click", function () {{
  api.SetValue("cmi.score.scaled", "0.85");
  api.SetValue("cmi.score.raw", "85");
  api.SetValue("cmi.completion_status", "completed");
  api.SetValue("cmi.success_status", "passed");
  api.SetValue("adl.nav.request", "{request}");
  api.Commit("");
  api.Terminate("");
  document.getElementById("state").textContent = "finished";
}});
</script></body></html>
"""


# A SCO in the manner of authoring tools' pages: it keeps its place in localStorage and
# sessionStorage with no guard, before it so much as finds the API, and goes to a page of its
# own (a frameset's content, as Lectora's are) that reads them back.
SCO_12_STORAGE = """<!doctype html>
<!-- written by an authoring tool -->
<html lang="en"><head><meta charset="utf-8"><title>Storage</title>
<script>
localStorage.setItem("course:page", "2");
sessionStorage.setItem("course:session", "open");
</script></head>
<body><main><h1>Getting ready</h1><p><a href="second.html">Go on</a></p></main></body></html>
"""

SCO_12_STORAGE_SECOND = (
    """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Storage, page two</title></head>
<body><main><h1>Page two</h1><p id="state">loading</p></main>
<script>
"""
    + FIND_API_12
    + """
var page = localStorage.getItem("course:page") + " " + sessionStorage.getItem("course:session");
var api = findAPI(window);
api.LMSInitialize("");
api.LMSSetValue("cmi.core.lesson_location", page);
api.LMSSetValue("cmi.core.lesson_status", "completed");
api.LMSCommit("");
api.LMSFinish("");
document.getElementById("state").textContent = "kept: " + page;
</script></body></html>
"""
)


def zip_of(files: dict[str, str | bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def scorm_12(launch: str = "index.html") -> bytes:
    return zip_of(
        {"imsmanifest.xml": SCORM_12_MANIFEST.format(launch=launch), "index.html": SCO_12}
    )


def scorm_12_scored() -> bytes:
    """A SCORM 1.2 package (mastery score 80) whose SCO reports a score and no judgement
    (SCO_12_SCORED)."""
    manifest = SCORM_12_MANIFEST.format(launch="index.html")
    return zip_of({"imsmanifest.xml": manifest, "index.html": SCO_12_SCORED})


def scorm_12_with_storage() -> bytes:
    """A SCORM 1.2 package whose pages need web storage (SCO_12_STORAGE)."""
    return zip_of(
        {
            "imsmanifest.xml": SCORM_12_MANIFEST.format(launch="index.html"),
            "index.html": SCO_12_STORAGE,
            "second.html": SCO_12_STORAGE_SECOND,
        }
    )


def scorm_2004(first: str = "continue", second: str = "exit") -> bytes:
    """Two SCOs under an organisation that flows; each, on "Finish", passes, sets the
    navigation request given and terminates."""
    return zip_of(
        {
            "imsmanifest.xml": SCORM_2004_MANIFEST,
            "one.html": SCO_2004.format(title="one", request=first),
            "two.html": SCO_2004.format(title="two", request=second),
        }
    )


def sequenced(organisation: str, items: str, collection: str = "") -> bytes:
    """A SCORM 2004 package whose organisation holds `items` (XML, each item naming resource
    "r" by identifierref), after the organisation's own `sequencing` XML; `collection` is the
    manifest's sequencingCollection's content."""
    shared = (
        f"<imsss:sequencingCollection>{collection}</imsss:sequencingCollection>"
        if collection
        else ""
    )
    manifest = f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="sequenced" version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org"><title>Sequenced</title>{items}{organisation}</organization>
  </organizations>
  <resources>
    <resource identifier="r" type="webcontent" adlcp:scormType="sco" href="sco.html"/>
  </resources>
  {shared}
</manifest>
"""
    return zip_of({"imsmanifest.xml": manifest, "sco.html": "<p>sco</p>"})


CMI5 = """<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="https://example.org/course/1">
    <title><langstring lang="en-US">Malaria case management</langstring></title>
    <description><langstring lang="en-US">Cases</langstring></description>
  </course>
  <au id="https://example.org/au/1" moveOn="Passed" masteryScore="0.8">
    <title><langstring lang="en-US">Diagnosis</langstring></title>
    <description><langstring lang="en-US">Tests</langstring></description>
    <url>au/index.html</url>
  </au>
</courseStructure>
"""

TINCAN = """<?xml version="1.0" encoding="utf-8"?>
<tincan xmlns="http://projecttincan.com/tincan.xsd">
  <activities>
    <activity id="https://example.org/activity/cold-chain" type="http://adlnet.gov/expapi/activities/course">
      <name lang="en-US">Cold chain</name>
      <launch lang="en-US">story.html</launch>
    </activity>
  </activities>
</tincan>
"""

COMMON_CARTRIDGE = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="cc" xmlns="http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1">
  <metadata><schema>IMS Common Cartridge</schema><schemaversion>1.3.0</schemaversion></metadata>
  <organizations><organization identifier="o" structure="rooted-hierarchy">
    <item identifier="root"><item identifier="i1"><title>Week one</title></item></item>
  </organization></organizations>
  <resources/>
</manifest>
"""

# A cmi5 AU written by hand: it reads the launch parameters, fetches its credential, reads
# LMS.LaunchData and the learner's preferences, says initialized, and on "Finish" completed,
# passed and terminated, then goes back to the returnURL, as the cmi5 specification asks of an AU.
CMI5_AU = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>AU</title></head>
<body><main><h1>Diagnosis</h1><p id="state">loading</p>
<button id="finish" type="button" disabled>Finish</button></main>
<script>
var CMI5 = "https://w3id.org/xapi/cmi5/context/";
function uuid4() {
  var b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
  var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); });
  return [h.slice(0, 4), h.slice(4, 6), h.slice(6, 8), h.slice(8, 10), h.slice(10)]
    .map(function (part) { return part.join(""); }).join("-");
}
(async function () {
  var q = new URLSearchParams(location.search);
  var endpoint = q.get("endpoint"), actor = JSON.parse(q.get("actor"));
  var registration = q.get("registration"), activityId = q.get("activityId");
  var answer = await (await fetch(q.get("fetch"), {method: "POST"})).json();
  var headers = {"Authorization": "Basic " + answer["auth-token"],
    "X-Experience-API-Version": "1.0.3", "Content-Type": "application/json"};
  var where = new URLSearchParams({stateId: "LMS.LaunchData", activityId: activityId,
    agent: JSON.stringify(actor), registration: registration});
  var launchData = await (await fetch(endpoint + "activities/state?" + where,
    {headers: headers})).json();
  var mine = new URLSearchParams({profileId: "cmi5LearnerPreferences",
    agent: JSON.stringify(actor)});
  await fetch(endpoint + "agents/profile?" + mine, {headers: headers});
  var started = Date.now();
  function statement(verb, result) {
    var context = JSON.parse(JSON.stringify(launchData.contextTemplate));
    context.registration = registration;
    context.contextActivities.category = [{id: CMI5 + "categories/cmi5"}];
    if (result && ("success" in result || "completion" in result)) {
      context.contextActivities.category.push({id: CMI5 + "categories/moveon"});
    }
    if (verb === "passed" && launchData.masteryScore !== undefined) {
      context.extensions[CMI5 + "extensions/masteryscore"] = launchData.masteryScore;
    }
    var said = {id: uuid4(), actor: actor, timestamp: new Date().toISOString(),
      verb: {id: "http://adlnet.gov/expapi/verbs/" + verb},
      object: {objectType: "Activity", id: activityId}, context: context};
    if (result) said.result = result;
    return said;
  }
  async function send(statements) {
    var response = await fetch(endpoint + "statements",
      {method: "POST", headers: headers, body: JSON.stringify(statements)});
    if (!response.ok) throw new Error("refused " + response.status);
  }
  await send([statement("initialized")]);
  document.getElementById("state").textContent = "initialized, " + launchData.launchMode;
  var finish = document.getElementById("finish");
  finish.disabled = false;
  finish.addEventListener("click", async function () {
    var spent = "PT" + ((Date.now() - started) / 1000).toFixed(2) + "S";
    await send([statement("completed", {completion: true, duration: spent}),
      statement("passed", {success: true, score: {scaled: 0.9}, duration: spent}),
      statement("terminated", {duration: spent})]);
    location.href = launchData.returnURL;
  });
})().catch(function (error) { document.getElementById("state").textContent = String(error); });
</script></body></html>
"""

CMI5_BLOCKS = """<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="https://example.org/course/2">
    <title><langstring lang="en">Cold chain</langstring></title>
    <description><langstring lang="en">Vaccines</langstring></description>
  </course>
  <block id="https://example.org/block/storage">
    <title><langstring lang="en">Storage</langstring></title>
    <description><langstring lang="en">Fridges</langstring></description>
    <au id="https://example.org/au/fridge" moveOn="{first}" masteryScore="0.75">
      <title><langstring lang="en">Fridge</langstring></title>
      <description><langstring lang="en">Fridge</langstring></description>
      <url>fridge.html?lang=en</url>
      <launchParameters>{{"level": 2}}</launchParameters>
      <entitlementKey>key-42</entitlementKey>
    </au>
  </block>
  <au id="https://example.org/au/transport" moveOn="{second}" launchMethod="OwnWindow">
    <title><langstring lang="en">Transport</langstring></title>
    <description><langstring lang="en">Boxes</langstring></description>
    <url>transport.html</url>
  </au>
</courseStructure>
"""


def cmi5_course() -> bytes:
    return zip_of({"cmi5.xml": CMI5, "au/index.html": CMI5_AU})


def cmi5_blocks(first: str = "Passed", second: str = "Completed") -> bytes:
    return zip_of(
        {
            "cmi5.xml": CMI5_BLOCKS.format(first=first, second=second),
            "fridge.html": "<p>fridge</p>",
            "transport.html": "<p>transport</p>",
        }
    )


def tincan() -> bytes:
    return zip_of({"tincan.xml": TINCAN, "story.html": "<p>story</p>"})
