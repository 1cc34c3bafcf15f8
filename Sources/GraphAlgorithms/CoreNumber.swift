import GraphCore

/// k-core decomposition.
public enum CoreNumber {
  /// The core number of every node (the largest k such that the node is in a subgraph of
  /// minimum degree k), as networkx `core_number`, by the bucket algorithm of Batagelj and
  /// Zaversnik (2003). Directed graphs use in-degree plus out-degree, as networkx does.
  ///
  /// Large undirected graphs are peeled in parallel, level by level (as ParK, Dasari et al.
  /// 2014): all remaining nodes of degree ≤ k form the frontier, their removal decrements
  /// neighbour degrees atomically, and a neighbour that drops to k joins the frontier. Core
  /// numbers are unique, so the result does not depend on the thread count.
  /// - Throws: ``AlgorithmError`` when the graph has self-loops (networkx refuses them too).
  /// - Complexity: O(n + m) time and space sequentially; O(m + Σ_levels remaining) in parallel.
  public static func compute(_ graph: CSRGraph, threads: Int = Parallel.availableCores) throws -> [Int] {
    guard graph.selfLoopCount == 0 else {
      throw AlgorithmError("core", "the graph has \(graph.selfLoopCount) self-loop(s); k-cores are defined without them (read without --keep-self-loops)")
    }
    let n = graph.nodeCount
    if n == 0 { return [] }
    if !graph.isDirected && threads > 1 && Parallel.worthSplitting(n, threshold: 1 << 16) {
      return parallelPeel(graph, threads: threads)
    }
    return bucketPeel(graph.isDirected ? try symmetricView(graph, threads: threads) : graph)
  }

  /// Batagelj–Zaversnik bucket peeling on an undirected graph.
  static func bucketPeel(_ undirected: CSRGraph) -> [Int] {
    let n = undirected.nodeCount
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

  /// Level-synchronous parallel peeling of an undirected graph.
  static func parallelPeel(_ graph: CSRGraph, threads: Int) -> [Int] {
    let n = graph.nodeCount
    let degree = AtomicUInt32Array(count: n) { UInt32(graph.degree(of: UInt32($0))) }
    var core = [Int32](repeating: -1, count: n)
    var remaining = (0..<UInt32(n)).map { $0 }
    var k: UInt32 = 0
    let parts = threads * 8
    core.withUnsafeMutableBufferPointer { core in
      graph.withUnsafeView { view in
        let shared = UncheckedSendable((view, core))
        while !remaining.isEmpty {
          // Frontier: remaining nodes of degree ≤ k; the rest stay, and the smallest of
          // their degrees is the next level if nothing joins this one.
          let scans = PartResults<(frontier: [UInt32], kept: [UInt32], smallest: UInt32)>(count: parts)
          let level = k
          let current = remaining
          Parallel.forEach(parts: parts, threads: threads) { part in
            var frontier: [UInt32] = []
            var kept: [UInt32] = []
            var smallest = UInt32.max
            for i in Parallel.range(part, of: parts, count: current.count) {
              let v = current[i]
              let d = degree[Int(v)]
              if d <= level { frontier.append(v) } else {
                kept.append(v)
                smallest = min(smallest, d)
              }
            }
            scans.set(part, (frontier, kept, smallest))
          }
          var frontier = scans.values.flatMap(\.frontier)
          remaining = scans.values.flatMap(\.kept)
          if frontier.isEmpty {
            k = scans.values.map(\.smallest).min() ?? k + 1
            continue
          }
          while !frontier.isEmpty {
            let batch = frontier
            for v in batch { shared.value.1[Int(v)] = Int32(level) }
            let joined = PartResults<[UInt32]>(count: parts)
            Parallel.forEach(parts: parts, threads: threads) { part in
              let (view, core) = shared.value
              var next: [UInt32] = []
              for i in Parallel.range(part, of: parts, count: batch.count) {
                for u in view.neighbors(of: batch[i]) where core[Int(u)] < 0 {
                  if degree.decrement(Int(u)) == level { next.append(u) }
                }
              }
              joined.set(part, next)
            }
            frontier = joined.values.flatMap { $0 }
          }
          remaining.removeAll { core[Int($0)] >= 0 }
          k += 1
        }
      }
    }
    return core.map(Int.init)
  }

  /// A directed graph's edges in both directions, keeping parallel copies (so a node's
  /// degree is in-degree plus out-degree).
  static func symmetricView(_ graph: CSRGraph, threads: Int) throws -> CSRGraph {
    var list = EdgeList(nodeCount: graph.nodeCount)
    list.reserveCapacity(graph.entryCount)
    for u in 0..<UInt32(graph.nodeCount) { for v in graph.neighbors(of: u) { list.append(u, v) } }
    return try CSRGraph.build(
      consuming: &list, options: BuildOptions(directed: false, selfLoops: .keep, duplicates: .keepAll, threads: threads)
    ).graph
  }
}
