// Filters and search, with no server: rows are hidden in place. The state is kept in the URL's
// fragment (#division=…&track=…&outliers=1&q=…) so a filtered view can be linked and reloaded.
(function () {
  "use strict";
  var division = document.getElementById("f-division");
  var track = document.getElementById("f-track");
  var outliers = document.getElementById("f-outliers");
  var search = document.getElementById("f-search");
  var count = document.getElementById("f-count");
  var families = Array.prototype.slice.call(document.querySelectorAll("tr.family"));
  var managers = Array.prototype.slice.call(document.querySelectorAll("tr.manager"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".matrix tbody"));
  // Looked up once: a filter pass then only reads attributes and toggles `hidden`.
  var items = families.map(function (row) { return Array.prototype.slice.call(row.querySelectorAll("li.lvl")); });
  var rowsOf = groups.map(function (g) { return Array.prototype.slice.call(g.querySelectorAll("tr.family")); });
  function apply() {
    var started = window.performance ? performance.now() : 0;
    var d = division.value, t = track.value, o = outliers.checked, q = search.value.trim().toLowerCase();
    var shown = 0;
    families.forEach(function (row, r) {
      var visible = (!d || row.getAttribute("data-division") === d) &&
        (!o || row.classList.contains("has-outlier")) &&
        (!q || row.getAttribute("data-search").indexOf(q) >= 0);
      var any = false;
      items[r].forEach(function (item) {
        var keep = !t || item.getAttribute("data-track") === t;
        if (item.hidden === keep) item.hidden = !keep;
        any = any || keep;
      });
      row.hidden = !(visible && any);
      if (!row.hidden) shown++;
    });
    groups.forEach(function (g, i) {
      g.hidden = !rowsOf[i].some(function (row) { return !row.hidden; });
    });
    managers.forEach(function (row) {
      var divs = row.getAttribute("data-divisions").split("\n");
      row.hidden = !((!d || divs.indexOf(d) >= 0) &&
        (!o || row.classList.contains("has-outlier")) &&
        (!q || row.getAttribute("data-search").indexOf(q) >= 0));
    });
    count.textContent = shown + " of " + families.length + " family rows shown";
    // How long filtering took, for the browser test's 400-family check.
    if (window.performance) count.setAttribute("data-ms", String(Math.round(performance.now() - started)));
    var state = [];
    if (d) state.push("division=" + encodeURIComponent(d));
    if (t) state.push("track=" + t);
    if (o) state.push("outliers=1");
    if (q) state.push("q=" + encodeURIComponent(q));
    if (history.replaceState) history.replaceState(null, "", state.length ? "#" + state.join("&") : location.pathname + location.search);
  }
  function restore() {
    var hash = location.hash.replace(/^#/, "");
    if (hash.indexOf("=") < 0) return;
    hash.split("&").forEach(function (pair) {
      var kv = pair.split("="), v = decodeURIComponent(kv[1] || "");
      if (kv[0] === "division") division.value = v;
      if (kv[0] === "track") track.value = v;
      if (kv[0] === "outliers") outliers.checked = v === "1";
      if (kv[0] === "q") search.value = v;
    });
  }
  var timer = null;
  search.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(apply, 120);
  });
  [division, track, outliers].forEach(function (el) { el.addEventListener("change", apply); });
  restore();
  if (location.hash.indexOf("=") >= 0) apply();
  else count.textContent = families.length + " family rows";
})();
