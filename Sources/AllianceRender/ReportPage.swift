import Foundation

/// One cell of a report table: the text shown and, for a number, the unrounded value that
/// sorts the column (`data-value`, and the cell is right-aligned); an `http`/`https` address
/// may be a link. A string literal is a text cell.
struct Cell: ExpressibleByStringLiteral {
  var text: String
  var value: Double?
  /// The address the cell links to (only `http` and `https`; see ``link(_:)``).
  var href: String?
  /// Kept on one line (`td.nowrap`).
  var nowrap = false

  init(text: String, value: Double? = nil, href: String? = nil) {
    self.text = text
    self.value = value
    self.href = href
  }
  init(stringLiteral text: String) { self.init(text: text) }

  /// A number in the report's format, sorted by its unrounded value (NaN: an empty cell).
  static func number(_ v: Double) -> Cell { Cell(text: NumberFormat.string(v), value: v.isNaN ? nil : v) }
  static func number(_ v: Int) -> Cell { Cell(text: NumberFormat.string(v), value: Double(v)) }
  /// A year: its digits without separators, sorted as a number.
  static func year(_ year: Int) -> Cell { Cell(text: String(year), value: Double(year)) }
  /// Text that never wraps (a date such as `2023-09-18`, even in a ``Table/wrap`` table).
  static func unbroken(_ text: String) -> Cell {
    var cell = Cell(text: text)
    cell.nowrap = true
    return cell
  }

  /// `address` as a link when it is an absolute `http` or `https` URL with a host, else as
  /// plain text (`javascript:`, `file:`, relative or malformed addresses never link).
  static func link(_ address: String) -> Cell {
    let trimmed = address.trimmingCharacters(in: .whitespaces)
    let lower = trimmed.lowercased()
    guard let scheme = ["http://", "https://"].first(where: { lower.hasPrefix($0) }),
      trimmed.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7f }),
      let host = trimmed.dropFirst(scheme.count).split(omittingEmptySubsequences: false, whereSeparator: { "/?#".contains($0) }).first,
      !host.isEmpty
    else { return Cell(text: address) }
    return Cell(text: trimmed, href: trimmed)
  }
}

/// What a table row may hold: a ``Cell`` or a `String` (a text cell; text columns sort in
/// natural order, so "2" comes before "10").
protocol TableCellConvertible { var cell: Cell { get } }
extension Cell: TableCellConvertible { var cell: Cell { self } }
extension String: TableCellConvertible { var cell: Cell { Cell(text: self) } }

/// A sortable, filterable HTML table.
struct Table {
  let id: String
  let columns: [String]
  var rows: [[Cell]] = []
  /// Tooltips per row: column index → the cell's `title` text.
  var titles: [[Int: String]] = []
  /// Long text cells wrap instead of scrolling.
  var wrap = false
  init(id: String, columns: [String], wrap: Bool = false) {
    self.id = id
    self.columns = columns
    self.wrap = wrap
  }
  mutating func row(_ cells: [any TableCellConvertible], titles: [Int: String] = [:]) {
    rows.append(cells.map(\.cell))
    self.titles.append(titles)
  }
}

/// The page being written: the report's HTML, its styles (screen and print) and its script
/// (sorting, row filters, diagram zoom and pan). Nothing is loaded from elsewhere.
struct Page {
  var html = ""

  mutating func start(_ title: String) {
    html += """
      <!DOCTYPE html>
      <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(HTMLReport.escape(title))</title>
      <style>
      \(Self.style)
      </style></head><body>
      <h1>\(HTMLReport.escape(title))</h1>
      <nav><a href="#summary">Summary</a><a href="#focus">Focus</a><a href="#diagrams">Diagrams</a><a href="#multipliers">Force multipliers</a><a href="#gaps">Coverage gaps</a><a href="#criticality">Criticality</a><a href="#centralities">Centralities</a><a href="#group">Group</a><a href="#history">History</a><a href="#timelines">Timelines</a><a href="#parameters">Parameters</a><a href="#sources">Sources</a></nav>

      """
  }

  /// Screen: tables scroll inside a box with sticky headers, diagrams zoom and pan. Print:
  /// every row on paper (no scroll box, headers repeated on each page, no row split across
  /// pages), no navigation or filter boxes, diagrams and charts at most the page's width.
  static let style = """
    body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:0 auto;max-width:1200px;padding:0 24px 48px;color:#212121;line-height:1.45}
    h1{font-size:26px;margin:24px 0 4px}h2{font-size:21px;margin:36px 0 8px;border-bottom:2px solid #1f4e79;padding-bottom:4px}
    h3{font-size:16px;margin:22px 0 6px}p{margin:8px 0;max-width:920px}nav a{margin-right:14px;color:#1f4e79;text-decoration:none}
    a{color:#1f4e79}div.table-tools{display:flex;align-items:center;gap:10px;margin:8px 0 4px;font-size:13px;color:#616161}
    input.table-filter{font:inherit;font-size:13px;padding:3px 8px;border:1px solid #b0bec5;border-radius:4px;width:240px}
    div.table-scroll{max-height:520px;overflow:auto;margin:0 0 16px;border:1px solid #eceff1;width:fit-content;max-width:100%;box-sizing:border-box}
    table.wrap{width:100%}div.table-scroll:has(table.wrap){width:auto}
    code{font-family:ui-monospace,Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:0.9em;background:#f3f5f7;padding:0 3px;border-radius:3px}
    table{border-collapse:collapse;font-size:13px}
    th,td{padding:3px 8px;border-bottom:1px solid #e0e0e0;text-align:left;white-space:nowrap;vertical-align:top}td.num{text-align:right;font-variant-numeric:tabular-nums}
    table.wrap td{white-space:normal;min-width:80px}table.wrap td.num,table.wrap td.nowrap{white-space:nowrap;min-width:0}td a{overflow-wrap:anywhere}
    th{background:#eceff1;position:sticky;top:0;cursor:pointer;user-select:none}th.num{text-align:right}th:after{content:" ⇅";color:#9e9e9e;font-size:11px}
    th[data-order=asc]:after{content:" ▲";color:#1f4e79}th[data-order=desc]:after{content:" ▼";color:#1f4e79}
    tr.filtered-out{display:none}
    dl.kv{display:grid;grid-template-columns:max-content auto;gap:2px 16px;font-size:14px}
    dl.kv dt{font-weight:600}dl.kv dd{margin:0}figure.diagram{margin:8px 0 18px;border:1px solid #e0e0e0;padding:6px;overflow:hidden}
    svg.graphviz{width:100%;height:auto;display:block;cursor:grab;touch-action:none}svg.graphviz.panning{cursor:grabbing}
    div.charts{display:flex;flex-wrap:wrap;align-items:flex-start}svg.chart{max-width:100%;height:auto;margin:6px 12px 12px 0}
    figcaption{font-size:12px;color:#616161}figure.zoomable:before{content:"Wheel: zoom · drag: pan · double-click: reset";display:block;font-size:11px;color:#9e9e9e;margin-bottom:2px}
    footer{margin-top:36px;border-top:1px solid #e0e0e0;padding-top:8px;font-size:12px;color:#616161}footer p{max-width:none}
    @media print{
    @page{size:A4;margin:12mm}
    body{max-width:none;padding:0;font-size:10pt}h1{font-size:18pt;margin-top:0}h2{font-size:14pt;margin-top:18pt}h3{font-size:11pt}
    h2,h3{break-after:avoid}p{max-width:none}nav,div.table-tools{display:none}figure.zoomable:before{content:none;display:none}
    div.table-scroll{max-height:none;overflow:visible;border:0}
    table{font-size:8pt;max-width:100%}table.wrap{width:100%}thead{display:table-header-group}tr{break-inside:avoid}
    th,td{white-space:normal}td.num,td.nowrap,table.wrap td.num,table.wrap td.nowrap{white-space:nowrap}
    th{position:static;cursor:auto}th:after,th[data-order]:after{content:none}th,td{padding:1pt 4pt}
    tr.filtered-out{display:table-row}
    table.wrap td{min-width:0}
    figure.diagram{break-inside:avoid;overflow:visible;border:0;padding:0}
    svg.graphviz{width:100%;height:auto;max-height:250mm;cursor:auto}
    svg.chart{break-inside:avoid;max-width:100%}div.charts{break-inside:auto}div.charts svg.chart{width:calc(50% - 12px);height:auto}
    a{color:inherit;text-decoration:none}
    }
    """

  mutating func section(_ title: String, id: String) { html += "<h2 id=\"\(id)\">\(HTMLReport.escape(title))</h2>\n" }
  mutating func subsection(_ title: String) { html += "<h3>\(Self.inline(title))</h3>\n" }
  /// A paragraph of plain text (`command` spans set as code), or of HTML when `raw`.
  mutating func paragraph(_ text: String, raw: Bool = false) { html += "<p>\(raw ? text : Self.inline(text))</p>\n" }

  /// `text` escaped, with each pair of backquotes around a span made `<code>` (an unpaired
  /// backquote stays as it is).
  static func inline(_ text: String) -> String {
    let parts = HTMLReport.escape(text).split(separator: "`", omittingEmptySubsequences: false)
    var out = String(parts[0])
    for index in parts.indices.dropFirst() {
      if index % 2 == 1 && index + 1 < parts.count {
        out += "<code>\(parts[index])</code>"
      } else {
        out += (index % 2 == 1 ? "`" : "") + parts[index]  // after an unpaired backquote, or after a closing one
      }
    }
    return out
  }

  mutating func raw(_ text: String) { html += text + "\n" }
  /// Charts (inline SVGs) side by side, wrapping onto more rows, as in every section.
  mutating func charts(_ svgs: String...) { html += "<div class=\"charts\">" + svgs.joined() + "</div>\n" }
  mutating func list(_ items: [String]) { html += "<ul>" + items.map { "<li>\(HTMLReport.escape($0))</li>" }.joined() + "</ul>\n" }

  mutating func keyValues(_ pairs: [(String, String)]) {
    html += "<dl class=\"kv\">" + pairs.map { "<dt>\(HTMLReport.escape($0.0))</dt><dd>\(HTMLReport.escape($0.1))</dd>" }.joined() + "</dl>\n"
  }

  /// The table with a filter box above it ("n of N rows"), in a scroll box on screen.
  /// Number cells carry their unrounded value in `data-value` for sorting.
  mutating func table(_ table: Table) {
    let count = NumberFormat.string(table.rows.count)
    html +=
      "<div class=\"table-tools\"><input type=\"search\" class=\"table-filter\" data-table=\"\(table.id)\" placeholder=\"Filter rows\" "
      + "aria-label=\"Filter the rows of this table\"><span class=\"table-count\">\(count) of \(count) rows</span></div>\n"
    html += "<div class=\"table-scroll\"><table class=\"sortable\(table.wrap ? " wrap" : "")\" id=\"\(table.id)\"><thead><tr>"
      + table.columns.indices.map { c in
        // A column of numbers (and empty cells) has its header right-aligned too.
        let numeric = table.rows.contains { $0[c].value != nil } && table.rows.allSatisfy { $0[c].value != nil || $0[c].text.isEmpty }
        return "<th\(numeric ? " class=\"num\"" : "")>\(HTMLReport.escape(table.columns[c]))</th>"
      }.joined() + "</tr></thead><tbody>\n"
    for (r, row) in table.rows.enumerated() {
      html += "<tr>" + row.enumerated().map { c, cell in Self.cell(cell, title: table.titles[r][c]) }.joined() + "</tr>\n"
    }
    html += "</tbody></table></div>\n"
  }

  /// One `<td>`: a number right-aligned with its raw value, a link, or escaped text.
  static func cell(_ cell: Cell, title: String?) -> String {
    let title = title.map { " title=\"\(HTMLReport.escape($0))\"" } ?? ""
    let text = HTMLReport.escape(cell.text)
    if cell.nowrap { return "<td class=\"nowrap\"\(title)>\(text)</td>" }
    if let href = cell.href { return "<td\(title)><a href=\"\(HTMLReport.escape(href))\" rel=\"noreferrer\">\(text)</a></td>" }
    guard let value = cell.value else { return "<td\(title)>\(text)</td>" }
    let raw = value.isInfinite ? (value > 0 ? "Infinity" : "-Infinity") : "\(value == 0 ? 0 : value)"
    return "<td class=\"num\" data-value=\"\(raw)\"\(title)>\(text)</td>"
  }

  mutating func finish() {
    html += """
      <footer><p>Numbers: \(HTMLReport.escape(NumberFormat.footnote))</p></footer>
      <script>
      \(Self.script)
      </script>
      </body></html>

      """
  }

  /// Sorting (by `data-value` for numbers, empty cells first, then numbers, then text),
  /// row filters, and diagram zoom (wheel, around the pointer), pan (drag) and reset
  /// (double-click) by rewriting the SVG's viewBox; printing restores every diagram's view.
  static let script = #"""
    // Click a column header to sort by it.
    document.querySelectorAll("table.sortable th").forEach(function (th) {
      th.addEventListener("click", function () {
        var table = th.closest("table"), body = table.tBodies[0], index = Array.prototype.indexOf.call(th.parentNode.children, th);
        var ascending = th.dataset.order !== "asc";
        th.parentNode.querySelectorAll("th").forEach(function (h) { delete h.dataset.order; });
        th.dataset.order = ascending ? "asc" : "desc";
        function key(row) {
          var cell = row.children[index];
          if (!cell) return "";
          if (cell.dataset.value !== undefined) return parseFloat(cell.dataset.value);
          return cell.textContent.trim();
        }
        function rank(k) { return k === "" ? 0 : typeof k === "number" ? 1 : 2; }
        Array.prototype.slice.call(body.rows).sort(function (a, b) {
          var x = key(a), y = key(b), c = rank(x) - rank(y);
          if (c === 0 && typeof x === "number") c = x === y ? 0 : x < y ? -1 : 1;
          else if (c === 0) c = x.localeCompare(y, undefined, { numeric: true });
          return ascending ? c : -c;
        }).forEach(function (row) { body.appendChild(row); });
      });
    });
    // Type in the box above a table to keep the rows containing the text (any case).
    document.querySelectorAll("input.table-filter").forEach(function (input) {
      var table = document.getElementById(input.dataset.table), counter = input.parentNode.querySelector(".table-count");
      var total = table.tBodies[0].rows.length;
      function format(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }
      input.addEventListener("input", function () {
        var query = input.value.trim().toLowerCase(), shown = 0;
        Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
          var keep = query === "" || row.textContent.toLowerCase().indexOf(query) >= 0;
          row.classList.toggle("filtered-out", !keep);
          if (keep) shown += 1;
        });
        counter.textContent = format(shown) + " of " + format(total) + " rows";
      });
    });
    // Diagrams: wheel zooms around the pointer, drag pans, double-click resets.
    var diagrams = [];
    document.querySelectorAll("figure.diagram svg.graphviz").forEach(function (svg) {
      var base = svg.getAttribute("viewBox");
      if (!base) return;
      svg.closest("figure").classList.add("zoomable");
      var home = base.trim().split(/[\s,]+/).map(Number), view = home.slice(), drag = null;
      function apply() { svg.setAttribute("viewBox", view.join(" ")); }
      function reset() { view = home.slice(); apply(); }
      function toSVG(x, y) {
        var r = svg.getBoundingClientRect(), s = Math.max(view[2] / r.width, view[3] / r.height);
        return [view[0] + (x - r.left - (r.width - view[2] / s) / 2) * s, view[1] + (y - r.top - (r.height - view[3] / s) / 2) * s];
      }
      svg.addEventListener("wheel", function (e) {
        e.preventDefault();
        var factor = Math.exp(-Math.max(-300, Math.min(300, e.deltaY)) * 0.002);
        var zoom = home[2] / (view[2] / factor);
        if (zoom < 1) factor = view[2] / home[2]; else if (zoom > 40) factor = view[2] / (home[2] / 40);
        var p = toSVG(e.clientX, e.clientY);
        view = [p[0] - (p[0] - view[0]) / factor, p[1] - (p[1] - view[1]) / factor, view[2] / factor, view[3] / factor];
        apply();
      }, { passive: false });
      svg.addEventListener("pointerdown", function (e) {
        if (e.button !== 0) return;
        drag = { x: e.clientX, y: e.clientY, view: view.slice() };
        svg.setPointerCapture(e.pointerId);
        svg.classList.add("panning");
      });
      svg.addEventListener("pointermove", function (e) {
        if (!drag) return;
        var r = svg.getBoundingClientRect(), s = Math.max(view[2] / r.width, view[3] / r.height);
        view[0] = drag.view[0] - (e.clientX - drag.x) * s;
        view[1] = drag.view[1] - (e.clientY - drag.y) * s;
        apply();
      });
      function end() { drag = null; svg.classList.remove("panning"); }
      svg.addEventListener("pointerup", end);
      svg.addEventListener("pointercancel", end);
      svg.addEventListener("dblclick", reset);
      diagrams.push(reset);
    });
    window.addEventListener("beforeprint", function () { diagrams.forEach(function (reset) { reset(); }); });
    """#
}
