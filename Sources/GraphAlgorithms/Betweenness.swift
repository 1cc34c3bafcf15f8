import Atomics
import Foundation
import GraphCore

/// Options for betweenness centrality.
public struct BetweennessOptions: Sendable {
  /// Divide as networkx does with `normalized=True` (by (n−1)(n−2), and by 2 more for
  /// undirected graphs when not normalised).
  public var normalized = true
  /// Use edge weights as path lengths (Dijkstra) instead of hops.
  public var weighted = false
  /// When set, accumulate from this many sources drawn at random with `seed` and scale by
  /// n/k (networkx `k=`), an unbiased estimate.
  public var sampleSources: Int?
  /// The seed for sampled sources.
  public var seed: UInt64 = 1
  /// Threads to use.
  public var threads = Parallel.availableCores
  /// Called with the number of sources done, from any thread; return false to stop.
  public var progress: (@Sendable (Int) -> Bool)?

  public init(normalized: Bool = true, weighted: Bool = false, sampleSources: Int? = nil, seed: UInt64 = 1) {
    self.normalized = normalized
    self.weighted = weighted
    self.sampleSources = sampleSources
    self.seed = seed
  }
}

/// Betweenness centrality by Brandes' algorithm (2001), as networkx `betweenness_centrality`
/// with endpoints excluded.
public enum Betweenness {
  /// The betweenness of every node.
  ///
  /// Sources are dealt to threads in a fixed pattern (see ``dependencies(_:from:weighted:threads:progress:)``),
  /// so a given input and thread count gives bit-identical results on every run; results for
  /// different thread counts agree to rounding (about 1e-15 relative).
  /// - Throws: ``AlgorithmError`` for negative weights, a bad sample size, or when stopped.
  /// - Complexity: O(n m) unweighted, O(n m log n) weighted; O(n · threads) space.
  public static func compute(_ graph: CSRGraph, options: BetweennessOptions = BetweennessOptions()) throws -> [Double] {
    let n = graph.nodeCount
    let weighted = options.weighted && graph.weights != nil
    let sources: [UInt32]
    if let k = options.sampleSources {
      guard k >= 1 && k <= n else { throw AlgorithmError("betweenness", "the sample size must be in 1...\(n), got \(k)") }
      sources = sampleNodes(n: n, k: k, seed: options.seed)
    } else {
      sources = (0..<UInt32(n)).map { $0 }
    }
    var result = try dependencies(graph, from: sources, weighted: weighted, threads: options.threads, progress: options.progress)
    let scale = rescale(n: n, directed: graph.isDirected, normalized: options.normalized, sampled: options.sampleSources)
    if scale != 1 { for v in 0..<n { result[v] *= scale } }
    return result
  }

  /// The summed dependencies δ_s(v) over the given sources (Brandes' accumulation, no
  /// rescaling): the raw betweenness restricted to those sources, counting ordered pairs.
  ///
  /// Reproducible: with W workers (`threads`, fewer for small jobs), the sources are cut into
  /// C = min(|sources|, 4W) fixed runs of consecutive sources; workers take runs one at a
  /// time as they become free (so a slow source or a busy core delays no one), sum each run
  /// in source order into a fresh buffer, and the run sums are added to the result in run
  /// order as they arrive. Every sum is thus done in an order fixed by the input and W, so
  /// repeated runs are bit-identical; different W only regroup the same terms.
  /// - Throws: ``AlgorithmError`` when stopped through `progress`.
  /// - Complexity: O(|sources| · m) unweighted, O(|sources| · m log n) weighted; O(n · W)
  ///   scratch, plus one n-value buffer per run finished ahead of an unfinished earlier one.
  public static func dependencies(
    _ graph: CSRGraph, from sources: [UInt32], weighted: Bool = false, threads: Int = Parallel.availableCores,
    progress: (@Sendable (Int) -> Bool)? = nil
  ) throws -> [Double] {
    let n = graph.nodeCount
    let weighted = weighted && graph.weights != nil
    if weighted { try Dijkstra.checkWeights(graph, algorithm: "betweenness") }
    let workers = workerCount(entries: graph.entryCount, sources: sources.count, threads: threads)
    let runs = workers == 1 ? 1 : min(sources.count, 4 * workers)
    let sum = OrderedRunSum(nodeCount: n)
    let nextRun = ManagedAtomic<Int>(0)
    let done = ProgressCounter()
    graph.withUnsafeView { view in
      let shared = UncheckedSendable(view)
      Parallel.forEach(parts: workers, threads: threads) { _ in
        let view = shared.value
        /// The next run to sum: its number and its sources' indices.
        func takeRun() -> (run: Int, indices: Range<Int>)? {
          let run = nextRun.loadThenWrappingIncrement(ordering: .relaxed)
          return run < runs ? (run, (run * sources.count / runs)..<((run + 1) * sources.count / runs)) : nil
        }
        if weighted {
          var search = DijkstraSearch(nodeCount: n)
          var delta = [Double](repeating: 0, count: n)
          while let (run, indices) = takeRun() {
            var centrality = [Double](repeating: 0, count: n)
            for index in indices {
              let s = sources[index]
              search.run(view, from: s, trackPredecessors: true)
              for w in search.order.reversed() {
                var link = search.predecessorHead[Int(w)]
                let coefficient = (1 + delta[Int(w)]) / search.sigma[Int(w)]
                while link >= 0 {
                  let (v, next) = search.links[Int(link)]
                  delta[Int(v)] += search.sigma[Int(v)] * coefficient
                  link = next
                }
                if w != s { centrality[Int(w)] += delta[Int(w)] }
              }
              for w in search.order { delta[Int(w)] = 0 }
              if !done.advance(progress) { return }
            }
            sum.add(run: run, centrality)
          }
        } else {
          var scratch = BrandesScratch(nodeCount: n, entryCount: view.targets.count)
          while let (run, indices) = takeRun() {
            var centrality = [Double](repeating: 0, count: n)
            for index in indices {
              scratch.accumulate(view, from: sources[index], into: &centrality)
              if !done.advance(progress) { return }
            }
            sum.add(run: run, centrality)
          }
        }
      }
    }
    if done.stopped { throw AlgorithmError("betweenness", "stopped before finishing") }
    guard let result = sum.result(runs: runs) else { throw AlgorithmError("betweenness", "stopped before finishing") }
    return result
  }

  /// Workers for `sources` searches over `entries` adjacency entries: one below 2¹⁸
  /// entries × sources in total (dispatch would cost more than it saves; the product
  /// saturates instead of overflowing), else one per thread up to one per source.
  static func workerCount(entries: Int, sources: Int, threads: Int) -> Int {
    let work = entries.multipliedReportingOverflow(by: sources)
    if !work.overflow && !Parallel.worthSplitting(work.partialValue, threshold: 1 << 18) { return 1 }
    return max(1, min(threads, sources))
  }

  /// The factor networkx applies: 1/((n−1)(n−2)) when normalised (n > 2), 1/2 for
  /// undirected graphs when not; times n/k when k sources were sampled (an unbiased estimate).
  static func rescale(n: Int, directed: Bool, normalized: Bool, sampled k: Int?) -> Double {
    var scale = 1.0
    if normalized {
      if n > 2 { scale = 1 / (Double(n - 1) * Double(n - 2)) }
    } else if !directed {
      scale = 0.5
    }
    if let k { scale *= Double(n) / Double(k) }
    return scale
  }

  /// `k` distinct nodes drawn with a seeded partial Fisher–Yates shuffle.
  static func sampleNodes(n: Int, k: Int, seed: UInt64) -> [UInt32] {
    var random = RandomStream(seed: seed)
    var pool = (0..<UInt32(n)).map { $0 }
    for i in 0..<k { pool.swapAt(i, i + Int(random.below(UInt64(n - i)))) }
    return Array(pool[0..<k]).sorted()
  }
}

/// Scratch space for unweighted Brandes from one source: BFS order, path counts,
/// dependencies, and one bit per adjacency entry marking the edges that lead one level
/// further (the shortest-path DAG), so the backward pass reads only those edges.
struct BrandesScratch {
  var distance: [Int32]
  var sigma: [Double]
  var delta: [Double]
  var order: [UInt32] = []
  var successor: [UInt64]

  init(nodeCount n: Int, entryCount: Int) {
    distance = [Int32](repeating: -1, count: n)
    sigma = [Double](repeating: 0, count: n)
    delta = [Double](repeating: 0, count: n)
    successor = [UInt64](repeating: 0, count: (entryCount + 63) / 64)
    order.reserveCapacity(n)
  }

  /// Adds the dependencies of `source` to `centrality`, then resets what it touched.
  mutating func accumulate(_ view: UnsafeCSRView, from source: UInt32, into centrality: inout [Double]) {
    distance.withUnsafeMutableBufferPointer { distance in
      sigma.withUnsafeMutableBufferPointer { sigma in
        delta.withUnsafeMutableBufferPointer { delta in
          successor.withUnsafeMutableBufferPointer { succ in
            centrality.withUnsafeMutableBufferPointer { centrality in
              distance[Int(source)] = 0
              sigma[Int(source)] = 1
              order.append(source)
              var head = 0
              while head < order.count {
                let v = order[head]
                head += 1
                let next = distance[Int(v)] + 1
                let sv = sigma[Int(v)]
                for k in view.offsets[Int(v)]..<view.offsets[Int(v) + 1] {
                  let w = Int(view.targets[k])
                  var dw = distance[w]
                  if dw < 0 {
                    distance[w] = next
                    dw = next
                    order.append(UInt32(w))
                  }
                  if dw == next {
                    sigma[w] += sv
                    succ[k >> 6] |= 1 << UInt64(k & 63)
                  }
                }
              }
              // Walk back: each v collects from its successors.
              for i in stride(from: order.count - 1, through: 0, by: -1) {
                let v = Int(order[i])
                var dependency = 0.0
                var k = view.offsets[v]
                let end = view.offsets[v + 1]
                while k < end {
                  let word = succ[k >> 6]
                  if word == 0 {
                    k = (k | 63) + 1
                    continue
                  }
                  if (word >> UInt64(k & 63)) & 1 != 0 {
                    let w = Int(view.targets[k])
                    dependency += (1 + delta[w]) / sigma[w]
                  }
                  k += 1
                }
                delta[v] = sigma[v] * dependency
                if v != Int(source) { centrality[v] += delta[v] }
              }
              for v in order {
                let start = view.offsets[Int(v)]
                let end = view.offsets[Int(v) + 1]
                if start < end { for word in (start >> 6)...((end - 1) >> 6) { succ[word] = 0 } }
                distance[Int(v)] = -1
                sigma[Int(v)] = 0
                delta[Int(v)] = 0
              }
            }
          }
        }
      }
    }
    order.removeAll(keepingCapacity: true)
  }
}

/// Counts finished work items across threads and asks a callback whether to go on.
final class ProgressCounter: @unchecked Sendable {
  private var done = 0
  private(set) var stopped = false
  private let lock = NSLockLike()

  /// Records one finished item; returns false when work should stop.
  func advance(_ callback: (@Sendable (Int) -> Bool)?) -> Bool {
    guard let callback else { return true }
    let count = lock.withLock { () -> Int in
      done += 1
      return done
    }
    if !callback(count) {
      lock.withLock { stopped = true }
      return false
    }
    return !lock.withLock { stopped }
  }
}

/// Run sums added in run order as they arrive: run k is added once runs 0…k−1 have been, so
/// the total is ((r₀ + r₁) + r₂) + … whatever order the runs finish in.
private final class OrderedRunSum: @unchecked Sendable {
  private let lock = NSLock()
  private var total: [Double]
  private var added = 0
  private var waiting: [Int: [Double]] = [:]

  init(nodeCount: Int) { total = [Double](repeating: 0, count: nodeCount) }

  /// Adds run `run`'s sums, and every waiting later run that can now follow. Thread-safe.
  /// - Complexity: O(n) per run added, under the lock.
  func add(run: Int, _ values: [Double]) {
    lock.lock()
    defer { lock.unlock() }
    waiting[run] = values
    while let next = waiting.removeValue(forKey: added) {
      for v in total.indices { total[v] += next[v] }
      added += 1
    }
  }

  /// The total when all `runs` runs were added, else nil (the computation was stopped).
  func result(runs: Int) -> [Double]? {
    lock.lock()
    defer { lock.unlock() }
    return added == runs ? total : nil
  }
}
