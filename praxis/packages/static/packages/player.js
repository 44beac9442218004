// The SCORM player: runs on the package origin, gives the SCO the SCORM API (scorm-again), keeps
// its data on the server with numbered commits, sends a last commit when the page goes away,
// and follows the SCORM 2004 navigation requests between the package's SCOs.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("player-config").textContent);
  var is2004 = config.kind === "scorm2004";
  var sequence = config.sequence;
  var initialized = false;
  var finished = false;

  function numbered(cmi) {
    sequence += 1;
    return { sequence: sequence, cmi: cmi };
  }

  function cmiOf(commit) {
    if (commit && commit.runtimeData) return commit.runtimeData.cmi;
    return commit ? commit.cmi : null;
  }

  // Commits go one at a time, each waiting for the server's answer, so that a SCO moving on
  // after Terminate finds its state saved; once the page is going away, only a beacon can go.
  var leaving = false;
  var server = {
    processHttpRequest: function (url, commit) {
      var body = JSON.stringify(numbered(cmiOf(commit)));
      var sent = false;
      if (leaving) {
        sent = navigator.sendBeacon(url, body);
      } else {
        var request = new XMLHttpRequest();
        request.open("POST", url, false);
        request.setRequestHeader("Content-Type", "application/json");
        try {
          request.send(body);
          sent = request.status === 200;
        } catch (error) {
          sent = false;
        }
      }
      return { result: sent ? "true" : "false", errorCode: sent ? 0 : 391 };
    },
    updateSettings: function () {}
  };
  var settings = { lmsCommitUrl: config.commitUrl, autocommit: false, logLevel: 5, httpService: server };
  var api = is2004 ? new window.Scorm2004API(settings) : new window.Scorm12API(settings);
  api.loadFromJSON(config.state, "");
  if (is2004) window.API_1484_11 = api; else window.API = api;

  api.on(is2004 ? "Initialize" : "LMSInitialize", function () { initialized = true; });
  api.on(is2004 ? "Terminate" : "LMSFinish", function () { finished = true; });

  function go(index) {
    if (index < 0 || index >= config.scos.length) return leave();
    window.setTimeout(function () {
      window.location.assign(config.playerUrl + "?sco=" + encodeURIComponent(config.scos[index]));
    }, 0);
  }

  function leave() {
    document.getElementById("content").hidden = true;
    document.getElementById("finished").hidden = false;
  }

  if (is2004) {
    api.on("SequenceNext", function () { go(config.position + 1); });
    api.on("SequencePrevious", function () { go(config.position - 1); });
    api.on("SequenceChoice", function (element, target) { go(config.scos.indexOf(target)); });
    ["SequenceExit", "SequenceExitAll", "SequenceAbandon", "SequenceAbandonAll"].forEach(
      function (name) { api.on(name, leave); }
    );
  }

  // The tab closes or navigates away while the SCO is still open: one last commit.
  function lastCommit() {
    leaving = true;
    if (!initialized || finished) return;
    finished = true;
    var body = JSON.stringify(numbered(cmiOf(api.renderCommitCMI(true))));
    if (!navigator.sendBeacon(config.commitUrl, body)) {
      fetch(config.commitUrl, { method: "POST", body: body, keepalive: true });
    }
  }
  window.addEventListener("pagehide", lastCommit);
  window.addEventListener("beforeunload", lastCommit);

  document.getElementById("content").src = config.launchUrl;
})();
