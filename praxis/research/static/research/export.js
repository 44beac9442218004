// Polls an export's progress and reloads the page when it is finished. The page works without it.
document.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("export-status");
  var bar = document.getElementById("export-progress");
  if (!box || !bar) { return; }
  function poll() {
    fetch(box.getAttribute("data-progress-url"), { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        bar.value = state.progress;
        bar.textContent = state.progress + "%";
        if (state.done) { window.location.reload(); } else { window.setTimeout(poll, 1500); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
});
