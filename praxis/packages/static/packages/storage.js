// Web storage for package content where the browser refuses it. The package origin is framed by
// the site's lesson page, so to the browser it is a third party: one that blocks third-party
// storage (cookies blocked, private windows, and now some browsers by default) throws on the
// first read of localStorage or sessionStorage, and content that reads them without a guard
// (H5P's core, authoring tools' pages) stops halfway through starting. Such a window is given a
// storage kept in memory instead, shared by the package's pages open in the same frame tree
// (a frameset and the pages it navigates between), lost when the learner leaves: what a
// package must keep, it keeps through its standard's API.
//
// Served into every HTML page of a package (praxis.packages.views.content) and loaded by the
// H5P player, which also gives it to the content's frame it writes (window.praxisStorage).
(function () {
  "use strict";
  var KEY = "__praxisMemoryStorage";

  function memoryStorage() {
    var items = {};
    return {
      getItem: function (name) {
        return Object.prototype.hasOwnProperty.call(items, name) ? items[name] : null;
      },
      setItem: function (name, value) { items[name] = String(value); },
      removeItem: function (name) { delete items[name]; },
      clear: function () { items = {}; },
      key: function (index) { return Object.keys(items)[index] || null; },
      get length() { return Object.keys(items).length; }
    };
  }

  // The highest window of this origin above `target` (the lesson page around them is the
  // site's, and cannot be read): where the storages its pages share are kept.
  function keeper(target) {
    var found = target;
    while (found.parent && found.parent !== found) {
      try {
        void found.parent.document.body;
      } catch (otherOrigin) {
        break;
      }
      found = found.parent;
    }
    return found;
  }

  function refused(target, name) {
    try {
      target[name].getItem("praxis");
      return false;
    } catch (error) {
      return true;
    }
  }

  function provide(target) {
    ["localStorage", "sessionStorage"].forEach(function (name) {
      if (!refused(target, name)) return;
      var home = keeper(target);
      var kept = home[KEY] || (home[KEY] = {});
      if (!kept[name]) kept[name] = memoryStorage();
      Object.defineProperty(target, name, { value: kept[name], configurable: true });
    });
  }

  provide(window);
  window.praxisStorage = { provide: provide };
})();
