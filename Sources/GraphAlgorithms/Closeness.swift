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
  /// distances (or of reciprocals when `harmonic`) and the number reached.
  private static func perNode(
    _ graph: CSRGraph, weighted: Bool, threads: Int, harmonic: Bool = false,
    _ finish: @escaping @Sendable (_ reached: Int, _ total: Double) -> Double
  ) throws -> [Double] {
    let n = graph.nodeCount
    let useWeights = weighted && graph.weights != nil
    if useWeights { try Dijkstra.checkWeights(graph, algorithm: harmonic ? "harmonic" : "closeness") }
    let reversed = graph.isDirected ? graph.transposed() : graph
    var result = [Double](repeating: 0, count: n)
    let parts = n < 2048 ? 1 : max(1, threads) * 8
    result.withUnsafeMutableBufferPointer { out in
      reversed.withUnsafeView { view in
        let shared = UncheckedSendable((view, out))
        Parallel.forEach(parts: parts, threads: threads) { part in
          let (view, out) = shared.value
          if useWeights {
            var search = DijkstraSearch(nodeCount: n)
            for u in Parallel.range(part, of: parts, count: n) {
              search.run(view, from: UInt32(u), trackPredecessors: false)
              var total = 0.0
              for v in search.order where Int(v) != u {
                total += harmonic ? 1 / search.distance[Int(v)] : search.distance[Int(v)]
              }
              out[u] = finish(search.order.count, total)
            }
          } else {
            var distance = [Int32](repeating: -1, count: n)
            var queue: [UInt32] = []
            queue.reserveCapacity(n)
            for u in Parallel.range(part, of: parts, count: n) {
              distance[u] = 0
              queue.append(UInt32(u))
              var head = 0
              var total = 0.0
              while head < queue.count {
                let v = queue[head]
                head += 1
                let next = distance[Int(v)] + 1
                for w in view.neighbors(of: v) where distance[Int(w)] < 0 {
                  distance[Int(w)] = next
                  queue.append(w)
                  total += harmonic ? 1 / Double(next) : Double(next)
                }
              }
              out[u] = finish(queue.count, total)
              for v in queue { distance[Int(v)] = -1 }
              queue.removeAll(keepingCapacity: true)
            }
          }
        }
      }
    }
    return result
  }
}
