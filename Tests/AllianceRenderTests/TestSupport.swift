import AllianceAnalytics
import AllianceModel
import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

@testable import AllianceRender

/// A tiny dataset in the project format (datasets/FORMAT.md), written to a temporary folder
/// and loaded through ``ProjectDatasetReader`` and ``YearSnapshot`` — the same path as the
/// CLI. (A copy of the approach of AllianceAnalyticsTests/TestSupport.swift: test targets do
/// not import each other.)
struct MiniWorld {
  struct NationRow {
    var id: String
    var lat: Double?
    var lon: Double?
    var capability: Double?
    var region = "Asia"
  }
  struct AllianceRow {
    var id: String
    var obligations: String
    var members: [String]
  }

  var nations: [NationRow] = []
  /// (a, b, type name).
  var ties: [(String, String, String)] = []
  var alliances: [AllianceRow] = []
  var threats: [(String, String)] = []
  var year = 2000

  mutating func nation(_ id: String, lat: Double?, lon: Double?, capability: Double?) {
    nations.append(NationRow(id: id, lat: lat, lon: lon, capability: capability))
  }
  mutating func tie(_ a: String, _ b: String, _ type: String) { ties.append((a, b, type)) }
  mutating func threat(_ a: String, _ b: String) { threats.append((a, b)) }
  mutating func alliance(_ id: String, _ obligations: String, members: [String]) {
    alliances.append(AllianceRow(id: id, obligations: obligations, members: members))
  }

  struct Loaded {
    var dataset: AllianceNetwork
    var snapshot: YearSnapshot
    var network: StrategicNetwork
  }

  func load() throws -> Loaded {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("render-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    func write(_ name: String, _ text: String) throws {
      try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }
    func csv(_ header: String, _ rows: [String]) -> String { ([header] + rows).joined(separator: "\n") + "\n" }
    func number(_ value: Double?) -> String { value.map { String($0) } ?? "" }
    try write(
      "dataset.json",
      #"{"format": "alliancegraph-dataset/1", "name": "mini", "asOf": \#(year), "capability": {"measure": "test"}}"#)
    try write("sources.csv", csv("id,publisher,title,date", ["s1,test,test,2000"]))
    try write(
      "nations.csv",
      csv(
        "id,cow,abbr,name,region,capital,lat,lon,source",
        nations.map { "\($0.id),,\($0.id),Nation \($0.id),\($0.region),c,\(number($0.lat)),\(number($0.lon)),s1" }))
    try write(
      "capabilities.csv",
      csv("nation,year,value,source", nations.compactMap { n in n.capability.map { "\(n.id),\(year),\($0),s1" } }))
    try write("ties.csv", csv("a,b,type,start,end,source", ties.map { "\($0.0),\($0.1),\($0.2),\(year),,s1" }))
    try write("threats.csv", csv("a,b,kind,start,end,source", threats.map { "\($0.0),\($0.1),listed,\(year),,s1" }))
    if !alliances.isEmpty {
      try write(
        "alliances.csv",
        csv(
          "id,name,obligations,start,end,integrated_command,source",
          alliances.map { "\($0.id),Alliance \($0.id),\($0.obligations),\(year),,0,s1" }))
      try write("members.csv", csv("alliance,nation", alliances.flatMap { a in a.members.map { "\(a.id),\($0)" } }))
    }
    let dataset = try ProjectDatasetReader.read(DatasetFiles(folder: folder.path))
    let snapshot = try YearSnapshot(network: dataset, year: year)
    return Loaded(dataset: dataset, snapshot: snapshot, network: StrategicNetwork(snapshot: snapshot, network: dataset))
  }

  /// Six nations with real capital coordinates and one tie of each drawing style:
  /// PAK–CHN defense (+ consultation, exercise), PAK–SAU consultation, PAK–TUR nonaggression,
  /// CHN–SAU offense, SAU–TUR neutrality, IND–USA exercise (a channel); IND threatens PAK;
  /// alliance TRI (consultation) of PAK, CHN, SAU.
  static var sample: MiniWorld {
    var world = MiniWorld()
    world.nation("PAK", lat: 33.69, lon: 73.06, capability: 10)
    world.nation("CHN", lat: 39.90, lon: 116.40, capability: 300)
    world.nation("IND", lat: 28.61, lon: 77.21, capability: 80)
    world.nation("SAU", lat: 24.71, lon: 46.68, capability: 70)
    world.nation("TUR", lat: 39.93, lon: 32.86, capability: 25)
    world.nation("USA", lat: 38.91, lon: -77.04, capability: 900)
    world.tie("PAK", "CHN", "defense")
    world.tie("PAK", "CHN", "consultation")
    world.tie("PAK", "CHN", "exercise")
    world.tie("PAK", "SAU", "consultation")
    world.tie("PAK", "TUR", "nonaggression")
    world.tie("CHN", "SAU", "offense")
    world.tie("SAU", "TUR", "neutrality")
    world.tie("IND", "USA", "exercise")
    world.threat("PAK", "IND")
    world.alliance("TRI", "consultation", members: ["PAK", "CHN", "SAU"])
    return world
  }
}

extension StrategicNetwork {
  func callAsFunction(_ id: String) -> Int {
    guard let node = node(id: id) else { fatalError("no node \(id)") }
    return node
  }
}

/// A ``DiagramInput`` with explicit highlights (size: capability; no colours).
func plainInput(
  _ loaded: MiniWorld.Loaded, uncovered: Set<String> = [], spof: Set<String> = [], title: String = "Mini world"
) -> DiagramInput {
  let network = loaded.network
  return DiagramInput(
    network: network, title: title, sizeValues: network.capability, sizeName: "capability",
    colorGroups: [Int](repeating: -1, count: network.nodeCount), colorNames: [], colorName: "none",
    uncovered: network.ids.map { uncovered.contains($0) }, singlePoints: network.ids.map { spof.contains($0) },
    latitude: loaded.snapshot.latitude, longitude: loaded.snapshot.longitude)
}

/// Builds and renders a diagram as SVG text.
func renderSVG(_ input: DiagramInput, _ options: DiagramOptions) throws -> (source: DiagramSource, svg: SVGDocument) {
  let source = try AllianceDiagram.build(input, options: options)
  let bytes = try source.render(.svg)
  return (source, try SVGDocument(bytes))
}

// MARK: - SVG

/// One element of a parsed SVG document.
final class SVGElement {
  let name: String
  let attributes: [String: String]
  var children: [SVGElement] = []
  var text = ""
  weak var parent: SVGElement?
  init(name: String, attributes: [String: String]) {
    self.name = name
    self.attributes = attributes
  }

  var id: String? { attributes["id"] }
  var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }

  /// This element and all its descendants, depth first.
  var all: [SVGElement] { [self] + children.flatMap(\.all) }
  func descendants(named name: String) -> [SVGElement] { all.dropFirst().filter { $0.name == name } }
  /// All text below this element.
  var allText: String { text + children.map(\.allText).joined() }
  /// The `<title>` child's text.
  var title: String? { children.first { $0.name == "title" }?.allText }
}

/// An SVG document parsed with Foundation's `XMLParser` (no external entities or DTD fetched).
struct SVGDocument {
  struct ParseError: Error, CustomStringConvertible { var description: String }

  let root: SVGElement

  init(_ bytes: [UInt8]) throws { try self.init(Data(bytes)) }
  init(_ text: String) throws { try self.init(Data(text.utf8)) }
  init(_ data: Data) throws {
    let parser = XMLParser(data: data)
    parser.shouldResolveExternalEntities = false
    let delegate = Delegate()
    parser.delegate = delegate
    guard parser.parse(), let root = delegate.root else {
      throw ParseError(
        description:
          "SVG does not parse: \(parser.parserError.map { "\($0)" } ?? "no root") at line \(parser.lineNumber)")
    }
    self.root = root
  }

  /// `<g>` groups with `class` token `kind` (`node`, `edge`).
  func groups(_ kind: String) -> [SVGElement] { root.descendants(named: "g").filter { $0.classes.contains(kind) } }
  func element(id: String) -> SVGElement? { root.all.first { $0.id == id } }

  final class Delegate: NSObject, XMLParserDelegate {
    var root: SVGElement?
    var stack: [SVGElement] = []
    func parser(
      _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
      attributes attributeDict: [String: String] = [:]
    ) {
      let element = SVGElement(name: elementName, attributes: attributeDict)
      if let parent = stack.last {
        parent.children.append(element)
        element.parent = parent
      } else {
        root = element
      }
      stack.append(element)
    }
    func parser(
      _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
    ) {
      _ = stack.popLast()
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }
  }
}

/// The centre of a node group: its ellipse's (cx, cy), else the mean of its first polygon's points.
func center(of node: SVGElement) -> (x: Double, y: Double)? {
  if let ellipse = node.descendants(named: "ellipse").first, let x = Double(ellipse.attributes["cx"] ?? ""),
    let y = Double(ellipse.attributes["cy"] ?? "")
  {
    return (x, y)
  }
  guard let points = node.descendants(named: "polygon").first.map({ polygonPoints($0) }), !points.isEmpty else {
    return nil
  }
  // The first point repeats as the last.
  let distinct = points.count > 1 && points.first! == points.last! ? Array(points.dropLast()) : points
  return (
    distinct.map(\.x).reduce(0, +) / Double(distinct.count), distinct.map(\.y).reduce(0, +) / Double(distinct.count)
  )
}

/// The centre of nation `id`'s node.
func nodeCenter(_ svg: SVGDocument, _ id: String) throws -> (x: Double, y: Double) {
  let node = try #require(svg.element(id: "n_\(id)"), "no node n_\(id)")
  return try #require(center(of: node), "n_\(id) has no shape")
}

func polygonPoints(_ polygon: SVGElement) -> [(x: Double, y: Double)] {
  (polygon.attributes["points"] ?? "").split(separator: " ").compactMap { pair in
    let xy = pair.split(separator: ",").compactMap { Double($0) }
    return xy.count == 2 ? (xy[0], xy[1]) : nil
  }
}

/// The built-in curated dataset, loaded once.
let builtIn: AllianceNetwork? = try? DatasetLoader.builtIn()
