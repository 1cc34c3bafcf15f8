import GraphCore

/// Independent checks of kernel results, in the spirit of GAPBS's verifiers: each is a
/// serial re-implementation by another method (or an invariant), never the kernel under
/// test run again. `bench` runs them after its trials; a library user can too.
public enum KernelVerifier {
  /// A valid BFS tree: the source at level 0, every other reached node one level below a
  /// parent that links to it, no edge skipping a level, and no edge from a reached node to
  /// an unreached one.
  public static func bfsTree(_ graph: CSRGraph, _ bfs: BFSResult, source: UInt32) -> Bool {
    let d = bfs.distances
    guard d[Int(source)] == 0, bfs.parents[Int(source)] == Int32(source) else { return false }
    for v in 0..<graph.nodeCount where v != Int(source) && d[v] >= 0 {
      let p = bfs.parents[v]
      guard p >= 0, d[Int(p)] == d[v] - 1, graph.neighbors(of: UInt32(p)).contains(UInt32(v)) else { return false }
    }
    for u in 0..<graph.nodeCount where d[u] >= 0 {
      for v in graph.neighbors(of: UInt32(u)) {
        if d[Int(v)] < 0 || d[Int(v)] > d[u] + 1 { return false }
      }
    }
    return true
  }

  /// The same partition as labelling by breadth-first search over both edge directions.
  public static func components(_ graph: CSRGraph, _ components: Components) -> Bool {
    let n = graph.nodeCount
    let reverse = graph.isDirected ? graph.transposed() : graph
    var label = [Int32](repeating: -1, count: n)
    var next: Int32 = 0
    var queue: [UInt32] = []
    for start in 0..<n where label[start] < 0 {
      label[start] = next
      queue = [UInt32(start)]
      var head = 0
      while head < queue.count {
        let v = queue[head]
        head += 1
        for w in graph.neighbors(of: v) where label[Int(w)] < 0 {
          label[Int(w)] = next
          queue.append(w)
        }
        for w in reverse.neighbors(of: v) where label[Int(w)] < 0 {
          label[Int(w)] = next
          queue.append(w)
        }
      }
      next += 1
    }
    // Both label in order of smallest member, so they must be equal.
    return Int(next) == components.count && zip(label, components.component).allSatisfy { Int($0) == Int($1) }
  }

  /// The total against a marker-array count (each node marks its neighbours, then each
  /// neighbour's neighbours are looked up), on graphs small enough for it.
  public static func triangles(_ graph: CSRGraph, _ total: Int) -> Bool? {
    guard graph.entryCount <= 1 << 24 else { return nil }
    let n = graph.nodeCount
    var mark = [Bool](repeating: false, count: n)
    var count = 0
    for u in 0..<UInt32(n) {
      let row = graph.neighbors(of: u)
      for v in row where v != u { mark[Int(v)] = true }
      for v in row where v > u {
        for w in graph.neighbors(of: v) where w > v && mark[Int(w)] { count += 1 }
      }
      for v in row { mark[Int(v)] = false }
    }
    return count == total
  }

  /// The same core numbers as a second method: the h-index iteration of Lü et al. (2016),
  /// which starts from the degrees and replaces each value by the h-index of its
  /// neighbours' values until nothing changes. Undirected graphs only.
  public static func cores(_ graph: CSRGraph, _ cores: [Int]) -> Bool? {
    guard !graph.isDirected else { return nil }
    let n = graph.nodeCount
    var h = (0..<n).map { graph.degree(of: UInt32($0)) }
    var counts: [Int] = []
    var changed = true
    while changed {
      changed = false
      for v in 0..<n {
        let current = h[v]
        if current == 0 { continue }
        // h-index of neighbour values, capped by the current value.
        counts.removeAll(keepingCapacity: true)
        counts.append(contentsOf: repeatElement(0, count: current + 1))
        for u in graph.neighbors(of: UInt32(v)) { counts[min(h[Int(u)], current)] += 1 }
        var atLeast = 0
        var index = current
        while index > 0 {
          atLeast += counts[index]
          if atLeast >= index { break }
          index -= 1
        }
        if index != current {
          h[v] = index
          changed = true
        }
      }
    }
    return h == cores
  }

  /// PageRank by a serial power iteration written here (pull over in-neighbours, dangling
  /// nodes' mass spread uniformly, teleport (1 − α)/n, from 1/n), run for the kernel's
  /// iteration count: passes when the L1 distance of the scores is within `1e-9` (or `1e-5`
  /// with single-precision contributions). `nil` for weighted or personalised runs.
  /// O(iterations · m) time, O(n) space (plus the transpose of a directed graph).
  public static func pagerank(_ graph: CSRGraph, _ result: PageRankResult, options: PageRankOptions) -> Bool? {
    guard !(options.weighted && graph.isWeighted), options.personalization == nil, options.danglingWeights == nil, options.initial == nil else {
      return nil
    }
    let n = graph.nodeCount
    guard n > 0, result.scores.count == n else { return result.scores.count == n }
    let incoming = graph.isDirected ? graph.transposed() : graph
    var out = [Int](repeating: 0, count: n)
    for u in 0..<n { out[u] = graph.degree(of: UInt32(u)) }
    var x = [Double](repeating: 1 / Double(n), count: n), next = x
    for _ in 0..<result.iterations {
      var dangling = 0.0
      for u in 0..<n where out[u] == 0 { dangling += x[u] }
      let base = options.alpha * dangling / Double(n) + (1 - options.alpha) / Double(n)
      for v in 0..<n {
        var sum = 0.0
        for u in incoming.neighbors(of: UInt32(v)) { sum += x[Int(u)] / Double(out[Int(u)]) }
        next[v] = base + options.alpha * sum
      }
      swap(&x, &next)
    }
    var distance = 0.0
    for v in 0..<n { distance += abs(x[v] - result.scores[v]) }
    return distance <= (options.singlePrecisionContributions ? 1e-5 : 1e-9)
  }

  /// The L1 residual ‖F(x) − x‖₁ of one serial power step F (uniform teleport, dangling
  /// rank spread uniformly, unweighted), in double precision: GAPBS's PageRank check.
  /// - Complexity: O(n + m).
  public static func pagerankResidual(_ graph: CSRGraph, _ scores: [Double], alpha: Double) -> Double {
    let n = graph.nodeCount
    guard n > 0, scores.count == n else { return scores.count == n ? 0 : .infinity }
    var incoming = [Double](repeating: 0, count: n)
    var dangling = 0.0
    for u in 0..<n {
      let targets = graph.neighbors(of: UInt32(u))
      if targets.isEmpty { dangling += scores[u]; continue }
      let share = scores[u] / Double(targets.count)
      for v in targets { incoming[Int(v)] += share }
    }
    let base = (1 - alpha) / Double(n) + alpha * dangling / Double(n)
    var residual = 0.0
    for v in 0..<n { residual += abs(base + alpha * incoming[v] - scores[v]) }
    return residual
  }

  /// Summed dependencies δ_s(v) over `sources` by a serial Brandes (2001) written here
  /// (breadth-first levels, path counts, dependencies back from the farthest level; ordered
  /// pairs, no rescaling): passes when every node's score is within 1e-9 relative.
  /// Unweighted. O(|sources| · m) time, O(n) space.
  public static func betweenness(_ graph: CSRGraph, _ scores: [Double], sources: [UInt32]) -> Bool {
    let n = graph.nodeCount
    guard scores.count == n else { return false }
    var total = [Double](repeating: 0, count: n)
    var distance = [Int](repeating: -1, count: n), paths = [Double](repeating: 0, count: n), delta = paths
    var order: [Int] = []
    order.reserveCapacity(n)
    for s in sources.map(Int.init) {
      for v in order { distance[v] = -1; paths[v] = 0; delta[v] = 0 }
      order.removeAll(keepingCapacity: true)
      distance[s] = 0
      paths[s] = 1
      order.append(s)
      var head = 0
      while head < order.count {
        let u = order[head]
        head += 1
        for w in graph.neighbors(of: UInt32(u)).map(Int.init) {
          if distance[w] < 0 {
            distance[w] = distance[u] + 1
            order.append(w)
          }
          if distance[w] == distance[u] + 1 { paths[w] += paths[u] }
        }
      }
      for w in order.reversed() {
        for v in graph.neighbors(of: UInt32(w)).map(Int.init) where distance[v] == distance[w] + 1 {
          delta[w] += paths[w] / paths[v] * (1 + delta[v])
        }
        if w != s { total[w] += delta[w] }
      }
    }
    for v in 0..<n where abs(total[v] - scores[v]) > 1e-9 * max(1, abs(total[v])) { return false }
    return true
  }

  /// Every distance equal to a serial binary-heap Dijkstra's from the same source (GAPBS's
  /// SSSP check: exact equality, since both reach the same floating-point fixed point
  /// d(v) = min over in-edges of d(u) + length), and the reached count consistent.
  /// - Complexity: O((n + m) log n).
  public static func shortestPaths(_ lengths: EdgeLengths, _ result: SSSPResult, source: UInt32) -> Bool {
    guard let oracle = try? Dijkstra.distances(lengths.graph, from: source),
      result.distances.count == oracle.count
    else { return false }
    return result.distances == oracle && result.reached == oracle.count(where: { $0 < .infinity })
  }
}
