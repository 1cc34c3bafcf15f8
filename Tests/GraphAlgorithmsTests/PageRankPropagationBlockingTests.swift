@testable import GraphAlgorithms
import GraphCore
import Testing

/// Propagation-blocked PageRank against networkx, against a plain push iteration written
/// here, and across thread counts and bin widths.
@Suite("Propagation-blocked PageRank")
struct PageRankPropagationBlockingTests {
  /// The iteration propagation blocking computes, written the obvious way: every source in
  /// increasing id order pushes its single-precision contribution into double sums. Each
  /// destination's sum then adds its sources in increasing id order, as the bins do (parts
  /// are ascending source ranges read in order), so the scores agree bit for bit.
  static func pushIteration(_ graph: CSRGraph, tolerance: Double, maxIterations: Int) -> (scores: [Double], iterations: Int) {
    let n = graph.nodeCount
    let alpha = 0.85
    var y = [Double](repeating: 1 / Double(n), count: n)
    var c = (0..<n).map { v -> Float in
      let degree = graph.neighbors(of: UInt32(v)).count
      return degree > 0 ? Float(1 / Double(n) / Double(degree)) : 0
    }
    var iterations = 0
    while iterations < maxIterations {
      var sums = [Double](repeating: 0, count: n)
      for u in 0..<n {
        for v in graph.neighbors(of: UInt32(u)) { sums[Int(v)] += Double(c[u]) }
      }
      var change = 0.0
      for v in 0..<n {
        let value = (1 - alpha) / Double(n) + alpha * sums[v]
        change += abs(value - y[v])
        y[v] = value
        let degree = graph.neighbors(of: UInt32(v)).count
        c[v] = degree > 0 ? Float(value / Double(degree)) : 0
      }
      iterations += 1
      if change < tolerance { break }
    }
    let total = y.reduce(0, +)
    return (y.map { $0 / total }, iterations)
  }

  @Test("reaches networkx's scores (single-precision contributions: 1e-6 relative)", arguments: PageRankGaussSeidelTests.unweighted)
  func matchesNetworkx(name: String) throws {
    let fixture = try MetricFixture(name)
    let expected = try #require(fixture.values("pagerank"), "\(name): the fixture has no pagerank values")
    for (threads, width) in [(1, 1 << 16), (2, 2), (4, 4)] {
      // 300 Jacobi iterations leave 0.85³⁰⁰ ≈ 1e-21 of the start; no stop rule, since the
      // changes of single-precision contributions stall near 1e-9 on some fixtures.
      let result = PageRank.propagationBlocking(fixture.graph, tolerance: 0, maxIterations: 300, binWidth: width, threads: threads)
      #expect(result.iterations == 300)
      expectClose(result.scores, expected, relative: 1e-6, "\(name) propagation blocking, \(threads) threads, bins of \(width)")
      #expect(abs(result.scores.reduce(0, +) - 1) < 1e-12)
    }
  }

  @Test("bit for bit the plain push iteration, for every thread count and bin width")
  func equalsThePushIteration() throws {
    // 2¹³ nodes: 8 source parts; bins of 64 make 128 bins, of 2¹⁶ a single one.
    let graph = KroneckerGenerator.generate(scale: 13, edgeFactor: 8, seed: 3).graph
    let reference = Self.pushIteration(graph, tolerance: 1e-4, maxIterations: 20)
    for threads in [1, 2, 3] {
      for width in [64, 1024, 1 << 16] {
        let result = PageRank.propagationBlocking(graph, tolerance: 1e-4, maxIterations: 20, binWidth: width, threads: threads)
        #expect(result.iterations == reference.iterations, "\(threads) threads, bins of \(width)")
        #expect(result.scores == reference.scores, "\(threads) threads, bins of \(width)")
      }
    }
    let result = PageRank.propagationBlocking(graph, threads: 2)
    #expect(result.converged)
    #expect(KernelVerifier.pagerankResidual(graph, result.scores, alpha: 0.85) < 1e-4 / 0.15)
    let gs = PageRank.gaussSeidel(graph, tolerance: 1e-4, maxIterations: 20, threads: 2)
    let distance = zip(gs.scores, result.scores).reduce(0) { $0 + abs($1.0 - $1.1) }
    #expect(distance < 1e-3, "L1 \(distance) from Gauss–Seidel's scores")
  }

  @Test("a directed graph pushes along out-edges; dangling rank is dropped, then the scores rescaled")
  func directedGraph() {
    // 0 → 1 → 2 → 0, 2 → 3, 3 dangling, 4 isolated; plus a long tail so there are parts.
    let n = 3000
    var list = EdgeList(nodeCount: n)
    for (u, v) in [(0, 1), (1, 2), (2, 0), (2, 3)] { list.append(UInt32(u), UInt32(v)) }
    for v in 5..<n - 1 {
      list.append(UInt32(v), UInt32(v + 1))
      list.append(UInt32(v), 0)
    }
    let graph = CSRGraph(edges: list, options: BuildOptions(directed: true, threads: 1))
    let reference = Self.pushIteration(graph, tolerance: 1e-10, maxIterations: 200)
    for (threads, width) in [(1, 1 << 16), (2, 128), (3, 1)] {
      let result = PageRank.propagationBlocking(graph, tolerance: 1e-10, maxIterations: 200, binWidth: width, threads: threads)
      #expect(result.scores == reference.scores, "\(threads) threads, bins of \(width)")
      #expect(result.iterations == reference.iterations)
    }
  }

  @Test("the iteration limit stops it unconverged; the empty graph has no scores")
  func limits() throws {
    let graph = KroneckerGenerator.generate(scale: 12, edgeFactor: 8, seed: 4).graph
    let capped = PageRank.propagationBlocking(graph, tolerance: 1e-14, maxIterations: 3, binWidth: 256, threads: 2)
    #expect(capped.iterations == 3 && !capped.converged)
    #expect(abs(capped.scores.reduce(0, +) - 1) < 1e-12)
    let empty = PageRank.propagationBlocking(CSRGraph(edges: EdgeList(nodeCount: 0)), threads: 2)
    #expect(empty.scores.isEmpty && empty.iterations == 0)
  }
}
