import Testing

@testable import GraphCore

@Suite struct KroneckerGeneratorTests {
  @Test func scale10IsIndependentOfThreads() throws {
    let one = KroneckerGenerator.generate(scale: 10, edgeFactor: 16, seed: 42, threads: 1)
    let four = KroneckerGenerator.generate(scale: 10, edgeFactor: 16, seed: 42, threads: 4)
    #expect(one.graph == four.graph)
    #expect(one.report == four.report)
    let g = one.graph
    #expect(g.nodeCount == 1024)
    #expect(g.selfLoopCount == 0)
    #expect(!g.isDirected)
    try g.checkInvariants()
    // Every sampled edge is kept, or removed as a loop or a duplicate.
    #expect(g.edgeCount + one.report.selfLoopsRemoved + one.report.duplicatesRemoved == 16 * 1024)
    #expect(g.edgeCount > 8 * 1024)
    #expect(one.report.duplicatesRemoved > 0)
  }

  @Test func multipleSamplingBlocksAreIndependentOfThreads() {
    // 16 · 2^13 = 131 072 sampled edges: two blocks of random streams.
    let one = KroneckerGenerator.generate(scale: 13, edgeFactor: 16, seed: 5, threads: 1)
    let three = KroneckerGenerator.generate(scale: 13, edgeFactor: 16, seed: 5, threads: 3)
    #expect(one.graph == three.graph)
    #expect(one.report == three.report)
  }

  @Test func differentSeedsGiveDifferentGraphs() {
    let a = KroneckerGenerator.generate(scale: 10, edgeFactor: 16, seed: 1, threads: 2).graph
    let b = KroneckerGenerator.generate(scale: 10, edgeFactor: 16, seed: 2, threads: 2).graph
    #expect(a != b)
    #expect(a.nodeCount == b.nodeCount)
  }

  @Test func degreeDistributionIsSkewed() {
    let g = KroneckerGenerator.generate(scale: 10, edgeFactor: 16, seed: 7, threads: 2).graph
    let degrees = (0..<UInt32(g.nodeCount)).map { g.degree(of: $0) }
    let mean = Double(degrees.reduce(0, +)) / Double(degrees.count)
    let maximum = degrees.max() ?? 0
    #expect(Double(maximum) > 5 * mean, "max \(maximum), mean \(mean)")
    #expect(degrees.contains(0))  // R-MAT leaves some nodes without edges
  }

  @Test func uniformInitiatorIsNotSkewed() {
    // a = b = c = 0.25: every cell equally likely, so degrees are nearly binomial.
    let g = KroneckerGenerator.generate(scale: 10, edgeFactor: 16, seed: 7, a: 0.25, b: 0.25, c: 0.25, threads: 2).graph
    let degrees = (0..<UInt32(g.nodeCount)).map { g.degree(of: $0) }
    let mean = Double(degrees.reduce(0, +)) / Double(degrees.count)
    #expect(Double(degrees.max() ?? 0) < 2 * mean)
  }

  @Test func smallestScale() throws {
    let (g, report) = KroneckerGenerator.generate(scale: 1, edgeFactor: 4, seed: 1, threads: 1)
    #expect(g.nodeCount == 2)
    #expect(g.edgeCount <= 1)
    #expect(g.edgeCount + report.selfLoopsRemoved + report.duplicatesRemoved == 8)
    try g.checkInvariants()
  }
}
