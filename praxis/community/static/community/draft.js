// Saves what is being written as a draft while the member types, so that a dropped connection
// loses nothing. Progressive enhancement: the form posts normally without this file.
(function () {
  "use strict";
  var DELAY = 1500;
  function attach(form) {
    var url = form.getAttribute("data-draft-url");
    var status = form.querySelector("[data-draft-status]");
    var community = form.querySelector("[name=draft_community]");
    var thread = form.querySelector("[name=draft_thread]");
    var title = form.querySelector("[data-draft=title]");
    var body = form.querySelector("[data-draft=body]");
    var token = form.querySelector("[name=csrfmiddlewaretoken]");
    if (!url || !body || !community || !token) { return; }
    var timer = null;
    var last = null;
    var sent = false;
    function save() {
      if (sent) { return; }
      var data = new FormData();
      data.append("community", community.value);
      if (thread) { data.append("thread", thread.value); }
      data.append("title", title ? title.value : "");
      data.append("body", body.value);
      var snapshot = (title ? title.value : "") + "\u0000" + body.value;
      if (snapshot === last) { return; }
      fetch(url, {method: "POST", body: data, credentials: "same-origin",
                  headers: {"X-CSRFToken": token.value}})
        .then(function (response) {
          if (!response.ok) { throw new Error(String(response.status)); }
          last = snapshot;
          if (status) { status.textContent = status.getAttribute("data-saved"); }
        })
        .catch(function () {
          if (status) { status.textContent = status.getAttribute("data-failed"); }
        });
    }
    function later() {
      if (timer) { clearTimeout(timer); }
      timer = setTimeout(save, DELAY);
    }
    body.addEventListener("input", later);
    if (title) { title.addEventListener("input", later); }
    window.addEventListener("online", save);
    // Once posted, the server discards the draft: saving again would bring it back.
    form.addEventListener("submit", function () {
      sent = true;
      if (timer) { clearTimeout(timer); }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var forms = document.querySelectorAll("form[data-draft-url]");
    for (var i = 0; i < forms.length; i++) { attach(forms[i]); }
  });
})();
