import GraphCore

/// Degrees and strengths as networkx counts them.
public enum Degree {
  /// `G.degree()` of networkx: for undirected graphs the number of incident edge ends (a
  /// self-loop adds 2); for directed graphs in-degree plus out-degree.
  /// - Complexity: O(n + m).
  public static func degrees(_ graph: CSRGraph) -> [Int] {
    var result = [Int](repeating: 0, count: graph.nodeCount)
    graph.withUnsafeView { view in
      for v in 0..<UInt32(graph.nodeCount) {
        var d = view.degree(of: v)
        if !graph.isDirected && graph.selfLoopCount > 0 {
          for t in view.neighbors(of: v) where t == v { d += 1 }
        }
        result[Int(v)] = d
      }
      if graph.isDirected {
        for t in view.targets { result[Int(t)] += 1 }
      }
    }
    return result
  }

  /// Out-degrees (stored row lengths).
  /// - Complexity: O(n).
  public static func outDegrees(_ graph: CSRGraph) -> [Int] {
    (0..<graph.nodeCount).map { graph.offsets[$0 + 1] - graph.offsets[$0] }
  }

  /// In-degrees of a directed graph (for undirected graphs, the stored degrees).
  /// - Complexity: O(n + m).
  public static func inDegrees(_ graph: CSRGraph) -> [Int] {
    guard graph.isDirected else { return outDegrees(graph) }
    var result = [Int](repeating: 0, count: graph.nodeCount)
    for t in graph.targets { result[Int(t)] += 1 }
    return result
  }

  /// `G.degree(weight="weight")` of networkx: the sum of incident edge weights (a self-loop's
  /// weight counts twice in undirected graphs; in + out for directed). Unweighted graphs
  /// give the degrees.
  /// - Complexity: O(n + m).
  public static func strengths(_ graph: CSRGraph) -> [Double] {
    guard let weights = graph.weights else { return degrees(graph).map(Double.init) }
    var result = [Double](repeating: 0, count: graph.nodeCount)
    graph.withUnsafeView { view in
      for v in 0..<graph.nodeCount {
        var total = 0.0
        for k in view.offsets[v]..<view.offsets[v + 1] {
          total += weights[k]
          if !graph.isDirected && Int(view.targets[k]) == v { total += weights[k] }
        }
        result[v] += total
        if graph.isDirected {
          for k in view.offsets[v]..<view.offsets[v + 1] { result[Int(view.targets[k])] += weights[k] }
        }
      }
    }
    return result
  }
}
