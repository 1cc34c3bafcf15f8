import GraphCore

extension PageRank {
  /// PageRank by Gauss–Seidel sweeps, as GAPBS's `pr`: each node pulls the contributions
  /// `x[u] / outDegree(u)` of its in-neighbours and publishes its own new contribution at
  /// once, so later nodes of the same sweep already read it (fewer sweeps than the Jacobi
  /// iteration of ``compute(_:options:)`` for the same stop rule). Unweighted, uniform
  /// teleport. The sweeps solve `y = (1 − α)/n + α Sᵀ y` with dangling rank dropped, exactly
  /// as GAPBS (same sweeps, same stop rule); the result is `y / Σy`, which for a dangling
  /// distribution equal to the teleport (networkx's default) is the PageRank vector with
  /// dangling rank spread uniformly (Langville and Meyer, "Deeper inside PageRank", 2004).
  /// Feeding the previous sweep's dangling mass back instead converges slowly (the total
  /// mass lags: 21 sweeps instead of 14 on K12).
  ///
  /// Contributions are single precision (as GAPBS), scores and sums double. Nodes are taken
  /// in chunks of 16,384 from a shared counter; which contributions a node sees as new
  /// depends on thread timing, so the last bits of the scores vary from run to run (every
  /// run stops at the same rule). For reproducible scores use ``compute(_:options:)``.
  /// - Parameters:
  ///   - tolerance: stop when the L1 change of a sweep is below this (GAPBS's ε, 1e-4 in `bench`).
  ///   - maxIterations: at most this many sweeps (GAPBS's 20); the result says whether it converged.
  /// - Complexity: O(n + m) per sweep, on `threads` threads; memory n doubles + n floats.
  public static func gaussSeidel(
    _ graph: CSRGraph, alpha: Double = 0.85, tolerance: Double = 1e-4, maxIterations: Int = 20,
    threads: Int = Parallel.availableCores
  ) -> PageRankResult {
    let n = graph.nodeCount
    if n == 0 { return PageRankResult(scores: [], iterations: 0) }
    let incoming = graph.isDirected ? graph.transposed() : graph
    var scores = LargeArrays.make(repeating: 1 / Double(n), count: n)
    let start = Float(1 / Double(n))
    let contributions = graph.withUnsafeView { out in
      AtomicUInt32Array(count: n) { v in
        let degree = out.offsets[v + 1] - out.offsets[v]
        return degree > 0 ? (start / Float(degree)).bitPattern : 0
      }
    }
    let teleport = (1 - alpha) / Double(n)
    var iterations = 0
    var converged = false
    while iterations < max(maxIterations, 1) {
      iterations += 1
      let change = graph.withUnsafeView { out in
        incoming.withUnsafeView { into in
          scores.withUnsafeMutableBufferPointer { x in
            let shared = UncheckedSendable((out, into, x))
            return DynamicChunks.sum(count: n, chunk: 16_384, threads: threads) { nodes in
              let (out, into, x) = shared.value
              return sweep(
                nodes, out: out, into: into, scores: x, contributions: contributions,
                teleport: teleport, alpha: alpha)
            }
          }
        }
      }
      if change < tolerance {
        converged = true
        break
      }
    }
    let total = scores.reduce(0, +)
    if total > 0 { for v in 0..<n { scores[v] /= total } }
    return PageRankResult(scores: scores, iterations: iterations, converged: converged)
  }

  /// One Gauss–Seidel pass over `nodes`; returns its L1 change.
  ///
  /// Optimised for size on purpose: at `-O` LLVM unrolls the gather loop four times behind a
  /// remainder loop whose trip count (degree mod 4) is random per node, and the extra
  /// mispredicted branches per row cost more than the unrolling saves — on the uniform
  /// u20 graph at one thread 0.075–0.088 s per sweep against 0.039 s for this plain loop
  /// (GAPBS, whose g++ build does not unroll it, 0.042–0.048 s).
  /// Invariant: ids < n and offsets ≤ entryCount (checked when the graph was built), so the
  /// unchecked index arithmetic stays in range.
  @_optimize(size) @inline(never)
  static func sweep(
    _ nodes: Range<Int>, out: UnsafeCSRView, into: UnsafeCSRView,
    scores x: UnsafeMutableBufferPointer<Double>, contributions: AtomicUInt32Array,
    teleport: Double, alpha: Double
  ) -> Double {
    var error = 0.0
    for v in nodes {
      // The new contribution is `value / degree`; its two factors are computed here, off
      // the dependency chain, because on meshes the row of `v` holds `v − 1`, written just
      // before: a division after the sum would sit on that chain (1.3× slower on a grid).
      let degree = out.offsets[v &+ 1] &- out.offsets[v]
      let share = degree > 0 ? 1 / Double(degree) : 0
      let alphaShare = alpha * share
      let teleportShare = teleport * share
      var sum = 0.0
      var k = into.offsets[v]
      let end = into.offsets[v &+ 1]
      while k < end {
        sum += Double(Float(bitPattern: contributions[Int(into.targets[k])]))
        k &+= 1
      }
      let value = teleport + alpha * sum
      error += abs(value - x[v])
      x[v] = value
      if degree > 0 { contributions[v] = Float(teleportShare + alphaShare * sum).bitPattern }
    }
    return error
  }
}
