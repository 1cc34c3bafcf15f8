import GraphCore

/// Eigenvector and Katz centrality by power iteration, as networkx computes them.
public enum SpectralCentrality {
  /// Eigenvector centrality (networkx `eigenvector_centrality`): iterate `x ← (A + I)ᵀ x`,
  /// normalised to unit Euclidean length, from `x = 1/n`, until the L1 change is below
  /// `n · tolerance`. For directed graphs a node gains from its in-neighbours.
  /// - Parameter weighted: multiply by edge weights.
  /// - Throws: ``AlgorithmError`` on an empty graph or without convergence.
  /// - Complexity: O(n + m) per iteration.
  public static func eigenvector(
    _ graph: CSRGraph, weighted: Bool = false, tolerance: Double = 1e-6, maxIterations: Int = 100
  ) throws -> [Double] {
    let n = graph.nodeCount
    guard n > 0 else { throw AlgorithmError("eigenvector", "the graph has no nodes") }
    var x = [Double](repeating: 1 / Double(n), count: n)
    var next = x
    for _ in 0..<maxIterations {
      // (A + I)ᵀ x: start from x itself.
      next.withUnsafeMutableBufferPointer { out in x.withUnsafeBufferPointer { out.baseAddress!.update(from: $0.baseAddress!, count: n) } }
      spread(graph, weighted: weighted, from: x, into: &next)
      let norm = euclidean(next)
      let scale = norm > 0 ? 1 / norm : 1
      var error = 0.0
      for v in 0..<n {
        next[v] *= scale
        error += abs(next[v] - x[v])
      }
      swap(&x, &next)
      if error < Double(n) * tolerance { return x }
    }
    throw AlgorithmError("eigenvector", "did not converge within \(maxIterations) iterations (tolerance \(tolerance))")
  }

  /// Katz centrality (networkx `katz_centrality`): iterate `x ← α Aᵀ x + β` from 0 until the
  /// L1 change is below `n · tolerance`, then (if `normalized`) scale to unit length.
  /// - Throws: ``AlgorithmError`` without convergence (α too large: it must be below 1/λ_max).
  /// - Complexity: O(n + m) per iteration.
  public static func katz(
    _ graph: CSRGraph, alpha: Double = 0.1, beta: Double = 1, weighted: Bool = false, normalized: Bool = true,
    tolerance: Double = 1e-6, maxIterations: Int = 1000
  ) throws -> [Double] {
    let n = graph.nodeCount
    var x = [Double](repeating: 0, count: n)
    var next = x
    for _ in 0..<maxIterations {
      for v in 0..<n { next[v] = 0 }
      spread(graph, weighted: weighted, from: x, into: &next)
      var error = 0.0
      for v in 0..<n {
        next[v] = alpha * next[v] + beta
        error += abs(next[v] - x[v])
      }
      swap(&x, &next)
      if error < Double(n) * tolerance {
        if normalized {
          let norm = euclidean(x)
          if norm > 0 { for v in 0..<n { x[v] /= norm } }
        }
        return x
      }
    }
    throw AlgorithmError(
      "katz", "did not converge within \(maxIterations) iterations; alpha \(alpha) may exceed 1/λmax of the adjacency matrix")
  }

  /// Adds `x[u] · w(u, v)` to `out[v]` for every edge u → v (both directions when undirected).
  static func spread(_ graph: CSRGraph, weighted: Bool, from x: [Double], into out: inout [Double]) {
    let useWeights = weighted && graph.weights != nil
    graph.withUnsafeView { view in
      x.withUnsafeBufferPointer { x in
        out.withUnsafeMutableBufferPointer { out in
          if useWeights, let w = view.weights {
            for u in 0..<view.nodeCount {
              let xu = x[u]
              for k in view.offsets[u]..<view.offsets[u + 1] { out[Int(view.targets[k])] += xu * w[k] }
            }
          } else {
            for u in 0..<view.nodeCount {
              let xu = x[u]
              for k in view.offsets[u]..<view.offsets[u + 1] { out[Int(view.targets[k])] += xu }
            }
          }
        }
      }
    }
  }

  /// The Euclidean norm, computed with scaling as `math.hypot` does (no overflow).
  static func euclidean(_ x: [Double]) -> Double {
    let largest = x.reduce(0) { max($0, abs($1)) }
    guard largest > 0 else { return 0 }
    var sum = 0.0
    for value in x {
      let scaled = value / largest
      sum += scaled * scaled
    }
    return largest * sum.squareRoot()
  }
}
