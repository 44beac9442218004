// A Markdown toolbar over each textarea marked data-markdown-toolbar. Without JavaScript the
// plain textarea works as before; each button only writes Markdown into it.
(function () {
  "use strict";
  var ACTIONS = {
    bold: { before: "**", after: "**", sample: "bold" },
    italic: { before: "_", after: "_", sample: "italic" },
    heading: { line: "## ", sample: "Heading" },
    list: { line: "- ", sample: "item" },
    numbered: { line: "1. ", sample: "item" },
    link: { before: "[", after: "](https://)", sample: "text" },
  };

  function apply(area, action) {
    var start = area.selectionStart, end = area.selectionEnd, text = area.value;
    var chosen = text.slice(start, end) || action.sample;
    var inserted;
    if (action.line) {
      var lineStart = text.lastIndexOf("\n", start - 1) + 1;
      var prefix = start === lineStart ? "" : "\n";
      inserted = prefix + chosen.split("\n").map(function (line) { return action.line + line; }).join("\n");
    } else {
      inserted = action.before + chosen + action.after;
    }
    area.setRangeText(inserted, start, end, "end");
    area.dispatchEvent(new Event("input", { bubbles: true }));
    area.focus();
  }

  document.querySelectorAll("textarea[data-markdown-toolbar]").forEach(function (area) {
    function label(name) { return area.getAttribute("data-label-" + name) || name; }
    var bar = document.createElement("div");
    bar.className = "md-toolbar";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", label("toolbar"));
    bar.setAttribute("aria-controls", area.id);
    Object.keys(ACTIONS).forEach(function (name) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "secondary";
      button.textContent = label(name);
      button.setAttribute("data-action", name);
      button.addEventListener("click", function () { apply(area, ACTIONS[name]); });
      bar.appendChild(button);
    });
    addFileLinks(bar, area, label);
    area.parentNode.insertBefore(bar, area);
  });

  // The lesson's attached files, listed on the page, can be linked at the cursor.
  function addFileLinks(bar, area, label) {
    var files = document.querySelectorAll("[data-attachment-markdown]");
    if (!files.length) { return; }
    var choice = document.createElement("select");
    choice.setAttribute("aria-label", label("file"));
    files.forEach(function (file) {
      var option = document.createElement("option");
      option.value = file.getAttribute("data-attachment-markdown");
      option.textContent = file.getAttribute("data-attachment-name");
      choice.appendChild(option);
    });
    var button = document.createElement("button");
    button.type = "button";
    button.className = "secondary";
    button.textContent = label("insert-file");
    button.setAttribute("data-action", "file");
    button.addEventListener("click", function () {
      area.setRangeText(choice.value, area.selectionStart, area.selectionEnd, "end");
      area.dispatchEvent(new Event("input", { bubbles: true }));
      area.focus();
    });
    bar.appendChild(choice);
    bar.appendChild(button);
  }
})();
