import GraphCore

/// Triangles and clustering coefficients of undirected graphs (self-loops ignored).
public enum Triangles {
  /// The number of triangles through each node, as networkx `triangles`.
  ///
  /// Nodes are relabelled by decreasing degree and edges oriented towards the higher-degree
  /// end, so each triangle is found exactly once, from its lowest-degree node, by merging two
  /// short sorted lists (Schank and Wagner 2005; Latapy 2008); hubs never scan their long rows. Nodes are
  /// dealt to threads round-robin in small parts, with per-thread counts added at the end.
  /// - Throws: ``AlgorithmError`` for directed graphs.
  /// - Complexity: O(m^1.5) time, O(m + n · threads) space.
  public static func perNode(_ graph: CSRGraph, threads: Int = Parallel.availableCores) throws -> [Int] {
    guard !graph.isDirected else { throw AlgorithmError("triangles", "defined here for undirected graphs only") }
    let n = graph.nodeCount
    let (oriented, order) = orient(graph, threads: threads)
    let parts = Parallel.worthSplitting(n, threshold: 4096) ? max(1, threads) * 64 : 1
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
    // Back from the relabelled ids to the graph's own.
    var total = [Int](repeating: 0, count: n)
    for local in partial.values { for i in 0..<n { total[Int(order[i])] += local[i] } }
    return total
  }

  /// The total number of triangles.
  ///
  /// Each triangle is counted once, from its highest node, in a node order: by default the
  /// decreasing-degree orientation of ``perNode(_:threads:)`` when ``worthOrienting(_:)``
  /// says the degrees are skewed enough to repay building it (as GAPBS's `tc`), otherwise
  /// the ids themselves on the graph's own sorted rows (no copy).
  /// - Parameter orient: force (`true`) or skip (`false`) the orientation; nil decides.
  /// - Throws: ``AlgorithmError`` for directed graphs.
  /// - Complexity: O(m^1.5) time with the orientation, O(Σ d(v)²) without (which is why the
  ///   orientation is used on skewed graphs); O(m) extra space with the orientation, O(1)
  ///   without.
  public static func total(_ graph: CSRGraph, orient: Bool? = nil, threads: Int = Parallel.availableCores) throws -> Int {
    guard !graph.isDirected else { throw AlgorithmError("triangles", "defined here for undirected graphs only") }
    if orient ?? worthOrienting(graph) {
      return countOrdered(Self.orient(graph, threads: threads).graph, threads: threads)
    }
    return countOrdered(graph, threads: threads)
  }

  /// GAPBS's relabelling rule: orient by degree when there are at least 10 undirected edges
  /// per node (integer division, as GAPBS) and, over 1,000 seeded random non-isolated nodes,
  /// the mean degree exceeds 1.3 × the median (a heavy tail). False on grids and uniform
  /// random graphs, true on Kronecker and social graphs.
  /// - Complexity: O(1,000 log 1,000) expected (O(n) when almost every node is isolated).
  public static func worthOrienting(_ graph: CSRGraph) -> Bool {
    let n = graph.nodeCount
    guard n > 0, graph.edgeCount / n >= 10 else { return false }
    var random = RandomStream(seed: 27491095, stream: 0)
    var samples: [Int] = []
    let wanted = min(1000, n)
    samples.reserveCapacity(wanted)
    while samples.count < wanted {
      let d = graph.degree(of: UInt32(random.below(UInt64(n))))
      if d > 0 { samples.append(d) }
    }
    samples.sort()
    let mean = Double(samples.reduce(0, +)) / Double(wanted)
    return mean / 1.3 > Double(samples[wanted / 2])
  }

  /// Triangles u > v > w among each row's entries below its own node: `view`'s rows must be
  /// sorted (an oriented graph's rows hold only lower ids; an undirected graph's rows are
  /// cut at their node).
  ///
  /// For each u the entries below u (its "prefix") are the candidates. In short rows (fewer
  /// than `markingFrom` entries) they are intersected with each row v by a merge. Longer ones are
  /// marked in a per-worker bitmap of n bits, and each row v is probed against the marks up
  /// to the largest prefix entry below v: a merge re-reads the prefix for every v (Σ k over
  /// the prefix, quadratic in its length) and branches unpredictably, a probe costs one bit
  /// test per entry of row v. On Kronecker-20 this took the count from 9.3 s to 3.6 s, on
  /// the uniform u20 graph from 2.5 s to 1.7 s (2 threads).
  /// - Complexity: O(Σ over u, v of |row v below the prefix's last entry| + prefix lengths)
  ///   with marking; O(n / 64) words of bitmap per worker.
  static func countOrdered(_ graph: CSRGraph, threads: Int, markingFrom: Int = 8) -> Int {
    let n = graph.nodeCount
    let threads = Parallel.worthSplitting(n, threshold: 4096) ? threads : 1
    // Chunks of 64 nodes from a shared counter (GAPBS's schedule(dynamic, 64)): with the
    // orientation the first rows hold the hubs' neighbours and cost far more than the last.
    let chunk = 64
    let totals = PartResults<Int>(count: DynamicChunks.workers(count: n, chunk: chunk, threads: threads))
    graph.withUnsafeView { view in
      let shared = UncheckedSendable(view)
      DynamicChunks.run(count: n, chunk: chunk, threads: threads) { worker, nextChunk in
        let view = shared.value
        let marks = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: (n + 63) >> 6)
        marks.initialize(repeating: 0)
        defer { marks.deallocate() }
        var count = 0
        while let nodes = nextChunk() {
          for u in nodes {
            count &+= trianglesBelow(UInt32(truncatingIfNeeded: u), view, marks: marks, markingFrom: markingFrom)
          }
        }
        totals.set(worker, count)
      }
    }
    return totals.values.reduce(0, +)
  }

  /// Triangles u > v > w with v and w in u's row; `marks` is all zero before and after.
  /// Invariant: row entries are node ids < n (checked when the graph was built), so the
  /// word index `w >> 6` is inside `marks`; k and j stay below their rows' counts.
  @inline(__always)
  private static func trianglesBelow(
    _ u: UInt32, _ view: UnsafeCSRView, marks: UnsafeMutableBufferPointer<UInt64>, markingFrom: Int
  ) -> Int {
    let rowU = view.neighbors(of: u)
    var count = 0
    if rowU.count < markingFrom {
      // Common neighbours of u and v (v < u) below v lie in rowU's prefix before v
      // (GAPBS's `if (w > v) break`), and a merge against that prefix never reads row v
      // past v. Rows are sorted, so the entries below u are a prefix too.
      var k = 0
      while k < rowU.count {
        let v = rowU[k]
        if v >= u { break }
        count &+= intersectionSize(UnsafeBufferPointer(rebasing: rowU[0..<k]), view.neighbors(of: v))
        k &+= 1
      }
      return count
    }
    var cut = 0
    while cut < rowU.count && rowU[cut] < u { cut &+= 1 }
    if cut < 2 { return 0 }
    for k in 0..<cut {
      let w = rowU[k]
      marks[Int(w &>> 6)] |= 1 &<< UInt64(w & 63)
    }
    for k in 1..<cut {
      // w must be a marked entry below v = rowU[k]: the largest is rowU[k − 1].
      let limit = rowU[k &- 1]
      let rowV = view.neighbors(of: rowU[k])
      var j = 0
      while j < rowV.count {
        let w = rowV[j]
        if w > limit { break }
        count &+= Int(truncatingIfNeeded: (marks[Int(w &>> 6)] &>> UInt64(w & 63)) & 1)
        j &+= 1
      }
    }
    for k in 0..<cut { marks[Int(rowU[k] &>> 6)] = 0 }
    return count
  }

  /// The graph relabelled by decreasing degree (ties by id) and oriented towards the
  /// higher-degree end: row `i` of the result lists, in increasing order, the new ids (all
  /// below `i`) of the neighbours of `order[i]` with more neighbours. Hubs get the small ids,
  /// so the rows read most often sit together in memory, as in GAPBS's `tc`.
  /// Returns the oriented graph and `order` (new id → original id). Self-loops are dropped.
  /// - Complexity: O(n + m log d) (a counting sort by degree, then small row sorts).
  static func orient(_ graph: CSRGraph, threads: Int = Parallel.availableCores) -> (graph: CSRGraph, order: [UInt32]) {
    let n = graph.nodeCount
    // Counting sort by decreasing degree, stable in id.
    var maxDegree = 0
    for v in 0..<n { maxDegree = max(maxDegree, graph.degree(of: UInt32(v))) }
    var start = [Int](repeating: 0, count: maxDegree + 2)
    for v in 0..<n { start[maxDegree - graph.degree(of: UInt32(v)) + 1] += 1 }
    for d in 0...maxDegree { start[d + 1] += start[d] }
    var order = [UInt32](repeating: 0, count: n)
    var rank = [UInt32](repeating: 0, count: n)
    for v in 0..<n {
      let bucket = maxDegree - graph.degree(of: UInt32(v))
      order[start[bucket]] = UInt32(v)
      rank[v] = UInt32(start[bucket])
      start[bucket] += 1
    }
    var offsets = [Int](repeating: 0, count: n + 1)
    var targets: [UInt32] = []
    let parts = Parallel.worthSplitting(n, threshold: 4096) ? max(1, threads) * 16 : 1
    graph.withUnsafeView { view in
      // Row lengths in parallel (each i writes offsets[i + 1] only), then the prefix sums.
      offsets.withUnsafeMutableBufferPointer { offsets in
        let shared = UncheckedSendable((view, offsets, order, rank))
        Parallel.forEach(parts: parts, threads: threads) { part in
          let (view, offsets, order, rank) = shared.value
          for i in Parallel.range(part, of: parts, count: n) {
            var count = 0
            for v in view.neighbors(of: order[i]) where rank[Int(v)] < UInt32(truncatingIfNeeded: i) { count += 1 }
            offsets[i + 1] = count
          }
        }
        for i in 0..<n { offsets[i + 1] += offsets[i] }
      }
      targets = [UInt32](repeating: 0, count: offsets[n])
      targets.withUnsafeMutableBufferPointer { out in
        let shared = UncheckedSendable((view, out))
        let frozenOrder = order
        let frozenRank = rank
        let frozenOffsets = offsets
        Parallel.forEach(parts: parts, threads: threads) { part in
          let (view, out) = shared.value
          for i in Parallel.range(part, of: parts, count: n) {
            var k = frozenOffsets[i]
            for v in view.neighbors(of: frozenOrder[i]) where frozenRank[Int(v)] < UInt32(i) {
              out[k] = frozenRank[Int(v)]
              k += 1
            }
            var row = UnsafeMutableBufferPointer(rebasing: out[frozenOffsets[i]..<k])
            row.sort()
          }
        }
      }
    }
    let oriented = CSRGraph(uncheckedOffsets: offsets, targets: targets, isDirected: true)
    oriented.assertInvariants("Triangles.orient")
    return (oriented, order)
  }

  /// The size of the intersection of two sorted lists, by a branch-free merge (the
  /// comparisons of random ids are unpredictable; selects cost less than mispredictions).
  @inline(__always)
  static func intersectionSize(_ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>) -> Int {
    var i = 0
    var j = 0
    var count = 0
    let na = a.count
    let nb = b.count
    // Invariant: i < na and j < nb inside the loop, and each step adds at most 1 to each.
    while i < na && j < nb {
      let x = a[i]
      let y = b[j]
      count &+= x == y ? 1 : 0
      i &+= x <= y ? 1 : 0
      j &+= y <= x ? 1 : 0
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
