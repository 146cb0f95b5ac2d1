/* reportlint's HTML report: sortable, filterable tables drawn a page at a time from the data
   in #rl-data, and each report's view made from its inert <script type="text/html"> on demand.
   Plain ES2015, no library: the page must open offline in any current browser. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("rl-data").textContent);
  var W = data.words;
  var FILES = data.files;       // [path, agency, year, template, errors, warnings, infos, worst, error, suppressed]
  var FINDINGS = data.findings; // [file, number, severity, code, rule, category, line, message]
  var RANK = { error: 3, warning: 2, info: 1 };
  var PAGE = 100;
  var main = document.getElementById("main");
  var view = document.getElementById("view");

  function fmt(text, values) {
    return text.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }
  function esc(value) {
    return String(value).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function dash(value) { return value === null || value === undefined || value === "" ? "—" : value; }
  function compare(a, b) {
    if (a === b) return 0;
    if (a === null || a === undefined) return 1;
    if (b === null || b === undefined) return -1;
    if (typeof a === "number" && typeof b === "number") return a - b;
    return String(a).localeCompare(String(b), data.lang === "en" ? "en" : "zh-CN");
  }

  /* A table of rows held as data: sorted by a click on a header, filtered by a predicate,
     drawn PAGE rows at a time, so thousands of rows cost no more than a hundred. */
  function Table(section, rows, columns) {
    var self = this;
    this.section = section;
    this.rows = rows;
    this.columns = columns;
    this.shown = rows;
    this.sortKey = null;
    this.sortDir = 1;
    this.page = 0;
    this.predicate = null;
    this.body = section.querySelector("tbody");
    this.pager = section.querySelector(".pager");
    this.count = section.querySelector(".shown");
    Array.prototype.forEach.call(section.querySelectorAll("th[data-col]"), function (th) {
      th.tabIndex = 0;
      th.setAttribute("aria-sort", "none");
      function sort() { self.sortBy(th.getAttribute("data-col")); }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) { if (event.key === "Enter") sort(); });
    });
    this.pager.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-page]");
      if (!button || button.disabled) return;
      self.page = Number(button.getAttribute("data-page"));
      self.draw();
    });
  }
  Table.prototype.sortBy = function (key) {
    this.sortDir = this.sortKey === key ? -this.sortDir : 1;
    this.sortKey = key;
    var self = this;
    Array.prototype.forEach.call(this.section.querySelectorAll("th[data-col]"), function (th) {
      var col = th.getAttribute("data-col");
      th.setAttribute("aria-sort", col === key ? (self.sortDir > 0 ? "ascending" : "descending") : "none");
    });
    this.update();
  };
  Table.prototype.filter = function (predicate) {
    this.predicate = predicate;
    this.update();
  };
  Table.prototype.update = function () {
    var predicate = this.predicate;
    var shown = predicate ? this.rows.filter(predicate) : this.rows.slice();
    if (this.sortKey) {
      var value = this.columns[this.sortKey].value, dir = this.sortDir;
      // Ties keep the input order, so a second sort refines the first.
      shown = shown.map(function (row, position) { return [value(row), position, row]; })
        .sort(function (a, b) { return compare(a[0], b[0]) * dir || a[1] - b[1]; })
        .map(function (entry) { return entry[2]; });
    }
    this.shown = shown;
    this.page = 0;
    this.draw();
  };
  Table.prototype.draw = function () {
    var pages = Math.max(1, Math.ceil(this.shown.length / PAGE));
    this.page = Math.min(this.page, pages - 1);
    var slice = this.shown.slice(this.page * PAGE, (this.page + 1) * PAGE);
    var columns = this.columns, order = Object.keys(columns);
    this.body.innerHTML = slice.length ? slice.map(function (row) {
      return "<tr>" + order.map(function (key) {
        var column = columns[key];
        return "<td" + (column.num ? ' class="num"' : column.nowrap ? ' class="nw"' : "") + ">" + column.cell(row) + "</td>";
      }).join("") + "</tr>";
    }).join("") : '<tr><td class="empty" colspan="' + order.length + '">' + esc(W.none_match) + "</td></tr>";
    this.count.textContent = fmt(W.shown, { shown: this.shown.length, total: this.rows.length });
    this.pager.innerHTML = pages < 2 ? "" :
      '<button type="button" data-page="' + (this.page - 1) + '"' + (this.page ? "" : " disabled") + ">" + esc(W.previous) + "</button> " +
      "<span>" + esc(fmt(W.page, { page: this.page + 1, pages: pages })) + "</span> " +
      '<button type="button" data-page="' + (this.page + 1) + '"' + (this.page + 1 < pages ? "" : " disabled") + ">" + esc(W.next) + "</button>";
  };

  function badge(severity) {
    return '<span class="badge s-' + severity + '">' + esc(data.severity[severity]) + "</span>";
  }
  function categoryWord(category) { return category ? (data.categories[category] || category) : "—"; }

  // -- the files table ------------------------------------------------------------------------
  var fileRows = FILES.map(function (file, index) { return { index: index, file: file }; });
  var filesTable = new Table(document.getElementById("files"), fileRows, {
    file: { value: function (r) { return r.file[0]; }, cell: function (r) {
      return '<a href="#file-' + r.index + '">' + esc(r.file[0]) + "</a>" +
        (r.file[8] ? '<div class="error">' + esc(W.cannot_check) + ": " + esc(r.file[8]) + "</div>" : "");
    } },
    agency: { value: function (r) { return r.file[1]; }, cell: function (r) { return esc(dash(r.file[1])); } },
    year: { value: function (r) { return r.file[2]; }, cell: function (r) { return esc(dash(r.file[2])); }, num: true },
    template: { value: function (r) { return r.file[3]; }, cell: function (r) { return esc(dash(r.file[3])); } },
    error: { value: function (r) { return -r.file[4]; }, cell: function (r) { return r.file[4]; }, num: true },
    warning: { value: function (r) { return -r.file[5]; }, cell: function (r) { return r.file[5]; }, num: true },
    info: { value: function (r) { return -r.file[6]; }, cell: function (r) { return r.file[6]; }, num: true },
    worst: { value: function (r) { return r.file[7]; }, cell: function (r) { return esc(categoryWord(r.file[7])); } }
  });
  var filesSearch = document.querySelector("#files input[data-filter=text]");
  filesSearch.addEventListener("input", function () {
    var needle = filesSearch.value.trim().toLowerCase();
    filesTable.filter(needle ? function (r) {
      return [r.file[0], r.file[1], r.file[3], r.file[8]].join("\n").toLowerCase().indexOf(needle) >= 0;
    } : null);
  });
  filesTable.update();

  // -- the findings table and its filters -------------------------------------------------------
  var findingRows = FINDINGS.map(function (f) {
    var file = FILES[f[0]];
    return { f: f, agency: file[1] || "", text: [f[7], file[0], f[3], f[4], file[1] || ""].join("\n").toLowerCase() };
  });
  var findingsSection = document.getElementById("findings");
  var findingsTable = new Table(findingsSection, findingRows, {
    file: { value: function (r) { return FILES[r.f[0]][0]; }, cell: function (r) {
      return '<a href="#f-' + r.f[0] + "-" + r.f[1] + '">' + esc(FILES[r.f[0]][0]) + "</a>";
    } },
    line: { value: function (r) { return r.f[6]; }, cell: function (r) { return esc(dash(r.f[6])); }, num: true },
    severity: { value: function (r) { return -RANK[r.f[2]]; }, cell: function (r) { return badge(r.f[2]); }, nowrap: true },
    code: { value: function (r) { return r.f[3]; }, cell: function (r) {
      return '<abbr title="' + esc(data.rules[r.f[3]] || r.f[4]) + '">' + esc(r.f[3]) + "</abbr>";
    }, nowrap: true },
    category: { value: function (r) { return categoryWord(r.f[5]); }, cell: function (r) { return esc(categoryWord(r.f[5])); } },
    message: { value: function (r) { return r.f[7]; }, cell: function (r) {
      return '<a class="to" href="#f-' + r.f[0] + "-" + r.f[1] + '">' + esc(r.f[7]) + "</a>";
    } }
  });
  var selects = {};
  var agencies = [];
  function options(key, values, label) {
    var select = findingsSection.querySelector("select[data-filter=" + key + "]");
    selects[key] = select;
    values.forEach(function (entry) {
      var option = document.createElement("option");
      option.value = entry[0];
      option.textContent = label(entry[0]) + " (" + entry[1] + ")";
      select.appendChild(option);
    });
    select.addEventListener("change", applyFilters);
  }
  function tally(pick) {
    var counts = {};
    findingRows.forEach(function (r) { var key = pick(r); counts[key] = (counts[key] || 0) + 1; });
    return Object.keys(counts).sort(compare).map(function (key) { return [key, counts[key]]; });
  }
  options("severity", tally(function (r) { return r.f[2]; }).sort(function (a, b) { return RANK[b[0]] - RANK[a[0]]; }),
    function (key) { return data.severity[key]; });
  options("category", tally(function (r) { return r.f[5]; }), categoryWord);
  options("rule", tally(function (r) { return r.f[3]; }), function (key) { return data.rules[key] || key; });
  // Agencies by position in a list: any name, the empty one (unknown) included, is a value.
  options("agency", tally(function (r) { return r.agency; }).map(function (entry) {
    agencies.push(entry[0]);
    return [String(agencies.length - 1), entry[1]];
  }), function (key) { return agencies[Number(key)] || W.unknown; });
  var findingsSearch = findingsSection.querySelector("input[data-filter=text]");
  findingsSearch.addEventListener("input", applyFilters);
  function applyFilters() {
    var severity = selects.severity.value, category = selects.category.value, rule = selects.rule.value;
    var agency = selects.agency.value === "" ? null : agencies[Number(selects.agency.value)];
    var needle = findingsSearch.value.trim().toLowerCase();
    var any = severity || category || rule || agency !== null || needle;
    findingsTable.filter(any ? function (r) {
      return (!severity || r.f[2] === severity) && (!category || r.f[5] === category) && (!rule || r.f[3] === rule) &&
        (agency === null || r.agency === agency) && (!needle || r.text.indexOf(needle) >= 0);
    } : null);
  }
  findingsSection.querySelector("button.reset").addEventListener("click", function () {
    Object.keys(selects).forEach(function (key) { selects[key].value = ""; });
    findingsSearch.value = "";
    applyFilters();
  });
  findingsTable.update();

  // A bar of a chart filters the findings by what it stands for.
  Array.prototype.forEach.call(document.querySelectorAll(".chart g.bar[data-key]"), function (bar) {
    bar.addEventListener("click", function () {
      var chart = bar.closest(".chart").getAttribute("data-chart"), key = bar.getAttribute("data-key");
      var select = selects[chart];
      var value = chart === "agency" ? String(agencies.indexOf(key)) : key;
      if (!select.querySelector('option[value="' + value.replace(/"/g, '\\"') + '"]')) return;
      select.value = value;
      applyFilters();
      findingsSection.scrollIntoView();
    });
  });

  // -- one report's view ------------------------------------------------------------------------
  var savedScroll = 0;
  function openFile(index) {
    if (view.getAttribute("data-file") !== String(index)) {
      var source = document.getElementById("view-" + index);
      if (!source) return false;
      view.innerHTML = '<p><a href="#findings" class="back">' + esc(W.back) + "</a></p>" + source.textContent;
      view.setAttribute("data-file", String(index));
    }
    if (!main.hidden) savedScroll = window.scrollY;
    main.hidden = true;
    view.hidden = false;
    return true;
  }
  function focusFinding(index, number) {
    Array.prototype.forEach.call(view.querySelectorAll(".flash"), function (el) { el.classList.remove("flash"); });
    var anchor = document.getElementById("m-" + index + "-" + number) || document.getElementById("n-" + index + "-" + number);
    if (!anchor) return;
    anchor.scrollIntoView({ block: "center" });
    Array.prototype.forEach.call(view.querySelectorAll("mark.k" + number), function (el) { el.classList.add("flash"); });
    var note = document.getElementById("n-" + index + "-" + number);
    if (note) note.classList.add("flash");
  }
  function showMain() {
    var wasHidden = main.hidden;
    view.hidden = true;
    main.hidden = false;
    var target = location.hash && document.getElementById(location.hash.slice(1));
    if (wasHidden && (!target || target === findingsSection)) window.scrollTo(0, savedScroll);
    else if (target) target.scrollIntoView();
  }
  function route() {
    var match = /^#(?:file-(\d+)|f-(\d+)-(\d+))$/.exec(location.hash);
    if (!match) { showMain(); return; }
    var index = Number(match[1] || match[2]);
    if (!openFile(index)) { showMain(); return; }
    if (match[3] !== undefined) focusFinding(index, Number(match[3]));
    else if (pendingLine) flashLine(pendingLine);
    else window.scrollTo(0, 0);
    pendingLine = 0;
  }
  var pendingLine = 0;  // a line of another report to show once it is open
  function flashLine(line) {
    var target = view.querySelectorAll(".src .l")[line - 1];
    if (!target) return;
    target.scrollIntoView({ block: "center" });
    target.classList.add("flash");
  }
  view.addEventListener("click", function (event) {
    var back = event.target.closest("a.back");
    if (back && history.length > 1 && savedScroll >= 0) { event.preventDefault(); history.back(); return; }
    var mark = event.target.closest("mark");
    if (mark) {
      var number = /\bk(\d+)\b/.exec(mark.className);
      if (number) location.hash = "#f-" + view.getAttribute("data-file") + "-" + number[1];
      return;
    }
    var link = event.target.closest(".rel a");
    if (!link) return;
    event.preventDefault();
    var path = link.getAttribute("data-path"), line = Number(link.getAttribute("data-line"));
    if (path) {
      var index = FILES.findIndex(function (file) { return file[0] === path; });
      if (index < 0) return;
      pendingLine = line;
      location.hash = "#file-" + index;
      return;
    }
    var target = document.getElementById(link.getAttribute("data-rel"));
    if (target) {
      target.scrollIntoView({ block: "center" });
      Array.prototype.forEach.call(view.querySelectorAll("mark.rel"), function (el) { el.classList.remove("flash"); });
      target.parentNode.classList.add("flash");
    }
  });
  window.addEventListener("hashchange", route);
  route();
})();
