// dedupe HTML report: filters, sorting, keyboard moves between findings, jumps between twins.
// The page is complete without this script; nothing here runs per finding at load time.
(function () {
  "use strict";

  var byId = function (id) { return document.getElementById(id); };
  var form = byId("filters");
  var search = byId("f-search");
  var sourceSelect = byId("f-source");
  var status = byId("f-status");
  var findings = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var pairCards = Array.prototype.slice.call(document.querySelectorAll("article.pair"));
  var pairTable = byId("pairs-list");
  var pairRows = pairTable ? Array.prototype.slice.call(pairTable.tBodies[0].rows) : [];
  var data = null;

  byId("controls").hidden = false;
  // On a phone the filters would fill the first screen: start them folded.
  if (window.matchMedia("(max-width: 44rem)").matches) byId("filter-panel").open = false;

  // The embedded report is parsed on first use, so a page with thousands of findings opens
  // without any work; search text is prepared once, from the same data the page shows.
  function report() {
    if (data) return data;
    data = JSON.parse(byId("dedupe-report").textContent);
    var sources = {};
    data.documents.forEach(function (d) { sources[d.id] = d.source; });
    function prepare(item, extra) {
      item._sources = [sources[item.a.doc], sources[item.b.doc]];
      item._text = [extra, item.a.doc, item.b.doc, item._sources[0], item._sources[1],
        item.a.text, item.b.text].join("\n").toLowerCase();
    }
    data.findings.forEach(function (f) { prepare(f, [f.id, f.rule, f.severity, f.message].join("\n")); });
    data.pairs.forEach(function (p) { prepare(p, p.id); });
    return data;
  }

  function checkedValues(name) {
    var boxes = form.querySelectorAll('input[name="' + name + '"]');
    var values = {};
    var count = 0;
    Array.prototype.forEach.call(boxes, function (box) {
      if (box.checked) { values[box.value] = true; count += 1; }
    });
    return { has: values, narrowed: count < boxes.length };
  }

  function show(el, visible) {
    if (el.hidden === visible) el.hidden = !visible;
  }

  function currentFilter() {
    var terms = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var source = sourceSelect.value;
    return {
      rules: checkedValues("rule"),
      severities: checkedValues("severity"),
      matches: function (text) { return terms.every(function (t) { return text.indexOf(t) >= 0; }); },
      fromSource: function (item) { return !source || item._sources.indexOf(source) >= 0; },
      active: terms.length > 0 || source !== ""
    };
  }

  function apply() {
    var r = report();
    var filter = currentFilter();
    var perPair = {};
    var shown = 0;
    findings.forEach(function (el) {
      var f = r.findings[+el.dataset.i];
      var ok = !!filter.rules.has[f.rule] && !!filter.severities.has[f.severity] &&
        filter.fromSource(f) && filter.matches(f._text);
      show(el, ok);
      if (ok) {
        shown += 1;
        if (f.pair) perPair[f.pair] = true;
      }
    });
    // Narrowing by rule or severity is a question about findings: then only pairs that
    // still carry a visible finding stay. Otherwise a pair may match on its own text.
    var narrowed = filter.rules.narrowed || filter.severities.narrowed;
    var pairsShown = 0;
    var visiblePair = r.pairs.map(function (p) {
      var ok = filter.fromSource(p) &&
        (narrowed ? !!perPair[p.id] : filter.matches(p._text) || !!perPair[p.id]);
      if (ok) pairsShown += 1;
      return ok;
    });
    pairCards.concat(pairRows).forEach(function (el) { show(el, visiblePair[+el.dataset.i]); });
    var filtered = narrowed || filter.active;
    status.textContent = filtered
      ? "Showing " + shown + " of " + findings.length + " findings and " + pairsShown +
        " of " + r.pairs.length + " pairs"
      : "Showing all " + findings.length + " findings";
    byId("findings-count").textContent = filtered ? shown + " of " + findings.length : findings.length;
    byId("f-summary").textContent = filtered ? "(" + shown + " of " + findings.length + " shown)" : "";
    byId("none-visible").hidden = shown > 0 || findings.length === 0;
  }

  var pending = 0;
  form.addEventListener("input", function (event) {
    clearTimeout(pending);
    if (event.target === search) pending = setTimeout(apply, 120);
    else apply();
  });
  form.addEventListener("change", function (event) {
    if (event.target !== search) apply();
  });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });

  // Sorting the pairs table: first click sorts numbers high to low, names A to Z.
  function sortPairs(th) {
    var key = th.dataset.key;
    var numeric = key !== "id";
    var current = th.getAttribute("aria-sort");
    var dir = current === "descending" ? "ascending"
      : current === "ascending" ? "descending" : numeric ? "descending" : "ascending";
    Array.prototype.forEach.call(pairTable.tHead.querySelectorAll("th[aria-sort]"), function (h) {
      h.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", dir);
    var sign = dir === "ascending" ? 1 : -1;
    var value = function (row) { return numeric ? parseFloat(row.dataset[key]) : row.dataset[key]; };
    var rows = Array.prototype.slice.call(pairTable.tBodies[0].rows);
    rows.sort(function (x, y) {
      var a = value(x);
      var b = value(y);
      if (a < b) return -sign;
      if (a > b) return sign;
      return +x.dataset.i - +y.dataset.i;
    });
    rows.forEach(function (row) { pairTable.tBodies[0].appendChild(row); });
  }
  if (pairTable) {
    pairTable.tHead.addEventListener("click", function (event) {
      var button = event.target.closest("th[data-key] button");
      if (button) sortPairs(button.closest("th"));
    });
  }

  function revealed(el) {
    // A link to a finding that the filters hide clears the filters rather than do nothing.
    if (el.closest("[hidden]")) {
      form.reset();
      apply();
    }
    return el;
  }

  function flash(el) {
    el.classList.remove("flash");
    void el.offsetWidth; // restart the animation
    el.classList.add("flash");
  }

  function goTo(el, block) {
    revealed(el).scrollIntoView({ block: block });
    el.focus({ preventScroll: true });
    flash(el);
  }

  // n / p: the next or previous visible finding, counted from the focused one or, when
  // none has focus, from what is on screen.
  function move(step) {
    var visible = findings.filter(function (el) { return !el.hidden; });
    if (!visible.length) return;
    var active = document.activeElement && document.activeElement.closest
      ? document.activeElement.closest("article.finding") : null;
    var at = visible.indexOf(active);
    var next;
    if (at >= 0) {
      next = Math.max(0, Math.min(visible.length - 1, at + step));
    } else if (step > 0) {
      next = visible.findIndex(function (el) { return el.getBoundingClientRect().top > 1; });
      if (next < 0) next = visible.length - 1;
    } else {
      next = -1;
      visible.forEach(function (el, i) { if (el.getBoundingClientRect().top < -1) next = i; });
      if (next < 0) next = 0;
    }
    visible[next].focus({ preventScroll: true });
    visible[next].scrollIntoView({ block: "start" });
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    var target = event.target;
    if (target.closest && target.closest("input, select, textarea, [contenteditable]")) {
      if (event.key === "Escape" && target === search) search.blur();
      return;
    }
    if (event.key === "n") move(1);
    else if (event.key === "p") move(-1);
    else if (event.key === "/") {
      event.preventDefault();
      search.focus();
    }
  });

  // A click on a passage shows its twin on the other side (unless the reader is selecting).
  document.addEventListener("click", function (event) {
    var passage = event.target.closest(".passage[data-twin]");
    if (!passage || event.target.closest("a")) return;
    var selection = window.getSelection();
    if (selection && !selection.isCollapsed) return;
    var twin = byId(passage.dataset.twin);
    if (twin) goTo(twin, "center");
  });

  function followHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id ? byId(id) : null;
    if (el && el.closest("[hidden]")) goTo(el, "start");
  }
  window.addEventListener("hashchange", followHash);
  followHash();

  // Print everything expanded; put the reader's open/closed choices back afterwards.
  var closedForPrint = [];
  window.addEventListener("beforeprint", function () {
    closedForPrint = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) {
      return !d.open;
    });
    closedForPrint.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closedForPrint.forEach(function (d) { d.open = false; });
    closedForPrint = [];
  });
})();
