import Atomics
import GraphCore

/// Distance-based centralities: closeness and harmonic, as networkx computes them.
public enum Closeness {
  /// Closeness of every node with the Wasserman–Faust correction for disconnected graphs
  /// (networkx `closeness_centrality`, `wf_improved=True`): with r nodes reaching u
  /// (u included) at total distance D, `(r − 1)/D · (r − 1)/(n − 1)`, 0 when D = 0.
  /// Directed graphs use distances *to* u (incoming), as networkx does.
  /// - Parameter weighted: use edge weights as lengths (Dijkstra).
  /// - Complexity: O(n m) unweighted, O(n m log n) weighted; nodes split among threads.
  public static func closeness(
    _ graph: CSRGraph, weighted: Bool = false, threads: Int = Parallel.availableCores
  ) throws -> [Double] {
    let n = graph.nodeCount
    return try perNode(graph, weighted: weighted, threads: threads) { reached, total in
      guard total > 0, n > 1 else { return 0 }
      let r = Double(reached - 1)
      return r / total * (r / Double(n - 1))
    }
  }

  /// Harmonic centrality: the sum of 1/d(v, u) over the other nodes v that reach u
  /// (networkx `harmonic_centrality`).
  /// - Complexity: as ``closeness(_:weighted:threads:)``.
  public static func harmonic(
    _ graph: CSRGraph, weighted: Bool = false, threads: Int = Parallel.availableCores
  ) throws -> [Double] {
    try perNode(graph, weighted: weighted, threads: threads, harmonic: true) { _, total in total }
  }

  /// Runs one search per node on the reversed graph and reduces its distances: the sum of
  /// distances (or of reciprocals when `harmonic`) and the number reached. Unweighted
  /// searches run 64 at a time (``multiSourceSums(_:threads:harmonic:_:)``); weighted ones
  /// are one Dijkstra per node.
  private static func perNode(
    _ graph: CSRGraph, weighted: Bool, threads: Int, harmonic: Bool = false,
    _ finish: @escaping @Sendable (_ reached: Int, _ total: Double) -> Double
  ) throws -> [Double] {
    let n = graph.nodeCount
    let useWeights = weighted && graph.weights != nil
    if useWeights { try Dijkstra.checkWeights(graph, algorithm: harmonic ? "harmonic" : "closeness") }
    let reversed = graph.isDirected ? graph.transposed() : graph
    var result = [Double](repeating: 0, count: n)
    guard useWeights else {
      multiSourceSums(reversed, threads: threads, harmonic: harmonic) { source, reached, total in
        result[source] = finish(reached, total)
      }
      return result
    }
    let parts = Parallel.worthSplitting(n, threshold: 2048) ? max(1, threads) * 8 : 1
    result.withUnsafeMutableBufferPointer { out in
      reversed.withUnsafeView { view in
        let shared = UncheckedSendable((view, out))
        Parallel.forEach(parts: parts, threads: threads) { part in
          let (view, out) = shared.value
          var search = DijkstraSearch(nodeCount: n)
          for u in Parallel.range(part, of: parts, count: n) {
            search.run(view, from: UInt32(u), trackPredecessors: false)
            var total = 0.0
            for v in search.order where Int(v) != u {
              total += harmonic ? 1 / search.distance[Int(v)] : search.distance[Int(v)]
            }
            out[u] = finish(search.order.count, total)
          }
        }
      }
    }
    return result
  }

  /// Breadth-first searches from 64 sources at once (MS-BFS, Then et al. 2014): each node
  /// keeps one bit per source of the batch, a level spreads whole words along each edge, so
  /// one pass over the edges serves 64 searches. Reports, per source, the nodes reached
  /// (itself included) and the sum of their distances (or of reciprocal distances).
  /// Batches go to threads one at a time.
  /// - Complexity: O((n + m) · levels · n / 64) time, O(n · threads) space.
  static func multiSourceSums(
    _ graph: CSRGraph, threads: Int, harmonic: Bool, _ report: (Int, Int, Double) -> Void
  ) {
    let n = graph.nodeCount
    let batches = (n + 63) / 64
    let results = PartResults<[(reached: Int, total: Double)]>(count: batches)
    let nextBatch = ManagedAtomic<Int>(0)
    let workers = max(1, min(threads, batches))
    graph.withUnsafeView { view in
      let shared = UncheckedSendable(view)
      Parallel.forEach(parts: workers, threads: threads) { _ in
        let view = shared.value
        var seen = [UInt64](repeating: 0, count: n)
        var visit = [UInt64](repeating: 0, count: n)
        var next = [UInt64](repeating: 0, count: n)
        while true {
          let batch = nextBatch.loadThenWrappingIncrement(ordering: .relaxed)
          if batch >= batches { break }
          let first = batch * 64
          let width = min(64, n - first)
          var reached = [Int](repeating: 1, count: width)
          var total = [Double](repeating: 0, count: width)
          var levelCounts = [Int](repeating: 0, count: width)
          for i in 0..<width {
            seen[first + i] = 1 << UInt64(i)
            visit[first + i] = 1 << UInt64(i)
          }
          var level = 0
          var active = true
          seen.withUnsafeMutableBufferPointer { seen in
            visit.withUnsafeMutableBufferPointer { visit in
              next.withUnsafeMutableBufferPointer { next in
                while active {
                  level += 1
                  active = false
                  for v in 0..<n {
                    let bits = visit[v]
                    if bits == 0 { continue }
                    for u in view.neighbors(of: UInt32(v)) { next[Int(u)] |= bits }
                  }
                  for u in 0..<n {
                    let fresh = next[u] & ~seen[u]
                    next[u] = 0
                    visit[u] = fresh
                    if fresh == 0 { continue }
                    seen[u] |= fresh
                    active = true
                    var bits = fresh
                    while bits != 0 {
                      levelCounts[bits.trailingZeroBitCount] += 1
                      bits &= bits - 1
                    }
                  }
                  for i in 0..<width where levelCounts[i] > 0 {
                    reached[i] += levelCounts[i]
                    total[i] += harmonic ? Double(levelCounts[i]) / Double(level) : Double(levelCounts[i] * level)
                    levelCounts[i] = 0
                  }
                }
                for v in 0..<n { seen[v] = 0 }
              }
            }
          }
          results.set(batch, (0..<width).map { (reached[$0], total[$0]) })
        }
      }
    }
    for batch in 0..<batches {
      for (i, value) in results[batch]!.enumerated() { report(batch * 64 + i, value.reached, value.total) }
    }
  }
}
