// Live attendance counts at the check-in desk: where JavaScript runs, the counts refresh every
// ten seconds from the counts address; without it they are as of the last page load.
(function () {
  "use strict";
  const box = document.querySelector("[data-counts]");
  if (!box || !window.fetch) {
    return;
  }
  const refresh = function () {
    fetch(box.dataset.counts, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (counts) {
        if (!counts) {
          return;
        }
        box.querySelectorAll("[data-count]").forEach(function (cell) {
          const value = counts[cell.dataset.count];
          if (typeof value === "number" && cell.textContent !== String(value)) {
            cell.textContent = String(value);
          }
        });
        // The words after each number agree with it: the server sends them with the numbers.
        box.querySelectorAll("[data-count-label]").forEach(function (cell) {
          const label = counts.labels && counts.labels[cell.dataset.countLabel];
          if (typeof label === "string" && cell.textContent !== label) {
            cell.textContent = label;
          }
        });
      })
      .catch(function () { /* offline for a moment: the next round tries again */ });
  };
  window.setInterval(refresh, 10000);
})();
