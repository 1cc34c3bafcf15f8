import AllianceAnalytics
import AllianceModel
import Foundation

/// Diagram layouts.
public enum DiagramLayout: String, CaseIterable, Sendable {
  /// Force-directed: neato for small graphs, sfdp for larger ones.
  case force
  /// Capitals pinned to an equirectangular projection of their coordinates (neato -n).
  case geo
  /// The focal nation and its partners.
  case ego
  /// Alliances as boxes linked to their members.
  case alliances
}

/// What a diagram shows, per node of a ``StrategicNetwork``.
public struct DiagramInput: Sendable {
  public var network: StrategicNetwork
  public var title: String
  /// Node size follows this value (e.g. capability, FM, a centrality); its name is in the legend.
  public var sizeValues: [Double]
  public var sizeName: String
  /// Colour group per node (−1: none) and the groups' names for the legend.
  public var colorGroups: [Int]
  public var colorNames: [String]
  public var colorName: String
  /// Highlighted nodes.
  public var uncovered: [Bool]
  public var singlePoints: [Bool]
  /// Capital coordinates in degrees (NaN: unknown), for the geographic layout.
  public var latitude: [Double]
  public var longitude: [Double]

  public init(
    network: StrategicNetwork, title: String, sizeValues: [Double], sizeName: String, colorGroups: [Int], colorNames: [String],
    colorName: String, uncovered: [Bool], singlePoints: [Bool], latitude: [Double], longitude: [Double]
  ) {
    self.network = network
    self.title = title
    self.sizeValues = sizeValues
    self.sizeName = sizeName
    self.colorGroups = colorGroups
    self.colorNames = colorNames
    self.colorName = colorName
    self.uncovered = uncovered
    self.singlePoints = singlePoints
    self.latitude = latitude
    self.longitude = longitude
  }
}

/// Which nodes and ties to draw and how.
public struct DiagramOptions: Sendable {
  public var layout: DiagramLayout = .force
  /// The focal nation (ego view; also outlined in other views).
  public var focus: Int? = nil
  /// Tie types drawn.
  public var types = TieTypeSet(TieType.allCases)
  /// Above this many nodes, filter with ``top`` or refuse.
  public var maxNodes = 300
  /// Keep only the top-k nodes by size value.
  public var top: Int? = nil
  /// Keep only the largest connected component (or the focus's).
  public var component = false
  /// Alliance view: alliances with at least this many members in force.
  public var minimumMembers = 3
  /// Ego view: hops around the focus.
  public var egoHops = 1
  /// Draw only these nodes (e.g. a group's members), before the other filters.
  public var restrictTo: [Int]? = nil
  public init() {}
}

/// A diagram too large to draw, or asked for without what it needs.
public struct DiagramError: Error, CustomStringConvertible, Equatable {
  public let description: String
  public init(_ description: String) { self.description = description }
}

/// A diagram as DOT text with the Graphviz engine that lays it out.
public struct DiagramSource: Sendable {
  public var dot: String
  public var engine: String
  /// Node ids drawn (for tests and captions).
  public var nodes: [Int]
  public var edges: Int
  /// What was filtered out, in words, if anything.
  public var note: String?
}

/// Builds alliance diagrams as DOT (styles, sizes, colours, highlights, legend).
public enum AllianceDiagram {
  /// Qualitative colour palette (ColorBrewer Set1/Dark2-like), cycled for more groups.
  public static let palette = [
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f",
    "#393b79", "#637939",
  ]

  /// Drawing style of a pair's strongest tie type.
  public static func style(for types: TieTypeSet) -> (type: TieType, style: String, color: String)? {
    let order: [TieType] = [.defense, .offense, .consultation, .neutrality, .nonaggression] + TieType.channels
    guard let strongest = order.first(where: { types.contains($0) }) else { return nil }
    switch strongest {
    case .defense: return (strongest, "solid", "#1f4e79")
    case .offense: return (strongest, "bold", "#7b1fa2")
    case .consultation: return (strongest, "dashed", "#2e7d32")
    case .neutrality: return (strongest, "dotted", "#8d6e63")
    case .nonaggression: return (strongest, "dotted", "#9e9e9e")
    default: return (strongest, "dashed", "#ef6c00")
    }
  }

  /// Builds the DOT of `input` under `options`.
  /// - Throws: ``DiagramError`` when the graph is larger than `maxNodes` without a filter, or
  ///   the ego view has no focus.
  public static func build(_ input: DiagramInput, options: DiagramOptions) throws(DiagramError) -> DiagramSource {
    if options.layout == .alliances { return try membership(input, options: options) }
    let network = input.network
    let n = network.nodeCount
    var nodes = options.restrictTo.map { Array(Set($0)).sorted() } ?? Array(0..<n)
    var notes: [String] = []
    func tied(_ u: Int, _ v: Int) -> Bool { network.types[u * n + v] & options.types.rawValue != 0 }
    if options.layout == .ego {
      guard let focus = options.focus else { throw DiagramError("the ego view needs a focal nation (--focus)") }
      var keep: Set<Int> = [focus]
      var frontier = [focus]
      for _ in 0..<max(1, options.egoHops) {
        var next: [Int] = []
        for u in frontier { for v in 0..<n where v != u && tied(u, v) && !keep.contains(v) { keep.insert(v); next.append(v) } }
        frontier = next
      }
      for v in 0..<n where network.isThreat(focus, v) { keep.insert(v) }
      nodes = keep.sorted()
    } else if options.component {
      let start = options.focus ?? largestComponentSeed(network, tied: tied)
      var seen: Set<Int> = [start]
      var stack = [start]
      while let u = stack.popLast() { for v in 0..<n where !seen.contains(v) && tied(u, v) { seen.insert(v); stack.append(v) } }
      notes.append("showing the component of \(network.ids[start]): \(seen.count) of \(n) nations")
      nodes = seen.sorted()
    }
    if let top = options.top, top < nodes.count {
      var ranked = nodes.sorted { input.sizeValues[$0] != input.sizeValues[$1] ? (input.sizeValues[$0].isNaN ? -1 : input.sizeValues[$0]) > (input.sizeValues[$1].isNaN ? -1 : input.sizeValues[$1]) : $0 < $1 }
      ranked = Array(ranked.prefix(top))
      if let focus = options.focus, !ranked.contains(focus), nodes.contains(focus) { ranked[ranked.count - 1] = focus }
      notes.append("showing the top \(top) of \(nodes.count) nations by \(input.sizeName)")
      nodes = ranked.sorted()
    }
    guard nodes.count <= options.maxNodes else {
      throw DiagramError(
        "\(nodes.count) nations exceed the diagram limit of \(options.maxNodes): filter with --top K (largest by \(input.sizeName)), --component, the ego view, or raise --max-nodes (large layouts can take minutes)")
    }
    let engine: String
    switch options.layout {
    case .geo: engine = "nop"
    default: engine = nodes.count <= 120 ? "neato" : "sfdp"
    }
    var dot = "graph alliances {\n"
    dot += "  graph [outputorder=edgesfirst, bgcolor=\"white\", fontname=\"Helvetica\", pad=0.3"
    switch options.layout {
    case .geo: dot += ", splines=false"
    default: dot += ", overlap=prism, overlap_scaling=\(nodes.count > 120 ? 2 : 1), sep=\"+4\", splines=false" + (engine == "sfdp" ? ", K=1.2, repulsiveforce=1.5" : ", mode=major")
    }
    dot += ", label=\(legend(input, options: options, title: input.title, notes: notes, shown: nodes)), labelloc=b, labeljust=l];\n"
    dot += "  node [fontname=\"Helvetica\", style=filled, fixedsize=false, margin=\"0.02,0.01\"];\n"
    dot += "  edge [color=\"#9e9e9e\"];\n"
    let values = nodes.map { input.sizeValues[$0] }.filter { $0.isFinite && $0 > 0 }
    let maximum = values.max() ?? 1
    var positions: [Int: (Double, Double)] = [:]
    if options.layout == .geo { positions = geoPositions(input, nodes: nodes) }
    for v in nodes {
      let value = input.sizeValues[v]
      let scale = value.isFinite && value > 0 ? (value / maximum).squareRoot() : 0
      // The geographic view keeps nodes small so crowded regions stay readable.
      let width = options.layout == .geo ? 0.16 + 0.55 * scale : 0.25 + 1.1 * scale
      let group = input.colorGroups[v]
      let fill = group >= 0 ? palette[group % palette.count] : "#e0e0e0"
      var attributes = [
        "id=\"n_\(escape(network.ids[v]))\"", "class=\"nation\(input.uncovered[v] ? " uncovered" : "")\(input.singlePoints[v] ? " spof" : "")\"",
        "label=\"\(escape(options.layout == .geo ? network.ids[v] : shortName(network.names[v], id: network.ids[v])))\"",
        "tooltip=\"\(escape(network.names[v])) (\(escape(network.ids[v]))): \(input.sizeName) \(format(value))\"",
        "width=\(format(width))", "height=\(format(width * 0.62))", "fillcolor=\"\(fill)cc\"",
        "fontsize=\(format(options.layout == .geo ? 6 + 3 * scale : 8 + 6 * scale))",
      ]
      if input.uncovered[v] {
        attributes += ["color=\"#c62828\"", "penwidth=3"]
      } else {
        attributes += ["color=\"#424242\"", "penwidth=0.6"]
      }
      if input.singlePoints[v] { attributes.append("peripheries=2") }
      if v == options.focus { attributes += ["shape=doubleoctagon", "penwidth=2.5"] }
      if let (x, y) = positions[v] { attributes.append("pos=\"\(format(x)),\(format(y))!\"") }
      dot += "  \"\(escape(network.ids[v]))\" [\(attributes.joined(separator: ", "))];\n"
    }
    var edges = 0
    for (index, u) in nodes.enumerated() {
      for v in nodes[(index + 1)...] {
        var types = TieTypeSet(rawValue: network.types[u * n + v] & options.types.rawValue)
        // In the ego view, channels among the partners would hide the focus's own ties.
        if options.layout == .ego, let focus = options.focus, u != focus && v != focus { types = types.obligations }
        guard let (strongest, style, color) = style(for: types) else { continue }
        let width = 0.5 + 0.45 * Double(types.types.count - 1)
        dot += "  \"\(escape(network.ids[u]))\" -- \"\(escape(network.ids[v]))\" [id=\"e_\(escape(network.ids[u]))_\(escape(network.ids[v]))\", class=\"\(strongest.name)\", style=\(style), color=\"\(color)\(strongest.isObligation ? "b0" : "90")\", penwidth=\(format(width)), tooltip=\"\(escape(network.names[u]))–\(escape(network.names[v])): \(types.description)\"];\n"
        edges += 1
      }
    }
    dot += "}\n"
    return DiagramSource(dot: dot, engine: engine, nodes: nodes, edges: edges, note: notes.isEmpty ? nil : notes.joined(separator: "; "))
  }

  /// Alliances as boxes linked to their members.
  static func membership(_ input: DiagramInput, options: DiagramOptions) throws(DiagramError) -> DiagramSource {
    let network = input.network
    let alliances = network.alliances.enumerated().filter { $0.element.members.count >= options.minimumMembers }
    var members = Set<Int>()
    for (_, alliance) in alliances { members.formUnion(alliance.members) }
    let count = members.count + alliances.count
    guard count <= options.maxNodes else {
      throw DiagramError("\(alliances.count) alliances and \(members.count) members exceed the diagram limit of \(options.maxNodes): raise --min-members or --max-nodes")
    }
    let engine = count <= 120 ? "neato" : "sfdp"
    var dot = "graph memberships {\n"
    dot += "  graph [outputorder=edgesfirst, overlap=prism, sep=\"+4\", splines=false, fontname=\"Helvetica\", pad=0.3"
    dot += engine == "sfdp" ? ", K=1.1" : ", mode=major"
    let caption = "alliances with at least \(options.minimumMembers) members as boxes, linked to their members"
    dot += ", label=\(legend(input, options: options, title: input.title, notes: [caption], shown: members.sorted())), labelloc=b, labeljust=l];\n"
    dot += "  node [fontname=\"Helvetica\", style=filled, fontsize=9];\n"
    for (index, alliance) in alliances {
      let fill = palette[index % palette.count]
      dot += "  \"A:\(escape(alliance.id))\" [id=\"a_\(escape(alliance.id))\", class=\"alliance\", shape=box, fillcolor=\"\(fill)\", fontcolor=white, fontsize=10, label=\"\(escape(wrap(alliance.name, 28)))\", tooltip=\"\(escape(alliance.name)): \(alliance.members.count) members, \(alliance.obligations.description)\"];\n"
    }
    for v in members.sorted() {
      let group = input.colorGroups[v]
      let fill = group >= 0 ? palette[group % palette.count] + "66" : "#eeeeee"
      let border = input.uncovered[v] ? "color=\"#c62828\", penwidth=2.5" : "color=\"#616161\""
      dot += "  \"\(escape(network.ids[v]))\" [id=\"n_\(escape(network.ids[v]))\", class=\"nation\", shape=ellipse, fillcolor=\"\(fill)\", \(border), label=\"\(escape(network.ids[v]))\", tooltip=\"\(escape(network.names[v]))\"];\n"
    }
    var edges = 0
    for (index, alliance) in alliances {
      let color = palette[index % palette.count]
      for v in alliance.members.sorted() {
        dot += "  \"A:\(escape(alliance.id))\" -- \"\(escape(network.ids[v]))\" [class=\"membership\", color=\"\(color)99\"];\n"
        edges += 1
      }
    }
    dot += "}\n"
    return DiagramSource(dot: dot, engine: engine, nodes: members.sorted(), edges: edges, note: nil)
  }

  /// Equirectangular projection in points; nations without coordinates sit in a row below.
  static func geoPositions(_ input: DiagramInput, nodes: [Int]) -> [Int: (Double, Double)] {
    var positions: [Int: (Double, Double)] = [:]
    var unknown = 0
    for v in nodes {
      let lat = input.latitude[v], lon = input.longitude[v]
      if lat.isFinite && lon.isFinite {
        positions[v] = ((lon + 180) / 360 * 1800, (lat + 90) / 180 * 900)
      } else {
        positions[v] = (40 + Double(unknown) * 40, -40)
        unknown += 1
      }
    }
    return positions
  }

  static func largestComponentSeed(_ network: StrategicNetwork, tied: (Int, Int) -> Bool) -> Int {
    let n = network.nodeCount
    var seen = [Bool](repeating: false, count: n)
    var best = (size: 0, seed: 0)
    for s in 0..<n where !seen[s] {
      var stack = [s], size = 0
      seen[s] = true
      while let u = stack.popLast() {
        size += 1
        for v in 0..<n where !seen[v] && tied(u, v) { seen[v] = true; stack.append(v) }
      }
      if size > best.size { best = (size, s) }
    }
    return best.seed
  }

  /// The legend as an HTML-like label: title, colours, size, highlights, tie styles, notes.
  static func legend(_ input: DiagramInput, options: DiagramOptions, title: String, notes: [String], shown: [Int]) -> String {
    var rows = "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"8\"><FONT POINT-SIZE=\"14\"><B>\(escape(title))</B></FONT></TD></TR>"
    let used = Set(shown.map { input.colorGroups[$0] }.filter { $0 >= 0 })
    if !used.isEmpty {
      rows += "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"8\">colour: \(escape(input.colorName))</TD></TR>"
      var cells = ""
      for (k, group) in used.sorted().prefix(12).enumerated() {
        if k > 0 && k % 4 == 0 { rows += swatchRow(cells); cells = "" }
        let name = group < input.colorNames.count ? input.colorNames[group] : "group \(group)"
        cells += "<TD BGCOLOR=\"\(palette[group % palette.count])\" WIDTH=\"12\" FIXEDSIZE=\"TRUE\" HEIGHT=\"12\"> </TD><TD ALIGN=\"LEFT\">\(escape(String(name.prefix(34))))  </TD>"
      }
      if !cells.isEmpty { rows += swatchRow(cells) }
      if used.count > 12 { rows += "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"8\">… and \(used.count - 12) more colours</TD></TR>" }
    }
    rows += "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"8\">size: \(escape(input.sizeName)); red border: uncovered (CR &lt; 1); double border: single point of failure</TD></TR>"
    if options.layout != .alliances {
      rows += "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"8\"><FONT COLOR=\"#1f4e79\">━━ defense</FONT>   <FONT COLOR=\"#7b1fa2\">━━ offense</FONT>   <FONT COLOR=\"#2e7d32\">- - consultation</FONT>   <FONT COLOR=\"#8d6e63\">··· neutrality</FONT>   <FONT COLOR=\"#9e9e9e\">··· nonaggression</FONT>   <FONT COLOR=\"#ef6c00\">- - cooperation channel</FONT>; thicker: more tie types</TD></TR>"
    }
    for note in notes { rows += "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"8\"><I>\(escape(note))</I></TD></TR>" }
    return "<<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"1\">\(rows)</TABLE>>"
  }

  /// One legend line of colour swatches, in its own table so columns do not align across lines.
  static func swatchRow(_ cells: String) -> String {
    "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"8\"><TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"3\" CELLPADDING=\"1\"><TR>\(cells)</TR></TABLE></TD></TR>"
  }

  /// Short names as they are; long ones on two lines, or the id when still too long.
  static func shortName(_ name: String, id: String) -> String {
    guard name.count > 14 else { return name }
    let wrapped = wrap(name, 14)
    return wrapped.split(separator: "\n").count <= 2 ? wrapped : id
  }

  static func wrap(_ text: String, _ width: Int) -> String {
    var lines: [String] = [], line = ""
    for word in text.split(separator: " ") {
      if line.count + word.count + 1 > width && !line.isEmpty { lines.append(line); line = "" }
      line += (line.isEmpty ? "" : " ") + word
    }
    if !line.isEmpty { lines.append(line) }
    return lines.prefix(3).joined(separator: "\n")
  }

  /// Escapes text for a quoted DOT string or an HTML-like label.
  static func escape(_ text: String) -> String {
    var out = ""
    for c in text {
      switch c {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      default: out.append(c)
      }
    }
    return out
  }

  static func format(_ v: Double) -> String {
    guard v.isFinite else { return v.isNaN ? "n/a" : "inf" }
    return String(format: "%.4g", v)
  }
}
