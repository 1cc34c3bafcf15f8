import AllianceAnalytics
import AllianceModel
import Foundation
import Testing

@testable import AllianceRender

/// Diagrams rendered to SVG by in-process Graphviz and parsed back: every node and edge is
/// drawn, with the style, highlights, positions and limits the DOT asks for.
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

  @Test func everyNodeAndEdgeIsDrawnWithItsStyle() throws {
    let loaded = try MiniWorld.sample.load()
    let network = loaded.network
    var options = DiagramOptions()
    options.focus = network("CHN")
    let (source, svg) = try renderSVG(plainInput(loaded, uncovered: ["PAK"], spof: ["SAU"]), options)
    #expect(source.engine == "neato")
    #expect(source.nodes.count == 6)

    // Nodes: one group per nation with id n_<ID>, class "node nation [uncovered] [spof]".
    let nodes = svg.groups("node")
    #expect(Set(nodes.compactMap(\.id)) == Set(network.ids.map { "n_\($0)" }))
    #expect(nodes.count == network.nodeCount)
    for node in nodes {
      let id = try #require(node.id).dropFirst(2)
      #expect(node.title == String(id), "the node's title is its DOT name")
      #expect(node.classes.contains("nation"))
      #expect(node.classes.contains("uncovered") == (id == "PAK"), "\(id): \(node.classes)")
      #expect(node.classes.contains("spof") == (id == "SAU"), "\(id): \(node.classes)")
    }

    // Edges: one group per tied pair, id e_<A>_<B> in node order, class "edge <strongest type>".
    var expectedIDs: [String: String] = [:]
    for (pair, type) in Self.expectedEdges {
      let sorted = pair.sorted { network($0) < network($1) }
      expectedIDs["e_\(sorted[0])_\(sorted[1])"] = type
    }
    let edges = svg.groups("edge")
    #expect(edges.count == Self.expectedEdges.count)
    #expect(source.edges == Self.expectedEdges.count)
    #expect(Set(edges.compactMap(\.id)) == Set(expectedIDs.keys))
    for edge in edges {
      let id = try #require(edge.id)
      let type = try #require(expectedIDs[id], "unexpected edge \(id)")
      #expect(edge.classes == ["edge", type], "\(id)")
      let ends = id.split(separator: "_").dropFirst().map(String.init)
      #expect(edge.title == "\(ends[0])--\(ends[1])", "\(id): title \(edge.title ?? "none")")
      let path = try #require(edge.descendants(named: "path").first, "\(id) has no path")
      let expected = try #require(Self.expectedStroke[type])
      #expect(
        path.attributes["stroke-dasharray"] == expected.dash,
        "\(id) (\(type)): dash \(path.attributes["stroke-dasharray"] ?? "solid")")
      #expect(
        path.attributes["stroke"] == expected.color, "\(id) (\(type)): stroke \(path.attributes["stroke"] ?? "none")")
    }

    // Highlights: the uncovered nation has a thick red border, the others a grey one.
    for node in nodes where node.id != "n_CHN" {
      let outline = try #require(node.descendants(named: "ellipse").first, "\(node.id!) is not an ellipse")
      if node.id == "n_PAK" {
        #expect(outline.attributes["stroke"] == "#c62828")
        #expect(outline.attributes["stroke-width"] == "3")
      } else {
        #expect(outline.attributes["stroke"] == "#424242", "\(node.id!)")
      }
    }
    // A single point of failure has a double border.
    #expect(try #require(svg.element(id: "n_SAU")).descendants(named: "ellipse").count == 2)
    #expect(try #require(svg.element(id: "n_TUR")).descendants(named: "ellipse").count == 1)
    // The focus is a double octagon: two 8-corner polygons (closed: 9 points), no ellipse.
    let focus = try #require(svg.element(id: "n_CHN"))
    #expect(focus.descendants(named: "ellipse").isEmpty)
    let polygons = focus.descendants(named: "polygon")
    #expect(polygons.count == 2)
    #expect(polygons.allSatisfy { polygonPoints($0).count == 9 })

    // Legend: title, size, highlights and tie styles.
    let text = svg.root.allText
    for phrase in [
      "Mini world", "size: capability", "red border: uncovered", "double border: single point of failure", "defense",
      "offense", "consultation", "neutrality", "nonaggression", "cooperation channel",
    ] {
      #expect(text.contains(phrase), "legend lacks \(phrase)")
    }
  }

  @Test func factoryInputDrawsTheAssessment() throws {
    var world = MiniWorld.sample
    world.threat("TUR", "USA")
    let loaded = try world.load()
    let network = loaded.network
    let parameters = ModelParameters()
    let assessment = Assessment(network, parameters: parameters)
    let input = DiagramFactory.input(
      network, snapshot: loaded.snapshot, assessment: assessment, parameters: parameters, sizeBy: .capability,
      colorBy: .bloc, title: "factory")
    #expect(assessment.nations[network("TUR")].uncovered, "TUR (25) facing USA (900) without capability-bearing allies")
    let (_, svg) = try renderSVG(input, DiagramOptions())
    for v in 0..<network.nodeCount {
      let node = try #require(svg.element(id: "n_\(network.ids[v])"))
      let outline = try #require(node.descendants(named: "ellipse").first)
      let red = outline.attributes["stroke"] == "#c62828"
      #expect(red == assessment.nations[v].uncovered, "\(network.ids[v])")
      #expect(node.classes.contains("uncovered") == assessment.nations[v].uncovered)
    }
    // Size follows capability: USA (900) > CHN (300) > PAK (10).
    func rx(_ id: String) throws -> Double {
      let ellipse = try #require(svg.element(id: "n_\(id)")?.descendants(named: "ellipse").first)
      return try #require(Double(ellipse.attributes["rx"] ?? ""))
    }
    #expect(try rx("USA") > rx("CHN"))
    #expect(try rx("CHN") > rx("PAK"))
    // Bloc colours: the legend names the colour scheme.
    #expect(svg.root.allText.contains("colour: bloc"))
  }

  @Test func geographicLayoutFollowsCoordinates() throws {
    var world = MiniWorld.sample
    world.nation("NOC", lat: nil, lon: nil, capability: 1)
    let loaded = try world.load()
    var options = DiagramOptions()
    options.layout = .geo
    let (source, svg) = try renderSVG(plainInput(loaded), options)
    #expect(source.engine == "nop")
    let coordinates: [String: (lat: Double, lon: Double)] = [
      "PAK": (33.69, 73.06), "CHN": (39.90, 116.40), "IND": (28.61, 77.21), "SAU": (24.71, 46.68),
      "TUR": (39.93, 32.86), "USA": (38.91, -77.04),
    ]
    var centers: [String: (x: Double, y: Double)] = [:]
    for id in coordinates.keys {
      centers[id] = try nodeCenter(svg, id)
    }
    // x order follows longitude; y order is the reverse of latitude (SVG y grows downward).
    let byLongitude = coordinates.keys.sorted { coordinates[$0]!.lon < coordinates[$1]!.lon }
    let byX = coordinates.keys.sorted { centers[$0]!.x < centers[$1]!.x }
    #expect(byX == byLongitude)
    let byLatitudeDescending = coordinates.keys.sorted { coordinates[$0]!.lat > coordinates[$1]!.lat }
    let byY = coordinates.keys.sorted { centers[$0]!.y < centers[$1]!.y }
    #expect(byY == byLatitudeDescending)
    // Equirectangular: 1800 pt for 360°, 900 pt for 180°, i.e. 5 pt per degree both ways
    // (Graphviz rounds positions: within 1 pt).
    let origin = centers["PAK"]!, home = coordinates["PAK"]!
    for (id, c) in coordinates {
      #expect(abs((centers[id]!.x - origin.x) - 5 * (c.lon - home.lon)) < 1, "\(id) x")
      #expect(abs((centers[id]!.y - origin.y) + 5 * (c.lat - home.lat)) < 1, "\(id) y")
    }
    // A nation without a capital sits below all the others.
    let unknown = try nodeCenter(svg, "NOC")
    #expect(centers.values.allSatisfy { $0.y < unknown.y })
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
    // At the limit it draws.
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
    let nodes = svg.groups("node")
    #expect(nodes.count == 5)
    #expect(Set(nodes.compactMap(\.id)) == Set(largest.map { "n_\($0)" }))
    // Only ties among the kept nodes: the path R9–R10–…–R13 has 4.
    #expect(svg.groups("edge").count == 4)
    #expect(source.note?.contains("top 5 of 14") == true, "\(source.note ?? "no note")")
    // A focus outside the top K replaces the K-th.
    options.focus = network("R0")
    let focused = try AllianceDiagram.build(plainInput(loaded), options: options)
    #expect(focused.nodes.count == 5)
    #expect(focused.nodes.contains(network("R0")))
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
    #expect(Set(svg.groups("node").compactMap(\.id)) == Set((0..<6).map { "n_R\($0)" }))
  }

  @Test func egoViewNeedsAFocus() throws {
    let loaded = try MiniWorld.sample.load()
    var options = DiagramOptions()
    options.layout = .ego
    let error = #expect(throws: DiagramError.self) { try AllianceDiagram.build(plainInput(loaded), options: options) }
    #expect(error?.description.contains("focal nation") == true, "\(error?.description ?? "")")
  }

  @Test func egoViewDrawsTheFocusPartnersAndThreats() throws {
    let loaded = try MiniWorld.sample.load()
    let network = loaded.network
    var options = DiagramOptions()
    options.layout = .ego
    options.focus = network("PAK")
    let (_, svg) = try renderSVG(plainInput(loaded), options)
    // Partners CHN, SAU, TUR; IND as a threat; not USA.
    #expect(Set(svg.groups("node").compactMap(\.id)) == ["n_PAK", "n_CHN", "n_SAU", "n_TUR", "n_IND"])
    let focus = try #require(svg.element(id: "n_PAK"))
    #expect(focus.descendants(named: "ellipse").isEmpty, "the focus is a double octagon")
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
    #expect(box.descendants(named: "ellipse").isEmpty)
    let corners = try #require(box.descendants(named: "polygon").first.map(polygonPoints))
    #expect(corners.count == 5, "a box: 4 corners, closed")
    #expect(box.allText.contains("Alliance TRI"))
    #expect(Set(svg.groups("nation").compactMap(\.id)) == ["n_PAK", "n_CHN", "n_SAU"])
    let links = svg.groups("membership")
    #expect(links.count == 3)
    #expect(source.edges == 3)
    #expect(Set(links.compactMap(\.title)) == ["A:TRI--PAK", "A:TRI--CHN", "A:TRI--SAU"])
    // With a minimum of 2, PAIR appears too.
    options.minimumMembers = 2
    let (_, both) = try renderSVG(plainInput(loaded), options)
    #expect(Set(both.groups("alliance").compactMap(\.id)) == ["a_TRI", "a_PAIR"])
    #expect(both.groups("membership").count == 5)
    // Above the limit it refuses.
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
    #expect(svg.groups("edge").map(\.classes) == [["edge", "defense"]])
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
    #expect(svg.groups("node").count == 40)
    #expect(svg.groups("edge").count == source.edges)
  }
}
