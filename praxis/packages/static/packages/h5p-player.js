// The H5P player: h5p-standalone plays the package's content from this origin, and every xAPI
// statement the content says is posted to the server, which records it as the learner's. A
// statement that could not be sent is kept and sent again, in order, before the next one.
// H5P saves the content's state itself (config.options.ajax); when the learner leaves, the
// state is sent once more by beacon, which a closing page still delivers.
//
// A browser that blocks a third-party frame's storage (cookies blocked, private windows) throws
// when H5P's core reads localStorage, which it does while starting the content: it would stop
// halfway, before it saves state or lists the content among its instances. The content's frame
// is given a storage kept in memory (storage.js) when the browser refuses it one.
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

  // H5P's player adds the content's frame, then its scripts: the frame is given storage first
  // (storage.js, loaded before this, has given this page its own).
  new MutationObserver(function () {
    var frame = document.querySelector("iframe.h5p-iframe");
    if (frame && frame.contentWindow) window.praxisStorage.provide(frame.contentWindow);
  }).observe(document.getElementById("h5p-content"), { childList: true, subtree: true });

  // The content's frame is unloaded before this page: its own pagehide is when its state is
  // still there to read. Each state is sent once, unless it changed since.
  var sentOnLeaving = "";

  function saveOnLeaving() {
    var frame = document.querySelector("iframe.h5p-iframe");
    var inner = frame && frame.contentWindow && frame.contentWindow.H5P;
    if (!inner || !inner.instances || !window.navigator.sendBeacon) return;
    inner.instances.forEach(function (instance) {
      if (typeof instance.getCurrentState !== "function") return;
      var state = instance.getCurrentState();
      if (state === undefined) return;
      var data = JSON.stringify(state);
      if (data === sentOnLeaving) return;
      var url = config.userDataUrl.replace(":dataType", "state").replace(":subContentId", "0");
      var sent = window.navigator.sendBeacon(
        url,
        new URLSearchParams({ data: data, preload: "1", invalidate: "1" })
      );
      if (sent) sentOnLeaving = data;
    });
  }

  window.addEventListener("pagehide", saveOnLeaving);

  new window.H5PStandalone.H5P(document.getElementById("h5p-content"), config.options)
    .then(function () {
      window.H5P.externalDispatcher.on("xAPI", said);
      var frame = document.querySelector("iframe.h5p-iframe");
      if (frame && frame.contentWindow) {
        frame.contentWindow.addEventListener("pagehide", saveOnLeaving);
      }
    })
    .catch(function () {
      document.getElementById("h5p-failed").hidden = false;
    });
})();
