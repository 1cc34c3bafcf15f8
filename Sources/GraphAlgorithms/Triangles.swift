import GraphCore

/// Triangles and clustering coefficients of undirected graphs (self-loops ignored).
public enum Triangles {
  /// The number of triangles through each node, as networkx `triangles`.
  ///
  /// Each triangle u < v < w is found once, from its smallest node, by merging the sorted
  /// rows of u and v above v; nodes are split among threads and per-thread counts added.
  /// - Throws: ``AlgorithmError`` for directed graphs.
  /// - Complexity: O(Σ_(u,v) (d(u) + d(v))) time, O(n · threads) space.
  public static func perNode(_ graph: CSRGraph, threads: Int = Parallel.availableCores) throws -> [Int] {
    guard !graph.isDirected else { throw AlgorithmError("triangles", "defined here for undirected graphs only") }
    let n = graph.nodeCount
    let parts = n < 4096 ? 1 : max(1, threads) * 4
    let workers = min(parts, max(1, threads))
    var counts = [[Int]](repeating: [], count: workers)
    let partial = PartResults<[Int]>(count: workers)
    graph.withUnsafeView { view in
      let shared = UncheckedSendable(view)
      Parallel.forEach(parts: workers, threads: threads) { worker in
        let view = shared.value
        var local = [Int](repeating: 0, count: n)
        var part = worker
        while part < parts {
          for u in Parallel.range(part, of: parts, count: n) {
            let rowU = view.neighbors(of: UInt32(u))
            for v in rowU where Int(v) > u {
              let rowV = view.neighbors(of: v)
              var i = 0
              var j = 0
              while i < rowU.count && j < rowV.count {
                let a = rowU[i]
                let b = rowV[j]
                if a < b { i += 1 } else if b < a { j += 1 } else {
                  if a > v {
                    local[u] += 1
                    local[Int(v)] += 1
                    local[Int(a)] += 1
                  }
                  i += 1
                  j += 1
                }
              }
            }
          }
          part += workers
        }
        partial.set(worker, local)
      }
    }
    counts = partial.values
    var total = [Int](repeating: 0, count: n)
    for local in counts { for v in 0..<n { total[v] += local[v] } }
    return total
  }

  /// The total number of triangles.
  /// - Complexity: as ``perNode(_:threads:)``.
  public static func total(_ graph: CSRGraph, threads: Int = Parallel.availableCores) throws -> Int {
    try perNode(graph, threads: threads).reduce(0, +) / 3
  }

  /// Degrees without self-loops, as clustering formulas count them.
  static func simpleDegrees(_ graph: CSRGraph) -> [Int] {
    graph.withUnsafeView { view in
      (0..<graph.nodeCount).map { v in
        view.neighbors(of: UInt32(v)).reduce(0) { $0 + ($1 == UInt32(v) ? 0 : 1) }
      }
    }
  }

  /// Local clustering coefficients `2 T(v) / (d(v) (d(v) − 1))` (0 when d(v) < 2), as
  /// networkx `clustering` for unweighted undirected graphs.
  /// - Complexity: as ``perNode(_:threads:)``.
  public static func localClustering(_ graph: CSRGraph, threads: Int = Parallel.availableCores) throws -> [Double] {
    let triangles = try perNode(graph, threads: threads)
    let degrees = simpleDegrees(graph)
    return (0..<graph.nodeCount).map { v in
      let d = degrees[v]
      return d < 2 ? 0 : 2 * Double(triangles[v]) / Double(d * (d - 1))
    }
  }

  /// The mean of the local clustering coefficients over all nodes (networkx `average_clustering`).
  public static func averageClustering(_ graph: CSRGraph, threads: Int = Parallel.availableCores) throws -> Double {
    let values = try localClustering(graph, threads: threads)
    return values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
  }

  /// Transitivity `3 · triangles / connected triples` (networkx `transitivity`); 0 without triples.
  public static func transitivity(_ graph: CSRGraph, threads: Int = Parallel.availableCores) throws -> Double {
    let triangles = try perNode(graph, threads: threads)
    let degrees = simpleDegrees(graph)
    let closed = triangles.reduce(0, +)
    let triples = degrees.reduce(0) { $0 + $1 * ($1 - 1) }
    return triples == 0 ? 0 : Double(closed) * 2 / Double(triples)
  }
}
