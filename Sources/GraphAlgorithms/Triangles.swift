import GraphCore

/// Triangles and clustering coefficients of undirected graphs (self-loops ignored).
public enum Triangles {
  /// The number of triangles through each node, as networkx `triangles`.
  ///
  /// Edges are oriented from the lower to the higher (degree, id) rank, so each triangle is
  /// found exactly once, from its lowest-ranked node, by merging two short sorted lists
  /// (Schank and Wagner 2005; Latapy 2008); hubs never scan their long rows. Nodes are
  /// dealt to threads round-robin in small parts, with per-thread counts added at the end.
  /// - Throws: ``AlgorithmError`` for directed graphs.
  /// - Complexity: O(m^1.5) time, O(m + n · threads) space.
  public static func perNode(_ graph: CSRGraph, threads: Int = Parallel.availableCores) throws -> [Int] {
    guard !graph.isDirected else { throw AlgorithmError("triangles", "defined here for undirected graphs only") }
    let n = graph.nodeCount
    let oriented = orient(graph)
    let parts = n < 4096 ? 1 : max(1, threads) * 64
    let workers = min(parts, max(1, threads))
    let partial = PartResults<[Int]>(count: workers)
    oriented.withUnsafeView { view in
      let shared = UncheckedSendable(view)
      Parallel.forEach(parts: workers, threads: threads) { worker in
        let view = shared.value
        var local = [Int](repeating: 0, count: n)
        var part = worker
        while part < parts {
          for u in Parallel.range(part, of: parts, count: n) {
            let rowU = view.neighbors(of: UInt32(u))
            for v in rowU {
              forEachCommon(rowU, view.neighbors(of: v)) { w in
                local[u] += 1
                local[Int(v)] += 1
                local[Int(w)] += 1
              }
            }
          }
          part += workers
        }
        partial.set(worker, local)
      }
    }
    var total = [Int](repeating: 0, count: n)
    for local in partial.values { for v in 0..<n { total[v] += local[v] } }
    return total
  }

  /// The total number of triangles (the same orientation, counting only).
  /// - Throws: ``AlgorithmError`` for directed graphs.
  /// - Complexity: O(m^1.5) time, O(m) space.
  public static func total(_ graph: CSRGraph, threads: Int = Parallel.availableCores) throws -> Int {
    guard !graph.isDirected else { throw AlgorithmError("triangles", "defined here for undirected graphs only") }
    let n = graph.nodeCount
    let oriented = orient(graph)
    let parts = n < 4096 ? 1 : max(1, threads) * 64
    let counts = PartResults<Int>(count: parts)
    oriented.withUnsafeView { view in
      let shared = UncheckedSendable(view)
      Parallel.forEach(parts: parts, threads: threads) { part in
        let view = shared.value
        var count = 0
        for u in Parallel.range(part, of: parts, count: n) {
          let rowU = view.neighbors(of: UInt32(u))
          for v in rowU { count += intersectionSize(rowU, view.neighbors(of: v)) }
        }
        counts.set(part, count)
      }
    }
    return counts.values.reduce(0, +)
  }

  /// Each node's neighbours of higher (degree, id) rank, sorted by id; self-loops dropped.
  static func orient(_ graph: CSRGraph) -> CSRGraph {
    let n = graph.nodeCount
    let (offsets, targets) = graph.withUnsafeView { view -> ([Int], [UInt32]) in
      var offsets = [Int](repeating: 0, count: n + 1)
      @inline(__always) func above(_ v: UInt32, _ u: UInt32) -> Bool {
        let dv = view.degree(of: v)
        let du = view.degree(of: u)
        return dv > du || (dv == du && v > u)
      }
      for u in 0..<UInt32(n) {
        var count = 0
        for v in view.neighbors(of: u) where v != u && above(v, u) { count += 1 }
        offsets[Int(u) + 1] = offsets[Int(u)] + count
      }
      var targets = [UInt32](repeating: 0, count: offsets[n])
      var k = 0
      for u in 0..<UInt32(n) {
        for v in view.neighbors(of: u) where v != u && above(v, u) {
          targets[k] = v
          k += 1
        }
      }
      return (offsets, targets)
    }
    return CSRGraph(
      uncheckedOffsets: offsets, targets: targets, isDirected: true)
  }

  /// The size of the intersection of two sorted lists.
  @inline(__always)
  static func intersectionSize(_ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>) -> Int {
    var i = 0
    var j = 0
    var count = 0
    while i < a.count && j < b.count {
      let x = a[i]
      let y = b[j]
      if x < y { i += 1 } else if y < x { j += 1 } else {
        count += 1
        i += 1
        j += 1
      }
    }
    return count
  }

  @inline(__always)
  static func forEachCommon(
    _ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>, _ body: (UInt32) -> Void
  ) {
    var i = 0
    var j = 0
    while i < a.count && j < b.count {
      let x = a[i]
      let y = b[j]
      if x < y { i += 1 } else if y < x { j += 1 } else {
        body(x)
        i += 1
        j += 1
      }
    }
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
