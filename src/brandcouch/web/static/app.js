// Progressive enhancement only: every page works without it.
// Selects marked data-autosubmit submit their form on change; their "Open" buttons hide.
// Every data table (a thead and a tbody with at least two rows) gets a filter box above it
// (input.table-filter: hides the rows that do not contain every word typed) and sortable
// headers (click or Enter: ascending, again: descending; numbers sort as numbers, a cell's
// data-sort attribute, when present, is its sort key; empty cells sort last).
(function () {
  "use strict";

  // a cell that is a number, maybe with a unit: "1,042", "45%", "-3.5", "7.5 min", "2.8 d"
  var NUMBER = /^([-+\u2212]?(?:\d[\d,\u202f\u00a0]*)?\.?\d+(?:e[-+]?\d+)?)\s*(%|[a-z]{1,4}\.?)?$/i;
  var DURATION = { s: 1 / 60, sec: 1 / 60, min: 1, h: 60, d: 1440, w: 10080 };

  function sortKey(cell) {
    var raw = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent;
    var text = (raw || "").trim();
    if (text === "" || text === "\u2014" || text === "\u2013" || text === "-" || text === "n/a") {
      return { empty: true, num: null, text: "" };
    }
    var m = text.match(NUMBER);
    var num = null;
    if (m) {
      num = parseFloat(m[1].replace(/[,\u202f\u00a0]/g, "").replace("\u2212", "-"));
      var unit = (m[2] || "").toLowerCase().replace(".", "");
      if (DURATION[unit]) { num *= DURATION[unit]; }
      if (isNaN(num)) { num = null; }
    }
    return { empty: false, num: num, text: text.toLowerCase() };
  }

  function compare(a, b) {
    if (a.empty || b.empty) { return a.empty === b.empty ? 0 : (a.empty ? 1 : -1); }
    if (a.num !== null && b.num !== null) { return a.num - b.num; }
    if (a.num !== null) { return -1; }
    if (b.num !== null) { return 1; }
    return a.text.localeCompare(b.text);
  }

  function bodyRows(table) {
    var rows = [];
    Array.prototype.forEach.call(table.tBodies, function (tb) {
      Array.prototype.forEach.call(tb.rows, function (r) { rows.push(r); });
    });
    return rows;
  }

  function makeSortable(table) {
    var head = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
    if (!head || table.tBodies.length !== 1) { return; }
    var body = table.tBodies[0];
    Array.prototype.forEach.call(head.cells, function (th, col) {
      if (th.colSpan > 1 || th.hasAttribute("data-nosort")) { return; }
      th.classList.add("sortable");
      th.setAttribute("tabindex", "0");
      th.setAttribute("aria-sort", "none");
      th.title = "Sort by this column";
      function sort() {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(head.cells, function (other) {
          if (other.hasAttribute("aria-sort")) { other.setAttribute("aria-sort", "none"); }
        });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var keyed = Array.prototype.map.call(body.rows, function (row, i) {
          var cell = row.cells[col];
          return { row: row, i: i, key: cell ? sortKey(cell) : { empty: true } };
        });
        keyed.sort(function (a, b) {
          var c = compare(a.key, b.key);
          if (!ascending && !a.key.empty && !b.key.empty) { c = -c; }
          return c || a.i - b.i;
        });
        keyed.forEach(function (k) { body.appendChild(k.row); });
      }
      th.addEventListener("click", function (e) {
        if (e.target.closest && e.target.closest("a")) { return; }
        sort();
      });
      th.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); }
      });
    });
  }

  function addFilter(table, n) {
    var anchor = table.parentElement && table.parentElement.classList.contains("table-wrap")
      ? table.parentElement : table;
    var tools = anchor.previousElementSibling;
    if (!tools || !tools.classList.contains("table-tools")) {
      tools = document.createElement("p");
      tools.className = "table-tools small";
      anchor.parentNode.insertBefore(tools, anchor);
    }
    var input = document.createElement("input");
    input.type = "search";
    input.className = "table-filter";
    input.placeholder = "Filter rows";
    input.setAttribute("aria-label", "Filter the rows of this table");
    if (table.id) { input.setAttribute("aria-controls", table.id); }
    input.id = "table-filter-" + n;
    var count = document.createElement("span");
    count.className = "muted filter-count";
    count.setAttribute("aria-live", "polite");
    tools.insertBefore(count, tools.firstChild);
    tools.insertBefore(input, tools.firstChild);
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var rows = bodyRows(table);
      var shown = 0;
      rows.forEach(function (row) {
        var text = row.textContent.toLowerCase();
        var keep = words.every(function (w) { return text.indexOf(w) >= 0; });
        row.classList.toggle("filtered-out", !keep);
        if (keep) { shown += 1; }
      });
      count.textContent = words.length ? shown + " of " + rows.length + " rows" : "";
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.documentElement.classList.add("js");
    document.querySelectorAll("select[data-autosubmit]").forEach(function (sel) {
      sel.addEventListener("change", function () { sel.form.submit(); });
    });
    var n = 0;
    document.querySelectorAll("main table").forEach(function (table) {
      if (!table.tHead || table.hasAttribute("data-plain") || bodyRows(table).length < 2) {
        return;
      }
      n += 1;
      table.classList.add("enhanced");
      makeSortable(table);
      addFilter(table, n);
    });
  });
})();
