"""A small H5P package written by the tests: a content type of its own (`H5P.PraxisCheck`)
whose script shows a question and, when the learner answers, says `answered` about the whole
content through H5P's event dispatcher, as H5P's own question types do. Its note field is the
content's state: given to H5P by `getCurrentState`, and restored from `previousState`."""

from __future__ import annotations

import json
from typing import Any

from praxis.packages.tests.crafting import zip_of

LIBRARY = "H5P.PraxisCheck-1.0"

H5P_JSON: dict[str, Any] = {
    "title": "Blood pressure check",
    "language": "es",
    "mainLibrary": "H5P.PraxisCheck",
    "embedTypes": ["iframe"],
    "license": "U",
    "preloadedDependencies": [
        {"machineName": "H5P.PraxisCheck", "majorVersion": 1, "minorVersion": 0}
    ],
}

LIBRARY_JSON: dict[str, Any] = {
    "title": "Praxis check",
    "machineName": "H5P.PraxisCheck",
    "majorVersion": 1,
    "minorVersion": 0,
    "patchVersion": 2,
    "runnable": 1,
    "embedTypes": ["iframe"],
    "preloadedJs": [{"path": "check.js"}],
    "preloadedCss": [{"path": "check.css"}],
    "preloadedDependencies": [
        {"machineName": "H5P.PraxisScore", "majorVersion": 1, "minorVersion": 1}
    ],
}

# A library the content type needs in turn, so that the dependencies of dependencies are
# checked and loaded.
SCORE_JSON: dict[str, Any] = {
    "title": "Praxis score",
    "machineName": "H5P.PraxisScore",
    "majorVersion": 1,
    "minorVersion": 1,
    "patchVersion": 0,
    "runnable": 0,
    "preloadedJs": [{"path": "score.js"}],
}

SCORE_JS = "H5P.PraxisScore = { full: function (points) { return points; } };\n"

CHECK_JS = """H5P.PraxisCheck = (function () {
  function Check(params, contentId, extras) {
    H5P.EventDispatcher.call(this);
    this.params = params;
    this.contentId = contentId;
    this.previousState = (extras && extras.previousState) || {};
  }
  Check.prototype = Object.create(H5P.EventDispatcher.prototype);
  Check.prototype.constructor = Check;
  Check.prototype.attach = function ($container) {
    var self = this;
    var root = $container.get(0);
    root.classList.add("praxis-check");
    var question = document.createElement("p");
    question.textContent = self.params.question;
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = self.params.answer;
    var said = document.createElement("p");
    said.setAttribute("role", "status");
    button.addEventListener("click", function () {
      var event = self.createXAPIEventTemplate("answered");
      var points = H5P.PraxisScore.full(self.params.points);
      event.setScoredResult(points, self.params.points, self, true, true);
      self.trigger(event);
      said.textContent = "Answered";
    });
    var label = document.createElement("label");
    label.textContent = "Your note";
    self.note = document.createElement("input");
    self.note.value = self.previousState.note || "";
    label.appendChild(self.note);
    root.appendChild(question);
    root.appendChild(button);
    root.appendChild(said);
    root.appendChild(label);
  };
  Check.prototype.getCurrentState = function () {
    return this.note ? { note: this.note.value } : undefined;
  };
  return Check;
})();
"""

CONTENT_JSON = {
    "question": "Which cuff size fits an adult arm?",
    "answer": "The adult cuff",
    "points": 2,
}


def h5p_files() -> dict[str, str | bytes]:
    """The files of the package, for a test to leave one out or spoil it."""
    return {
        "h5p.json": json.dumps(H5P_JSON),
        "content/content.json": json.dumps(CONTENT_JSON),
        f"{LIBRARY}/library.json": json.dumps(LIBRARY_JSON),
        f"{LIBRARY}/check.js": CHECK_JS,
        f"{LIBRARY}/check.css": ".praxis-check button { min-block-size: 44px; }\n",
        "H5P.PraxisScore-1.1/library.json": json.dumps(SCORE_JSON),
        "H5P.PraxisScore-1.1/score.js": SCORE_JS,
    }


def h5p_zip(replaced: dict[str, str | bytes | None] | None = None) -> bytes:
    """The package zipped, with files replaced, or left out where given None."""
    files = h5p_files()
    for name, content in (replaced or {}).items():
        if content is None:
            files.pop(name, None)
        else:
            files[name] = content
    return zip_of(files)
