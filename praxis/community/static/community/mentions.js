// Suggests members' handles while "@name" is typed in a post, as a list under the text box
// (a list box the text box points into with aria-activedescendant: arrow keys move, Enter or
// Tab choose, Escape closes). Progressive
// enhancement: without this file, mentions are typed in full and checked when posted.
(function () {
  "use strict";
  var DELAY = 200;
  var HANDLE = /^[a-z0-9-]{1,40}$/i;
  var count = 0;

  function attach(form) {
    var url = form.getAttribute("data-mention-url");
    var community = form.querySelector("[name=draft_community]");
    var box = form.querySelector("textarea[data-draft=body]");
    if (!url || !community || !box) { return; }
    count += 1;
    var listId = "mention-list-" + count;
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "mention-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", form.getAttribute("data-mention-label") || "@");
    list.hidden = true;
    box.insertAdjacentElement("afterend", list);
    box.setAttribute("aria-autocomplete", "list");
    box.setAttribute("aria-controls", listId);
    var timer = null;
    var active = -1;
    var token = null; // {start, end} of the "@name" being typed

    function typedToken() {
      var caret = box.selectionStart;
      if (caret !== box.selectionEnd) { return null; }
      var start = caret;
      while (start > 0 && !/\s/.test(box.value.charAt(start - 1))) { start -= 1; }
      var word = box.value.slice(start, caret);
      if (word.charAt(0) !== "@" || !HANDLE.test(word.slice(1))) { return null; }
      return {start: start, end: caret, typed: word.slice(1)};
    }

    function close() {
      list.hidden = true;
      list.textContent = "";
      active = -1;
      box.removeAttribute("aria-activedescendant");
    }

    function choose(index) {
      var option = list.children[index];
      if (!option || !token) { return; }
      var handle = "@" + option.getAttribute("data-handle") + " ";
      box.value = box.value.slice(0, token.start) + handle + box.value.slice(token.end);
      var caret = token.start + handle.length;
      box.setSelectionRange(caret, caret);
      close();
      box.focus();
      box.dispatchEvent(new Event("input", {bubbles: true})); // the draft saves it too
    }

    function highlight(index) {
      var options = list.children;
      if (!options.length) { return; }
      active = (index + options.length) % options.length;
      for (var i = 0; i < options.length; i++) {
        options[i].setAttribute("aria-selected", i === active ? "true" : "false");
      }
      box.setAttribute("aria-activedescendant", options[active].id);
    }

    function show(handles) {
      list.textContent = "";
      if (!handles.length) { close(); return; }
      handles.forEach(function (item, index) {
        var option = document.createElement("li");
        option.id = listId + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.setAttribute("data-handle", item.handle);
        var handle = document.createElement("strong");
        handle.textContent = "@" + item.handle;
        var name = document.createElement("span");
        name.textContent = " " + item.name;
        name.setAttribute("dir", "auto");
        option.appendChild(handle);
        option.appendChild(name);
        // mousedown, not click: the text box keeps its focus and caret.
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(index);
        });
        list.appendChild(option);
      });
      list.hidden = false;
      highlight(0);
    }

    function lookUp() {
      token = typedToken();
      if (!token) { close(); return; }
      var asked = token.typed;
      var query = "?community=" + encodeURIComponent(community.value) +
        "&q=" + encodeURIComponent(asked);
      fetch(url + query, {credentials: "same-origin", headers: {"Accept": "application/json"}})
        .then(function (response) { return response.ok ? response.json() : {handles: []}; })
        .then(function (data) {
          var now = typedToken();
          if (now && now.typed === asked) { token = now; show(data.handles || []); }
        })
        .catch(close);
    }

    box.addEventListener("input", function () {
      if (timer) { clearTimeout(timer); }
      timer = setTimeout(lookUp, DELAY);
    });
    box.addEventListener("keydown", function (event) {
      if (list.hidden) { return; }
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
      else if (event.key === "Enter" || event.key === "Tab") { event.preventDefault(); choose(active); }
      else if (event.key === "Escape") { event.preventDefault(); close(); }
    });
    box.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var forms = document.querySelectorAll("form[data-mention-url]");
    for (var i = 0; i < forms.length; i++) { attach(forms[i]); }
  });
})();
