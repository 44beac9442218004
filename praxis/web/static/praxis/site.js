// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  var select = document.getElementById("language-select");
  if (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  }
});

// A quiz's countdown: counts down from the server's figure of seconds left, warns once a
// minute remains and submits the answers at zero. The server's deadline still decides.
document.addEventListener("DOMContentLoaded", function () {
  var box = document.querySelector("[data-countdown]");
  if (!box) { return; }
  var form = document.getElementById(box.getAttribute("data-form"));
  var clock = box.querySelector("[data-countdown-clock]");
  var alert = box.querySelector("[data-countdown-alert]");
  var end = Date.now() + 1000 * parseInt(box.getAttribute("data-countdown"), 10);
  var warned = false, sent = false;
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    var left = Math.max(0, Math.round((end - Date.now()) / 1000));
    var hours = Math.floor(left / 3600), minutes = Math.floor(left / 60) % 60;
    clock.textContent = (hours ? hours + ":" + two(minutes) : minutes) + ":" + two(left % 60);
    if (left <= 60 && !warned) { warned = true; alert.textContent = alert.getAttribute("data-one-minute"); }
    if (left === 0 && !sent && form) {
      sent = true;
      alert.textContent = alert.getAttribute("data-submitting");
      form.submit();
      return;
    }
    window.setTimeout(tick, 250);
  }
  clock.parentNode.hidden = false;
  tick();
});

// A form's error summary: it takes the focus when the page shows it, and each of its links puts
// the focus in the field it names (without this file the link still scrolls to the field).
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector(".error-summary");
  if (!summary) { return; }
  if (summary.hasAttribute("data-focus")) { summary.focus(); }
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    var field = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!field) { return; }
    event.preventDefault();
    field.scrollIntoView({ block: "center" });
    field.focus();
  });
});

// The installable app: its service worker, the offer to reload when a new version is ready, and
// sending what was done offline at each visit and whenever the connection returns.
(function () {
  if (!("serviceWorker" in navigator) || !window.caches) { return; }
  var worker = navigator.serviceWorker, hadOne = !!worker.controller, reloading = false;
  function send(registration) {
    var token = document.querySelector("[name=csrfmiddlewaretoken]");
    if (token && registration.active) { registration.active.postMessage({ type: "sync", csrf: token.value }); }
  }
  function offer(waiting) {
    var prompt = document.getElementById("app-update");
    if (!prompt || !worker.controller) { return; }
    prompt.hidden = false;
    prompt.querySelector("button").addEventListener("click", function () { waiting.postMessage({ type: "take-over" }); });
  }
  // Registered once the page has loaded: on a slow connection, the files the worker keeps for
  // offline use are fetched after the page's own text and pictures, not in their way.
  function register() {
    worker.register("/sw.js").then(function (registration) {
      if (registration.waiting) { offer(registration.waiting); }
      registration.addEventListener("updatefound", function () {
        var installing = registration.installing;
        installing.addEventListener("statechange", function () { if (installing.state === "installed") { offer(installing); } });
      });
    });
  }
  if (document.readyState === "complete") { register(); } else { window.addEventListener("load", register); }
  // The first worker taking charge of a page is no new version; a later one is, once asked.
  worker.addEventListener("controllerchange", function () {
    if (hadOne && !reloading) { reloading = true; window.location.reload(); }
    hadOne = true;
  });
  // A send that reached no server (the connection only half back, the server away) is tried
  // again while the page says it is online: after 2, 4, 8 ... seconds, five times at most.
  var tries = 0;
  worker.ready.then(function (registration) {
    if (navigator.onLine) { send(registration); }
    window.addEventListener("online", function () { tries = 0; send(registration); });
    worker.addEventListener("message", function (event) {
      var type = (event.data || {}).type;
      if (type === "synced") { tries = 0; }
      if (type !== "sync-failed" || tries >= 5) { return; }
      tries += 1;
      setTimeout(function () { if (navigator.onLine) { send(registration); } }, 1000 * Math.pow(2, tries));
    });
  });
}());

// The data saver: a "Show image" or "Load video" link brings in its one item in place. Without
// this file the link opens the same page with that item shown.
document.addEventListener("click", function (event) {
  var link = event.target.closest ? event.target.closest("a[data-held]") : null;
  if (!link || !window.fetch || !window.DOMParser) { return; }
  event.preventDefault();
  link.setAttribute("aria-busy", "true");
  fetch(link.href, { credentials: "same-origin" })
    .then(function (response) { return response.text(); })
    .then(function (html) {
      // A parsed document loads nothing: only the element adopted below fetches its file.
      var found = new DOMParser().parseFromString(html, "text/html").getElementById(link.id);
      if (!found || found.hasAttribute("data-held")) { window.location.href = link.href; return; }
      link.replaceWith(document.adoptNode(found));
    })
    .catch(function () { window.location.href = link.href; });
});
