import GraphCore

/// PageRank parameters, with networkx's defaults.
public struct PageRankOptions: Sendable {
  /// Damping factor α.
  public var alpha = 0.85
  /// Convergence: stop when the L1 change of an iteration is below `nodeCount · tolerance`.
  public var tolerance = 1e-10
  /// Iterations before giving up with an error.
  public var maxIterations = 1000
  /// Use edge weights (out-strength normalisation) when the graph has them.
  public var weighted = false
  /// Teleport distribution by node id (normalised to sum 1); uniform when nil.
  public var personalization: [Double]?
  /// Distribution of dangling nodes' rank; the personalization (or uniform) when nil.
  public var danglingWeights: [Double]?
  /// Threads to use; results are identical for every value.
  public var threads = Parallel.availableCores
  /// Keep the per-iteration contributions `x[u] / outStrength(u)`, which every iteration
  /// gathers at random, in single precision (as GAPBS does): half the memory traffic, and
  /// about 1e-7 relative error in the scores, so only for benchmarks and large graphs where
  /// networkx agreement to 1e-9 is not needed. Scores and sums stay in double precision.
  public var singlePrecisionContributions = false
  /// The starting vector (normalised to sum 1); `1/n` everywhere when nil (networkx `nstart`).
  public var initial: [Double]?
  /// Throw when `maxIterations` pass without convergence (as networkx); when false, return
  /// the last iterate with `converged == false` (for fixed-iteration benchmarks).
  public var requireConvergence = true

  public init(alpha: Double = 0.85, tolerance: Double = 1e-10, maxIterations: Int = 1000, weighted: Bool = false) {
    self.alpha = alpha
    self.tolerance = tolerance
    self.maxIterations = maxIterations
    self.weighted = weighted
  }
}

/// PageRank scores and how they were reached.
public struct PageRankResult: Sendable {
  /// The score of each node; they sum to 1.
  public var scores: [Double]
  /// Power iterations run.
  public var iterations: Int
  /// Whether the tolerance was reached.
  public var converged = true
}

/// PageRank (Brin and Page 1998), as networkx `pagerank` computes it.
public enum PageRank {
  /// Power iteration `x ← α (xᵀ S + Σ_dangling x · d) + (1 − α) p`, where `S` is the
  /// row-stochastic matrix of out-edges (by weight when `options.weighted`), `d` the dangling
  /// distribution and `p` the personalization, from `x = 1/n`, until the L1 change is below
  /// `n · tolerance`. Undirected edges count in both directions; a self-loop once.
  ///
  /// Each iteration pulls along in-edges, one node per task, in fixed parts whose partial
  /// sums are added in order, so results are identical for every thread count.
  /// - Throws: ``AlgorithmError`` when `maxIterations` pass without convergence, or for
  ///   invalid parameters.
  /// - Complexity: O(n + m) per iteration.
  public static func compute(_ graph: CSRGraph, options: PageRankOptions = PageRankOptions()) throws -> PageRankResult {
    let n = graph.nodeCount
    if n == 0 { return PageRankResult(scores: [], iterations: 0) }
    guard options.alpha >= 0 && options.alpha <= 1 else { throw AlgorithmError("pagerank", "alpha must be in [0, 1], got \(options.alpha)") }
    guard options.tolerance > 0 else { throw AlgorithmError("pagerank", "tolerance must be positive") }
    let p = try normalized(options.personalization, n: n, name: "personalization") ?? [Double](repeating: 1 / Double(n), count: n)
    let dangling = try normalized(options.danglingWeights, n: n, name: "dangling weights") ?? p
    let useWeights = options.weighted && graph.weights != nil
    if useWeights, let w = graph.weights, w.contains(where: { $0 < 0 }) {
      throw AlgorithmError("pagerank", "weights must be non-negative")
    }
    // Out-strength of each node.
    var outStrength = [Double](repeating: 0, count: n)
    graph.withUnsafeView { view in
      for v in 0..<n {
        if useWeights {
          var s = 0.0
          for k in view.offsets[v]..<view.offsets[v + 1] { s += view.weights![k] }
          outStrength[v] = s
        } else {
          outStrength[v] = Double(view.offsets[v + 1] - view.offsets[v])
        }
      }
    }
    let incoming = graph.isDirected ? graph.transposed() : graph
    let x = try normalized(options.initial, n: n, name: "initial vector") ?? LargeArrays.make(repeating: 1 / Double(n), count: n)
    let inverseStrength = outStrength.map { $0 > 0 ? 1 / $0 : 0 }
    if options.singlePrecisionContributions {
      return try iterate(
        Float.self, incoming: incoming, start: x, inverseStrength: inverseStrength, teleport: p, dangling: dangling,
        useWeights: useWeights, options: options)
    }
    return try iterate(
      Double.self, incoming: incoming, start: x, inverseStrength: inverseStrength, teleport: p, dangling: dangling,
      useWeights: useWeights, options: options)
  }

  /// The power iteration. Contributions are double-buffered so that each part writes the
  /// next iteration's contributions (and dangling mass) for its own nodes while others
  /// still read the current ones; nothing runs sequentially per iteration but the sums.
  private static func iterate<C: BinaryFloatingPoint & BitwiseCopyable>(
    _: C.Type, incoming: CSRGraph, start: [Double], inverseStrength: [Double], teleport p: [Double],
    dangling: [Double], useWeights: Bool, options: PageRankOptions
  ) throws -> PageRankResult {
    let n = incoming.nodeCount
    var x = start
    var next = LargeArrays.make(repeating: 0.0, count: n)
    var contribution: [C] = LargeArrays.make(repeating: C(0), count: n)
    var nextContribution: [C] = LargeArrays.make(repeating: C(0), count: n)
    var danglingSum = 0.0
    for v in 0..<n {
      contribution[v] = C(x[v] * inverseStrength[v])
      if inverseStrength[v] == 0 { danglingSum += x[v] }
    }
    let parts = Parallel.worthSplitting(n, threshold: 8192) ? 64 : 1
    let alpha = options.alpha
    for iteration in 1...max(options.maxIterations, 1) {
      let danglingTotal = danglingSum
      let sums = PartResults<(error: Double, dangling: Double)>(count: parts)
      incoming.withUnsafeView { into in
        contribution.withUnsafeBufferPointer { c in
          nextContribution.withUnsafeMutableBufferPointer { cNext in
            x.withUnsafeBufferPointer { last in
              next.withUnsafeMutableBufferPointer { out in
                p.withUnsafeBufferPointer { teleport in
                  dangling.withUnsafeBufferPointer { d in
                    inverseStrength.withUnsafeBufferPointer { inverse in
                      let shared = UncheckedSendable((into, c, cNext, last, out, teleport, d, inverse))
                      Parallel.forEach(parts: parts, threads: options.threads) { part in
                        let (into, c, cNext, last, out, teleport, d, inverse) = shared.value
                        var error = 0.0
                        var danglingMass = 0.0
                        for v in Parallel.range(part, of: parts, count: n) {
                          var sum = 0.0
                          let start = into.offsets[v]
                          let end = into.offsets[v + 1]
                          if useWeights, let w = into.weights {
                            for k in start..<end { sum += Double(c[Int(into.targets[k])]) * w[k] }
                          } else {
                            for k in start..<end { sum += Double(c[Int(into.targets[k])]) }
                          }
                          let value = alpha * (sum + danglingTotal * d[v]) + (1 - alpha) * teleport[v]
                          out[v] = value
                          cNext[v] = C(value * inverse[v])
                          if inverse[v] == 0 { danglingMass += value }
                          error += abs(value - last[v])
                        }
                        sums.set(part, (error, danglingMass))
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
      swap(&x, &next)
      swap(&contribution, &nextContribution)
      let results = sums.values
      danglingSum = results.reduce(0) { $0 + $1.dangling }
      let error = results.reduce(0) { $0 + $1.error }
      if error < Double(n) * options.tolerance { return PageRankResult(scores: x, iterations: iteration) }
    }
    if !options.requireConvergence {
      return PageRankResult(scores: x, iterations: max(options.maxIterations, 1), converged: false)
    }
    throw AlgorithmError(
      "pagerank", "did not converge within \(options.maxIterations) iterations (tolerance \(options.tolerance)); raise --max-iter or --tol")
  }

  static func normalized(_ values: [Double]?, n: Int, name: String) throws -> [Double]? {
    guard let values else { return nil }
    guard values.count == n else { throw AlgorithmError("pagerank", "\(name) has \(values.count) values for \(n) nodes") }
    guard values.allSatisfy({ $0 >= 0 && $0.isFinite }) else { throw AlgorithmError("pagerank", "\(name) must be non-negative") }
    let total = values.reduce(0, +)
    guard total > 0 else { throw AlgorithmError("pagerank", "\(name) must not be all zero") }
    return values.map { $0 / total }
  }
}
