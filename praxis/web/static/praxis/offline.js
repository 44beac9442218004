// Downloaded courses, and the course, lesson or quiz the service worker could not fetch drawn
// from what the device keeps. Everything the learner does here is kept as an xAPI statement
// with an id made on the device, in the "praxis-outbox" cache, until the service worker has
// sent it and the server has answered for it.
(function () {
  "use strict";
  var words = JSON.parse(document.getElementById("offline-strings").textContent);
  var vocabulary = JSON.parse(document.getElementById("offline-vocabulary").textContent);
  var body = document.getElementById("offline-body");
  var title = document.getElementById("offline-title");
  var status = document.getElementById("offline-status");
  var OUTBOX = "praxis-outbox";
  var language = document.documentElement.lang;

  function t(key, values) {
    return words[key].replace(/%\((\w+)\)s/g, function (all, name) { return values[name]; });
  }
  function el(name, attributes, children) {
    var node = document.createElement(name);
    Object.keys(attributes || {}).forEach(function (key) {
      if (key === "text") { node.textContent = attributes[key]; } else { node.setAttribute(key, attributes[key]); }
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }
  function say(text) { status.textContent = text; }
  function size(bytes) {
    var megabytes = bytes / 1048576;
    return megabytes >= 1
      ? new Intl.NumberFormat(language, { style: "unit", unit: "megabyte", maximumFractionDigits: 1 }).format(megabytes)
      : new Intl.NumberFormat(language, { style: "unit", unit: "kilobyte", maximumFractionDigits: 0 }).format(Math.max(1, bytes / 1024));
  }
  function bundleUrl(slug) { return "/api/v1/offline/courses/" + slug; }
  function csrf() {
    var field = document.querySelector("[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }
  function show(heading, nodes) {
    title.textContent = heading;
    document.title = heading;
    body.replaceChildren.apply(body, nodes);
  }

  // What the device keeps. Each downloaded course is a cache of its own named after its slug
  // and the time it was filled, "praxis-course-<slug>~<stamp>" (a course downloaded before
  // there were stamps has none, and counts as the oldest). A course is updated by filling a new
  // cache beside the one in use and writing the bundle into it last: the newest cache that holds
  // its bundle is the one in use, so a page reading meanwhile, or a download cut short, sees the
  // old copy whole; the older caches are deleted only then.
  var PREFIX = "praxis-course-";
  function cacheOf(name) {
    if (name.indexOf(PREFIX) !== 0) { return null; }
    var parts = name.slice(PREFIX.length).split("~");
    return { name: name, slug: parts[0], stamp: Number(parts[1] || 0) };
  }
  function cachesBySlug() {
    return caches.keys().then(function (names) {
      var found = {};
      names.map(cacheOf).filter(Boolean).forEach(function (item) {
        (found[item.slug] = found[item.slug] || []).push(item);
      });
      Object.keys(found).forEach(function (slug) { found[slug].sort(function (a, b) { return b.stamp - a.stamp; }); });
      return found;
    });
  }
  // The cache in use among `candidates` (newest first) and its bundle, or null.
  function inUse(candidates) {
    if (!candidates.length) { return Promise.resolve(null); }
    // Matched by name, never opened: opening a cache deleted meanwhile would make it anew, empty.
    return caches.match(bundleUrl(candidates[0].slug), { cacheName: candidates[0].name }).then(function (found) {
      if (!found) { return inUse(candidates.slice(1)); }
      return found.json().then(function (bundle) { return { cache: candidates[0], bundle: bundle }; });
    });
  }
  function kept(slug) {
    return cachesBySlug().then(function (found) { return inUse(found[slug] || []); });
  }
  function courses() {
    return cachesBySlug().then(function (found) {
      return Promise.all(Object.keys(found).sort().map(function (slug) { return inUse(found[slug]); }));
    }).then(function (all) {
      return all.filter(Boolean).map(function (item) { return item.bundle; });
    });
  }
  // Everything that writes a course's cache runs alone, one after the other, across the
  // browser's tabs where it has Web Locks, else within this page.
  var queues = {};
  function alone(name, task) {
    if (navigator.locks) { return navigator.locks.request(name, task); }
    var turn = (queues[name] || Promise.resolve()).then(task, task);
    queues[name] = turn.catch(function () {});
    return turn;
  }
  function forCourse(slug, task) { return alone(PREFIX + slug, task); }

  // Marked done on this device since the server's record last came (see refresh): {uuid of
  // the lesson or quiz: id of the statement that said so}.
  function doneIn(slug) {
    return caches.open(OUTBOX).then(function (box) { return box.match("/offline/done/" + slug); })
      .then(function (found) { return found ? found.json() : {}; });
  }
  function changeDone(slug, change) {
    return alone("praxis-done-" + slug, function () {
      return caches.open(OUTBOX).then(function (box) {
        return doneIn(slug).then(function (done) {
          change(done);
          return Object.keys(done).length
            ? box.put("/offline/done/" + slug, new Response(JSON.stringify(done)))
            : box.delete("/offline/done/" + slug);
        });
      });
    });
  }
  function keep(bundle, key, statement) {
    return caches.open(OUTBOX).then(function (box) {
      return box.put("/offline/outbox/" + statement.id, new Response(JSON.stringify(statement)));
    }).then(function () {
      return changeDone(bundle.course.slug, function (done) { done[key] = statement.id; });
    }).then(askToSend);
  }
  function statement(verb, activity, extra) {
    var said = { id: crypto.randomUUID(), verb: { id: verb }, object: { id: activity }, timestamp: new Date().toISOString() };
    Object.keys(extra).forEach(function (key) { said[key] = extra[key]; });
    return said;
  }
  // The service worker keeps the offline page in one language: this page's, once a course is
  // downloaded from it (a few seconds at most are waited for it: the download is what counts).
  function keepPageInMyLanguage() {
    if (!("serviceWorker" in navigator)) { return Promise.resolve(); }
    var kept = navigator.serviceWorker.ready.then(function (registration) {
      return new Promise(function (resolve) {
        var channel = new MessageChannel();
        channel.port1.onmessage = function () { resolve(); };
        registration.active.postMessage({ type: "language", language: language }, [channel.port2]);
      });
    });
    return Promise.race([kept, new Promise(function (resolve) { setTimeout(resolve, 10000); })]);
  }
  function askToSend() {
    if (!("serviceWorker" in navigator)) { return; }
    navigator.serviceWorker.ready.then(function (registration) {
      if (navigator.onLine) { registration.active.postMessage({ type: "sync", csrf: csrf() }); }
      else if (registration.sync) { registration.sync.register("praxis-outbox").catch(function () {}); }
    });
  }
  // The ids of the statements kept and not yet answered for by the server.
  function outbox() {
    return caches.open(OUTBOX).then(function (box) { return box.keys(); }).then(function (keys) {
      return keys.filter(function (key) { return key.url.indexOf("/offline/outbox/") > 0; }).map(function (key) {
        return key.url.split("/offline/outbox/")[1];
      });
    });
  }
  function waiting() { return outbox().then(function (ids) { return ids.length; }); }

  // Downloading: the bundle's text as the server sent it and every address it lists in
  // `downloads`, nothing else, so that the size shown before is what the device keeps.
  function keepBundle(cache, slug, text) {
    return cache.put(bundleUrl(slug), new Response(text, { headers: { "Content-Type": "application/json" } }));
  }
  // Fills a new cache for the course and then deletes the older ones: called with the course's
  // turn (forCourse), so nothing else writes them meanwhile. A cache left without its bundle by a
  // download cut short is never in use, and goes with the next download.
  function install(text, bundle) {
    var slug = bundle.course.slug;
    return cachesBySlug().then(function (found) {
      var older = found[slug] || [];
      var stamp = Math.max(Date.now(), older.length ? older[0].stamp + 1 : 0);
      var name = PREFIX + slug + "~" + stamp;
      return caches.open(name).then(function (cache) {
        return cache.addAll(addresses(bundle)).then(function () { return keepBundle(cache, slug, text); });
      }).then(function () {
        return Promise.all(older.map(function (item) { return caches.delete(item.name); }));
      }, function (error) {
        return caches.delete(name).then(function () { throw error; });
      });
    });
  }
  function download(text, bundle) {
    return forCourse(bundle.course.slug, function () { return install(text, bundle); });
  }
  function remove(slug) {
    return forCourse(slug, function () {
      return cachesBySlug().then(function (found) {
        return Promise.all((found[slug] || []).map(function (item) { return caches.delete(item.name); }));
      });
    });
  }
  // A course downloaded before bundles listed their downloads has none: it is fetched anew.
  function addresses(bundle) { return (bundle.downloads || []).map(function (item) { return item.url; }); }
  function sameFiles(one, other) {
    function listed(bundle) {
      return (bundle.downloads || []).map(function (item) { return item.url + " " + item.size; }).sort().join("\n");
    }
    return Boolean(one.downloads && other.downloads) && listed(one) === listed(other);
  }
  function offerDownload(slug) {
    fetch(bundleUrl(slug), { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) { return response.json().then(function (refusal) { say(refusal.error.message); }); }
      return response.text().then(function (text) {
        var bundle = JSON.parse(text);
        var estimate = navigator.storage && navigator.storage.estimate ? navigator.storage.estimate() : Promise.resolve({});
        return estimate.then(function (space) {
          var free = space.quota ? space.quota - (space.usage || 0) : Infinity;
          var heading = el("h2", { text: bundle.course.title, dir: "auto", lang: bundle.course.language });
          var note = el("p", {}, [el("data", { value: bundle.size, text: t("size", { size: size(bundle.size) }) })]);
          var graded = el("p", { "class": "muted", text: bundle.scoring });
          if (bundle.size > free) {
            body.prepend(heading, note, el("p", { "class": "notice error", text: t("no_room", { size: size(bundle.size), free: size(free) }) }));
            return;
          }
          var button = el("button", { type: "button", text: t("download", { size: size(bundle.size) }) });
          button.addEventListener("click", function () {
            button.disabled = true;
            say(words.downloading);
            Promise.all([download(text, bundle), keepPageInMyLanguage()]).then(function () { say(words.downloaded); list(); }, function () {
              button.disabled = false;
              say(words.download_failed);
            });
          });
          body.prepend(el("section", { "class": "card", "aria-labelledby": "download-title" }, [heading, note, graded, button]));
          heading.id = "download-title";
        });
      });
    }).catch(function () { say(words.download_failed); });
  }
  // While online: a newer published version is fetched (and the learner told what changed),
  // other files fetched again if they changed, and what the server holds as done comes along.
  // It runs in the course's turn, from reading what is kept to keeping what came, so that two
  // refreshes (the page's own and the one after a sync) or a refresh and a download never mix,
  // and the last to keep a bundle is the last to have asked the server.
  function refresh(slug) {
    return forCourse(slug, function () {
      return kept(slug).then(function (current) {
        if (!current) { return null; }  // removed meanwhile
        return Promise.all([doneIn(slug), outbox()]).then(function (before) {
          var marks = before[0];
          var pending = before[1];
          // A mark whose statement the server had answered for before it was asked holds
          // nothing the server's record does not: it is forgotten once that record is kept.
          // (A mark kept without its statement's id is forgotten when nothing at all waited.)
          var answered = Object.keys(marks).filter(function (key) {
            var id = marks[key];
            return typeof id === "string" ? pending.indexOf(id) < 0 : !pending.length;
          });
          return fetch(bundleUrl(slug), { credentials: "same-origin" }).then(function (response) {
            if (!response.ok) { return null; }
            return response.text().then(function (text) {
              var fresh = JSON.parse(text);
              var old = current.bundle;
              var newer = fresh.course.version > old.course.version;
              var stored = newer || !sameFiles(fresh, old)
                ? install(text, fresh)
                : caches.open(current.cache.name).then(function (cache) { return keepBundle(cache, slug, text); });
              return stored.then(function () {
                if (newer) { say(t("updated", { course: fresh.course.title, number: fresh.course.version, changes: fresh.course.changes || "—" })); }
                return changeDone(slug, function (done) {
                  answered.forEach(function (key) { if (done[key] === marks[key]) { delete done[key]; } });
                });
              });
            });
          });
        });
      });
    }).catch(function () { return null; });
  }
  function refreshAll() {
    return cachesBySlug().then(function (found) { return Promise.all(Object.keys(found).map(refresh)); });
  }

  // The pages.
  function list() {
    return courses().then(function (bundles) {
      var items = bundles.map(function (bundle) {
        var button = el("button", { type: "button", "class": "secondary", text: words.remove });
        button.addEventListener("click", function () {
          remove(bundle.course.slug).then(function () { say(words.removed); list(); });
        });
        // A course never published as a version has none to show (its number is 0).
        var version = bundle.course.version ? [t("version", { number: bundle.course.version })] : [];
        var detail = version.concat([size(bundle.size)]).join(" · ");
        return el("li", {}, [
          el("a", { href: bundle.course.url, text: bundle.course.title, dir: "auto", lang: bundle.course.language }),
          el("p", { "class": "muted", text: detail }),
          button
        ]);
      });
      var nodes = items.length ? [el("ul", { "class": "downloads" }, items)] : [el("p", { text: words.none })];
      body.querySelectorAll(".downloads, .downloads-none").forEach(function (old) { old.remove(); });
      nodes[0].classList.add(items.length ? "downloads" : "downloads-none");
      body.append.apply(body, nodes);
      if (navigator.onLine) { refreshAll(); }
    });
  }
  function course(bundle) {
    return doneIn(bundle.course.slug).then(function (done) {
      (bundle.done || []).forEach(function (key) { done[key] = true; });
      var lessons = bundle.lessons.map(function (lesson) {
        var link = el("a", { href: lesson.url, text: lesson.title, dir: "auto", lang: bundle.course.language });
        return el("li", {}, done[lesson.uuid] ? [link, el("span", { "class": "done", text: " · " + words.done })] : [link]);
      });
      var quizzes = bundle.quizzes.map(function (quiz) {
        var name = quiz.offline ? el("a", { href: quiz.url, text: quiz.title }) : el("span", { text: quiz.title + " · " + words.needs_connection });
        return el("li", {}, done[quiz.uuid] ? [name, el("span", { "class": "done", text: " · " + words.done })] : [name]);
      });
      var image = bundle.course.image;
      var nodes = (image ? [el("p", { "class": "course-image" }, [el("img", { src: image.url, alt: image.alt })])] : []).concat([
        el("h2", { text: words.lessons }), el("ol", {}, lessons)
      ]);
      // Quizzes only when the course has some, and what marking them means only when one of
      // them can be answered here.
      if (quizzes.length) {
        nodes.push(el("h2", { text: words.quizzes }));
        if (bundle.quizzes.some(function (quiz) { return quiz.offline; })) { nodes.push(el("p", { "class": "muted", text: words.graded })); }
        nodes.push(el("ul", {}, quizzes));
      }
      show(bundle.course.title, nodes);
    });
  }
  function lesson(bundle, index) {
    var item = bundle.lessons[index];
    var next = bundle.lessons[index + 1];
    var text = el("div", { "class": "lesson-body", dir: "auto", lang: bundle.course.language });
    text.innerHTML = item.html;  // sanitised by the server when the lesson was saved
    var nodes = [el("p", { "class": "muted", text: item.module }), text];
    if (item.transcript) {
      nodes.push(el("details", {}, [el("summary", { text: words.transcript }), el("p", { text: item.transcript, dir: "auto" })]));
    }
    if (item.files.length) {
      nodes.push(el("h2", { text: words.files }), el("ul", {}, item.files.map(function (file) {
        return el("li", {}, [el("a", { href: file.url, text: file.title })]);
      })));
    }
    var button = el("button", { type: "button", text: words.mark_done });
    button.addEventListener("click", function () {
      button.disabled = true;
      var extensions = {};
      extensions[vocabulary.version] = bundle.course.version;
      keep(bundle, item.uuid, statement(vocabulary.completed, item.activity, { context: { extensions: extensions } })).then(function () {
        window.location.href = next ? next.url : bundle.course.url;
      });
    });
    nodes.push(el("p", {}, [button]));
    show(item.title, nodes);
  }
  function field(question, index) {
    var name = "q" + index;
    var legend = el("legend", { text: question.stem, dir: "auto" });
    var inputs = [];
    if (["single", "true_false", "multiple"].indexOf(question.kind) >= 0) {
      inputs = question.options.map(function (option, position) {
        var id = name + "-" + position;
        var input = el("input", { type: question.kind === "multiple" ? "checkbox" : "radio", name: name, id: id, value: option.token });
        return el("div", { "class": "choice" }, [input, el("label", { "for": id, text: option.text, dir: "auto" })]);
      });
    } else if (question.kind === "ordering" || question.kind === "matching") {
      var rows = question.kind === "ordering" ? question.options.map(function (o, i) { return { token: String(i), text: t("position", { number: i + 1 }) }; }) : question.options;
      var choices = question.kind === "ordering" ? question.options : question.matches;
      inputs = rows.map(function (row, position) {
        var id = name + "-" + position;
        var select = el("select", { id: id, name: name, "data-row": row.token }, [el("option", { value: "", text: "—" })].concat(choices.map(function (choice) {
          return el("option", { value: choice.token, text: choice.text });
        })));
        return el("div", {}, [el("label", { "for": id, text: row.text, dir: "auto" }), select]);
      });
    } else {
      var id = name + "-answer";
      inputs = [el("label", { "for": id, text: question.stem, "class": "visually-hidden" }), el("input", { type: "text", id: id, name: name })];
    }
    return el("fieldset", { "data-question": question.uuid, "data-kind": question.kind }, [legend].concat(inputs));
  }
  // The answers as the online form sends them: an ordering or a matching whose drop-downs were
  // all left at "—" is not sent (unanswered).
  function answersOf(form) {
    var answers = {};
    form.querySelectorAll("fieldset").forEach(function (set) {
      var kind = set.getAttribute("data-kind");
      var value;
      if (kind === "ordering" || kind === "matching") {
        var chosen = Array.prototype.filter.call(set.querySelectorAll("select"), function (select) { return select.value; });
        if (!chosen.length) { return; }
      }
      if (kind === "multiple") {
        value = Array.prototype.map.call(set.querySelectorAll("input:checked"), function (box) { return box.value; });
      } else if (kind === "single" || kind === "true_false") {
        var chosen = set.querySelector("input:checked");
        value = chosen ? chosen.value : null;
      } else if (kind === "ordering") {
        value = Array.prototype.map.call(set.querySelectorAll("select"), function (select) { return select.value; });
      } else if (kind === "matching") {
        value = {};
        set.querySelectorAll("select").forEach(function (select) { if (select.value) { value[select.getAttribute("data-row")] = select.value; } });
      } else {
        value = set.querySelector("input").value;
      }
      answers[set.getAttribute("data-question")] = value;
    });
    return answers;
  }
  // An ordering is left blank or puts every item in a position of its own, as online: anything
  // else would be refused once sent, and the attempt lost. Returns the first select to fix.
  function unordered(form) {
    var wrong = null;
    form.querySelectorAll("fieldset[data-kind=ordering]").forEach(function (set) {
      var selects = Array.prototype.slice.call(set.querySelectorAll("select"));
      var chosen = selects.map(function (select) { return select.value; }).filter(Boolean);
      var error = set.querySelector(".field-error");
      var fine = !chosen.length || (chosen.length === selects.length && new Set(chosen).size === chosen.length);
      if (error) { error.remove(); }
      selects.forEach(function (select) { if (fine) { select.removeAttribute("aria-describedby"); select.removeAttribute("aria-invalid"); } });
      if (fine) { return; }
      var id = set.querySelector("select").id + "-error";
      set.querySelector("legend").after(el("p", { "class": "field-error", id: id, text: words.unordered }));
      selects.forEach(function (select) { select.setAttribute("aria-describedby", id); select.setAttribute("aria-invalid", "true"); });
      wrong = wrong || selects[0];
    });
    return wrong;
  }
  function quiz(bundle, item) {
    var form = el("form", {}, item.questions.map(field));
    form.append(el("p", {}, [el("button", { type: "submit", text: words.submit })]));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var wrong = unordered(form);
      if (wrong) { wrong.focus(); return; }
      var extensions = {};
      extensions[vocabulary.answers] = answersOf(form);
      keep(bundle, item.uuid, statement(vocabulary.attempted, item.activity, { result: { extensions: extensions } })).then(function () {
        show(item.title, [el("p", { text: words.answers_kept }), el("p", {}, [el("a", { href: bundle.course.url, text: words.back_to_course })])]);
      });
    });
    show(item.title, [el("p", { "class": "muted", text: words.graded }), form]);
  }

  function route() {
    var path = window.location.pathname;
    var lessonPath = path.match(/^\/courses\/([^/]+)\/lessons\/([0-9a-f-]+)\/$/);
    var coursePath = path.match(/^\/courses\/([^/]+)\/$/);
    var quizPath = path.match(/^\/quizzes\/([0-9a-f-]+)\/$/);
    if (!lessonPath && !coursePath && !quizPath) {
      var wanted = new URLSearchParams(window.location.search).get("download");
      if (!navigator.onLine) { say(words.offline); }
      list().then(function () { if (wanted && navigator.onLine) { offerDownload(wanted); } });
      return;
    }
    courses().then(function (bundles) {
      var found = bundles.some(function (bundle) {
        if (coursePath && bundle.course.slug === coursePath[1]) { course(bundle); return true; }
        if (lessonPath && bundle.course.slug === lessonPath[1]) {
          var index = bundle.lessons.findIndex(function (item) { return item.uuid === lessonPath[2]; });
          if (index >= 0) { lesson(bundle, index); return true; }
        }
        if (quizPath) {
          var item = bundle.quizzes.find(function (entry) { return entry.uuid === quizPath[1] && entry.offline; });
          if (item) { quiz(bundle, item); return true; }
        }
        return false;
      });
      if (!found) { say(words.not_downloaded); list(); }
    });
  }

  function counted() {
    waiting().then(function (count) { if (count) { say(t("waiting", { count: count })); } });
  }
  // What the last sync answered, which the service worker keeps until a page has told the
  // learner (the page its message reaches may be leaving, and one loading then would miss it).
  var SYNCED = "/offline/synced";
  var heard = {};
  // Each refusal names the lesson or quiz it refused (set apart, so that a title in another
  // direction keeps its place); one told by a server before refusals had titles, as it came.
  function refusal(result) {
    return result.title
      ? t("refused_item", { title: "\u2068" + result.title + "\u2069", reason: result.message })
      : t("refused", { reason: result.message });
  }
  function synced(data) {
    var refused = data.results.filter(function (result) { return result.status === "refused"; });
    var told = refused.length ? refused.map(refusal).join(" ") : (data.left ? t("waiting", { count: data.left }) : words.sent);
    if (data.left) { say(told); askToSend(); return Promise.resolve(); }
    // Everything answered for: the marks become the server's (a quiz failed is not done).
    return refreshAll().then(function () { say(told); });
  }
  function takeSynced() {
    return caches.open(OUTBOX).then(function (box) {
      function last() { return box.match(SYNCED).then(function (found) { return found ? found.json() : null; }); }
      return last().then(function (data) {
        if (!data || heard[data.id]) { return null; }
        heard[data.id] = true;
        return synced(data).then(function () {
          // Told: forgotten, unless a newer answer came meanwhile.
          return alone(SYNCED, function () {
            return last().then(function (now) { if (now && now.id === data.id) { return box.delete(SYNCED); } });
          });
        });
      });
    });
  }
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.addEventListener("message", function (event) {
      var data = event.data || {};
      if (data.type === "synced" && data.results.length) {
        takeSynced();
      } else if (data.type === "sync-refused") {
        say(t("not_sent", { reason: data.error.message }));
      }
    });
  }
  route();
  if (navigator.onLine) { keepPageInMyLanguage(); }
  counted();
  takeSynced();
  askToSend();
}());
