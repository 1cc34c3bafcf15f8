/// Writes a graph as a text edge list that ``EdgeListReader`` (and networkx
/// `read_edgelist`) reads back: one edge per line, `source target [weight]`.
///
/// An undirected edge is written once, from its lower id to its higher id; weights use
/// Swift's shortest round-trip decimal form, so a write–read cycle is lossless.
public enum EdgeListWriter {
  /// Writes `graph` to `path` atomically, fields separated by `separator`
  /// (space, tab or comma). Space- and tab-separated files start with a `#` comment line
  /// saying what the file is; comma-separated files start with the header
  /// `source,target[,weight]` instead, so `pandas.read_csv` reads them without options
  /// (the reader skips that header).
  /// - Throws: ``InputError`` for I/O failures; `path` is untouched on failure.
  /// - Complexity: O(n + m); lines are formatted on `threads` threads in blocks of rows.
  public static func write(
    _ graph: LabeledGraph, to path: String, separator: UInt8 = Byte.space,
    threads: Int = Parallel.availableCores
  ) throws {
    let g = graph.graph
    try checkCommentLabels(graph, path: path)
    let labelBytes = labelFormatter(graph.labels)
    try AtomicFile.write(to: path) { writer in
      let kind = g.isDirected ? "directed" : "undirected"
      let first =
        separator == Byte.comma
        ? "source,target\(g.isWeighted ? ",weight" : "")\n"
        : "# \(kind) graph: \(g.nodeCount) nodes, \(g.edgeCount) edges\(g.isWeighted ? ", weighted" : "")\n"
      try writer.write(Array(first.utf8))
      // Rows in blocks of about 4M entries; each round formats `threads` blocks at once.
      var blocks: [Range<Int>] = []
      var start = 0
      while start < g.nodeCount {
        var end = start + 1
        while end < g.nodeCount && g.offsets[end] - g.offsets[start] < (4 << 20) { end += 1 }
        blocks.append(start..<end)
        start = end
      }
      var next = 0
      while next < blocks.count {
        let round = Array(blocks[next..<min(next + max(threads, 1), blocks.count)])
        let texts = PartResults<[UInt8]>(count: round.count)
        Parallel.forEach(parts: round.count, threads: threads) { part in
          texts.set(
            part,
            format(g, rows: round[part], separator: separator, label: labelBytes) { id in
              if case .strings(let names) = graph.labels.storage { return startsComment(names[Int(id)]) }
              return false
            })
        }
        for text in texts.values { try writer.write(text) }
        next += round.count
      }
    }
  }

  private static func format(
    _ g: CSRGraph, rows: Range<Int>, separator: UInt8, label: @Sendable (UInt32, inout [UInt8]) -> Void,
    opensComment: (UInt32) -> Bool
  ) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity((g.offsets[rows.upperBound] - g.offsets[rows.lowerBound]) * 16)
    g.withUnsafeView { view in
      for v in rows {
        let u = UInt32(v)
        let row = view.neighbors(of: u)
        let weights = view.neighborWeights(of: u)
        for k in 0..<row.count {
          let t = row[k]
          if !g.isDirected && t < u { continue }
          // A line must not start with a comment character: lead with the other end.
          let swap = !g.isDirected && opensComment(u) && !opensComment(t)
          label(swap ? t : u, &out)
          out.append(separator)
          label(swap ? u : t, &out)
          if let weights {
            out.append(separator)
            out.append(contentsOf: weights[k].description.utf8)
          }
          out.append(Byte.newline)
        }
      }
    }
    return out
  }

  /// Whether a label would turn its line into a comment if written first.
  static func startsComment(_ label: String) -> Bool { label.hasPrefix("#") || label.hasPrefix("%") }

  /// Edges that cannot be written: both ends (or a directed tail) start with `#` or `%`.
  private static func checkCommentLabels(_ graph: LabeledGraph, path: String) throws {
    guard case .strings(let names) = graph.labels.storage, names.contains(where: startsComment) else { return }
    let g = graph.graph
    for u in 0..<UInt32(g.nodeCount) where startsComment(names[Int(u)]) {
      for t in g.neighbors(of: u) where g.isDirected || startsComment(names[Int(t)]) {
        throw InputError(
          file: path,
          "the edge \(names[Int(u)]) \(names[Int(t)]) would start a line with a comment character; write a .bin snapshot instead")
      }
    }
  }

  private static func labelFormatter(_ labels: NodeLabelMap) -> @Sendable (UInt32, inout [UInt8]) -> Void {
    switch labels.storage {
    case .identity:
      return { id, out in appendDecimal(UInt64(id), to: &out) }
    case .integers(let values):
      return { id, out in
        let value = values[Int(id)]
        if value < 0 { out.append(UInt8(ascii: "-")) }
        appendDecimal(value.magnitude, to: &out)
      }
    case .strings(let names):
      return { id, out in out.append(contentsOf: names[Int(id)].utf8) }
    }
  }
}
