import AllianceAnalytics
import AllianceModel
import Foundation
import Testing

@testable import AllianceRender

/// Diagrams rendered to SVG by in-process Graphviz and parsed back: every node and edge is
/// drawn, with the style, highlights, sizes, colours, labels and limits the DOT asks for.
@Suite struct AllianceDiagramTests {
  /// Expected drawing per strongest tie type: (SVG stroke-dasharray — nil for solid — and stroke colour).
  /// Graphviz 2.42/2.43 writes dashed as "5,2" and dotted as "1,5".
  static let expectedStroke: [String: (dash: String?, color: String)] = [
    "defense": (nil, "#1f4e79"), "offense": (nil, "#7b1fa2"), "consultation": ("5,2", "#2e7d32"),
    "neutrality": ("1,5", "#8d6e63"), "nonaggression": ("1,5", "#9e9e9e"), "exercise": ("5,2", "#ef6c00"),
  ]

  /// The strongest tie type of each tied pair of MiniWorld.sample (alliance TRI adds consultation
  /// among PAK, CHN, SAU, which is weaker than what those pairs already have).
  static let expectedEdges: [Set<String>: String] = [
    ["PAK", "CHN"]: "defense", ["PAK", "SAU"]: "consultation", ["PAK", "TUR"]: "nonaggression",
    ["CHN", "SAU"]: "offense", ["SAU", "TUR"]: "neutrality", ["IND", "USA"]: "exercise",
  ]

  /// The radius of a nation's circle (the inner one when it has two borders).
  static func radius(_ svg: SVGDocument, _ id: String) throws -> Double {
    let ellipses = try #require(svg.element(id: id)).descendants(named: "ellipse")
    return try #require(ellipses.compactMap { Double($0.attributes["rx"] ?? "") }.min(), "\(id) is not a circle")
  }

  @Test func everyNodeAndEdgeIsDrawnWithItsStyle() throws {
    let loaded = try MiniWorld.sample.load()
    let network = loaded.network
    var options = DiagramOptions()
    options.focus = network("CHN")
    let (source, svg) = try renderSVG(plainInput(loaded, uncovered: ["PAK"], spof: ["SAU"]), options)
    #expect(source.engine == "nop2")
    #expect(source.nodes.count == 6)

    // Nations: one group per nation with id n_<ID>, class "node nation [uncovered] [spof] [focus]".
    let nodes = svg.groups("nation")
    #expect(Set(nodes.compactMap(\.id)) == Set(network.ids.map { "n_\($0)" }))
    for node in nodes {
      let id = try #require(node.id).dropFirst(2)
      #expect(node.title == String(id), "the node's title is its DOT name")
      #expect(node.classes.contains("uncovered") == (id == "PAK"), "\(id): \(node.classes)")
      #expect(node.classes.contains("spof") == (id == "SAU"), "\(id): \(node.classes)")
      #expect(node.classes.contains("focus") == (id == "CHN"), "\(id): \(node.classes)")
      // A circle: rx = ry.
      let ellipse = try #require(node.descendants(named: "ellipse").first)
      #expect(ellipse.attributes["rx"] == ellipse.attributes["ry"])
    }
    // Labels: one per nation, outside its circle, the name (short names stay whole).
    for v in 0..<network.nodeCount {
      let label = try #require(svg.element(id: "l_\(network.ids[v])"))
      #expect(label.allText.contains(network.names[v]), "\(label.allText)")
    }

    // Edges: one group per tied pair, id e_<A>_<B> in node order, class "edge <strongest type>".
    var expectedIDs: [String: String] = [:]
    for (pair, type) in Self.expectedEdges {
      let sorted = pair.sorted { network($0) < network($1) }
      expectedIDs["e_\(sorted[0])_\(sorted[1])"] = type
    }
    let edges = svg.groups("edge").filter { $0.id?.hasPrefix("e_") == true }
    #expect(edges.count == Self.expectedEdges.count)
    #expect(source.edges == Self.expectedEdges.count)
    #expect(Set(edges.compactMap(\.id)) == Set(expectedIDs.keys))
    for edge in edges {
      let id = try #require(edge.id)
      let type = try #require(expectedIDs[id], "unexpected edge \(id)")
      #expect(edge.classes == ["edge", type], "\(id)")
      let path = try #require(edge.descendants(named: "path").first, "\(id) has no path")
      let expected = try #require(Self.expectedStroke[type])
      #expect(path.attributes["stroke-dasharray"] == expected.dash, "\(id) (\(type)): dash \(path.attributes["stroke-dasharray"] ?? "solid")")
      #expect(path.attributes["stroke"] == expected.color, "\(id) (\(type)): stroke \(path.attributes["stroke"] ?? "none")")
    }
    // The force view draws no threats.
    #expect(svg.groups("threat").isEmpty && source.threats == 0)

    // Highlights: the uncovered nation has a thick red border, the focus a black one, the others grey.
    for node in nodes {
      let outline = try #require(node.descendants(named: "ellipse").first)
      switch node.id {
      case "n_PAK": #expect(outline.attributes["stroke"] == "#c62828" && outline.attributes["stroke-width"] == "2.5")
      case "n_CHN": #expect(outline.attributes["stroke"] == "#000000")
      default: #expect(outline.attributes["stroke"] == "#424242", "\(node.id!)")
      }
    }
    // A single point of failure has a double border.
    #expect(try #require(svg.element(id: "n_SAU")).descendants(named: "ellipse").count == 2)
    #expect(try #require(svg.element(id: "n_TUR")).descendants(named: "ellipse").count == 1)

    // Legend: title, size, highlights and tie styles.
    let text = svg.root.allText
    for phrase in [
      "Mini world", "size (area): capability", "red border: uncovered", "double border: single point of failure", "defense",
      "offense", "consultation", "neutrality", "nonaggression", "cooperation channel",
    ] {
      #expect(text.contains(phrase), "legend lacks \(phrase)")
    }
  }

  /// Area ∝ value within 1% for every node above the minimum size, and the size legend's
  /// reference circles on the same scale.
  @Test(arguments: [DiagramLayout.force, .geo, .ego, .alliances])
  func nodeAreaIsProportionalToTheMetric(layout: DiagramLayout) throws {
    var world = MiniWorld.sample
    world.nation("NOC", lat: 10, lon: 10, capability: nil)
    world.tie("NOC", "PAK", "defense")
    world.alliance("TRI2", "defense", members: ["PAK", "NOC", "TUR"])
    let loaded = try world.load()
    let network = loaded.network
    var options = DiagramOptions()
    options.layout = layout
    options.focus = network("PAK")
    let input = plainInput(loaded)
    let (source, svg) = try renderSVG(input, options)
    let maximum = source.nodes.map { network.capability[$0] }.max()!
    let sizing = NodeSizing(values: source.nodes.map { input.sizeValues[$0] }, maximumDiameter: layout == .geo ? 26 : 56, minimumDiameter: layout == .geo ? 5 : 9)
    var ratios: [Double] = []
    for v in source.nodes {
      let value = input.sizeValues[v]
      let r = try Self.radius(svg, "n_\(network.ids[v])")
      let node = try #require(svg.element(id: "n_\(network.ids[v])"))
      if sizing.isProportional(value) {
        ratios.append(r * r / value)
      } else {
        #expect(abs(2 * r - sizing.minimumDiameter) < 0.2, "\(network.ids[v]) below the minimum is drawn at the minimum")
      }
      #expect(node.classes.contains("nosize") == sizing.isMarked(value), "\(network.ids[v])")
    }
    #expect(ratios.count >= 3, "\(layout): \(ratios)")
    let mean = ratios.reduce(0, +) / Double(ratios.count)
    #expect(ratios.allSatisfy { abs($0 / mean - 1) < 0.01 }, "\(layout): r²/value \(ratios)")
    // NOC has no capability: marked, dashed, the minimum size.
    let noc = try #require(svg.element(id: "n_NOC"))
    #expect(noc.classes.contains("nosize"))
    #expect(noc.descendants(named: "ellipse").first?.attributes["stroke-dasharray"] != nil)
    // The size legend: 2–3 reference circles on the same scale, and the marked one.
    let references = svg.groups("reference")
    #expect((3...4).contains(references.count), "\(references.count) reference circles")
    for reference in references where !reference.classes.contains("nosize") {
      let value = try #require(referenceValue(reference), "a reference circle's tooltip is its value")
      let r = try #require(reference.descendants(named: "ellipse").first.flatMap { Double($0.attributes["rx"] ?? "") })
      #expect(abs(r * r / value / mean - 1) < 0.01, "reference \(value): r \(r)")
      #expect(value <= maximum)
    }
  }

  /// A reference circle's value from its tooltip (`<a xlink:title>` in Graphviz SVG).
  func referenceValue(_ element: SVGElement) -> Double? {
    for e in element.all {
      if let title = e.attributes["xlink:title"] ?? e.attributes["title"], let v = Double(title.replacingOccurrences(of: ",", with: "")) { return v }
    }
    return nil
  }

  /// Eight blocs: the six largest get the Okabe–Ito colours, the two smallest grey (named in
  /// the legend); no fill is red.
  @Test func atMostSixColoursTheRestGreyAndNoRedFill() throws {
    var world = MiniWorld()
    var groups: [Int] = []
    for g in 0..<8 {
      for k in 0..<(9 - g) {
        world.nation("G\(g)N\(k)", lat: Double(g), lon: Double(k), capability: Double(1 + k))
        groups.append(g)
      }
    }
    let loaded = try world.load()
    let network = loaded.network
    var input = plainInput(loaded)
    input.colorGroups = network.ids.map { id in Int(String(id.dropFirst().prefix { $0 != "N" }))! }
    input.colorNames = (0..<8).map { "bloc \($0 + 1)" }
    input.colorName = "bloc"
    let (_, svg) = try renderSVG(input, DiagramOptions())
    var fills: [String: Set<Int>] = [:]
    for v in 0..<network.nodeCount {
      let fill = try #require(svg.element(id: "n_\(network.ids[v])")?.descendants(named: "ellipse").first?.attributes["fill"])
      fills[fill, default: []].insert(input.colorGroups[v])
    }
    let colored = fills.keys.filter { $0 != DiagramPalette.grey }
    #expect(colored.count == 6)
    #expect(Set(colored) == Set(DiagramPalette.colors))
    #expect(fills[DiagramPalette.grey] == [6, 7], "the two smallest blocs are grey")
    for fill in fills.keys { #expect(!Self.isRed(fill), "\(fill) is red") }
    #expect(svg.root.allText.contains("grey: 2 smaller (bloc 7; bloc 8)"), "\(svg.root.allText)")
  }

  /// Hue within 20° of red and saturated.
  static func isRed(_ hex: String) -> Bool {
    let digits = hex.dropFirst()
    guard digits.count >= 6, let value = Int(digits.prefix(6), radix: 16) else { return false }
    let r = Double((value >> 16) & 255) / 255, g = Double((value >> 8) & 255) / 255, b = Double(value & 255) / 255
    let high = max(r, g, b), low = min(r, g, b)
    guard high > 0, (high - low) / high > 0.5, high == r else { return false }
    let hue = 60 * (g - b) / (high - low)
    return abs(hue) < 20
  }

  @Test func geographicLayoutFollowsCoordinatesOverABasemap() throws {
    var world = MiniWorld.sample
    world.nation("NOC", lat: nil, lon: nil, capability: 1)
    let loaded = try world.load()
    var options = DiagramOptions()
    options.layout = .geo
    let (source, svg) = try renderSVG(plainInput(loaded), options)
    #expect(source.engine == "nop2")
    let coordinates: [String: (lat: Double, lon: Double)] = [
      "PAK": (33.69, 73.06), "CHN": (39.90, 116.40), "IND": (28.61, 77.21), "SAU": (24.71, 46.68),
      "TUR": (39.93, 32.86), "USA": (38.91, -77.04),
    ]
    var centers: [String: (x: Double, y: Double)] = [:]
    for id in coordinates.keys { centers[id] = try nodeCenter(svg, id) }
    // Equirectangular: 5 pt per degree both ways (Graphviz rounds positions: within 1 pt).
    let origin = centers["PAK"]!, home = coordinates["PAK"]!
    for (id, c) in coordinates {
      #expect(abs((centers[id]!.x - origin.x) - 5 * (c.lon - home.lon)) < 1, "\(id) x")
      #expect(abs((centers[id]!.y - origin.y) + 5 * (c.lat - home.lat)) < 1, "\(id) y")
    }
    // A nation without a capital sits below all the others.
    let unknown = try nodeCenter(svg, "NOC")
    #expect(centers.values.allSatisfy { $0.y < unknown.y })
    // The basemap: coastlines as paths, in the same projection, drawn before every nation.
    let coasts = svg.groups("coast")
    #expect(coasts.count > 100)
    let all = svg.root.all
    let firstNation = try #require(all.firstIndex { $0.classes.contains("nation") })
    #expect(all.lastIndex { $0.classes.contains("basemap") }! < firstNation)
    // Every basemap point lies on the map: lon −180…180, lat −90…90 around PAK's position.
    let west = origin.x - 5 * (home.lon + 180), east = origin.x + 5 * (180 - home.lon)
    let north = origin.y - 5 * (90 - home.lat), south = origin.y + 5 * (home.lat + 90)
    for coast in coasts.prefix(50) {
      let d = try #require(coast.descendants(named: "path").first?.attributes["d"])
      let numbers = d.split(whereSeparator: { "MC, ".contains($0) }).compactMap { Double($0) }
      for k in stride(from: 0, to: numbers.count - 1, by: 2) {
        #expect(numbers[k] >= west - 1.5 && numbers[k] <= east + 1.5 && numbers[k + 1] >= north - 1.5 && numbers[k + 1] <= south + 1.5)
      }
    }
    #expect(svg.root.allText.contains("GSHHG"))
    // PAK–IND is a threat: drawn in the geographic view.
    #expect(svg.groups("threat").count == 1 && source.threats == 1)
  }

  /// `count` nations in a ring of defense ties, capability 1…count.
  static func ring(_ count: Int) -> MiniWorld {
    var world = MiniWorld()
    for i in 0..<count { world.nation("R\(i)", lat: Double(i), lon: Double(i), capability: Double(i + 1)) }
    for i in 0..<count { world.tie("R\(i)", "R\((i + 1) % count)", "defense") }
    return world
  }

  @Test func aboveTheLimitWithoutAFilterIsRefused() throws {
    let loaded = try Self.ring(14).load()
    var options = DiagramOptions()
    options.maxNodes = 10
    let error = #expect(throws: DiagramError.self) { try AllianceDiagram.build(plainInput(loaded), options: options) }
    let message = try #require(error).description
    #expect(message.contains("14 nations exceed the diagram limit of 10"), "\(message)")
    #expect(message.contains("--top"), "the message names the filter: \(message)")
    #expect(message.contains("--max-nodes"), "\(message)")
    options.maxNodes = 14
    #expect(try AllianceDiagram.build(plainInput(loaded), options: options).nodes.count == 14)
  }

  @Test func topKDrawsExactlyKNodes() throws {
    let loaded = try Self.ring(14).load()
    let network = loaded.network
    var options = DiagramOptions()
    options.maxNodes = 10
    options.top = 5
    let (source, svg) = try renderSVG(plainInput(loaded), options)
    let largest = Set((9...13).map { "R\($0)" })
    #expect(Set(source.nodes.map { network.ids[$0] }) == largest)
    #expect(Set(svg.groups("nation").compactMap(\.id)) == Set(largest.map { "n_\($0)" }))
    // Only ties among the kept nodes: the path R9–R10–…–R13 has 4.
    #expect(svg.groups("defense").count == 4)
    #expect(source.note?.contains("top 5 of 14") == true, "\(source.note ?? "no note")")
    options.focus = network("R0")
    let focused = try AllianceDiagram.build(plainInput(loaded), options: options)
    #expect(focused.nodes.count == 5 && focused.nodes.contains(network("R0")))
  }

  @Test func componentKeepsTheLargestComponent() throws {
    var world = Self.ring(6)
    world.nation("X1", lat: 0, lon: 0, capability: 100)
    world.nation("X2", lat: 0, lon: 1, capability: 100)
    world.tie("X1", "X2", "defense")
    let loaded = try world.load()
    var options = DiagramOptions()
    options.component = true
    let (source, svg) = try renderSVG(plainInput(loaded), options)
    #expect(source.nodes.count == 6)
    #expect(Set(svg.groups("nation").compactMap(\.id)) == Set((0..<6).map { "n_R\($0)" }))
  }

  @Test func egoViewNeedsAFocus() throws {
    let loaded = try MiniWorld.sample.load()
    var options = DiagramOptions()
    options.layout = .ego
    let error = #expect(throws: DiagramError.self) { try AllianceDiagram.build(plainInput(loaded), options: options) }
    #expect(error?.description.contains("focal nation") == true, "\(error?.description ?? "")")
  }

  /// The ego view: the focus, its partners and its threats; a threat edge per threat of the
  /// focus; ties among partners faint, off or full.
  @Test func egoViewDrawsTheFocusPartnersAndThreats() throws {
    var world = MiniWorld.sample
    world.threat("TUR", "PAK")
    let loaded = try world.load()
    let network = loaded.network
    var options = DiagramOptions()
    options.layout = .ego
    options.focus = network("PAK")
    let (source, svg) = try renderSVG(plainInput(loaded), options)
    #expect(Set(svg.groups("nation").compactMap(\.id)) == ["n_PAK", "n_CHN", "n_SAU", "n_TUR", "n_IND"])
    // Every threat of the focus has a threat edge (dark red, dashed).
    let threats = svg.groups("threat")
    #expect(source.threats == 2)
    #expect(Set(threats.compactMap(\.title)) == ["PAK--IND", "PAK--TUR"] || Set(threats.compactMap(\.title)) == ["IND--PAK", "PAK--TUR"], "\(threats.compactMap(\.title))")
    for threat in threats {
      let path = try #require(threat.descendants(named: "path").first)
      #expect(path.attributes["stroke"] == AllianceDiagram.threatColor && path.attributes["stroke-dasharray"] != nil)
    }
    #expect(svg.root.allText.contains("threat"))
    // Ties among partners (CHN–SAU, SAU–TUR) are faint by default, off on request.
    #expect(Set(svg.groups("partner-tie").compactMap(\.id)) == ["e_CHN_SAU", "e_SAU_TUR"])
    options.partnerTies = .off
    let (_, off) = try renderSVG(plainInput(loaded), options)
    #expect(off.groups("partner-tie").isEmpty && off.element(id: "e_CHN_SAU") == nil)
    #expect(off.element(id: "e_PAK_CHN") != nil, "the focus's own ties stay")
    options.partnerTies = .full
    let (_, full) = try renderSVG(plainInput(loaded), options)
    #expect(full.groups("partner-tie").isEmpty && full.element(id: "e_CHN_SAU") != nil)
  }

  @Test func allianceViewDrawsBoxesLinkedToMembers() throws {
    var world = MiniWorld.sample
    world.alliance("PAIR", "defense", members: ["IND", "USA"])
    let loaded = try world.load()
    var options = DiagramOptions()
    options.layout = .alliances
    let (source, svg) = try renderSVG(plainInput(loaded), options)
    // TRI has 3 members; PAIR has 2, below the default minimum of 3.
    let boxes = svg.groups("alliance")
    #expect(boxes.compactMap(\.id) == ["a_TRI"])
    let box = try #require(boxes.first)
    let corners = try #require(box.descendants(named: "polygon").first.map(polygonPoints))
    #expect(corners.count == 5, "a box: 4 corners, closed")
    #expect(box.allText.contains("Alliance TRI"))
    #expect(Set(svg.groups("nation").compactMap(\.id)) == ["n_PAK", "n_CHN", "n_SAU"])
    let links = svg.groups("membership")
    #expect(links.count == 3 && source.edges == 3)
    #expect(Set(links.compactMap(\.title)) == ["A:TRI--PAK", "A:TRI--CHN", "A:TRI--SAU"])
    options.minimumMembers = 2
    let (_, both) = try renderSVG(plainInput(loaded), options)
    #expect(Set(both.groups("alliance").compactMap(\.id)) == ["a_TRI", "a_PAIR"])
    #expect(both.groups("membership").count == 5)
    options.maxNodes = 4
    let error = #expect(throws: DiagramError.self) { try AllianceDiagram.build(plainInput(loaded), options: options) }
    #expect(error?.description.contains("exceed the diagram limit of 4") == true, "\(error?.description ?? "")")
  }

  @Test func tieTypeFilterDropsOtherTies() throws {
    let loaded = try MiniWorld.sample.load()
    var options = DiagramOptions()
    options.types = TieTypeSet([.defense])
    let (source, svg) = try renderSVG(plainInput(loaded), options)
    #expect(source.edges == 1)
    #expect(svg.groups("edge").filter { $0.id?.hasPrefix("e_") == true }.map(\.classes) == [["edge", "defense"]])
  }

  @Test func builtInDatasetAboveTheDefaultLimitNeedsAFilter() throws {
    let network = try #require(builtIn, "the built-in dataset loads")
    let snapshot = try YearSnapshot(network: network, year: network.years.upperBound)
    let strategic = StrategicNetwork(snapshot: snapshot, network: network)
    let loaded = MiniWorld.Loaded(dataset: network, snapshot: snapshot, network: strategic)
    #expect(strategic.nodeCount > 120)
    var options = DiagramOptions()
    options.maxNodes = 100
    #expect(throws: DiagramError.self) { try AllianceDiagram.build(plainInput(loaded), options: options) }
    options.top = 40
    let (source, svg) = try renderSVG(plainInput(loaded), options)
    #expect(source.nodes.count == 40)
    #expect(svg.groups("nation").count == 40)
  }

  /// The curated dataset's geographic view at the default size: no two labels overlap (text
  /// width 0.6 × font size per character), no label covers a capital's circle, and every
  /// label is a name or an abbreviation, never a bare number.
  @Test func curatedGeographicLabelsDoNotOverlap() throws {
    let network = try #require(builtIn, "the built-in dataset loads")
    let snapshot = try YearSnapshot(network: network, year: network.metadata.asOf)
    let strategic = StrategicNetwork(snapshot: snapshot, network: network)
    let parameters = ModelParameters()
    let input = DiagramFactory.input(
      strategic, snapshot: snapshot, assessment: Assessment(strategic, parameters: parameters), parameters: parameters, sizeBy: .capability,
      colorBy: .bloc, title: "curated")
    var options = DiagramOptions()
    options.layout = .geo
    let (source, svg) = try renderSVG(input, options)
    #expect(source.nodes.count == strategic.nodeCount)
    let boxes = try Self.labelBoxes(svg)
    #expect(boxes.count == strategic.nodeCount)
    var overlaps: [String] = []
    for i in boxes.indices {
      for j in (i + 1)..<boxes.count where boxes[i].box.overlaps(boxes[j].box) { overlaps.append("\(boxes[i].text)/\(boxes[j].text)") }
    }
    #expect(overlaps.isEmpty, "\(overlaps.count) overlapping labels: \(overlaps.prefix(20))")
    #expect(boxes.allSatisfy { !$0.text.allSatisfy(\.isNumber) })
    // At most 6 fill colours besides grey on the nations.
    let fills = Set(svg.groups("nation").compactMap { $0.descendants(named: "ellipse").first?.attributes["fill"] })
    #expect(fills.subtracting([DiagramPalette.grey]).count <= 6, "\(fills)")
  }

  /// Label boxes of an SVG (text centred at x, baseline y; height = font size).
  static func labelBoxes(_ svg: SVGDocument) throws -> [(text: String, box: LabelBox)] {
    try svg.groups("label").map { group in
      let text = try #require(group.descendants(named: "text").first)
      let x = try #require(Double(text.attributes["x"] ?? "")), y = try #require(Double(text.attributes["y"] ?? ""))
      let size = try #require(Double(text.attributes["font-size"] ?? ""))
      let content = text.allText
      let width = LabelPlacement.textWidth(content, fontSize: size)
      return (content, LabelBox(x: x, y: y - size * 0.35, width: width, height: size))
    }
  }
}
