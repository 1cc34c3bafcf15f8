import GraphAlgorithms
import GraphCore

/// Independent checks of kernel results, in the spirit of GAPBS's verifiers.
enum BenchVerifier {
  /// A valid BFS tree: the source at level 0, every other reached node one level below a
  /// parent that links to it, no edge skipping a level, and no edge from a reached node to
  /// an unreached one.
  static func bfsTree(_ graph: CSRGraph, _ bfs: BFSResult, source: UInt32) -> Bool {
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
  static func components(_ graph: CSRGraph, _ components: Components) -> Bool {
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
  static func triangles(_ graph: CSRGraph, _ total: Int) -> Bool? {
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

  /// Scores sum to 1 and one more power iteration from them moves them by less than the
  /// stopping tolerance (a loose bound when the iteration cap stopped the run).
  static func pagerank(_ graph: CSRGraph, _ result: PageRankResult, options: PageRankOptions) -> Bool {
    let scores = result.scores
    guard abs(scores.reduce(0, +) - 1) < 1e-6 else { return false }
    var again = options
    again.maxIterations = 1
    again.requireConvergence = false
    again.initial = scores
    guard let step = try? PageRank.compute(graph, options: again) else { return false }
    var delta = 0.0
    for v in 0..<scores.count { delta += abs(step.scores[v] - scores[v]) }
    let limit = result.converged ? options.tolerance * Double(scores.count) : 1e-2
    return delta < limit
  }

  /// The same core numbers as a second method: the h-index iteration of Lü et al. (2016),
  /// which starts from the degrees and replaces each value by the h-index of its
  /// neighbours' values until nothing changes. Undirected graphs only.
  static func cores(_ graph: CSRGraph, _ cores: [Int]) -> Bool? {
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

  /// Σ_v δ(v) equals Σ over sources of Σ_t (d(s, t) − 1) over reached t ≠ s: every shortest
  /// path from s to t passes d(s, t) − 1 intermediate nodes, shared among its copies.
  static func betweenness(_ graph: CSRGraph, _ scores: [Double], sources: [UInt32]) -> Bool {
    var expected = 0.0
    for s in sources {
      let bfs = BreadthFirstSearch.run(graph, from: s, threads: 1)
      for d in bfs.distances where d > 0 { expected += Double(d - 1) }
    }
    let total = scores.reduce(0, +)
    return abs(total - expected) <= 1e-9 * max(1, expected)
  }
}
