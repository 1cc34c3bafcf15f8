import Testing

@testable import GraphCore

/// The grid generator: shape by hand, relabelling as a permutation, seeded lengths.
@Suite struct GridGeneratorTests {
  @Test("a 3 × 4 grid by hand: 17 edges, corner degree 2, inner degree 4")
  func smallGrid() {
    let g = GridGenerator.generate(rows: 3, columns: 4, threads: 1)
    #expect(g.nodeCount == 12 && g.edgeCount == 17 && !g.isDirected && !g.isWeighted)
    #expect(Array(g.neighbors(of: 0)) == [1, 4])
    #expect(Array(g.neighbors(of: 5)) == [1, 4, 6, 9])
    #expect(Array(g.neighbors(of: 11)) == [7, 10])
    let line = GridGenerator.generate(rows: 1, columns: 5, threads: 1)
    #expect(line.edgeCount == 4 && Array(line.neighbors(of: 2)) == [1, 3])
    #expect(GridGenerator.generate(rows: 1, columns: 1, threads: 1).edgeCount == 0)
  }

  @Test("shuffling relabels by a permutation: same degree multiset and edge count, seeded, thread-independent")
  func shuffled() {
    let plain = GridGenerator.generate(rows: 30, columns: 40, threads: 1)
    let a = GridGenerator.generate(rows: 30, columns: 40, seed: 5, shuffle: true, threads: 1)
    let b = GridGenerator.generate(rows: 30, columns: 40, seed: 5, shuffle: true, threads: 4)
    let c = GridGenerator.generate(rows: 30, columns: 40, seed: 6, shuffle: true, threads: 1)
    #expect(a == b)
    #expect(a != c && a != plain)
    #expect(a.edgeCount == plain.edgeCount)
    let degrees = { (g: CSRGraph) in (0..<g.nodeCount).map { g.degree(of: UInt32($0)) }.sorted() }
    #expect(degrees(a) == degrees(plain))
  }

  @Test("lengths are seeded integers in 1...L, the same in both directions")
  func lengths() throws {
    let g = GridGenerator.generate(rows: 20, columns: 20, seed: 2, maxLength: 9, threads: 2)
    let weights = try #require(g.weights)
    #expect(weights.allSatisfy { $0 >= 1 && $0 <= 9 && $0 == $0.rounded() })
    #expect(Set(weights).count == 9)
    for u in 0..<g.nodeCount {
      for (v, w) in zip(g.neighbors(of: UInt32(u)), g.neighborWeights(of: UInt32(u))!) {
        let back = g.neighbors(of: v).firstIndex(of: UInt32(u))!
        #expect(g.neighborWeights(of: v)![back] == w)
      }
    }
    #expect(GridGenerator.generate(rows: 20, columns: 20, seed: 2, maxLength: 9, threads: 1) == g)
  }
}
