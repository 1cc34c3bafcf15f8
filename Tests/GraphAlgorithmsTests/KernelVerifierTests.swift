import GraphCore
import Testing

@testable import GraphAlgorithms

/// The independent verifiers `bench` runs: they pass the kernels' results and fail
/// perturbed ones (a verifier that cannot fail checks nothing).
@Suite struct KernelVerifierTests {
  static let graph = KroneckerGenerator.generate(scale: 10, edgeFactor: 8, seed: 5).graph
  static let directed = UniformGenerator.generate(nodes: 300, edges: 2000, seed: 2, directed: true)

  @Test(arguments: [false, true])
  func pagerankAgainstASerialPowerIteration(directed: Bool) throws {
    let graph = directed ? Self.directed : Self.graph
    var options = PageRankOptions()
    options.threads = 2
    let result = try PageRank.compute(graph, options: options)
    #expect(KernelVerifier.pagerank(graph, result, options: options) == true)
    var wrong = result
    wrong.scores[0] += 1e-6
    wrong.scores[1] -= 1e-6
    #expect(KernelVerifier.pagerank(graph, wrong, options: options) == false)
    var fewer = result
    fewer.iterations -= 3
    #expect(KernelVerifier.pagerank(graph, fewer, options: options) == false)
  }

  @Test func betweennessAgainstASerialBrandes() throws {
    let graph = Self.graph
    let sources: [UInt32] = [0, 3, 17, 200, 511]
    let scores = try Betweenness.dependencies(graph, from: sources, threads: 2)
    #expect(KernelVerifier.betweenness(graph, scores, sources: sources))
    var wrong = scores
    let busiest = wrong.indices.max { wrong[$0] < wrong[$1] }!
    wrong[busiest] *= 1 + 1e-6
    #expect(!KernelVerifier.betweenness(graph, wrong, sources: sources))
    #expect(!KernelVerifier.betweenness(graph, scores, sources: [0, 3]))
  }
}
