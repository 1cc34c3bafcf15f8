import Testing

@testable import GraphCore

@Suite struct UniformGeneratorTests {
  /// Checks a simple graph: no loops, no duplicate edges, invariants.
  func expectSimple(_ g: CSRGraph) throws {
    try g.checkInvariants()
    #expect(g.selfLoopCount == 0)
    for u in 0..<UInt32(g.nodeCount) {
      let row = Array(g.neighbors(of: u))
      #expect(Set(row).count == row.count)
      #expect(!row.contains(u))
    }
  }

  @Test(arguments: [(100, 0), (100, 1), (100, 300), (50, 600), (50, 1225), (2, 1), (1, 0), (0, 0)])
  func exactEdgeCountUndirected(nodes: Int, edges: Int) throws {
    let g = UniformGenerator.generate(nodes: nodes, edges: edges, seed: 3, threads: 2)
    #expect(g.nodeCount == nodes)
    #expect(g.edgeCount == edges)
    #expect(!g.isDirected)
    try expectSimple(g)
  }

  @Test(arguments: [(30, 0), (30, 100), (30, 500), (30, 869), (30, 870)])
  func exactEdgeCountDirected(nodes: Int, edges: Int) throws {
    // 30 · 29 = 870 possible arcs; 500 and more take the complement path.
    let g = UniformGenerator.generate(nodes: nodes, edges: edges, seed: 9, directed: true, threads: 2)
    #expect(g.isDirected)
    #expect(g.edgeCount == edges)
    try expectSimple(g)
  }

  @Test func densePathIsTheComplementOfASparseDraw() {
    // 1225 possible edges on 50 nodes; 1000 is dense, so the 225 missing pairs are drawn
    // with the same seed.
    let dense = UniformGenerator.generate(nodes: 50, edges: 1000, seed: 4, threads: 1)
    let missing = UniformGenerator.generate(nodes: 50, edges: 225, seed: 4, threads: 1)
    for u in 0..<UInt32(50) {
      let present = Set(dense.neighbors(of: u))
      let absent = Set(missing.neighbors(of: u))
      #expect(present.isDisjoint(with: absent))
      #expect(present.count + absent.count == 49)
    }
  }

  @Test func sameSeedSameGraphForAnyThreads() {
    // Over 65 536 edges: several blocks of random streams.
    let one = UniformGenerator.generate(nodes: 3000, edges: 100_000, seed: 8, threads: 1)
    let four = UniformGenerator.generate(nodes: 3000, edges: 100_000, seed: 8, threads: 4)
    #expect(one == four)
    #expect(one.edgeCount == 100_000)
    let dense1 = UniformGenerator.generate(nodes: 40, edges: 700, seed: 8, directed: true, threads: 1)
    let dense4 = UniformGenerator.generate(nodes: 40, edges: 700, seed: 8, directed: true, threads: 4)
    #expect(dense1 == dense4)
  }

  @Test func differentSeedsDiffer() {
    let a = UniformGenerator.generate(nodes: 100, edges: 200, seed: 1, threads: 1)
    let b = UniformGenerator.generate(nodes: 100, edges: 200, seed: 2, threads: 1)
    #expect(a != b)
  }

  @Test func edgesAreSpreadOverAllPairs() {
    // 20 nodes, 95 of 190 edges: each node's expected degree is 9.5; all nodes get some.
    let g = UniformGenerator.generate(nodes: 20, edges: 95, seed: 6, threads: 1)
    let degrees = (0..<UInt32(20)).map { g.degree(of: $0) }
    #expect(degrees.min()! >= 2)
    #expect(degrees.max()! <= 17)
  }

  @Test func maximumEdges() {
    #expect(UniformGenerator.maximumEdges(nodes: 10, directed: false) == 45)
    #expect(UniformGenerator.maximumEdges(nodes: 10, directed: true) == 90)
    #expect(UniformGenerator.maximumEdges(nodes: 0, directed: false) == 0)
    #expect(UniformGenerator.maximumEdges(nodes: 1, directed: true) == 0)
  }
}
