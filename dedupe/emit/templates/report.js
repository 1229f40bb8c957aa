// dedupe HTML report: filters (kept in the URL fragment), sorting, keyboard moves between
// findings, jumps between twins, and the article view. The page reads without this script;
// nothing here runs per finding at load time.
(function () {
  "use strict";

  var byId = function (id) { return document.getElementById(id); };
  var form = byId("filters");
  var search = byId("f-search");
  var sourceSelect = byId("f-source");
  var status = byId("f-status");
  var reader = byId("reader");
  var findings = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var pairTable = byId("pairs-list");
  var pairsFold = byId("pairs-fold");
  var PAGE = 100;
  var pairs = { visible: null, order: null, page: 0, key: null, sign: 1 };
  var data = null;
  var codePoints = {};
  var readerAt = null;
  var opener = null;

  // The filters take the side column only now that they can work.
  byId("controls").hidden = false;
  byId("layout").classList.add("with-controls");
  // On a phone the filters would fill the first screen: start them folded.
  if (window.matchMedia("(max-width: 44rem)").matches) byId("filter-panel").open = false;

  // The embedded report is parsed on first use, so a page with thousands of findings opens
  // without any work; search text is prepared once, from the same data the page shows.
  function report() {
    if (data) return data;
    data = JSON.parse(byId("dedupe-report").textContent);
    var docs = {};
    data._index = {};
    data.documents.forEach(function (d, i) { docs[d.id] = d; data._index[d.id] = i; });
    // Pair spans come without their text (it is the document's): put it back for search.
    data.pairs.forEach(function (p) {
      [p.a, p.b].forEach(function (span) {
        if (span.text === undefined) span.text = chars(docs[span.doc]).slice(span.start, span.end).join("");
      });
    });
    function prepare(item, extra) {
      item._sources = [docs[item.a.doc].source, docs[item.b.doc].source];
      item._text = [extra, item.a.doc, item.b.doc, item._sources[0], item._sources[1],
        item.a.text, item.b.text].join("\n").toLowerCase();
    }
    data.findings.forEach(function (f) { prepare(f, [f.id, f.rule, f.severity, f.message].join("\n")); });
    data.pairs.forEach(function (p) { prepare(p, p.id); });
    countPairFindings(data);
    return data;
  }

  function countPairFindings(r) {
    var byPair = {};
    r.pairs.forEach(function (p) { p._severities = {}; p._findings = 0; byPair[p.id] = p; });
    r.findings.forEach(function (f) {
      var p = f.pair ? byPair[f.pair] : null;
      if (!p) return;
      p._severities[f.severity] = (p._severities[f.severity] || 0) + 1;
      p._findings += 1;
    });
  }

  // A document's text as code points: offsets count them, as Python does, where
  // JavaScript strings count UTF-16 units.
  function chars(doc) {
    if (!codePoints[doc.id]) codePoints[doc.id] = Array.from(doc.text);
    return codePoints[doc.id];
  }

  function boxes(name) {
    return Array.prototype.slice.call(form.querySelectorAll('input[name="' + name + '"]'));
  }

  function checkedValues(name) {
    var all = boxes(name);
    var values = {};
    var count = 0;
    all.forEach(function (box) {
      if (box.checked) { values[box.value] = true; count += 1; }
    });
    return { has: values, narrowed: count < all.length };
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
    pairs.visible = r.pairs.map(function (p) {
      var ok = filter.fromSource(p) &&
        (narrowed ? !!perPair[p.id] : filter.matches(p._text) || !!perPair[p.id]);
      if (ok) pairsShown += 1;
      return ok;
    });
    pairs.page = 0;
    if (pairsFold && pairsFold.open) drawPairs();
    var filtered = narrowed || filter.active;
    status.textContent = filtered
      ? "Showing " + shown + " of " + findings.length + " findings and " + pairsShown +
        " of " + r.pairs.length + " pairs"
      : "Showing all " + findings.length + " findings";
    byId("findings-count").textContent = filtered ? shown + " of " + findings.length : findings.length;
    byId("f-summary").textContent = filtered ? "(" + shown + " of " + findings.length + " shown)" : "";
    byId("none-visible").hidden = shown > 0 || findings.length === 0;
  }

  // The filters live in the URL fragment ("#rule=quote-drift&severity=error"), so a reload,
  // a bookmark or a shared link shows the same findings; "at" names the open article view.
  function stateFromForm() {
    var params = new URLSearchParams();
    var words = search.value.trim();
    if (words) params.set("q", words);
    if (sourceSelect.value) params.set("source", sourceSelect.value);
    ["severity", "rule"].forEach(function (name) {
      var checked = checkedValues(name);
      if (checked.narrowed) params.set(name, Object.keys(checked.has).join(","));
    });
    if (readerAt !== null) params.set("at", readerAt);
    return params;
  }

  function formFromState(params) {
    search.value = params.get("q") || "";
    sourceSelect.value = params.get("source") || "";
    if (sourceSelect.selectedIndex < 0) sourceSelect.value = "";
    ["severity", "rule"].forEach(function (name) {
      var wanted = params.has(name) ? params.get(name).split(",") : null;
      boxes(name).forEach(function (box) { box.checked = !wanted || wanted.indexOf(box.value) >= 0; });
    });
  }

  function writeHash(push) {
    var state = stateFromForm().toString();
    var url = state ? "#" + state : location.pathname + location.search;
    // With no filter set, a plain anchor (#finding-...) in the address stays as it is.
    if (url === location.hash || (!state && !hashState())) return;
    if (push) history.pushState(null, "", url);
    else history.replaceState(null, "", url);
  }

  function hashState() {
    var hash = location.hash.slice(1);
    return hash.indexOf("=") >= 0 ? new URLSearchParams(hash) : null;
  }

  // Applies a fragment that holds filter state; false when it is a plain anchor.
  function applyHash(navigated) {
    var params = hashState();
    if (!params) {
      closeReader();
      return false;
    }
    formFromState(params);
    apply();
    if (params.has("at")) openAt(params.get("at"));
    else closeReader();
    if (navigated && !params.has("at")) byId("findings").scrollIntoView({ block: "start" });
    return true;
  }

  function changed() {
    apply();
    writeHash(false);
  }

  var pending = 0;
  form.addEventListener("input", function (event) {
    clearTimeout(pending);
    if (event.target === search) pending = setTimeout(changed, 120);
    else changed();
  });
  form.addEventListener("change", function (event) {
    if (event.target !== search) changed();
  });
  form.addEventListener("reset", function () { setTimeout(changed, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); changed(); });

  // A click anywhere on a rule's row filters by it, as its link does.
  document.addEventListener("click", function (event) {
    var row = event.target.closest("tr[data-rule]");
    if (row && !event.target.closest("a")) location.hash = "rule=" + encodeURIComponent(row.dataset.rule);
  });

  // The pairs table is drawn from the data, a page at a time, when it is first opened:
  // a report of thousands of pairs costs nothing until then.
  function pairCell(side) {
    var r = report();
    var td = element("td");
    var index = r._index[side.doc];
    var link = td.appendChild(element("a", "", r.documents[index].source));
    link.href = "#doc-" + index;
    link.dataset.at = index + ":" + side.start + "-" + side.end;
    td.appendChild(document.createTextNode(" "));
    td.appendChild(element("span", "lc", side.line + ":" + side.column));
    return td;
  }

  function pairRow(p, i) {
    var tr = element("tr");
    tr.dataset.i = i;
    var th = tr.appendChild(element("th"));
    th.scope = "row";
    th.appendChild(element("code", "", p.id));
    tr.appendChild(pairCell(p.a));
    tr.appendChild(pairCell(p.b));
    tr.appendChild(element("td", "num", p.score.toFixed(2)));
    var counts = tr.appendChild(element("td", "num"));
    ["error", "warning", "info"].forEach(function (s) {
      var n = p._severities[s];
      if (n) counts.appendChild(element("span", "chip sev-" + s, String(n))).title = n + " " + s;
    });
    if (!p._findings) counts.appendChild(element("span", "zero", "0"));
    return tr;
  }

  function sortValue(p, i) {
    if (pairs.key === "score") return p.score;
    if (pairs.key === "findings") return p._findings;
    return pairs.key === "id" ? p.id : i;
  }

  function drawPairs() {
    var r = report();
    if (!pairs.visible) apply();
    if (!pairs.order) {
      pairs.order = r.pairs.map(function (_, i) { return i; });
      pairs.order.sort(function (x, y) {
        var a = sortValue(r.pairs[x], x);
        var b = sortValue(r.pairs[y], y);
        return a < b ? -pairs.sign : a > b ? pairs.sign : x - y;
      });
    }
    var shown = pairs.order.filter(function (i) { return pairs.visible[i]; });
    var pages = Math.max(1, Math.ceil(shown.length / PAGE));
    pairs.page = Math.max(0, Math.min(pairs.page, pages - 1));
    var body = pairTable.tBodies[0];
    body.textContent = "";
    shown.slice(pairs.page * PAGE, (pairs.page + 1) * PAGE).forEach(function (i) {
      body.appendChild(pairRow(r.pairs[i], i));
    });
    var first = shown.length ? pairs.page * PAGE + 1 : 0;
    byId("pairs-page").textContent = "Pairs " + first + "–" + Math.min(shown.length, (pairs.page + 1) * PAGE) +
      " of " + shown.length + (shown.length < r.pairs.length ? " shown (" + r.pairs.length + " in all)" : "");
    var buttons = byId("pairs-pager").querySelectorAll("button");
    buttons[0].disabled = pairs.page === 0;
    buttons[1].disabled = pairs.page >= pages - 1;
  }

  if (pairTable) {
    byId("pairs-nojs").hidden = true;
    byId("pairs-wrap").hidden = false;
    byId("pairs-pager").hidden = false;
    pairsFold.addEventListener("toggle", function () { if (pairsFold.open) drawPairs(); });
    byId("pairs-pager").addEventListener("click", function (event) {
      var button = event.target.closest("button[data-step]");
      if (!button) return;
      pairs.page += +button.dataset.step;
      drawPairs();
    });
    // Sorting: the first click sorts numbers high to low, names A to Z; the next reverses.
    pairTable.tHead.addEventListener("click", function (event) {
      var button = event.target.closest("th[data-key] button");
      if (!button) return;
      var th = button.closest("th");
      var current = th.getAttribute("aria-sort");
      var dir = current === "descending" ? "ascending"
        : current === "ascending" ? "descending" : th.dataset.key === "id" ? "ascending" : "descending";
      Array.prototype.forEach.call(pairTable.tHead.querySelectorAll("th[aria-sort]"), function (h) {
        h.removeAttribute("aria-sort");
      });
      th.setAttribute("aria-sort", dir);
      pairs.key = th.dataset.key;
      pairs.sign = dir === "ascending" ? 1 : -1;
      pairs.order = null;
      pairs.page = 0;
      drawPairs();
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
    if (event.key === "Escape" && !reader.hidden) closeReader(true);
    else if (event.key === "n") move(1);
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

  // The article view: one article's whole text beside the report, its findings marked
  // and the passage a link named ("at" = "DOC:START-END", or "DOC:" for the whole) in view.
  function openAt(at, push) {
    var match = /^(\d+):(?:(\d+)-(\d+))?$/.exec(at || "");
    var doc = match ? report().documents[+match[1]] : null;
    if (!doc) return false;
    renderReader(+match[1], doc, match[2] ? [+match[2], +match[3]] : null);
    readerAt = at;
    if (push !== undefined) writeHash(push);
    return true;
  }

  function closeReader(write) {
    if (reader.hidden) return;
    reader.hidden = true;
    readerAt = null;
    if (write) writeHash(false);
    if (opener && document.contains(opener)) opener.focus({ preventScroll: true });
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function readerHead(index, doc) {
    var head = element("header", "reader-h");
    var title = element("h2", "reader-title");
    // The address is linked only where the page links it (web addresses, checked when the
    // page was written): the documents table's row of this article.
    var known = byId("doc-" + index).querySelector("a[rel]");
    var name = title.appendChild(element(known ? "a" : "span", "", doc.title || doc.id));
    if (known) { name.href = known.getAttribute("href"); name.rel = known.rel; }
    var close = element("button", "reader-close", "Close");
    close.type = "button";
    close.addEventListener("click", function () { closeReader(true); });
    head.appendChild(close);
    head.appendChild(title);
    var meta = [doc.source, doc.date || "", doc.id].filter(Boolean).join(" · ");
    head.appendChild(element("p", "reader-meta", meta));
    return head;
  }

  // Ranges to mark: the passage asked for, and the findings on this article.
  function readerMarks(doc, target) {
    var marks = target ? [{ start: target[0], end: target[1], cls: "at" }] : [];
    report().findings.forEach(function (f) {
      [f.a, f.b].forEach(function (span) {
        if (span.doc === doc.id) marks.push({ start: span.start, end: span.end, cls: "f sev-" + f.severity, title: f.rule });
      });
    });
    return marks;
  }

  // The article's text from its body (or from the start, when the passage lies before it),
  // cut wherever a mark starts or ends; a piece inside marks carries all their classes.
  function readerText(doc, target) {
    var cps = chars(doc);
    var from = target && target[0] < doc.body_start ? 0 : doc.body_start;
    var marks = readerMarks(doc, target);
    var cuts = [from, cps.length];
    marks.forEach(function (m) { cuts.push(m.start, m.end); });
    cuts = cuts.filter(function (c) { return c >= from && c <= cps.length; })
      .sort(function (x, y) { return x - y; });
    var body = element("div", "reader-text");
    for (var i = 0; i + 1 < cuts.length; i += 1) {
      if (cuts[i] === cuts[i + 1]) continue;
      var piece = cps.slice(cuts[i], cuts[i + 1]).join("");
      var covering = marks.filter(function (m) { return m.start <= cuts[i] && m.end >= cuts[i + 1]; });
      if (!covering.length) { body.appendChild(document.createTextNode(piece)); continue; }
      var mark = body.appendChild(element("mark", covering.map(function (m) { return m.cls; }).join(" "), piece));
      var titles = covering.filter(function (m) { return m.title; }).map(function (m) { return m.title; });
      if (titles.length) mark.title = titles.join(", ");
    }
    return body;
  }

  function renderReader(index, doc, target) {
    reader.textContent = "";
    reader.appendChild(readerHead(index, doc));
    var first = reader.appendChild(readerText(doc, target)).querySelector("mark.at");
    reader.hidden = false;
    reader.scrollTop = 0;
    reader.focus({ preventScroll: true });
    if (first) { first.id = "reader-at"; first.scrollIntoView({ block: "center" }); }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-at]");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    opener = link;
    openAt(link.dataset.at, true);
  });

  function followHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id ? byId(id) : null;
    if (el && el.closest("[hidden]")) goTo(el, "start");
  }
  function navigated() {
    if (!applyHash(true)) followHash();
  }
  window.addEventListener("hashchange", navigated);
  window.addEventListener("popstate", navigated);
  if (!applyHash(false)) followHash();

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
