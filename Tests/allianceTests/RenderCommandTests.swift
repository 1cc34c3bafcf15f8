import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `alliance render` and `alliance report` on the built-in dataset and on a graph file.
@Suite struct RenderCommandTests {
  static let layouts: [[String]] = [
    ["--layout", "force"], ["--layout", "geo"], ["--layout", "ego", "--focus", "PAK"], ["--layout", "alliances"],
  ]

  /// Whether `bytes` is the file format of `name`'s extension.
  static func looksLike(_ name: String, _ bytes: [UInt8]) -> Bool {
    let text = String(decoding: bytes.prefix(1000), as: UTF8.self)
    switch name.split(separator: ".").last {
    case "svg": return text.contains("<svg") && String(decoding: bytes.suffix(16), as: UTF8.self).contains("</svg>")
    case "png": return Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    case "pdf": return text.hasPrefix("%PDF-")
    case "dot": return text.hasPrefix("graph ") && String(decoding: bytes, as: UTF8.self).contains("pos=\"")
    default: return false
    }
  }

  /// Whether `bytes` parse as XML.
  static func parsesAsXML(_ bytes: [UInt8]) -> Bool {
    let parser = XMLParser(data: Data(bytes))
    parser.shouldResolveExternalEntities = false
    return parser.parse()
  }

  @Test(arguments: layouts)
  func renderEachLayoutToSVG(layout: [String]) throws {
    try withWorkspace { ws throws in
      let result = try ws.run(["render", "--out", "x.svg", "--format", "json"] + layout)
      #expect(result.status == 0, "\(layout): \(result.stderr)")
      #expect(try ws.listing() == ["x.svg"])
      let bytes = try ws.bytes("x.svg")
      #expect(Self.looksLike("x.svg", bytes), "\(layout)")
      #expect(Self.parsesAsXML(bytes), "\(layout)")
      #expect(bytes.count > 5_000)
      let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
      #expect(report["output"] as? String == "x.svg")
      #expect(report["format"] as? String == "svg")
      #expect(report["bytes"] as? Int == bytes.count)
      let nodes = try #require(report["nodes"] as? Int)
      #expect(nodes > 5)
      // Every reported node is drawn.
      let text = String(decoding: bytes, as: UTF8.self)
      #expect(text.components(separatedBy: "class=\"node nation").count - 1 == nodes, "\(layout)")
      if layout.contains("ego") { #expect(text.contains("id=\"n_PAK\"")) }
      if layout.contains("alliances") { #expect(text.contains("class=\"node alliance\"")) }
    }
  }

  @Test(arguments: ["x.png", "x.pdf", "x.dot"])
  func renderEachFormat(name: String) throws {
    try withWorkspace { ws throws in
      for layout in Self.layouts {
        let result = try ws.run(["render", "--out", name] + layout)
        #expect(result.status == 0, "\(name) \(layout): \(result.stderr)")
        #expect(try ws.listing() == [name])
        let bytes = try ws.bytes(name)
        #expect(Self.looksLike(name, bytes), "\(name) \(layout)")
        #expect(bytes.count > 5_000, "\(name) \(layout): \(bytes.count) bytes")
        try FileManager.default.removeItem(atPath: ws.path(name))
      }
    }
  }

  @Test func renderOptions() throws {
    try withWorkspace { ws throws in
      let json = try ws.json(
        "render", "--out", "top.svg", "--top", "25", "--size-by", "fm", "--color-by", "region", "--ties", "obligations")
      #expect(json["nodes"] as? Int == 25)
      #expect((json["note"] as? String)?.contains("top 25") == true)
      let text = String(decoding: try ws.bytes("top.svg"), as: UTF8.self)
      #expect(text.components(separatedBy: "class=\"node nation").count - 1 == 25)
      #expect(!text.contains("class=\"edge exercise\""), "--ties obligations draws no channel")
      #expect(text.contains("size (area): fm"))
      #expect(text.contains("colour: region"))
    }
  }

  /// On an ATOP year (the excerpt's 2012; 1962 and 2012 of the full data when present) no
  /// node label and no legend entry is a bare COW code, every layout draws, and the
  /// geographic view has its basemap and threats.
  @Test(arguments: DatasetCommandTests.referenceDataSets)
  func atopYearsShowNamesNotCodes(data: String) throws {
    let years = data == DatasetCommandTests.referenceExcerpt ? ["2012"] : ["1962", "2012"]
    try withWorkspace { ws throws in
      for year in years {
        for layout in [["--layout", "geo"], ["--layout", "force", "--top", "80"], ["--layout", "ego", "--focus", "Pakistan"], ["--layout", "alliances", "--min-members", "4"]] {
          let result = try ws.run(["render", data, "--year", year, "--out", "atop.svg"] + layout)
          #expect(result.status == 0, "\(year) \(layout): \(result.stderr)")
          let text = String(decoding: try ws.bytes("atop.svg"), as: UTF8.self)
          // Label texts: the <text> elements of label groups; legend texts: everything else.
          let labels = Self.texts(in: text, ofGroupsWithClass: "node label")
          #expect(labels.count > 3, "\(year) \(layout)")
          #expect(labels.allSatisfy { !$0.allSatisfy(\.isNumber) }, "\(year) \(layout): bare codes \(labels.filter { $0.allSatisfy(\.isNumber) }.prefix(5))")
          #expect(!text.contains("bloc 1: 2") && !text.contains(">ATOP 1") && !text.contains(">ATOP 2") && !text.contains(">ATOP 3"), "\(year) \(layout): a legend entry shows a code")
          if layout.contains("geo") {
            #expect(text.contains("class=\"edge basemap coast\"") && text.contains("class=\"edge threat\""), "\(year)")
          }
          try FileManager.default.removeItem(atPath: ws.path("atop.svg"))
        }
      }
    }
  }

  /// The texts inside `<g class="CLASS">` groups of a Graphviz SVG.
  static func texts(in svg: String, ofGroupsWithClass kind: String) -> [String] {
    var found: [String] = []
    var inside = false
    // A group with a tooltip nests an anchor group without a class: it belongs to the last class.
    for group in svg.components(separatedBy: "<g id=").dropFirst() {
      let head = group.prefix { $0 != ">" }
      if head.contains("class=") { inside = head.contains("class=\"\(kind)\"") }
      guard inside else { continue }
      for piece in group.components(separatedBy: "<text").dropFirst() {
        guard let open = piece.firstIndex(of: ">"), let close = piece.range(of: "</text>") else { continue }
        found.append(String(piece[piece.index(after: open)..<close.lowerBound]))
      }
    }
    return found
  }

  @Test func badExtensionIsRefused() throws {
    try withWorkspace { ws throws in
      let result = try ws.run("render", "--out", "x.txt")
      #expect(result.status != 0)
      #expect(result.stderr.contains("--out x.txt: expected a .svg, .png, .pdf or .dot file"), "\(result.stderr)")
      #expect(try ws.listing().isEmpty)
    }
  }

  @Test func egoWithoutFocusIsRefused() throws {
    try withWorkspace { ws throws in
      let result = try ws.run("render", "--out", "x.svg", "--layout", "ego")
      #expect(result.status != 0)
      #expect(result.stderr.contains("the ego view needs a focal nation (--focus)"), "\(result.stderr)")
      #expect(try ws.listing().isEmpty)
    }
  }

  @Test func tooManyNodesIsRefused() throws {
    try withWorkspace { ws throws in
      let result = try ws.run("render", "--out", "x.svg", "--max-nodes", "10")
      #expect(result.status != 0)
      #expect(result.stderr.contains("exceed the diagram limit of 10"), "\(result.stderr)")
      #expect(result.stderr.contains("--top K"), "\(result.stderr)")
      #expect(try ws.listing().isEmpty)
      // With --top it draws.
      let top = try ws.json("render", "--out", "x.svg", "--max-nodes", "10", "--top", "10")
      #expect(top["nodes"] as? Int == 10)
    }
  }

  @Test func unknownSizeMetricIsRefused() throws {
    try withWorkspace { ws throws in
      let result = try ws.run("render", "--out", "x.svg", "--size-by", "bogus")
      #expect(result.status != 0)
      #expect(result.stderr.contains("bogus"), "\(result.stderr)")
      #expect(result.stderr.contains("--size-by"), "\(result.stderr)")
      #expect(try ws.listing().isEmpty)
    }
  }

  @Test func unknownFocusAndTiesAreRefused() throws {
    try withWorkspace { ws throws in
      let focus = try ws.run("render", "--out", "x.svg", "--layout", "ego", "--focus", "Atlantis")
      #expect(focus.status != 0)
      #expect(focus.stderr.contains("Atlantis"), "\(focus.stderr)")
      let ties = try ws.run("render", "--out", "x.svg", "--ties", "hugs")
      #expect(ties.status != 0)
      #expect(ties.stderr.contains("--ties: unknown \"hugs\""), "\(ties.stderr)")
      #expect(try ws.listing().isEmpty)
    }
  }

  @Test func existingFileIsKeptWhenRenderFails() throws {
    try withWorkspace { ws throws in
      try ws.write("x.svg", "previous")
      let result = try ws.run("render", "--out", "x.svg", "--max-nodes", "10")
      #expect(result.status != 0)
      #expect(String(decoding: try ws.bytes("x.svg"), as: UTF8.self) == "previous")
      #expect(try ws.listing() == ["x.svg"], "no temporary file left behind")
    }
  }

  @Test func renderAGraphFile() throws {
    try withWorkspace { ws throws in
      try ws.write("some.el", "a b\nb c\nc a\nc d\n")
      let json = try ws.json("render", "some.el", "--out", "g.svg")
      #expect(json["nodes"] as? Int == 4)
      #expect(json["edges"] as? Int == 4)
      let bytes = try ws.bytes("g.svg")
      #expect(Self.parsesAsXML(bytes))
      let text = String(decoding: bytes, as: UTF8.self)
      for label in ["a", "b", "c", "d"] { #expect(text.contains("<title>\(label)</title>"), "node \(label)") }
      #expect(text.components(separatedBy: "class=\"edge\"").count - 1 == 4)
      #expect(try ws.listing() == ["g.svg", "some.el"])
      // Too many nodes for the limit.
      let refused = try ws.run("render", "some.el", "--out", "h.svg", "--max-nodes", "3")
      #expect(refused.status != 0)
      #expect(refused.stderr.contains("4 nodes exceed the diagram limit of 3"), "\(refused.stderr)")
      #expect(!ws.exists("h.svg"))
      let top = try ws.json("render", "some.el", "--out", "h.svg", "--max-nodes", "3", "--top", "2")
      #expect(top["nodes"] as? Int == 2)
    }
  }

  // MARK: - report

  static let sectionIDs = [
    "summary", "focus", "diagrams", "multipliers", "gaps", "criticality", "centralities", "group", "history", "timelines",
    "parameters", "sources",
  ]

  @Test func reportOnTheBuiltInDataset() throws {
    try withWorkspace { ws throws in
      let json = try ws.json("report", "--out", "r.html", "--timeline", "2015-2025", "--draws", "100")
      #expect(json["focus"] as? String == "Pakistan (PAK)")
      #expect(try ws.listing() == ["r.html"])
      let html = String(decoding: try ws.bytes("r.html"), as: UTF8.self)
      #expect(json["bytes"] as? Int == html.utf8.count)
      for id in Self.sectionIDs { #expect(html.contains("<h2 id=\"\(id)\">"), "section \(id)") }
      #expect(html.contains("Group: OIC (57 members"))
      let tables = html.components(separatedBy: "<table").count - 1
      #expect(tables >= 11)
      #expect(html.components(separatedBy: "<table class=\"sortable").count - 1 == tables)
      #expect(html.components(separatedBy: "class=\"graphviz\"").count - 1 >= 4)
      #expect(html.components(separatedBy: "<path class=\"series\"").count - 1 >= 4)
      #expect(html.contains("<td>half_distance_km</td>"))
      let lower = html.lowercased()
      for forbidden in [
        "src=\"http", "url(http", "@import", "<link", "<script src", "<!doctype svg", "<?xml",
        "svg11.dtd",
      ] {
        #expect(!lower.contains(forbidden), "\(forbidden)")
      }
      // The only addresses in attributes are the data sources' links, followed only when clicked.
      #expect(lower.components(separatedBy: "href=\"http").count == lower.components(separatedBy: "<a href=\"http").count)
      #expect(lower.contains("<a href=\"https://"), "the data sources link")
    }
  }

  @Test func failedReportLeavesNoFile() throws {
    try withWorkspace { ws throws in
      let focus = try ws.run("report", "--out", "r.html", "--focus", "Atlantis")
      #expect(focus.status != 0)
      #expect(focus.stderr.contains("Atlantis"), "\(focus.stderr)")
      let timeline = try ws.run("report", "--out", "r.html", "--timeline", "1700-1710")
      #expect(timeline.status != 0)
      #expect(timeline.stderr.contains("--timeline 1700-1710"), "\(timeline.stderr)")
      let ext = try ws.run("report", "--out", "r.txt")
      #expect(ext.status != 0)
      #expect(ext.stderr.contains("expected an .html file"), "\(ext.stderr)")
      #expect(try ws.listing().isEmpty)
    }
  }
}
