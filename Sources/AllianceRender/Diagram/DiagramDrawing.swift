import AllianceAnalytics
import AllianceModel
import Foundation

/// One diagram being built: what is drawn (selection), where (layout), its labels and legend.
struct DiagramDrawing {
  let input: DiagramInput
  let options: DiagramOptions
  let network: StrategicNetwork
  let geographic: Bool
  /// Nations drawn, in id order.
  var nodes: [Int]
  /// Alliance view: the alliances drawn (index into `network.alliances`).
  var alliances: [Int] = []
  var notes: [String] = []
  let sizing: NodeSizing
  let fontSize: Double
  let colors: CategoryColors
  /// The categories of the drawn nations (the legend lists only these).
  let shownGroups: Set<Int>
  /// Per drawn nation (parallel to `nodes`): label text and circle diameter.
  var labels: [String] = []
  var diameters: [Double] = []
  /// Circle centres of the nations and box centres of the alliances, in points (y up).
  var centers: [(x: Double, y: Double)] = []
  var allianceCenters: [(x: Double, y: Double)] = []
  var allianceBoxes: [(width: Double, height: Double, text: String)] = []
  var placed: [LabelPlacement.Placed] = []
  /// Tied pairs drawn: (u, v, types, faint).
  var ties: [(u: Int, v: Int, types: TieTypeSet, faint: Bool)] = []
  var threatPairs: [(u: Int, v: Int)] = []
  var engine = "nop2"

  init(_ input: DiagramInput, options: DiagramOptions) throws(DiagramError) {
    self.input = input
    self.options = options
    network = input.network
    geographic = options.layout == .geo
    let selection = try Self.select(input, options: options)
    nodes = selection.nodes
    alliances = selection.alliances
    let notes = selection.notes
    self.notes = notes
    sizing = NodeSizing(
      values: nodes.map { input.sizeValues[$0] }, maximumDiameter: geographic ? 26 : 56, minimumDiameter: geographic ? 5 : 9)
    fontSize = geographic ? 7 : 9
    // Colours by the categories' sizes in the whole year, so one category keeps its colour
    // in every diagram of a report.
    colors = CategoryColors(groups: input.colorGroups)
    shownGroups = Set(nodes.map { input.colorGroups[$0] }.filter { $0 >= 0 })
    labels = nodes.map { AllianceDiagram.shortLabel(network, $0, geographic: geographic) }
    diameters = nodes.map { sizing.diameter(input.sizeValues[$0]) }
    allianceBoxes = alliances.map { a in
      let text = AllianceDiagram.wrap(network.alliances[a].name, 28)
      let longest = text.split(separator: "\n").map(\.count).max() ?? 1
      let lines = Double(text.split(separator: "\n").count)
      return (LabelPlacement.textWidth(String(repeating: "x", count: longest), fontSize: 9) + 14, lines * 11 + 8, text)
    }
    collectEdges()
  }

  /// The nations (and alliances) drawn, by layout and filters, with notes on what was left out.
  static func select(_ input: DiagramInput, options: DiagramOptions) throws(DiagramError) -> (nodes: [Int], alliances: [Int], notes: [String]) {
    let network = input.network
    let n = network.nodeCount
    var nodes: [Int] = []
    var alliances: [Int] = []
    var notes: [String] = []
    func tied(_ u: Int, _ v: Int) -> Bool { network.types[u * n + v] & options.types.rawValue != 0 }
    if options.layout == .alliances {
      alliances = network.alliances.indices.filter { network.alliances[$0].members.count >= options.minimumMembers }
      var members = Set<Int>()
      for a in alliances { members.formUnion(network.alliances[a].members) }
      nodes = members.sorted()
      guard nodes.count + alliances.count <= options.maxNodes else {
        throw DiagramError(
          "\(alliances.count) alliances and \(nodes.count) members exceed the diagram limit of \(options.maxNodes): raise --min-members or --max-nodes")
      }
      notes.append("alliances with at least \(options.minimumMembers) members as boxes, linked to their members")
    } else {
      nodes = options.restrictTo.map { Array(Set($0)).sorted() } ?? Array(0..<n)
      if options.layout == .ego {
        guard let focus = options.focus else { throw DiagramError("the ego view needs a focal nation (--focus)") }
        var keep: Set<Int> = [focus]
        var frontier = [focus]
        for _ in 0..<max(1, options.egoHops) {
          var next: [Int] = []
          for u in frontier { for v in 0..<n where v != u && tied(u, v) && !keep.contains(v) { keep.insert(v); next.append(v) } }
          frontier = next
        }
        for v in 0..<n where network.isThreat(focus, v) || network.isThreat(v, focus) { keep.insert(v) }
        nodes = keep.sorted()
      } else if options.component {
        let start = options.focus ?? Self.largestComponentSeed(network, tied: tied)
        var seen: Set<Int> = [start]
        var stack = [start]
        while let u = stack.popLast() { for v in 0..<n where !seen.contains(v) && tied(u, v) { seen.insert(v); stack.append(v) } }
        notes.append("showing the component of \(network.names[start]): \(seen.count) of \(n) nations")
        nodes = seen.sorted()
      }
      if let top = options.top, top < nodes.count {
        let size = { (v: Int) in input.sizeValues[v].isNaN ? -1 : input.sizeValues[v] }
        var ranked = Array(nodes.sorted { size($0) != size($1) ? size($0) > size($1) : $0 < $1 }.prefix(top))
        if let focus = options.focus, !ranked.contains(focus), nodes.contains(focus) { ranked[ranked.count - 1] = focus }
        notes.append("showing the top \(top) of \(nodes.count) nations by \(input.sizeName)")
        nodes = ranked.sorted()
      }
      guard nodes.count <= options.maxNodes else {
        throw DiagramError(
          "\(nodes.count) nations exceed the diagram limit of \(options.maxNodes): filter with --top K (largest by \(input.sizeName)), --component, the ego view, or raise --max-nodes (large layouts can take minutes)"
        )
      }
    }
    return (nodes, alliances, notes)
  }

  /// The ties (by the options' types) and threats among the drawn nations.
  mutating func collectEdges() {
    guard options.layout != .alliances else { return }
    let n = network.nodeCount
    for (index, u) in nodes.enumerated() {
      for v in nodes[(index + 1)...] {
        var types = TieTypeSet(rawValue: network.types[u * n + v] & options.types.rawValue)
        var faint = false
        if options.layout == .ego, let focus = options.focus, u != focus && v != focus {
          switch options.partnerTies {
          case .off: types = TieTypeSet()
          case .faint: faint = true
          case .full: break
          }
        }
        if AllianceDiagram.style(for: types) != nil { ties.append((u, v, types, faint)) }
        let threat = network.isThreat(u, v) || network.isThreat(v, u)
        guard threat else { continue }
        switch options.layout {
        case .geo: threatPairs.append((u, v))
        case .ego: if u == options.focus || v == options.focus { threatPairs.append((u, v)) }
        default: break
        }
      }
    }
  }

  var labelHeight: Double { fontSize * 1.25 }
  func labelWidth(_ k: Int) -> Double { LabelPlacement.textWidth(labels[k], fontSize: fontSize) + 2 }

  /// Positions: projected capitals (geographic view) or a Graphviz layout of each node's
  /// footprint (circle plus label below it, alliance boxes) with overlap removal.
  mutating func layOut() throws(DiagramError) {
    if geographic {
      var unknown = 0
      centers = nodes.map { v in
        let lat = input.latitude[v], lon = input.longitude[v]
        if lat.isFinite && lon.isFinite { return ((lon + 180) / 360 * AllianceDiagram.mapWidth, (lat + 90) / 180 * AllianceDiagram.mapHeight) }
        defer { unknown += 1 }
        return (40 + Double(unknown) * 40, AllianceDiagram.mapBottom - 40)
      }
      return
    }
    let count = nodes.count + alliances.count
    let first = count <= 120 ? "neato" : "sfdp"
    var dot = "graph layout {\n  graph [overlap=prism, overlap_scaling=\(count > 120 ? 2 : 1), sep=\"+6\", splines=false"
    dot += first == "sfdp" ? ", K=1.2, repulsiveforce=1.5" : ", mode=major"
    dot += "];\n  node [shape=box, fixedsize=true, label=\"\"];\n"
    for k in nodes.indices {
      let width = max(diameters[k], labelWidth(k)) + 4, height = diameters[k] + labelHeight + 5
      dot += "  n\(k) [width=\(AllianceDiagram.format(width / 72)), height=\(AllianceDiagram.format(height / 72))];\n"
    }
    for (k, box) in allianceBoxes.enumerated() {
      dot += "  a\(k) [width=\(AllianceDiagram.format(box.width / 72)), height=\(AllianceDiagram.format(box.height / 72))];\n"
    }
    let index = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($1, $0) })
    for tie in ties where !tie.faint { dot += "  n\(index[tie.u]!) -- n\(index[tie.v]!);\n" }
    for pair in threatPairs { dot += "  n\(index[pair.u]!) -- n\(index[pair.v]!);\n" }
    for (k, a) in alliances.enumerated() {
      for v in network.alliances[a].members.sorted() { dot += "  a\(k) -- n\(index[v]!);\n" }
    }
    dot += "}\n"
    let positions: [String: (x: Double, y: Double)]
    do { positions = try Graphviz.layout(dot: dot, engine: first) } catch { throw DiagramError("the layout failed: \(error.description)") }
    centers = nodes.indices.map { k in
      let p = positions["n\(k)"] ?? (0, 0)
      let height = diameters[k] + labelHeight + 5
      return (p.x, p.y + height / 2 - 2 - diameters[k] / 2)
    }
    allianceCenters = alliances.indices.map { positions["a\($0)"] ?? (0, 0) }
  }

  /// Labels outside the circles, largest nations first, without overlaps.
  mutating func placeLabels() {
    let anchors = nodes.indices.map { (x: centers[$0].x, y: centers[$0].y, radius: diameters[$0] / 2) }
    let sizes = nodes.indices.map { (width: labelWidth($0), height: labelHeight) }
    let boxes = allianceBoxes.enumerated().map { k, box in LabelBox(x: allianceCenters[k].x, y: allianceCenters[k].y, width: box.width, height: box.height) }
    let order = nodes.indices.sorted { diameters[$0] != diameters[$1] ? diameters[$0] > diameters[$1] : $0 < $1 }
    placed = LabelPlacement.place(nodes: anchors, sizes: sizes, order: order, obstacles: boxes)
  }

  /// The drawing pass: every element pinned.
  func source() -> DiagramSource {
    let esc = AllianceDiagram.escape
    var dot = "graph alliances {\n"
    dot += "  graph [outputorder=edgesfirst, bgcolor=\"white\", fontname=\"Helvetica\", pad=0.3, splines=false"
    dot += ", label=\(legend()), labelloc=b, labeljust=l];\n"
    dot += "  node [fontname=\"Helvetica\", style=filled, fixedsize=true];\n"
    dot += "  edge [color=\"#9e9e9e\"];\n"
    if geographic && options.basemap {
      dot += GeoBasemap.dot(width: AllianceDiagram.mapWidth, height: AllianceDiagram.mapHeight, bottom: AllianceDiagram.mapBottom)
    }
    for (k, v) in nodes.enumerated() {
      let value = input.sizeValues[v]
      let marked = sizing.isMarked(value)
      var classes = ["nation"]
      if input.uncovered[v] { classes.append("uncovered") }
      if input.singlePoints[v] { classes.append("spof") }
      if v == options.focus { classes.append("focus") }
      if marked { classes.append("nosize") }
      let border =
        input.uncovered[v]
        ? "color=\"\(AllianceDiagram.uncoveredColor)\", penwidth=2.5"
        : v == options.focus ? "color=\"#000000\", penwidth=2.5" : "color=\"#424242\", penwidth=0.8"
      var attributes = [
        "id=\"n_\(esc(network.ids[v]))\"", "class=\"\(classes.joined(separator: " "))\"", "shape=circle", "label=\"\"",
        "width=\(AllianceDiagram.format(diameters[k] / 72))", "height=\(AllianceDiagram.format(diameters[k] / 72))",
        "fillcolor=\"\(colors.fill(input.colorGroups[v]))\"", border, "style=\"filled\(marked ? ",dashed" : "")\"",
        "tooltip=\"\(esc(network.names[v])) (\(esc(network.ids[v]))): \(esc(input.sizeName)) \(AllianceDiagram.legendNumber(value))\"",
        "pos=\"\(AllianceDiagram.point(centers[k].x, centers[k].y))!\"",
      ]
      if input.singlePoints[v] { attributes.append("peripheries=2") }
      dot += "  \"\(esc(network.ids[v]))\" [\(attributes.joined(separator: ", "))];\n"
      let box = placed[k].box
      dot += "  \"L:\(esc(network.ids[v]))\" [id=\"l_\(esc(network.ids[v]))\", class=\"label\", shape=plaintext, style=\"\", label=\"\(esc(labels[k]))\", "
      dot += "fontsize=\(AllianceDiagram.format(fontSize)), fontname=\"\(v == options.focus ? "Helvetica-Bold" : "Helvetica")\", "
      dot += "width=\(AllianceDiagram.format(box.width / 72)), height=\(AllianceDiagram.format(box.height / 72)), margin=0, "
      dot += "tooltip=\"\(esc(network.names[v]))\", pos=\"\(AllianceDiagram.point(box.x, box.y))!\"];\n"
    }
    for (k, a) in alliances.enumerated() {
      let alliance = network.alliances[a], box = allianceBoxes[k]
      dot += "  \"A:\(esc(alliance.id))\" [id=\"a_\(esc(alliance.id))\", class=\"alliance\", shape=box, fillcolor=\"#ffffff\", color=\"#37474f\", fontsize=9, "
      dot += "width=\(AllianceDiagram.format(box.width / 72)), height=\(AllianceDiagram.format(box.height / 72)), label=\"\(esc(box.text))\", "
      dot += "tooltip=\"\(esc(alliance.name)): \(alliance.members.count) members, \(alliance.obligations.description)\", "
      dot += "pos=\"\(AllianceDiagram.point(allianceCenters[k].x, allianceCenters[k].y))!\"];\n"
    }
    dot += sizeLegend()
    var edges = 0
    for (k, v) in nodes.enumerated() where placed[k].leader {
      dot += "  \"\(esc(network.ids[v]))\" -- \"L:\(esc(network.ids[v]))\" [class=\"leader\", color=\"#9e9e9e\", penwidth=0.5];\n"
    }
    for tie in ties {
      guard let (strongest, style, color) = AllianceDiagram.style(for: tie.types) else { continue }
      let u = esc(network.ids[tie.u]), v = esc(network.ids[tie.v])
      // The geographic view draws ties thin and pale: the map and the threats stay readable.
      let pale = tie.faint || geographic
      let width = pale ? 0.4 : 0.5 + 0.45 * Double(tie.types.types.count - 1)
      let alpha = tie.faint ? "40" : geographic ? (strongest.isObligation ? "70" : "50") : strongest.isObligation ? "b0" : "90"
      dot += "  \"\(u)\" -- \"\(v)\" [id=\"e_\(u)_\(v)\", class=\"\(strongest.name)\(tie.faint ? " partner-tie" : "")\", style=\(style), "
      dot += "color=\"\(color)\(alpha)\", penwidth=\(AllianceDiagram.format(width)), "
      dot += "tooltip=\"\(esc(network.names[tie.u]))–\(esc(network.names[tie.v])): \(tie.types.description)\"];\n"
      edges += 1
    }
    for pair in threatPairs {
      let u = esc(network.ids[pair.u]), v = esc(network.ids[pair.v])
      dot += "  \"\(u)\" -- \"\(v)\" [id=\"t_\(u)_\(v)\", class=\"threat\", style=dashed, color=\"\(AllianceDiagram.threatColor)\", penwidth=1.3, "
      dot += "tooltip=\"\(esc(network.names[pair.u]))–\(esc(network.names[pair.v])): threat\"];\n"
    }
    for (k, a) in alliances.enumerated() {
      let alliance = network.alliances[a]
      _ = k
      for v in alliance.members.sorted() {
        dot += "  \"A:\(esc(alliance.id))\" -- \"\(esc(network.ids[v]))\" [class=\"membership\", color=\"#78909c99\"];\n"
        edges += 1
      }
    }
    dot += "}\n"
    var radii: [String: Double] = [:]
    for (k, v) in nodes.enumerated() { radii["n_\(network.ids[v])"] = diameters[k] / 2 }
    for (k, item) in legendItems.enumerated() { radii["size_\(k)"] = item.diameter / 2 }
    return DiagramSource(
      dot: dot, engine: engine, nodes: nodes, edges: edges, threats: threatPairs.count, note: notes.isEmpty ? nil : notes.joined(separator: "; "),
      radii: radii)
  }

  /// The drawing's lowest point and leftmost point (circles, labels, alliance boxes).
  var extent: (minX: Double, minY: Double) {
    var minX = Double.infinity, minY = Double.infinity
    for k in nodes.indices {
      minX = min(minX, centers[k].x - diameters[k] / 2, placed[k].box.x - placed[k].box.width / 2)
      minY = min(minY, centers[k].y - diameters[k] / 2, placed[k].box.y - placed[k].box.height / 2)
    }
    for (k, box) in allianceBoxes.enumerated() {
      minX = min(minX, allianceCenters[k].x - box.width / 2)
      minY = min(minY, allianceCenters[k].y - box.height / 2)
    }
    if geographic && options.basemap { minX = min(minX, 0); minY = min(minY, AllianceDiagram.mapBottom) }
    return (minX.isFinite ? minX : 0, minY.isFinite ? minY : 0)
  }

  /// The size legend's circles: the reference values, then the marked minimum.
  var legendItems: [(value: Double, diameter: Double, text: String, marked: Bool)] {
    sizing.references().map { (value: $0, diameter: sizing.diameter($0), text: AllianceDiagram.legendNumber($0), marked: false) }
      + [(.nan, sizing.minimumDiameter, "0 or n/a", true)]
  }

  /// Reference circles below the drawing: their areas use the nodes' scale.
  func sizeLegend() -> String {
    let (minX, minY) = extent
    let largest = legendItems.map(\.diameter).max() ?? sizing.minimumDiameter
    let row = minY - 14 - largest / 2
    var x = minX
    let title = "size (area): \(input.sizeName)"
    let titleWidth = LabelPlacement.textWidth(title, fontSize: 9) + 4
    var dot = "  \"S:title\" [id=\"size_title\", class=\"size-legend\", shape=plaintext, style=\"\", label=\"\(AllianceDiagram.escape(title))\", fontsize=9, "
    dot += "width=\(AllianceDiagram.format(titleWidth / 72)), height=0.17, margin=0, pos=\"\(AllianceDiagram.point(x + titleWidth / 2, row))!\"];\n"
    x += titleWidth + 8
    for (k, item) in legendItems.enumerated() {
      let textWidth = LabelPlacement.textWidth(item.text, fontSize: 8) + 2
      let slot = max(item.diameter, textWidth)
      let cx = x + slot / 2
      dot += "  \"S:\(k)\" [id=\"size_\(k)\", class=\"size-legend reference\(item.marked ? " nosize" : "")\", shape=circle, label=\"\", "
      dot += "width=\(AllianceDiagram.format(item.diameter / 72)), height=\(AllianceDiagram.format(item.diameter / 72)), fillcolor=\"#f5f5f5\", color=\"#616161\", "
      dot += "style=\"filled\(item.marked ? ",dashed" : "")\", tooltip=\"\(AllianceDiagram.escape(item.text))\", pos=\"\(AllianceDiagram.point(cx, row))!\"];\n"
      dot += "  \"S:\(k)L\" [class=\"size-legend\", shape=plaintext, style=\"\", label=\"\(AllianceDiagram.escape(item.text))\", fontsize=8, margin=0, "
      dot += "width=\(AllianceDiagram.format(textWidth / 72)), height=0.15, pos=\"\(AllianceDiagram.point(cx, row - largest / 2 - 8))!\"];\n"
      x += slot + 14
    }
    return dot
  }

  /// The legend as an HTML-like label: title, colours, highlights, tie and threat styles, notes.
  func legend() -> String {
    let esc = AllianceDiagram.escape
    func line(_ text: String) -> String { "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"8\">\(text)</TD></TR>" }
    var rows = line("<FONT POINT-SIZE=\"14\"><B>\(esc(input.title))</B></FONT>")
    if !shownGroups.isEmpty {
      rows += line("colour: \(esc(input.colorName))")
      var cells = ""
      let coloredShown = colors.ranked.prefix(DiagramPalette.colors.count).filter(shownGroups.contains)
      for (k, group) in coloredShown.enumerated() {
        if k > 0 && k % 3 == 0 { rows += Self.swatchRow(cells); cells = "" }
        cells += "<TD BGCOLOR=\"\(colors.fill(group))\" WIDTH=\"12\" FIXEDSIZE=\"TRUE\" HEIGHT=\"12\"> </TD><TD ALIGN=\"LEFT\">\(esc(String(name(group).prefix(48))))  </TD>"
      }
      if !cells.isEmpty { rows += Self.swatchRow(cells) }
      let grey = colors.grey.filter(shownGroups.contains)
      if !grey.isEmpty {
        let listed = grey.prefix(6).map { String(name($0).prefix(40)).trimmingCharacters(in: .whitespaces) }.joined(separator: "; ")
        let more = grey.count > 6 ? "; +\(grey.count - 6) more" : ""
        rows += Self.swatchRow(
          "<TD BGCOLOR=\"\(DiagramPalette.grey)\" WIDTH=\"12\" FIXEDSIZE=\"TRUE\" HEIGHT=\"12\"> </TD><TD ALIGN=\"LEFT\">grey: \(grey.count) smaller (\(esc(listed + more)))</TD>")
      }
    }
    rows += line(
      "red border: uncovered (CR &lt; 1); double border: single point of failure; black border, bold label: the focus; dashed outline: \(esc(input.sizeName)) zero or unknown")
    if options.layout != .alliances {
      rows += line(
        "<FONT COLOR=\"#1f4e79\">━━ defense</FONT>   <FONT COLOR=\"#7b1fa2\">━━ offense</FONT>   <FONT COLOR=\"#2e7d32\">- - consultation</FONT>   <FONT COLOR=\"#8d6e63\">··· neutrality</FONT>   <FONT COLOR=\"#9e9e9e\">··· nonaggression</FONT>   <FONT COLOR=\"#ef6c00\">- - cooperation channel</FONT>; thicker: more tie types"
          + (options.layout == .ego && options.partnerTies == .faint ? "; pale: ties among partners" : ""))
    } else {
      rows += line("boxes: alliances; grey lines: membership")
    }
    if options.layout == .geo || options.layout == .ego {
      rows += line("<FONT COLOR=\"\(AllianceDiagram.threatColor)\">- - - threat</FONT>" + (options.layout == .ego ? " (of the focus)" : ""))
    }
    if geographic && options.basemap { rows += line("<FONT POINT-SIZE=\"9\">\(esc(Basemap.attribution)); equirectangular projection</FONT>") }
    for note in notes { rows += line("<I>\(esc(note))</I>") }
    return "<<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"1\">\(rows)</TABLE>>"
  }

  func name(_ group: Int) -> String { group < input.colorNames.count ? input.colorNames[group] : "group \(group + 1)" }

  /// One legend line of colour swatches, in its own table so columns do not align across lines.
  static func swatchRow(_ cells: String) -> String {
    "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"8\"><TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"3\" CELLPADDING=\"1\"><TR>\(cells)</TR></TABLE></TD></TR>"
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
}
