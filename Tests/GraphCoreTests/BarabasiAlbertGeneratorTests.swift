import Testing

@testable import GraphCore

@Suite struct BarabasiAlbertGeneratorTests {
  @Test func edgeCountAndStructure() throws {
    let g = BarabasiAlbertGenerator.generate(nodes: 100, attachment: 3, seed: 1)
    #expect(g.nodeCount == 100)
    #expect(g.edgeCount == 3 + (100 - 3 - 1) * 3)
    #expect(g.edgeCount == 291)
    #expect(!g.isDirected)
    #expect(g.selfLoopCount == 0)
    try g.checkInvariants()
    // The seed star: node 0 is linked to 1, 2, 3.
    #expect(Set(g.neighbors(of: 0)).isSuperset(of: [1, 2, 3]))
    // Every later node has at least `attachment` neighbours, all of them older or newer nodes.
    for v in UInt32(4)..<100 {
      #expect(g.degree(of: v) >= 3)
      #expect(g.neighbors(of: v).filter { $0 < v }.count == 3)
    }
  }

  @Test func deterministicBySeed() {
    let a = BarabasiAlbertGenerator.generate(nodes: 200, attachment: 2, seed: 5)
    let b = BarabasiAlbertGenerator.generate(nodes: 200, attachment: 2, seed: 5)
    let c = BarabasiAlbertGenerator.generate(nodes: 200, attachment: 2, seed: 6)
    #expect(a == b)
    #expect(a != c)
  }

  @Test func preferentialAttachmentMakesHubs() {
    let g = BarabasiAlbertGenerator.generate(nodes: 2000, attachment: 2, seed: 3)
    let degrees = (0..<UInt32(2000)).map { g.degree(of: $0) }
    let mean = Double(degrees.reduce(0, +)) / 2000
    #expect(Double(degrees.max()!) > 8 * mean)
  }

  @Test func smallestGraphs() throws {
    let star = BarabasiAlbertGenerator.generate(nodes: 4, attachment: 3, seed: 1)
    #expect(rows(star) == [[1, 2, 3], [0], [0], [0]])
    let pair = BarabasiAlbertGenerator.generate(nodes: 2, attachment: 1, seed: 1)
    #expect(pair.edgeCount == 1)
    let path = BarabasiAlbertGenerator.generate(nodes: 3, attachment: 1, seed: 1)
    #expect(path.edgeCount == 2)
    try path.checkInvariants()
  }
}
