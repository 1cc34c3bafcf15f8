@testable import GraphAlgorithms
import GraphCore
import Testing

/// Gauss–Seidel PageRank (bench's default) against networkx's values and the Jacobi iteration.
@Suite("Gauss-Seidel PageRank")
struct PageRankGaussSeidelTests {
  /// Unweighted fixtures (networkx's pagerank uses weights where there are any).
  static let unweighted = ["karate", "lesmis", "florentine", "directed_dangling", "disconnected_loops"]

  @Test("reaches networkx's scores (single-precision contributions: 1e-6 relative)", arguments: unweighted)
  func matchesNetworkx(name: String) throws {
    let fixture = try MetricFixture(name)
    let expected = try #require(fixture.values("pagerank"), "\(name): the fixture has no pagerank values")
    for threads in [1, 2, 4] {
      let result = PageRank.gaussSeidel(fixture.graph, tolerance: 1e-12, maxIterations: 1000, threads: threads)
      #expect(result.converged, "\(name): did not converge")
      expectClose(result.scores, expected, relative: 1e-6, "\(name) gauss-seidel, \(threads) threads")
      #expect(abs(result.scores.reduce(0, +) - 1) < 1e-12)
    }
  }

  @Test("the same fixed point as the Jacobi iteration on a Kronecker graph")
  func agreesWithJacobi() throws {
    let graph = KroneckerGenerator.generate(scale: 12, edgeFactor: 16, seed: 1).graph
    let gs = PageRank.gaussSeidel(graph, tolerance: 1e-4, maxIterations: 20, threads: 2)
    #expect(gs.converged)
    let exact = try PageRank.compute(graph, options: PageRankOptions(tolerance: 1e-14))
    let distance = zip(gs.scores, exact.scores).reduce(0) { $0 + abs($1.0 - $1.1) }
    #expect(distance < 1e-3, "L1 \(distance) from the converged scores")
    #expect(KernelVerifier.pagerankResidual(graph, gs.scores, alpha: 0.85) < 1e-4 / 0.15)
    // The sweep limit stops the team at exactly that many sweeps, unconverged, at any thread
    // count; 2¹⁵ nodes are two chunks, so two workers share each sweep.
    let larger = KroneckerGenerator.generate(scale: 15, edgeFactor: 8, seed: 2).graph
    for threads in [1, 2, 3] {
      let capped = PageRank.gaussSeidel(larger, tolerance: 1e-12, maxIterations: 3, threads: threads)
      #expect(capped.iterations == 3 && !capped.converged, "\(threads) threads")
      #expect(abs(capped.scores.reduce(0, +) - 1) < 1e-12)
    }
  }
}
