/// Uniform random graphs G(n, m).
public enum UniformGenerator {
  /// Generates a graph with `nodes` nodes and exactly `edges` distinct edges chosen
  /// uniformly among all pairs (no self-loops), like networkx `gnm_random_graph`.
  ///
  /// Candidates are drawn in fixed blocks of random streams, duplicates merged, and the
  /// shortfall drawn again from the following streams until `edges` distinct edges exist;
  /// when more than half of all pairs are asked for, the missing pairs are drawn instead.
  /// - Precondition: `edges` ≤ the number of possible edges.
  /// - Complexity: expected O(n + m) per round, few rounds unless the graph is dense.
  public static func generate(
    nodes: Int, edges: Int, seed: UInt64, directed: Bool = false, threads: Int = Parallel.availableCores
  ) -> CSRGraph {
    precondition(nodes >= 0 && nodes <= CSRGraph.maximumNodeCount, "node count \(nodes) is outside 0...\(CSRGraph.maximumNodeCount)")
    let possible = maximumEdges(nodes: nodes, directed: directed)
    precondition(edges >= 0 && edges <= possible, "\(edges) edges do not fit in \(nodes) nodes (at most \(possible))")
    if edges > possible / 2 {
      let missing = generate(nodes: nodes, edges: possible - edges, seed: seed, directed: directed, threads: threads)
      return complement(of: missing, threads: threads)
    }
    let options = BuildOptions(directed: directed, threads: threads)
    var graph = CSRGraph(isolatedNodes: nodes, isDirected: directed)
    var stream: UInt64 = 0
    while graph.edgeCount < edges {
      let wanted = edges - graph.edgeCount
      var list = edgeList(of: graph)
      let blocks = (wanted + blockEdges - 1) / blockEdges
      let start = list.count
      list.sources.append(contentsOf: repeatElement(0, count: wanted))
      list.targets.append(contentsOf: repeatElement(0, count: wanted))
      list.sources.withUnsafeMutableBufferPointer { src in
        list.targets.withUnsafeMutableBufferPointer { dst in
          let shared = UncheckedSendable((src, dst))
          let firstStream = stream
          Parallel.forEach(parts: blocks, threads: threads) { block in
            let (src, dst) = shared.value
            var random = RandomStream(seed: seed, stream: firstStream + UInt64(block))
            let lower = block * blockEdges
            for k in lower..<min(lower + blockEdges, wanted) {
              let u = random.below(UInt64(nodes))
              var v = random.below(UInt64(nodes - 1))
              if v >= u { v += 1 }
              src[start + k] = UInt32(u)
              dst[start + k] = UInt32(v)
            }
          }
        }
      }
      stream += UInt64(blocks)
      graph = CSRGraph.buildWithinLimit(consuming: &list, options: options).graph
    }
    return graph
  }

  static let blockEdges = 1 << 16

  /// The number of possible edges without self-loops, saturating at `Int.max`.
  public static func maximumEdges(nodes: Int, directed: Bool) -> Int {
    guard nodes > 1 else { return 0 }
    let ordered = nodes.multipliedReportingOverflow(by: nodes - 1)
    if ordered.overflow { return Int.max }
    return directed ? ordered.partialValue : ordered.partialValue / 2
  }

  /// The edges of `graph` (each undirected edge once, lower id first).
  static func edgeList(of graph: CSRGraph) -> EdgeList {
    var list = EdgeList(nodeCount: graph.nodeCount)
    list.reserveCapacity(graph.edgeCount)
    for u in 0..<UInt32(graph.nodeCount) {
      for v in graph.neighbors(of: u) where graph.isDirected || v > u { list.append(u, v) }
    }
    return list
  }

  /// All pairs (no self-loops) that are not edges of `graph`.
  static func complement(of graph: CSRGraph, threads: Int) -> CSRGraph {
    var list = EdgeList(nodeCount: graph.nodeCount)
    for u in 0..<UInt32(graph.nodeCount) {
      let row = graph.neighbors(of: u)
      var k = row.startIndex
      for v in (graph.isDirected ? 0 : u + 1)..<UInt32(graph.nodeCount) where v != u {
        while k < row.endIndex && row[k] < v { k += 1 }
        if k < row.endIndex && row[k] == v { continue }
        list.append(u, v)
      }
    }
    return CSRGraph.buildWithinLimit(consuming: &list, options: BuildOptions(directed: graph.isDirected, threads: threads)).graph
  }
}
