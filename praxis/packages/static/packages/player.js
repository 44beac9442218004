// The SCORM player: runs on the package origin, gives the SCO the SCORM API (scorm-again), keeps
// its data on the server with numbered commits, sends a last commit when the page goes away,
// and carries out the SCORM 2004 navigation requests, which the server decides.
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
  // What the SCO may ask for, as the server worked it out for this SCO (adl.nav.request_valid).
  var navigation = config.navigation;
  function valid(list, target) { return list.indexOf(target) >= 0; }
  var settings = {
    lmsCommitUrl: config.commitUrl, autocommit: false, logLevel: 5, httpService: server,
    scoItemIdValidator: function (target) { return valid(navigation.choice, target); }
  };
  var api = is2004 ? new window.Scorm2004API(settings) : new window.Scorm12API(settings);
  api.loadFromJSON(config.state, "");
  if (is2004) {
    var requestValid = api.adl.nav.request_valid;
    requestValid.continue = navigation.continue ? "true" : "false";
    requestValid.previous = navigation.previous ? "true" : "false";
    ["exit", "exitAll", "suspendAll", "abandon", "abandonAll"].forEach(function (name) {
      requestValid[name] = "true";
    });
    window.API_1484_11 = api;
  } else {
    window.API = api;
  }

  function leave() {
    document.getElementById("content").hidden = true;
    document.getElementById("finished").hidden = false;
  }

  // The SCO has terminated with a navigation request: the server says where it leads. One
  // that is not valid changes nothing; the learner is told why.
  function navigate(request) {
    var url = config.navigateUrl + "?request=" + encodeURIComponent(request);
    fetch(url, { headers: { Accept: "application/json" }, credentials: "omit" })
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        if (answer.valid && answer.url) window.location.assign(answer.url);
        else if (answer.valid && answer.leave) leave();
        else if (answer.error) {
          var refused = document.getElementById("refused");
          refused.textContent = answer.error.message;
          refused.hidden = false;
        }
      });
  }

  api.on(is2004 ? "Initialize" : "LMSInitialize", function () { initialized = true; });
  api.on(is2004 ? "Terminate" : "LMSFinish", function () {
    finished = true;
    // Read before the runtime resets it, once Terminate has returned.
    var request = is2004 ? String(api.adl.nav.request || "_none_") : "_none_";
    if (request !== "_none_") window.setTimeout(function () { navigate(request); }, 0);
  });

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
