// The H5P player: h5p-standalone plays the package's content from this origin, and every xAPI
// statement the content says is posted to the server, which records it as the learner's. A
// statement that could not be sent is kept and sent again, in order, before the next one.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("h5p-config").textContent);
  var waiting = [];
  var sending = false;

  function send() {
    if (sending || !waiting.length) return;
    sending = true;
    fetch(config.statementsUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(waiting[0])
    }).then(function (response) {
      // A refusal (4xx) will not change by sending again; a failure of the server might.
      if (response.ok || (response.status >= 400 && response.status < 500)) waiting.shift();
      document.getElementById("h5p-unsaved").hidden = response.status < 500;
    }).catch(function () {
      document.getElementById("h5p-unsaved").hidden = false;
    }).then(function () {
      sending = false;
      if (document.getElementById("h5p-unsaved").hidden) send();
    });
  }

  function said(event) {
    var statement = event && event.data && event.data.statement;
    if (!statement) return;
    // A statement id of the client's making, so that a statement sent twice is stored once.
    statement.id = statement.id || window.crypto.randomUUID();
    waiting.push(statement);
    send();
  }

  new window.H5PStandalone.H5P(document.getElementById("h5p-content"), config.options)
    .then(function () {
      window.H5P.externalDispatcher.on("xAPI", said);
    })
    .catch(function () {
      document.getElementById("h5p-failed").hidden = false;
    });
})();
