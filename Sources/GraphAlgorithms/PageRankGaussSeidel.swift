import Atomics
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
  /// Contributions and each row's gather are single precision (as GAPBS), scores and the
  /// L1 changes double: a float gather adds straight from memory (`addss` with a memory
  /// operand, 3.5 instructions per entry against 5.5 with a conversion to double each), which
  /// keeps more contribution loads in flight (interleaved pairs, median of 5 trials: K18
  /// 0.047–0.061 s against 0.048–0.065 s in total, Kronecker scale 23 10.0–10.3 s against
  /// 10.2–12.0 s and 9 sweeps against 10, as GAPBS's).
  ///
  /// One team of workers (up to `threads`, one per chunk) runs every sweep (``WorkerTeam``,
  /// two barriers per sweep, as GAPBS's OpenMP team), taking nodes in chunks of 16,384 from
  /// a shared counter; which contributions a node sees as new depends on thread timing, so
  /// the last bits of the scores vary from run to run (every run stops at the same rule).
  /// For reproducible scores use ``compute(_:options:)``.
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
      let shared = UncheckedSendable(out)
      return AtomicUInt32Array(count: n, threads: threads) { nodes, elements in
        let offsets = shared.value.offsets
        for v in nodes {
          let degree = offsets[v + 1] - offsets[v]
          elements[v] = degree > 0 ? (start / Float(degree)).bitPattern : 0
        }
      }
    }
    let teleport = (1 - alpha) / Double(n)
    let workers = DynamicChunks.workers(count: n, chunk: 16_384, threads: threads)
    let sweeps = SweepState(workers: workers, maxIterations: max(maxIterations, 1))
    graph.withUnsafeView { out in
      incoming.withUnsafeView { into in
        scores.withUnsafeMutableBufferPointer { x in
          let shared = UncheckedSendable((out, into, x))
          // One team for every sweep (two barriers per sweep), as GAPBS's OpenMP team:
          // chunks of 16,384 nodes from a shared counter; worker 0 adds the workers'
          // changes in worker order and decides whether to sweep again.
          WorkerTeam.run(workers: workers) { worker, barrier in
            let (out, into, x) = shared.value
            while true {
              var change = 0.0
              while true {
                let lower = sweeps.nextChunk.loadThenWrappingIncrement(ordering: .relaxed) &* 16_384
                if lower >= n { break }
                change += sweep(
                  lower..<min(lower &+ 16_384, n), out: out, into: into, scores: x,
                  contributions: contributions.elements, teleport: teleport, alpha: alpha)
              }
              sweeps.changes[worker &* 8] = change
              barrier.wait()
              if worker == 0 { sweeps.finishSweep(tolerance: tolerance) }
              barrier.wait()
              if sweeps.done { return }
            }
          }
        }
      }
    }
    normalize(&scores, threads: threads)
    return PageRankResult(scores: scores, iterations: sweeps.iterations, converged: sweeps.converged)
  }

  /// Divides `scores` by their sum (left alone if it is 0), in parallel parts whose bounds
  /// depend only on the count, so the sum is the same for every thread count.
  /// - Complexity: O(n) work, on `threads` threads.
  static func normalize(_ scores: inout [Double], threads: Int) {
    let n = scores.count
    let parts = max(1, min(64, n / 65_536))
    scores.withUnsafeMutableBufferPointer { buffer in
      let shared = UncheckedSendable(buffer)
      let partSums = PartResults<Double>(count: parts)
      Parallel.forEach(parts: parts, threads: threads) { part in
        var sum = 0.0
        for v in Parallel.range(part, of: parts, count: n) { sum += shared.value[v] }
        partSums.set(part, sum)
      }
      let total = (0..<parts).reduce(0.0) { $0 + partSums[$1]! }
      guard total > 0 else { return }
      Parallel.forEach(parts: parts, threads: threads) { part in
        for v in Parallel.range(part, of: parts, count: n) { shared.value[v] /= total }
      }
    }
  }

  /// One Gauss–Seidel pass over `nodes`; returns its L1 change.
  ///
  /// The gather adds into two float sums, even and odd entries of the row, so consecutive
  /// adds do not wait on each other (one sum is a chain of dependent adds, one add latency per
  /// entry; K18 at two threads 6.2 → 5.5 ms per sweep in a standalone test, GAPBS 5.7). An
  /// odd row takes its first entry before the loop, so the loop has no remainder branch.
  /// Optimised for size on purpose: at `-O` LLVM unrolls the gather loop again behind a
  /// remainder loop whose trip count is random per node, and the extra mispredicted
  /// branches per row cost more than the unrolling saves (with one sum: u20 at one thread
  /// 0.075–0.088 s per sweep against 0.039 s for the plain loop).
  /// Invariant: ids < n and offsets ≤ entryCount (checked when the graph was built), so the
  /// unchecked index arithmetic stays in range; `k + 1 < end` inside the loop because the
  /// entries left from `k` are even.
  @_optimize(size) @inline(never)
  static func sweep(
    _ nodes: Range<Int>, out: UnsafeCSRView, into: UnsafeCSRView,
    scores x: UnsafeMutableBufferPointer<Double>, contributions: AtomicUInt32Elements,
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
      var k = into.offsets[v]
      let end = into.offsets[v &+ 1]
      var even: Float = 0
      var odd: Float = 0
      if (end &- k) & 1 == 1 {
        even = Float(bitPattern: contributions[Int(into.targets[k])])
        k &+= 1
      }
      while k < end {
        even += Float(bitPattern: contributions[Int(into.targets[k])])
        odd += Float(bitPattern: contributions[Int(into.targets[k &+ 1])])
        k &+= 2
      }
      let sum = Double(even) + Double(odd)
      let value = teleport + alpha * sum
      error += abs(value - x[v])
      x[v] = value
      if degree > 0 { contributions[v] = Float(teleportShare + alphaShare * sum).bitPattern }
    }
    return error
  }
}

/// What the workers of a Gauss–Seidel team share: the chunk counter, each worker's change
/// (one 64-byte line each) and the stop decision, which worker 0 alone writes between the
/// two barriers of a sweep.
private final class SweepState: @unchecked Sendable {
  let workers: Int
  let maxIterations: Int
  let nextChunk = ManagedAtomic<Int>(0)
  let changes: UnsafeMutablePointer<Double>
  var iterations = 0
  var converged = false
  var done = false

  init(workers: Int, maxIterations: Int) {
    self.workers = workers
    self.maxIterations = maxIterations
    changes = .allocate(capacity: workers * 8)
    changes.initialize(repeating: 0, count: workers * 8)
  }

  deinit { changes.deallocate() }

  /// Worker 0, after a sweep: counts it and stops on the tolerance or the sweep limit.
  func finishSweep(tolerance: Double) {
    var change = 0.0
    for w in 0..<workers { change += changes[w * 8] }
    iterations += 1
    converged = change < tolerance
    done = converged || iterations >= maxIterations
    nextChunk.store(0, ordering: .relaxed)
  }
}
