import Foundation

/// SVG to PNG or PDF through in-process Graphviz: the SVG becomes the image of a single
/// node (Graphviz's rsvg plugin draws it) and the cairo devices render that node.
public enum SVGRaster {
  /// The XML prolog Graphviz needs to take a file for an SVG image.
  static let prolog = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

  /// `svg` (`width` × `height` user units, taken as points) as `format`: `.svg` returns the
  /// text with an XML prolog; `.png` is drawn at 144 dpi (twice the size in pixels), `.pdf`
  /// at 72 dpi (a page of `width` × `height` points). The SVG goes to a temporary file in `directory` (default: the
  /// system's temporary directory), removed on every path.
  /// - Throws: ``GraphvizError`` for `.dot`, a missing rsvg or cairo plugin, or a failed
  ///   render; a file-system error when the temporary file cannot be written.
  public static func render(svg: String, width: Double, height: Double, format: DiagramFormat, directory: URL? = nil) throws -> [UInt8] {
    let text = svg.hasPrefix("<?xml") ? svg : prolog + svg
    switch format {
    case .svg: return Array(text.utf8)
    case .dot: throw GraphvizError("an SVG plot can be written as .svg, .png or .pdf, not .dot")
    case .png, .pdf: break
    }
    guard width > 0, height > 0, width.isFinite, height.isFinite else { throw GraphvizError("an SVG plot needs a positive width and height") }
    let folder = directory ?? FileManager.default.temporaryDirectory
    let file = folder.appendingPathComponent("alliance-plot-\(UUID().uuidString).svg")
    try Data(text.utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let dot = """
      graph { graph [pad=0, margin=0, dpi=\(format == .png ? 144 : 72)]; node [shape=none, label="", image="\(quoted(file.path))", fixedsize=true, \
      width=\(inches(width)), height=\(inches(height)), imagescale=true, margin=0]; a }
      """
    return try Graphviz.render(dot: dot, engine: "neato", format: format)
  }

  /// `text` for a double-quoted DOT string.
  static func quoted(_ text: String) -> String {
    text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
  }

  static func inches(_ points: Double) -> String { String(format: "%.4f", points / 72) }
}
