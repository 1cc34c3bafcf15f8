import AllianceAnalytics
import AllianceModel
import Foundation

/// Builds alliance diagrams as DOT in two passes: a layout pass (Graphviz neato or sfdp on
/// boxes big enough for each node and its label; the geographic view projects capitals
/// instead), then a drawing pass in which every node, label and legend mark is pinned
/// (`nop2`). Nodes are circles whose area is proportional to the size metric; labels sit
/// outside them, placed without overlaps by ``LabelPlacement``; a size legend with reference
/// circles and a colour legend (Okabe–Ito, at most six colours, the rest grey) follow.
public enum AllianceDiagram {
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

  /// Threat edges: dark red, dashed.
  public static let threatColor = "#8b0000"
  /// The border of uncovered nations (CR < 1); no fill is red.
  public static let uncoveredColor = "#c62828"

  /// Geographic view: the equirectangular map's size in points (5 pt per degree).
  public static let mapWidth = 1800.0
  public static let mapHeight = 900.0
  /// The map's lower edge: 60° S (Antarctica is left out), in points.
  public static let mapBottom = 150.0

  /// Builds the DOT of `input` under `options`.
  /// - Throws: ``DiagramError`` when the graph is larger than `maxNodes` without a filter, the
  ///   ego view has no focus, or the layout pass fails in Graphviz.
  /// - Complexity: O(n²) for the selection and the ties, plus the layout engine's cost (the
  ///   geographic view has no layout pass) and O(n · rings) for the labels.
  public static func build(_ input: DiagramInput, options: DiagramOptions) throws(DiagramError) -> DiagramSource {
    var drawing = try DiagramDrawing(input, options: options)
    try drawing.layOut()
    drawing.placeLabels()
    return drawing.source()
  }

  /// Short labels: the name when it is short, else the abbreviation; never a bare code
  /// (a numeric abbreviation falls back to the name).
  static func shortLabel(_ network: StrategicNetwork, _ v: Int, geographic: Bool) -> String {
    let name = network.names[v]
    let abbreviation = v < network.abbreviations.count ? network.abbreviations[v] : network.ids[v]
    let usable = !abbreviation.isEmpty && !abbreviation.allSatisfy(\.isNumber)
    if geographic { return usable ? abbreviation : name }
    return name.count <= 12 || !usable ? name : abbreviation
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

  /// A value for a legend or tooltip: 3 significant digits, thousands separators, no −0.
  static func legendNumber(_ v: Double) -> String {
    guard v.isFinite else { return v.isNaN ? "n/a" : "∞" }
    if v == 0 || abs(v) < 5e-13 { return "0" }
    let magnitude = abs(v)
    if magnitude >= 1000 {
      let digits = Int(floor(log10(magnitude))) + 1
      let factor = pow(10, Double(max(0, digits - 3)))
      let rounded = Int((v / factor).rounded()) * Int(factor)
      let formatter = NumberFormatter()
      formatter.numberStyle = .decimal
      formatter.groupingSeparator = ","
      formatter.usesGroupingSeparator = true
      return formatter.string(from: NSNumber(value: rounded)) ?? String(rounded)
    }
    if magnitude < 1e-3 { return v > 0 ? "< 0.001" : "> −0.001" }
    return String(format: "%.3g", v)
  }

  /// Points with one decimal, for `pos` attributes.
  static func point(_ x: Double, _ y: Double) -> String { String(format: "%.1f,%.1f", x, y) }
}
