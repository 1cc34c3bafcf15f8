import CGraphviz
import Foundation

/// Output formats of a diagram.
public enum DiagramFormat: String, CaseIterable, Sendable {
  case svg, png, pdf, dot

  /// The format of a file by its extension.
  public init?(path: String) {
    // The extension of the last path component: "svg" or "out.d/svg" have none.
    let name = path.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
    guard let dot = name.lastIndex(of: "."), let format = DiagramFormat(rawValue: name[name.index(after: dot)...].lowercased()) else { return nil }
    self = format
  }
}

/// A failure inside Graphviz, with Graphviz's own message.
public struct GraphvizError: Error, CustomStringConvertible, Equatable {
  public let description: String
  public init(_ description: String) { self.description = description }
}

/// In-process Graphviz: parses DOT, lays it out with an engine (neato, sfdp, dot, nop, …)
/// and renders SVG, PNG, PDF or laid-out DOT through libgvc — never by running `dot`.
///
/// Graphviz keeps global state and is not thread-safe, so every call holds one lock. All C
/// resources (context, graph, layout, render buffer) are freed on every path.
public enum Graphviz {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var context: OpaquePointer? = nil
  /// Graphviz's error output since the last call: its error function receives a message in
  /// pieces ("Error", ": ", "text\n"), so the pieces are joined and split into lines later.
  nonisolated(unsafe) static var messages = ""

  /// Renders `dot` with `engine` to `format`.
  /// - Throws: ``GraphvizError`` with Graphviz's message when the DOT does not parse, the
  ///   engine or format plugin is missing, or layout or rendering fails.
  public static func render(dot: String, engine: String, format: DiagramFormat) throws(GraphvizError) -> [UInt8] {
    try render(dot: dot, engine: engine, device: format == .png ? "png:cairo" : format == .pdf ? "pdf:cairo" : format.rawValue, name: format.rawValue)
  }

  /// Lays `dot` out with `engine` and returns each node's centre in points (Graphviz
  /// coordinates: y grows upwards), read from Graphviz's `plain` output. Node names must be
  /// plain tokens (letters, digits, `_`), as the diagrams' first pass writes them.
  /// - Complexity: the layout's, plus O(output) to parse it.
  public static func layout(dot: String, engine: String) throws(GraphvizError) -> [String: (x: Double, y: Double)] {
    let text = String(decoding: try render(dot: dot, engine: engine, device: "plain", name: "plain"), as: UTF8.self)
    var positions: [String: (x: Double, y: Double)] = [:]
    for line in text.split(separator: "\n") where line.hasPrefix("node ") {
      let fields = line.split(separator: " ", maxSplits: 4)
      guard fields.count >= 4, let x = Double(fields[2]), let y = Double(fields[3]) else { continue }
      positions[String(fields[1])] = (x * 72, y * 72)
    }
    return positions
  }

  static func render(dot: String, engine: String, device: String, name: String) throws(GraphvizError) -> [UInt8] {
    lock.lock()
    defer { lock.unlock() }
    let gvc = try sharedContext()
    messages.removeAll()
    agreseterrors()
    // Graphviz 2.42's lexer keeps what follows the closing brace for the next parse (a trailing
    // newline shifts the line of the next syntax error by one), so trailing whitespace goes.
    var end = dot.endIndex
    while end > dot.startIndex, dot[dot.index(before: end)].isWhitespace { end = dot.index(before: end) }
    guard let graph = dot[..<end].withCString({ agmemread($0) }) else {
      throw GraphvizError("Graphviz could not parse the DOT text: \(collected(or: "syntax error"))")
    }
    defer { agclose(graph) }
    guard gvLayout(gvc, graph, engine) == 0 else {
      throw GraphvizError("Graphviz layout \"\(engine)\" failed: \(collected(or: "no such layout engine or the layout failed"))")
    }
    defer { gvFreeLayout(gvc, graph) }
    var data: UnsafeMutablePointer<CChar>? = nil
    var length: UInt32 = 0
    guard gvRenderData(gvc, graph, device, &data, &length) == 0, let data else {
      throw GraphvizError("Graphviz could not render \(name): \(collected(or: "the renderer plugin is missing"))")
    }
    defer { gvFreeRenderData(data) }
    return data.withMemoryRebound(to: UInt8.self, capacity: Int(length)) { Array(UnsafeBufferPointer(start: $0, count: Int(length))) }
  }

  /// Whether `engine` and `format` are available (plugins installed).
  public static func available(engine: String, format: DiagramFormat) -> Bool {
    (try? render(dot: "graph { a -- b }", engine: engine, format: format)) != nil
  }

  private static func sharedContext() throws(GraphvizError) -> OpaquePointer {
    if let context { return context }
    _ = agseterrf { message in
      if let message { Graphviz.messages += String(cString: message) }
      return 0
    }
    guard let created = gvContext() else { throw GraphvizError("Graphviz could not create a context (libgvc)") }
    context = created
    return created
  }

  private static func collected(or fallback: String) -> String {
    var parts = messages.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    if parts.isEmpty, let last = aglasterr() {
      // aglasterr returns a malloc'ed copy.
      defer { free(last) }
      let text = String(cString: last).trimmingCharacters(in: .whitespacesAndNewlines)
      if !text.isEmpty { parts.append(text) }
    }
    return parts.isEmpty ? fallback : parts.joined(separator: "; ")
  }
}
