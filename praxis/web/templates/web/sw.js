// Praxis's service worker, version {{ version }}. It keeps the site's shell for offline use,
// answers a page that cannot be reached with the offline page (which draws the downloaded
// course the address belongs to), and sends what the learner did offline once the connection
// is back. A new version waits until a page asks it to take over (the "reload" prompt).
"use strict";
var VERSION = "{{ version }}";
var SHELL = "praxis-shell-" + VERSION;
var OUTBOX = "praxis-outbox";
var SYNCED = "/offline/synced";
// The language of the offline page last kept, in the outbox's cache: it outlives a version.
var LANGUAGE = "/offline/language";
var SHELL_FILES = {{ shell|safe }};
var OFFLINE_URL = {{ offline_url|safe }};
var SYNC_URL = {{ sync_url|safe }};

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(SHELL).then(function (cache) {
    var files = SHELL_FILES.filter(function (url) { return url !== OFFLINE_URL; });
    return cache.addAll(files.map(function (url) { return new Request(url, { credentials: "same-origin" }); }))
      .then(function () { return keptLanguage(); })
      .then(function (language) { return keepShell(cache, language); });
  }));
});

// The offline page, words and all, is kept in one language only (a few kilobytes): the
// learner's, as the last page they opened was written in (its Content-Language) or as the page
// they downloaded a course from names it. A page in another language fetches it again in that
// one; a new version fetches it in the language the last one kept.
function keptLanguage() {
  return caches.open(OUTBOX).then(function (box) { return box.match(LANGUAGE); })
    .then(function (kept) { return kept ? kept.text() : ""; });
}
function shellLanguage() {
  return caches.open(SHELL).then(function (cache) { return cache.match(OFFLINE_URL); }).then(function (kept) {
    return kept ? (kept.headers.get("Content-Language") || "").toLowerCase() : "";
  });
}
var keeping = {};
function keepShell(cache, language) {
  if (keeping[language]) { return keeping[language]; }
  var url = OFFLINE_URL + (language ? "?language=" + encodeURIComponent(language) : "");
  keeping[language] = fetch(new Request(url, { credentials: "same-origin" })).then(function (response) {
    if (!response.ok) { throw new Error("The offline page did not come: " + response.status); }
    // Sent elsewhere first (terms to accept, a second factor to prove): a page no navigation
    // may be answered with, so none is kept; the next page opened asks again.
    if (response.redirected) { return; }
    var said = (response.headers.get("Content-Language") || language).toLowerCase();
    return cache.put(OFFLINE_URL, response).then(function () {
      return caches.open(OUTBOX).then(function (box) { return box.put(LANGUAGE, new Response(said)); });
    });
  }).then(function () { delete keeping[language]; }, function (error) { delete keeping[language]; throw error; });
  return keeping[language];
}
function speak(language) {
  language = (language || "").toLowerCase();
  if (!language) { return Promise.resolve(); }
  return shellLanguage().then(function (kept) {
    if (kept === language) { return; }
    return caches.open(SHELL).then(function (cache) { return keepShell(cache, language); });
  });
}
// A page fetched through the worker: the offline page follows its language.
function follow(response) {
  var html = (response.headers.get("Content-Type") || "").indexOf("text/html") === 0;
  if (response.ok && html) { return speak(response.headers.get("Content-Language")); }
}

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("praxis-shell-") === 0 && name !== SHELL;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type === "take-over") { self.skipWaiting(); }
  if (data.type === "sync") { event.waitUntil(send(data.csrf).catch(later)); }
  // The page a course was downloaded from names its language, and hears when the offline page
  // is kept in it (true) or could not be (false).
  if (data.type === "language") {
    var reply = event.ports && event.ports[0];
    event.waitUntil(speak(data.language).then(function () { return true; }, function () { return false; }).then(function (kept) {
      if (reply) { reply.postMessage(kept); }
    }));
  }
});

// Background Sync where the browser has it; otherwise the pages ask again (site.js). A sync
// that fails is refused, so that the browser tries again later by its own schedule.
self.addEventListener("sync", function (event) {
  if (event.tag === "praxis-outbox") { event.waitUntil(send()); }
});

// A page asked while the connection came back, and the worker could not reach the server yet:
// the browser is asked to wake the worker once it is online.
function later() {
  if (self.registration.sync) { return self.registration.sync.register("praxis-outbox").catch(function () {}); }
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) { return; }
  if (request.mode === "navigate") {
    // A downloaded course's file opens from the device; any other page is the offline page.
    var answer = fetch(request);
    event.respondWith(answer.catch(function () {
      return caches.match(request, { ignoreVary: true }).then(function (kept) {
        return kept || caches.match(OFFLINE_URL, { cacheName: SHELL });
      });
    }));
    event.waitUntil(answer.then(follow).catch(function () {}));
    return;
  }
  // Everything else from the network when it answers, else from what the device keeps.
  event.respondWith(fetch(request).then(function (response) {
    return response;
  }, function (error) {
    return caches.match(request, { ignoreVary: true }).then(function (kept) {
      if (kept) { return kept; }
      throw error;
    });
  }));
});

// One at a time with the pages that clear what was kept, where the browser has Web Locks.
function alone(name, task) {
  return self.navigator.locks ? self.navigator.locks.request(name, task) : task();
}

function tell(message) {
  return self.clients.matchAll({ includeUncontrolled: true }).then(function (pages) {
    pages.forEach(function (page) { page.postMessage(message); });
  });
}

// Sends every kept statement in one batch; a statement is forgotten only once the server has
// answered for it (recorded, already recorded, merged or refused), so a lost reply means it is
// sent again, and the server's ids make that harmless. A send that reaches no answer is told
// to the pages ("sync-failed") and rejects.
var sending = null;
function send(csrf) {
  if (sending) { return sending; }
  sending = caches.open(OUTBOX).then(function (box) {
    return box.match("/offline/outbox-csrf").then(function (kept) {
      return kept ? kept.text() : "";
    }).then(function (keptToken) {
      var token = csrf || keptToken;
      if (csrf) { box.put("/offline/outbox-csrf", new Response(csrf)); }
      return box.keys().then(function (keys) {
        keys = keys.filter(function (key) { return key.url.indexOf("/offline/outbox/") > 0; }).slice(0, 100);
        if (!keys.length) { return tell({ type: "synced", results: [], left: 0 }); }
        return Promise.all(keys.map(function (key) {
          return box.match(key).then(function (kept) { return kept.json(); });
        })).then(function (statements) {
          return fetch(SYNC_URL, {
            method: "POST",
            credentials: "same-origin",
            headers: { "Content-Type": "application/json", "X-CSRFToken": token },
            body: JSON.stringify({ statements: statements })
          }).then(function (response) {
            return response.json().then(function (body) {
              if (!response.ok) { return tell({ type: "sync-refused", error: body.error }); }
              return Promise.all(body.results.map(function (result) {
                return box.delete("/offline/outbox/" + result.id);
              })).then(function () {
                return box.keys();
              }).then(function (left) {
                left = left.filter(function (key) { return key.url.indexOf("/offline/outbox/") > 0; });
                // Kept until a page has told the learner: the page the message reaches may be
                // leaving, and one loading then would miss it.
                var message = { type: "synced", id: String(Date.now()) + Math.random(), results: body.results, left: left.length };
                return alone(SYNCED, function () {
                  return box.put(SYNCED, new Response(JSON.stringify(message)));
                }).then(function () { return tell(message); });
              });
            });
          });
        });
      });
    });
  }).then(function () {
    sending = null;
  }, function (error) {
    sending = null;
    return tell({ type: "sync-failed" }).then(function () { throw error; });
  });
  return sending;
}
