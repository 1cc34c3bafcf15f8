import Foundation

/// Graphviz rounds node sizes to whole points, which for a circle of 9 pt moves its area by
/// up to 11%. The diagrams' SVG gets the exact radii back: in each group whose `id` has a
/// radius here, the first `<ellipse>` (the node) takes the exact radius and any further one
/// (a second border) keeps its distance from it. PNG and PDF keep Graphviz's rounding
/// (at most half a point).
enum ExactRadii {
  /// `svg` with the ellipses of the groups named in `radii` (SVG id → radius in points) set
  /// exactly. O(length of `svg`).
  static func apply(_ svg: String, radii: [String: Double]) -> String {
    guard !radii.isEmpty else { return svg }
    var out = ""
    out.reserveCapacity(svg.utf8.count + radii.count * 8)
    var current: Double?
    var first: Double?
    for line in svg.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("<g id=\"") {
        let rest = line.dropFirst(7)
        if let end = rest.firstIndex(of: "\""), rest[end...].contains("class=\"node") {
          current = radii[String(rest[..<end])]
          first = nil
        } else if !rest.hasPrefix("a_") {
          current = nil
        }
      }
      if let radius = current, line.hasPrefix("<ellipse "), let old = attribute("rx", in: line) {
        let exact: Double
        if let inner = first { exact = radius + (old - inner) } else { exact = radius; first = old }
        let value = String(format: "%.3f", exact)
        out += replace("ry", in: replace("rx", in: String(line), with: value), with: value)
      } else {
        out += line
      }
      out += "\n"
    }
    out.removeLast()
    return out
  }

  static func attribute(_ name: String, in line: Substring) -> Double? {
    guard let range = line.range(of: " \(name)=\"") else { return nil }
    let rest = line[range.upperBound...]
    guard let end = rest.firstIndex(of: "\"") else { return nil }
    return Double(rest[..<end])
  }

  static func replace(_ name: String, in line: String, with value: String) -> String {
    guard let range = line.range(of: " \(name)=\"") else { return line }
    let rest = line[range.upperBound...]
    guard let end = rest.firstIndex(of: "\"") else { return line }
    return String(line[..<range.upperBound]) + value + String(line[end...])
  }
}

extension DiagramSource {
  /// Renders the diagram with in-process Graphviz; SVG gets the exact node radii. `dpi` sets
  /// a PNG's resolution (Graphviz's default: 72, one pixel per point).
  /// - Throws: ``GraphvizError`` when Graphviz fails.
  public func render(_ format: DiagramFormat, dpi: Double? = nil) throws(GraphvizError) -> [UInt8] {
    var text = dot
    if let dpi, format == .png, let close = text.lastIndex(of: "}") {
      text.insert(contentsOf: "  graph [dpi=\(AllianceDiagram.format(dpi))];\n", at: close)
    }
    let bytes = try Graphviz.render(dot: text, engine: engine, format: format)
    guard format == .svg, !radii.isEmpty else { return bytes }
    return Array(ExactRadii.apply(String(decoding: bytes, as: UTF8.self), radii: radii).utf8)
  }
}
