import Atomics
import GraphCore

/// A graph whose edge weights have been checked once as lengths for shortest-path kernels:
/// finite and non-negative (an unweighted graph's edges have length 1). Checking is O(m);
/// a kernel taking `EdgeLengths` does not repeat it, so timed runs measure only the search.
///
/// When every length is an integer and every simple path is shorter than 2³¹ (that is,
/// (n − 1) · max length < 2³¹), the lengths are also kept as 32-bit integers in row order
/// beside the graph's own targets (4 more bytes per adjacency entry; GAPBS stores
/// 8-byte (target, length) pairs in place of its targets) and the search runs on 32-bit
/// integer distances: the same values, exactly, as in `Double`.
public struct EdgeLengths: Sendable {
  public let graph: CSRGraph
  /// The largest edge length (0 for a graph without edges).
  public let maxLength: Double
  /// The length of each adjacency entry as an integer, or nil when the lengths do not qualify.
  let integerLengths: [UInt32]?

  /// Whether the search runs on exact 32-bit integer distances (see the type's discussion).
  public var isInteger: Bool { integerLengths != nil }

  /// - Throws: ``AlgorithmError`` naming the first negative, infinite or NaN weight.
  /// - Complexity: O(m), on `threads` threads for the integer lengths.
  public init(_ graph: CSRGraph, threads: Int = Parallel.availableCores) throws {
    try Dijkstra.checkWeights(graph, algorithm: "sssp")
    self.graph = graph
    let weights = graph.weights
    maxLength = weights.map { $0.max() ?? 0 } ?? (graph.entryCount > 0 ? 1 : 0)
    let integral = weights?.allSatisfy { $0 == $0.rounded(.towardZero) } ?? true
    guard integral, Double(max(graph.nodeCount - 1, 0)) * maxLength < 0x1p31 else {
      integerLengths = nil
      return
    }
    integerLengths = Self.integers(graph, threads: threads)
  }

  private static func integers(_ graph: CSRGraph, threads: Int) -> [UInt32] {
    var lengths: [UInt32] = LargeArrays.uninitialized(count: graph.entryCount)
    graph.withUnsafeView { view in
      lengths.withUnsafeMutableBufferPointer { out in
        let shared = UncheckedSendable((view, out))
        let count = view.targets.count
        let parts = Parallel.worthSplitting(count, threshold: 1 << 16) ? max(1, threads) : 1
        Parallel.forEach(parts: parts, threads: threads) { part in
          let (view, out) = shared.value
          for k in Parallel.range(part, of: parts, count: count) {
            out[k] = view.weights.map { UInt32($0[k]) } ?? 1
          }
        }
      }
    }
    return lengths
  }
}

/// Shortest-path lengths from one source.
public struct SSSPResult: Sendable, Equatable {
  /// Length of a shortest path from the source along out-edges; `.infinity` if unreachable.
  public var distances: [Double]
  /// Nodes with a finite distance, the source included.
  public var reached: Int
  /// Bins processed (each one parallel step followed by a join).
  public var steps: Int
}

/// Δ-stepping single-source shortest paths (Meyer and Sanders, J. Algorithms 49, 2003) with
/// the bucket-fusion refinement of Zhang et al. (CGO 2020), the algorithm of GAPBS's `sssp`.
///
/// Nodes wait in bins of width Δ by tentative distance. Each step processes the lowest
/// non-empty bin in parallel: each worker takes chunks of 64 nodes of its own copy of the
/// bin (the nodes it filed, whose cache lines it holds) first, then of the others' copies,
/// lowers their neighbours' distances with a compare-and-swap (a distance only ever
/// decreases) and puts each improved node in a bin of its own. A worker whose own copy of
/// the current bin refills with fewer than ``fusionLimit`` nodes processes it at once, so
/// long chains of light edges do not cost one step (and one join) each. A node may sit in
/// several bins; an entry whose node has since moved to a lower bin is skipped.
///
/// Distances are exact: each is the minimum over in-neighbours of `distance + length`,
/// evaluated in `Double`, the same fixed point ``Dijkstra`` reaches.
public enum DeltaStepping {
  /// A worker's refilled current bin is processed in the same step while it holds fewer
  /// nodes than this (GAPBS's `kBinSizeThreshold`).
  public static let fusionLimit = 1000
  /// Frontier nodes per chunk taken from the shared counter.
  static let chunk = 64
  /// Graphs with fewer adjacency entries run on the calling thread alone.
  static let parallelEntries = 1 << 15

  /// Shortest-path lengths from `source` with bins of width `delta`.
  /// - Parameters:
  ///   - delta: bin width, > 0 and finite. Small values approach Dijkstra's order (more
  ///     steps, less wasted work), large ones Bellman–Ford's; about the typical edge length
  ///     is a good start (GAPBS uses 2 for Kronecker graphs with lengths 1…255).
  /// - Complexity: O(n + m) work per pass over each bin plus repeated relaxations (at most
  ///   O(m · max distance / Δ) in the worst case, near O(n + m) on small-world graphs);
  ///   O(max distance / Δ) steps; memory O(n) plus one array header per bin up to the
  ///   largest distance / Δ, per worker. Graphs under 2¹⁵ adjacency entries run on one
  ///   thread whatever `threads` says.
  public static func distances(
    _ lengths: EdgeLengths, from source: UInt32, delta: Double, threads: Int = Parallel.availableCores
  ) -> SSSPResult {
    let graph = lengths.graph
    let n = graph.nodeCount
    precondition(Int(source) < n, "source \(source) is not a node")
    precondition(delta > 0 && delta.isFinite, "delta must be positive and finite, got \(delta)")
    // Below `parallelEntries` adjacency entries a whole search costs less than starting one
    // worker thread (the 129-node dataset: 4 µs serial against 1.2 ms with a second thread).
    let workers = Parallel.worthSplitting(graph.entryCount, threshold: parallelEntries) ? max(1, threads) : 1
    let steps: Int
    var distances: [Double]
    if let integerLengths = lengths.integerLengths {
      var exact = LargeArrays.make(repeating: UInt32.max, count: n)
      exact[Int(source)] = 0
      steps = graph.withUnsafeView { view in
        integerLengths.withUnsafeBufferPointer { integerLengths in
          exact.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: UnsafeAtomic<UInt32>.Storage.self) { cells in
              let shared = UncheckedSendable((view, integerLengths, cells))
              let binning = IntegerBins(delta: delta)
              return run(source: source, threads: workers) { bin in
                let (view, integerLengths, cells) = shared.value
                return IntegerRelaxation(
                  offsets: view.offsets, targets: view.targets, lengths: integerLengths, cells: cells, binning: binning,
                  bin: bin)
              }
            }
          }
        }
      }
      distances = LargeArrays.uninitialized(count: n)
      distances.withUnsafeMutableBufferPointer { out in
        for v in 0..<n { out[v] = exact[v] == UInt32.max ? .infinity : Double(exact[v]) }
      }
    } else {
      distances = LargeArrays.make(repeating: Double.infinity, count: n)
      distances[Int(source)] = 0
      steps = graph.withUnsafeView { view in
        distances.withUnsafeMutableBufferPointer { buffer in
          buffer.withMemoryRebound(to: UnsafeAtomic<UInt64>.Storage.self) { cells in
            let shared = UncheckedSendable((view, cells))
            return run(source: source, threads: workers) { bin in
              let (view, cells) = shared.value
              return DoubleRelaxation(view: view, cells: cells, delta: delta, bin: bin)
            }
          }
        }
      }
    }
    var reached = 0
    for d in distances where d < .infinity { reached += 1 }
    return SSSPResult(distances: distances, reached: reached, steps: steps)
  }

  /// The step loop shared by both distance types: returns the number of steps. `relaxation`
  /// makes a worker's relaxation state for the current bin.
  ///
  /// One team of workers runs every step (``WorkerTeam``), with two barriers per step as
  /// GAPBS's OpenMP region: after relaxing, worker 0 alone picks the next bin (the lowest
  /// non-empty bin of any worker) and moves every worker's copy of it into the frontier.
  private static func run<R: BinRelaxation>(
    source: UInt32, threads: Int, _ relaxation: @escaping @Sendable (_ bin: Int) -> R
  ) -> Int {
    let workers = max(1, threads)
    let state = StepState(workers: workers, source: source)
    WorkerTeam.run(workers: workers) { worker, barrier in
      let own = state.bins[worker]
      while true {
        let bin = state.currentBin
        var relax = relaxation(bin)
        swap(&relax.bins, &own.bins)
        // This worker's own part of the frontier first (the nodes it filed, whose cache
        // lines it holds), then what is left of the others'.
        for k in 0..<workers {
          let p = (worker + k) % workers
          let part = state.frontier[p]
          let counter = state.partChunks[p]
          while true {
            let lower = counter.loadThenWrappingIncrement(ordering: .relaxed) * chunk
            if lower >= part.count { break }
            for i in lower..<min(lower + chunk, part.count) { relax.node(part[i]) }
          }
        }
        // Bucket fusion: this worker's refilled current bin, while it stays small.
        while bin < relax.bins.count && !relax.bins[bin].isEmpty && relax.bins[bin].count < fusionLimit {
          let again = relax.bins[bin]
          relax.bins[bin].removeAll(keepingCapacity: true)
          for u in again { relax.node(u) }
        }
        swap(&relax.bins, &own.bins)
        barrier.wait()
        if worker == 0 { state.advance() }
        barrier.wait()
        if state.finished { return }
      }
    }
    return state.steps
  }

  /// The bin of a tentative distance: ⌊d / Δ⌋. Monotone in `d`, so a node relaxed from bin b
  /// never lands in a bin below b.
  @inline(__always) static func bin(of d: Double, delta: Double) -> Int {
    // Distances are sums of finite lengths; beyond 2⁵² bins the bin array could not be
    // allocated anyway, so the clamp only keeps the conversion defined.
    Int(Swift.min(d / delta, 0x1p52))
  }
}

/// The state shared by the Δ-stepping team. Worker 0 writes it between the two barriers of
/// a step; every worker reads it after the second.
private final class StepState: @unchecked Sendable {
  let bins: [WorkerBins]
  /// Per worker, its copy of the current bin.
  var frontier: [[UInt32]]
  /// Per frontier part, the next chunk to take.
  let partChunks: [ManagedAtomic<Int>]
  var currentBin = 0
  var steps = 1
  var finished = false

  init(workers: Int, source: UInt32) {
    bins = (0..<workers).map { _ in WorkerBins() }
    frontier = [[source]] + Array(repeating: [], count: workers - 1)
    partChunks = (0..<workers).map { _ in ManagedAtomic(0) }
  }

  /// Picks the next bin and moves its copies into the frontier, or marks the search finished.
  func advance() {
    var next = Int.max
    for own in bins {
      var b = currentBin
      while b < own.bins.count && b < next && own.bins[b].isEmpty { b += 1 }
      if b < own.bins.count && b < next { next = b }
    }
    if next == Int.max {
      finished = true
      return
    }
    for (w, own) in bins.enumerated() {
      // The step's part goes back to its worker, emptied, as the storage of its new bin.
      var taken: [UInt32] = []
      swap(&taken, &frontier[w])
      taken.removeAll(keepingCapacity: true)
      if next < own.bins.count { swap(&taken, &own.bins[next]) }
      frontier[w] = taken
      partChunks[w].store(0, ordering: .relaxed)
    }
    currentBin = next
    steps += 1
  }
}

/// One worker's bins, kept between steps; only its worker touches it inside a step.
private final class WorkerBins: @unchecked Sendable {
  var bins: [[UInt32]] = []
}

/// A worker's relaxation state during one step: its bins (moved in and out by the driver)
/// and `node(u)`, which relaxes the out-edges of `u` unless `u` has moved to a lower bin.
private protocol BinRelaxation {
  var bins: [[UInt32]] { get set }
  mutating func node(_ u: UInt32)
}

extension BinRelaxation {
  /// Files `v` under bin `b`.
  @inline(__always) mutating func file(_ v: UInt32, bin b: Int) {
    if b >= bins.count { bins.append(contentsOf: repeatElement([], count: b - bins.count + 1)) }
    bins[b].append(v)
  }
}

/// Relaxation over `Double` distances and the graph's own weights.
private struct DoubleRelaxation: BinRelaxation {
  let view: UnsafeCSRView
  let cells: UnsafeMutableBufferPointer<UnsafeAtomic<UInt64>.Storage>
  let delta: Double
  let bin: Int
  var bins: [[UInt32]] = []

  init(view: UnsafeCSRView, cells: UnsafeMutableBufferPointer<UnsafeAtomic<UInt64>.Storage>, delta: Double, bin: Int) {
    self.view = view
    self.cells = cells
    self.delta = delta
    self.bin = bin
  }

  /// The distance cell of `v`: the bits of a non-negative `Double`, whose order as unsigned
  /// integers is the order of the values, so a plain compare-and-swap implements `min`.
  @inline(__always) func cell(_ v: Int) -> UnsafeAtomic<UInt64> { UnsafeAtomic(at: cells.baseAddress! + v) }

  @inline(__always) mutating func node(_ u: UInt32) {
    let du = Double(bitPattern: cell(Int(u)).load(ordering: .relaxed))
    if DeltaStepping.bin(of: du, delta: delta) < bin { return }
    // Invariant: ids are < n and offsets ≤ entryCount (checked by the builder), so the
    // unchecked index arithmetic below stays in range. The view in a local, as in
    // IntegerRelaxation.node.
    let view = self.view
    var k = view.offsets[Int(u)]
    let end = view.offsets[Int(u) &+ 1]
    let weights = view.weights
    while k < end {
      let v = Int(view.targets[k])
      let candidate = du + (weights?[k] ?? 1)
      let target = cell(v)
      var old = target.load(ordering: .relaxed)
      while candidate < Double(bitPattern: old) {
        let (exchanged, original) = target.weakCompareExchange(
          expected: old, desired: candidate.bitPattern, ordering: .relaxed)
        if exchanged {
          file(UInt32(truncatingIfNeeded: v), bin: DeltaStepping.bin(of: candidate, delta: delta))
          break
        }
        old = original
      }
      k &+= 1
    }
  }
}

/// The bin of a 32-bit integer distance, ⌊d / Δ⌋, and the lowest distance of a bin. For an
/// integer Δ ≥ 1 both are exact integer operations: the bin by a multiply-high with a
/// precomputed 64-bit reciprocal (Lemire, Kaser and Kurz, "Faster remainder by direct
/// computation", 2019: M = ⌈2⁶⁴ / Δ⌉ gives ⌊d·M / 2⁶⁴⌋ = ⌊d / Δ⌋ for every 32-bit d), the
/// bound by a product; the per-node skip test and the filing of relaxed nodes then use no
/// division. Other Δ divide in `Double`, as ``DeltaStepping/bin(of:delta:)``. Either way the
/// skip test and the filing agree, which is all Δ-stepping's correctness needs.
struct IntegerBins: Sendable {
  let delta: Double
  /// Δ as an integer, or 0 when Δ is not an integer in 1…2³².
  let width: UInt64
  /// ⌈2⁶⁴ / Δ⌉ (wrapping to 0 for Δ = 1, which the bin rule special-cases).
  let reciprocal: UInt64

  init(delta: Double) {
    self.delta = delta
    if delta >= 1 && delta <= 0x1p32 && delta == delta.rounded(.towardZero) {
      width = UInt64(delta)
      reciprocal = UInt64.max / width &+ 1
    } else {
      width = 0
      reciprocal = 0
    }
  }

  /// ⌊d / Δ⌋.
  @inline(__always) func bin(of d: UInt32) -> Int {
    if width == 1 { return Int(d) }
    if width != 0 { return Int(truncatingIfNeeded: reciprocal.multipliedFullWidth(by: UInt64(d)).high) }
    return DeltaStepping.bin(of: Double(d), delta: delta)
  }

  /// Whether a node at distance `d` has left bin `b` for a lower one (d < b·Δ, that is
  /// ⌊d / Δ⌋ < b).
  @inline(__always) func isBelow(_ d: UInt32, bin b: Int) -> Bool {
    // b is a bin some distance below 2³² fell in, so b·Δ ≤ 2³² and the product cannot wrap.
    if width != 0 { return UInt64(d) < UInt64(b) &* width }
    return DeltaStepping.bin(of: Double(d), delta: delta) < b
  }
}

/// Relaxation over 32-bit integer distances and 32-bit integer lengths.
private struct IntegerRelaxation: BinRelaxation {
  let offsets: UnsafeBufferPointer<Int>
  let targets: UnsafeBufferPointer<UInt32>
  let lengths: UnsafeBufferPointer<UInt32>
  let cells: UnsafeMutableBufferPointer<UnsafeAtomic<UInt32>.Storage>
  let binning: IntegerBins
  let bin: Int
  var bins: [[UInt32]] = []

  init(
    offsets: UnsafeBufferPointer<Int>, targets: UnsafeBufferPointer<UInt32>, lengths: UnsafeBufferPointer<UInt32>,
    cells: UnsafeMutableBufferPointer<UnsafeAtomic<UInt32>.Storage>, binning: IntegerBins, bin: Int
  ) {
    self.offsets = offsets
    self.targets = targets
    self.lengths = lengths
    self.cells = cells
    self.binning = binning
    self.bin = bin
  }

  @inline(__always) mutating func node(_ u: UInt32) {
    // The fields in locals: `self` lives in memory (the driver swaps its bins in and out),
    // so reads of its fields would be repeated after every filing call inside the loop.
    let cellBase = cells.baseAddress!
    let offsets = self.offsets
    let targets = self.targets
    let lengths = self.lengths
    let binning = self.binning
    let du = UnsafeAtomic<UInt32>(at: cellBase + Int(u)).load(ordering: .relaxed)
    if binning.isBelow(du, bin: bin) { return }
    // Invariant: (n − 1) · max length < 2³¹ (checked by EdgeLengths), so du + length stays
    // below 2³² − 1 (the unreached mark) and never wraps; offsets and ids are in range as
    // the builder checked.
    var k = offsets[Int(u)]
    let end = offsets[Int(u) &+ 1]
    while k < end {
      let v = Int(truncatingIfNeeded: targets[k])
      let candidate = du &+ lengths[k]
      let target = UnsafeAtomic<UInt32>(at: cellBase + v)
      var old = target.load(ordering: .relaxed)
      while candidate < old {
        let (exchanged, original) = target.weakCompareExchange(expected: old, desired: candidate, ordering: .relaxed)
        if exchanged {
          file(UInt32(truncatingIfNeeded: v), bin: binning.bin(of: candidate))
          break
        }
        old = original
      }
      k &+= 1
    }
  }
}
