"""A demo content package: a short SCORM 1.2 self-check on antimicrobial stewardship, written
here, zipped at load time and imported through the packages app like any partner's upload. It
is the last lesson of the English stewardship course, so Priya (who has done three lessons)
meets it next, and any learner can see the player record a score and complete the lesson."""

from __future__ import annotations

import io
import json
import zipfile
from collections import Counter

from django.db import transaction

from praxis.catalog import services as catalog
from praxis.catalog.models import Course, Lesson, Module
from praxis.packages.services import import_package

COURSE = "antimicrobial-stewardship-en"
TITLE = "Self-check: choosing and reviewing antibiotics"
MASTERY = 70

MANIFEST = f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="praxis-demo-stewardship-check" version="1"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="stewardship">
    <organization identifier="stewardship">
      <title>{TITLE}</title>
      <item identifier="check" identifierref="check-sco">
        <title>{TITLE}</title>
        <adlcp:masteryscore>{MASTERY}</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="check-sco" type="webcontent" adlcp:scormtype="sco" href="index.html">
      <file href="index.html"/><file href="check.js"/><file href="check.css"/>
    </resource>
  </resources>
</manifest>
"""

# Each question: its text, its choices, and the position of the right one.
QUESTIONS = (
    (
        "A patient's blood culture grows a pathogen sensitive to a narrow-spectrum antibiotic. "
        "The patient is on a broad-spectrum one. What is the next step?",
        (
            "Keep the broad-spectrum antibiotic until the course ends",
            "Switch to the narrow-spectrum antibiotic the culture supports",
            "Add the narrow-spectrum antibiotic to the broad-spectrum one",
        ),
        1,
    ),
    (
        "When should an empirical antibiotic prescription be reviewed?",
        (
            "At 48 to 72 hours, with the results and the patient's course",
            "Only if the patient gets worse",
            "At the end of the planned course",
        ),
        0,
    ),
    (
        "A patient with a cold asks for antibiotics. What helps most?",
        (
            "Prescribe a short course to be safe",
            "Explain that antibiotics do not act on viruses, and what to watch for",
            "Give a prescription to use only if symptoms last a week",
        ),
        1,
    ),
)


def _page() -> str:
    fieldsets = []
    for number, (question, choices, _right) in enumerate(QUESTIONS, start=1):
        options = "".join(
            f'<label><input type="radio" name="q{number}" value="{position}" required> '
            f"{choice}</label>"
            for position, choice in enumerate(choices)
        )
        fieldsets.append(
            f"<fieldset><legend>{number}. {question}</legend>{options}"
            f'<p class="feedback" id="feedback-q{number}" hidden></p></fieldset>'
        )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{TITLE}</title><link rel="stylesheet" href="check.css"></head>
<body><main>
<h1>{TITLE}</h1>
<p>Three questions from the course. You pass with {MASTERY}&nbsp;% or more; your answers are
kept if you leave and come back.</p>
<form id="check">{"".join(fieldsets)}
<button type="submit">Check my answers</button></form>
<p id="result" role="status"></p>
</main><script src="check.js"></script></body></html>
"""


SCRIPT = """// Talks to the SCORM 1.2 API the player offers, as an authoring tool's output would.
var RIGHT = __RIGHT__;
var MASTERY = __MASTERY__;
function findAPI(win) {
  for (var depth = 0; win && depth < 10; depth++) {
    if (win.API) return win.API;
    if (win === win.parent) break;
    win = win.parent;
  }
  return null;
}
var api = findAPI(window);
var form = document.getElementById("check");
var result = document.getElementById("result");
if (!api) {
  result.textContent = "This check records nothing outside a learning platform.";
} else {
  api.LMSInitialize("");
  var saved = api.LMSGetValue("cmi.suspend_data");
  if (saved) {
    saved.split(",").forEach(function (answer, index) {
      var input = form.querySelector('input[name="q' + (index + 1) + '"][value="' + answer + '"]');
      if (input) input.checked = true;
    });
  }
  if (api.LMSGetValue("cmi.core.lesson_status") === "not attempted") {
    api.LMSSetValue("cmi.core.lesson_status", "incomplete");
  }
  api.LMSCommit("");
}
form.addEventListener("change", function () {
  if (!api) return;
  var answers = RIGHT.map(function (_right, index) {
    var chosen = form.querySelector('input[name="q' + (index + 1) + '"]:checked');
    return chosen ? chosen.value : "";
  });
  api.LMSSetValue("cmi.suspend_data", answers.join(","));
  api.LMSCommit("");
});
form.addEventListener("submit", function (event) {
  event.preventDefault();
  var right = 0;
  RIGHT.forEach(function (answer, index) {
    var chosen = form.querySelector('input[name="q' + (index + 1) + '"]:checked');
    var ok = chosen && Number(chosen.value) === answer;
    if (ok) right++;
    var feedback = document.getElementById("feedback-q" + (index + 1));
    feedback.textContent = ok ? "Right." : "Not quite: look at this one again.";
    feedback.hidden = false;
  });
  var score = Math.round((100 * right) / RIGHT.length);
  var passed = score >= MASTERY;
  result.textContent = "Your score: " + score + " %. " +
    (passed ? "You passed." : "Try again when you are ready.");
  if (!api) return;
  api.LMSSetValue("cmi.core.score.min", "0");
  api.LMSSetValue("cmi.core.score.max", "100");
  api.LMSSetValue("cmi.core.score.raw", String(score));
  api.LMSSetValue("cmi.core.lesson_status", passed ? "passed" : "failed");
  api.LMSCommit("");
  if (passed) api.LMSFinish("");
});
""".replace("__RIGHT__", json.dumps([right for _question, _choices, right in QUESTIONS])).replace(
    "__MASTERY__", str(MASTERY)
)

STYLE = """body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1b1b1b; }
main { max-width: 40rem; margin: 0 auto; padding: 1rem; }
fieldset { border: 1px solid #767676; border-radius: 6px; margin: 0 0 1rem; padding: .75rem; }
legend { font-weight: 600; padding: 0 .25rem; }
label { display: flex; gap: .5rem; align-items: baseline; padding: .35rem 0; }
button { font: inherit; padding: .6rem 1rem; border-radius: 6px; border: 0;
  background: #0b6e4f; color: #fff; cursor: pointer; }
.feedback { margin: .25rem 0 0; font-style: italic; }
"""


def demo_package() -> bytes:
    """The package as a partner would upload it: a zip with its manifest at the root."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", MANIFEST)
        archive.writestr("index.html", _page())
        archive.writestr("check.js", SCRIPT)
        archive.writestr("check.css", STYLE)
    return buffer.getvalue()


@transaction.atomic
def load_packages() -> Counter[str]:
    """Import the demo package and add it as the course's last lesson, unless it is there."""
    course = Course.objects.filter(slug=COURSE).first()
    if (
        course is None
        or Lesson.objects.filter(module__course=course, package__isnull=False).exists()
    ):
        return Counter()
    package = import_package(
        io.BytesIO(demo_package()), by=None, file_name="stewardship-self-check.zip"
    )
    last = course.modules.order_by("-position").first()
    module = Module.objects.create(
        course=course,
        position=last.position + 1 if last else 0,
        title="Practice",
    )
    Lesson.objects.create(
        module=module, position=0, title=TITLE, estimated_minutes=10, package=package
    )
    catalog.reindex_course(course)
    return Counter({"content packages": 1})
