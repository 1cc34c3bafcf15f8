import GraphCore

/// k-core decomposition.
public enum CoreNumber {
  /// The core number of every node (the largest k such that the node is in a subgraph of
  /// minimum degree k), as networkx `core_number`, by the bucket algorithm of Batagelj and
  /// Zaversnik (2003). Directed graphs use in-degree plus out-degree, as networkx does.
  /// - Throws: ``AlgorithmError`` when the graph has self-loops (networkx refuses them too).
  /// - Complexity: O(n + m) time and space.
  public static func compute(_ graph: CSRGraph) throws -> [Int] {
    guard graph.selfLoopCount == 0 else {
      throw AlgorithmError("core", "the graph has \(graph.selfLoopCount) self-loop(s); k-cores are defined without them (read without --keep-self-loops)")
    }
    let n = graph.nodeCount
    if n == 0 { return [] }
    let undirected = graph.isDirected ? symmetricView(graph) : graph
    var degree = [Int](repeating: 0, count: n)
    for v in 0..<n { degree[v] = undirected.offsets[v + 1] - undirected.offsets[v] }
    let maxDegree = degree.max() ?? 0
    // Bucket sort nodes by degree.
    var binStart = [Int](repeating: 0, count: maxDegree + 2)
    for d in degree { binStart[d + 1] += 1 }
    for d in 0...maxDegree { binStart[d + 1] += binStart[d] }
    var order = [UInt32](repeating: 0, count: n)
    var position = [Int](repeating: 0, count: n)
    var fill = binStart
    for v in 0..<n {
      position[v] = fill[degree[v]]
      order[position[v]] = UInt32(v)
      fill[degree[v]] += 1
    }
    undirected.withUnsafeView { view in
      for i in 0..<n {
        let v = Int(order[i])
        for u32 in view.neighbors(of: UInt32(v)) {
          let u = Int(u32)
          if degree[u] > degree[v] {
            // Move u to the front of its bin, then shrink its degree.
            let du = degree[u]
            let front = binStart[du]
            let w = Int(order[front])
            if w != u {
              order[position[u]] = UInt32(w)
              position[w] = position[u]
              order[front] = UInt32(u)
              position[u] = front
            }
            binStart[du] += 1
            degree[u] -= 1
          }
        }
      }
    }
    return degree
  }

  /// A directed graph's edges in both directions, keeping parallel copies (so a node's
  /// degree is in-degree plus out-degree).
  static func symmetricView(_ graph: CSRGraph) -> CSRGraph {
    var list = EdgeList(nodeCount: graph.nodeCount)
    list.reserveCapacity(graph.entryCount)
    for u in 0..<UInt32(graph.nodeCount) { for v in graph.neighbors(of: u) { list.append(u, v) } }
    return CSRGraph.build(consuming: &list, options: BuildOptions(directed: false, selfLoops: .keep, duplicates: .keepAll)).graph
  }
}
