@testable import GraphAlgorithms
import GraphCore
import Testing

/// The triangle total with and without the degree orientation, and the rule choosing.
@Suite("Triangle total")
struct TrianglesTotalTests {
  static func graphs() -> [(String, CSRGraph)] {
    [
      ("kronecker 12", KroneckerGenerator.generate(scale: 12, edgeFactor: 16, seed: 3).graph),
      ("uniform", UniformGenerator.generate(nodes: 5000, edges: 60000, seed: 4)),
      ("grid", GridGenerator.generate(rows: 60, columns: 70)),
      ("clique 30", UniformGenerator.generate(nodes: 30, edges: 435, seed: 1)),
    ]
  }

  @Test("the same total in id order and degree order, equal to the per-node count, any thread count")
  func bothOrders() throws {
    for (name, g) in Self.graphs() {
      let expected = try Triangles.perNode(g, threads: 1).reduce(0, +) / 3
      for threads in [1, 2, 4] {
        try Parallel.$splitsSmallWork.withValue(true) { () throws in
          #expect(try Triangles.total(g, orient: true, threads: threads) == expected, "\(name) oriented")
          #expect(try Triangles.total(g, orient: false, threads: threads) == expected, "\(name) id order")
          #expect(try Triangles.total(g, threads: threads) == expected, "\(name) default")
        }
      }
    }
    // A complete graph on 30 nodes: C(30, 3).
    #expect(try Triangles.total(Self.graphs()[3].1) == 4060)
  }

  @Test("merging and bitmap marking count the same triangles, in both node orders")
  func mergeAndMarking() throws {
    var list = EdgeList(nodeCount: 4)
    for (u, v) in [(0, 1), (1, 2), (0, 2), (2, 2), (2, 3), (3, 3)] as [(UInt32, UInt32)] { list.append(u, v) }
    let loops = CSRGraph(edges: list, options: BuildOptions(selfLoops: .keep, threads: 1))
    for (name, g) in Self.graphs() + [("self-loops", loops)] {
      let expected = try Triangles.perNode(g, threads: 1).reduce(0, +) / 3
      let oriented = Triangles.orient(g, threads: 1).graph
      for markingFrom in [0, 3, 8, Int.max] {
        try Parallel.$splitsSmallWork.withValue(true) { () throws in
          for threads in [1, 3] {
            #expect(Triangles.countOrdered(g, threads: threads, markingFrom: markingFrom) == expected, "\(name) id order, marking from \(markingFrom)")
            #expect(Triangles.countOrdered(oriented, threads: threads, markingFrom: markingFrom) == expected, "\(name) oriented, marking from \(markingFrom)")
          }
        }
      }
    }
  }

  @Test("GAPBS's rule: orient the skewed Kronecker graph, not the uniform graph or the grid")
  func rule() {
    let g = Self.graphs()
    #expect(Triangles.worthOrienting(g[0].1))
    #expect(!Triangles.worthOrienting(g[1].1))
    #expect(!Triangles.worthOrienting(g[2].1))
    #expect(!Triangles.worthOrienting(CSRGraph(isolatedNodes: 10, isDirected: false)))
  }

  @Test("self-loops do not count and the graph's own rows are read unchanged")
  func selfLoops() throws {
    var list = EdgeList(nodeCount: 4)
    for (u, v) in [(0, 1), (1, 2), (0, 2), (2, 2), (2, 3), (3, 3)] as [(UInt32, UInt32)] { list.append(u, v) }
    let g = CSRGraph(edges: list, options: BuildOptions(selfLoops: .keep, threads: 1))
    #expect(try Triangles.total(g, orient: false) == 1)
    #expect(try Triangles.total(g, orient: true) == 1)
  }
}
