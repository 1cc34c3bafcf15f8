import AllianceAnalytics
import AllianceModel
import Foundation
import Testing

@testable import AllianceRender

/// The self-contained HTML report on a small dataset.
@Suite struct HTMLReportTests {
  static let sectionIDs = [
    "summary", "focus", "diagrams", "multipliers", "gaps", "criticality", "centralities", "group", "history", "timelines",
    "parameters", "sources",
  ]
  static let tableIDs = [
    "contributions", "recommendations", "thesis-options", "fm", "coverage", "rollups", "criticality-table", "centrality",
    "group-table",
    "parameter-table", "source-table",
  ]

  static func report() throws -> (html: String, loaded: MiniWorld.Loaded) {
    var world = MiniWorld.sample
    world.threat("TUR", "USA")
    let loaded = try world.load()
    let pak = try #require(loaded.dataset.nations.firstIndex { $0.id == "PAK" })
    var options = ReportOptions(year: 2000, focus: pak)
    options.group = "asia"
    return (try HTMLReport.build(loaded.dataset, options: options), loaded)
  }

  /// Every `<svg …>…</svg>` of `html` (they do not nest).
  static func svgs(_ html: String) -> [String] {
    var result: [String] = []
    var rest = html[...]
    while let start = rest.range(of: "<svg"),
      let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex)
    {
      result.append(String(rest[start.lowerBound..<end.upperBound]))
      rest = rest[end.upperBound...]
    }
    return result
  }

  @Test func everySectionTableAndDiagram() throws {
    let (html, loaded) = try Self.report()
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.hasSuffix("</body></html>\n"))
    for id in Self.sectionIDs {
      #expect(html.contains("<h2 id=\"\(id)\">"), "section \(id)")
      #expect(html.contains("href=\"#\(id)\""), "navigation to \(id)")
    }
    for id in Self.tableIDs {
      #expect(
        html.matches(
          #"<table class="sortable( [a-z ]+)?" id=""# + NSRegularExpression.escapedPattern(for: id) + #"">"#),
        "table \(id)")
    }
    #expect(html.components(separatedBy: "<table").count - 1 == Self.tableIDs.count, "no other tables")
    #expect(
      html.components(separatedBy: "<table class=\"sortable").count - 1 == Self.tableIDs.count, "every table sortable")
    #expect(html.contains("table.sortable th"), "the sorting script")

    // Every nation in the force multiplier table.
    for id in loaded.network.ids { #expect(html.contains("<tr><td>\(id)</td><td>Nation \(id)</td>"), "\(id) row") }

    let svgs = Self.svgs(html)
    let diagrams = svgs.filter { $0.contains("class=\"graphviz\"") }
    // Ego, force, geographic, alliances, group.
    #expect(diagrams.count >= 4, "\(diagrams.count) diagrams")
    let charts = svgs.filter { $0.contains("class=\"chart\"") }
    #expect(charts.count == 4, "\(charts.count) timeline charts")
    #expect(charts.allSatisfy { $0.contains("<path class=\"series\"") })
    // Each inline SVG is well-formed XML on its own, diagrams with their nation nodes.
    for svg in svgs {
      let document = try SVGDocument(svg)
      #expect(document.root.name == "svg")
    }
    for diagram in diagrams {
      let tag = diagram.prefix(while: { $0 != ">" })
      #expect(
        !tag.contains(" width=\"") && !tag.contains(" height=\"") && tag.contains("viewBox="),
        "fixed size removed: \(tag)")
      #expect(try SVGDocument(diagram).groups("nation").count > 0)
    }

    // The model parameters.
    for (key, value) in ModelParameters().entries {
      let cell = #"<td( class="num" data-value="[^"]*")?>"#
      #expect(
        html.matches(
          "<tr>\(cell)\(NSRegularExpression.escapedPattern(for: key))</td>\(cell)\(NSRegularExpression.escapedPattern(for: value))</td></tr>"
        ), "parameter \(key)")
    }
  }

  /// On screen: a filter box with "n of N rows" above each table, scroll boxes, zoomable
  /// diagrams. In print: no scroll box, repeated headers, no filter or navigation. Number
  /// cells carry their raw value; no number is in exponent notation or "inf".
  @Test func printAndScreenAids() throws {
    let (html, loaded) = try Self.report()
    for id in Self.tableIDs {
      #expect(html.contains("<input type=\"search\" class=\"table-filter\" data-table=\"\(id)\""), "filter of \(id)")
    }
    let nations = loaded.network.nodeCount
    #expect(html.contains("data-table=\"fm\" placeholder=\"Filter rows\" aria-label=\"Filter the rows of this table\"><span class=\"table-count\">\(nations) of \(nations) rows</span>"))
    #expect(html.components(separatedBy: "<div class=\"table-scroll\"><table").count - 1 == Self.tableIDs.count)
    let style = try #require(html.range(of: "<style>").flatMap { open in html.range(of: "</style>").map { String(html[open.upperBound..<$0.lowerBound]) } })
    #expect(!style.contains("display:block;overflow"), "tables are never display:block")
    let print = try #require(style.range(of: "@media print{").map { String(style[$0.upperBound...]) })
    for rule in [
      "div.table-scroll{max-height:none;overflow:visible", "thead{display:table-header-group}", "tr{break-inside:avoid}",
      "nav,div.table-tools{display:none}", "svg.graphviz{width:100%", "tr.filtered-out{display:table-row}",
    ] {
      #expect(print.contains(rule), "print rule \(rule)")
    }
    #expect(style.contains("div.table-scroll{max-height:520px;overflow:auto"), "tables scroll on screen")
    for piece in ["addEventListener(\"wheel\"", "\"pointerdown\"", "\"dblclick\"", "setAttribute(\"viewBox\"", "beforeprint", "input.table-filter", "dataset.value"] {
      #expect(html.contains(piece), "script: \(piece)")
    }
    #expect(html.contains("<footer><p>Numbers: 3 significant digits"))
    // Numbers: raw values on the cells, one format in the text.
    let cells = html.components(separatedBy: "<td class=\"num\" data-value=\"").dropFirst()
    #expect(cells.count > 20)
    for cell in cells {
      let raw = cell.prefix { $0 != "\"" }, text = cell.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" }
      #expect(Double(raw) != nil || raw == "Infinity" || raw == "-Infinity", "data-value \(raw)")
      #expect(text.isEmpty || NumberFormat.value(of: String(text).replacingOccurrences(of: "&lt;", with: "<")) != nil, "cell text \(text)")
    }
    #expect(!html.contains(">inf<") && !html.contains(">-0<") && !html.matches(#">-?[0-9.]+e[-+][0-9]+<"#))
  }

  @Test func backquotedSpansAreCode() {
    #expect(Page.inline("run `alliance report --history DATA` <now>") == "run <code>alliance report --history DATA</code> &lt;now&gt;")
    #expect(Page.inline("`a` and `b`") == "<code>a</code> and <code>b</code>")
    #expect(Page.inline("one ` alone") == "one ` alone")
    #expect(Page.inline("`a` then ` alone") == "<code>a</code> then ` alone")
  }

  @Test func noExternalReferences() throws {
    let (html, _) = try Self.report()
    Self.expectSelfContained(html)
  }

  static func expectSelfContained(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let lower = html.lowercased()
    for forbidden in [
      "src=\"http", "src='http", "href='http", "url(http", "url(\"http", "url('http", "@import", "<link",
      "<script src", "<iframe",
      "<!doctype svg", "<?xml", "svg11.dtd", "<!--",
    ] {
      #expect(!lower.contains(forbidden), "external reference or prolog: \(forbidden)", sourceLocation: sourceLocation)
    }
    // The only http addresses are SVG/XLink namespace names and the data sources' links
    // (`<a href>`: followed only when clicked, never loaded).
    var rest = lower[...]
    while let hit = rest.range(of: "http") {
      let from = rest.index(hit.lowerBound, offsetBy: -7, limitedBy: rest.startIndex) ?? rest.startIndex
      let before = rest[from..<hit.lowerBound]
      let address = rest[hit.lowerBound...].prefix(40)
      let namespace =
        address.hasPrefix("http://www.w3.org/2000/svg") || address.hasPrefix("http://www.w3.org/1999/xlink")
      let link = lower[..<hit.lowerBound].hasSuffix("<a href=\"")
      #expect(
        namespace || link || !before.contains("=\""), "an attribute with an address: …\(before)\(address)…",
        sourceLocation: sourceLocation)
      rest = rest[hit.upperBound...]
    }
  }

  @Test func inlineSVGDropsPrologDoctypeCommentsAndSize() {
    let svg = """
      <?xml version="1.0" encoding="UTF-8" standalone="no"?>
      <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"
       "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
      <!-- Generated by graphviz -->
      <svg width="134pt" height="174pt"
       viewBox="0.00 0.00 133.85 173.63" xmlns="http://www.w3.org/2000/svg">
      <!-- a -->
      <g id="n_a" class="node"><ellipse width="3" cx="1" cy="2" rx="3" ry="4"/></g>
      </svg>
      """
    let inline = HTMLReport.inlineSVG(svg)
    #expect(inline.hasPrefix("<svg"))
    #expect(!inline.contains("<!--"))
    #expect(!inline.contains("DOCTYPE"))
    #expect(!inline.contains("134pt"))
    #expect(!inline.contains("174pt"))
    #expect(inline.contains("viewBox=\"0.00 0.00 133.85 173.63\""))
    #expect(inline.contains("class=\"graphviz\""))
    #expect(inline.contains("<ellipse width=\"3\""), "only the svg tag's size goes")
  }
}

extension String {
  /// Whether the regular expression `pattern` matches somewhere in the text.
  func matches(_ pattern: String) -> Bool { range(of: pattern, options: .regularExpression) != nil }
}
