@testable import GraphAlgorithms
import GraphCore
import Testing

/// Δ-stepping shortest paths (bench's sssp) against networkx, a hand-computed case, the
/// shortest-path optimality conditions and the serial Dijkstra.
@Suite("Delta-stepping SSSP", .splitsSmallWork)
struct DeltaSteppingTests {
  static func graph(_ nodes: Int, _ edges: [(UInt32, UInt32, Double)], directed: Bool) -> CSRGraph {
    var list = EdgeList(nodeCount: nodes, weights: [])
    for (u, v, w) in edges { list.append(u, v, weight: w) }
    return CSRGraph(edges: list, options: BuildOptions(directed: directed, threads: 1))
  }

  /// A seeded random graph with `degree` edges per node on average and lengths from `length`.
  static func random(
    nodes: Int, degree: Int, seed: UInt64, directed: Bool, length: (inout RandomStream) -> Double
  ) -> CSRGraph {
    var random = RandomStream(seed: seed, stream: 7)
    var edges: [(UInt32, UInt32, Double)] = []
    for _ in 0..<(nodes * degree / 2) {
      let u = UInt32(random.below(UInt64(nodes))), v = UInt32(random.below(UInt64(nodes)))
      edges.append((u, v, length(&random)))
    }
    return graph(nodes, edges, directed: directed)
  }

  @Test("a directed case by hand: the light detour beats the heavy edge, node 4 unreachable")
  func handComputed() throws {
    // 0→1 (4), 0→2 (1), 2→1 (2), 1→3 (1), 2→3 (5), 3→0 (1); node 4 has no in-edges.
    let g = Self.graph(
      5, [(0, 1, 4), (0, 2, 1), (2, 1, 2), (1, 3, 1), (2, 3, 5), (3, 0, 1), (4, 0, 1)], directed: true)
    let lengths = try EdgeLengths(g)
    for delta in [0.5, 1, 2, 10] {
      for threads in [1, 2] {
        let r = DeltaStepping.distances(lengths, from: 0, delta: delta, threads: threads)
        #expect(r.distances == [0, 3, 1, 4, .infinity], "delta \(delta), \(threads) threads")
        #expect(r.reached == 4)
      }
    }
    #expect(lengths.maxLength == 5)
  }

  @Test("networkx's single_source_dijkstra_path_length on the weighted fixtures")
  func matchesNetworkx() throws {
    for name in ["weighted_ties", "grid_weighted_ties", "lesmis"] {
      let fixture = try MetricFixture(name)
      let expected = try #require(fixture.values("dijkstra_from_0"), "\(name): no dijkstra_from_0 values")
      let lengths = try EdgeLengths(fixture.graph)
      for delta in [1.0, 3.0] {
        let r = DeltaStepping.distances(lengths, from: 0, delta: delta, threads: 2)
        expectClose(r.distances, expected, relative: 1e-12, "\(name), delta \(delta)")
      }
    }
  }

  @Test(
    "equal to the serial Dijkstra on random graphs, any delta and thread count",
    arguments: [(false, true), (true, true), (false, false), (true, false)])
  func matchesDijkstra(directed: Bool, integerLengths: Bool) throws {
    let g = Self.random(nodes: 3000, degree: 10, seed: directed ? 11 : 12, directed: directed) { random in
      integerLengths ? Double(1 + random.below(255)) : Double(random.below(1 << 20)) / 4096 + 0.001
    }
    let lengths = try EdgeLengths(g)
    #expect(lengths.isInteger == integerLengths, "integer lengths take the 32-bit integer path")
    let oracle = try Dijkstra.distances(g, from: 5)
    for delta in [0.25, 1, 2, 3, 40, 2.5, 1e6] {
      for threads in [1, 2, 4] {
        let r = DeltaStepping.distances(lengths, from: 5, delta: delta, threads: threads)
        #expect(r.distances == oracle, "delta \(delta), \(threads) threads")
        #expect(KernelVerifier.shortestPaths(lengths, r, source: 5))
      }
    }
  }

  @Test("integer bins: ⌊d / Δ⌋ by a multiply-high and the skip test by a product, against division")
  func integerBins() {
    var random = RandomStream(seed: 5)
    let edges: [UInt32] = [0, 1, 2, 3, 254, 255, 1 << 31, UInt32.max - 1, UInt32.max]
    for delta in [1.0, 2, 3, 7, 255, 1000, 65_536, 4_294_967_295, 0x1p32, 0.5, 2.5, 1e-3] {
      let bins = IntegerBins(delta: delta)
      #expect((bins.width != 0) == (delta >= 1 && delta == delta.rounded()))
      var samples = edges
      for _ in 0..<2000 { samples.append(UInt32(truncatingIfNeeded: random.next())) }
      for d in samples {
        let exact = Int((Double(d) / delta).rounded(.down))
        #expect(bins.bin(of: d) == exact, "d \(d), delta \(delta)")
        #expect(!bins.isBelow(d, bin: exact) && (exact == 0 || !bins.isBelow(d, bin: exact - 1)))
        #expect(bins.isBelow(d, bin: exact + 1), "d \(d), delta \(delta)")
      }
    }
  }

  @Test("optimality conditions: no edge can shorten a distance and every reached node has a tight in-edge")
  func optimality() throws {
    let g = Self.random(nodes: 2000, degree: 8, seed: 3, directed: true) { Double($0.below(100)) / 10 }
    let r = DeltaStepping.distances(try EdgeLengths(g), from: 0, delta: 0.7, threads: 2)
    var tight = [Bool](repeating: false, count: g.nodeCount)
    tight[0] = true
    for u in 0..<g.nodeCount where r.distances[u] < .infinity {
      let row = g.neighbors(of: UInt32(u))
      let weights = try #require(g.neighborWeights(of: UInt32(u)))
      for (v, w) in zip(row, weights) {
        #expect(r.distances[Int(v)] <= r.distances[u] + w)
        if r.distances[Int(v)] == r.distances[u] + w { tight[Int(v)] = true }
      }
    }
    for v in 0..<g.nodeCount where r.distances[v] < .infinity { #expect(tight[v], "node \(v) has no tight in-edge") }
    #expect(r.reached == r.distances.count(where: { $0 < .infinity }))
    #expect(r.reached > 1000)
  }

  @Test("zero-length edges and an unweighted graph (lengths 1 = breadth-first depths)")
  func zeroLengthsAndUnweighted() throws {
    let zero = Self.graph(4, [(0, 1, 0), (1, 2, 0), (2, 3, 1)], directed: false)
    #expect(DeltaStepping.distances(try EdgeLengths(zero), from: 0, delta: 1, threads: 2).distances == [0, 0, 0, 1])
    let k = KroneckerGenerator.generate(scale: 10, edgeFactor: 8, seed: 4).graph
    let depths = BreadthFirstSearch.depths(k, from: 1, threads: 1).distances
    let r = DeltaStepping.distances(try EdgeLengths(k), from: 1, delta: 1, threads: 2)
    #expect(r.distances == depths.map { $0 < 0 ? Double.infinity : Double($0) })
  }

  @Test("integer lengths whose paths could pass 2³¹ take the Double path, with the same distances")
  func largeIntegerLengths() throws {
    let small = Self.random(nodes: 1500, degree: 8, seed: 21, directed: false) { Double(1 + $0.below(50)) }
    let scaled = Self.random(nodes: 1500, degree: 8, seed: 21, directed: false) { Double(1 + $0.below(50)) * 4_000_000 }
    let a = try EdgeLengths(small), b = try EdgeLengths(scaled)
    #expect(a.isInteger && !b.isInteger)
    let da = DeltaStepping.distances(a, from: 0, delta: 3, threads: 2)
    let db = DeltaStepping.distances(b, from: 0, delta: 3 * 4_000_000, threads: 2)
    #expect(db.distances == da.distances.map { $0 * 4_000_000 })
    #expect(db.steps == da.steps)
  }

  @Test("negative, infinite and NaN lengths are refused by name")
  func badLengths() {
    for bad in [-1.0, .infinity, .nan] {
      let g = Self.graph(3, [(0, 1, 1), (1, 2, bad)], directed: true)
      #expect(throws: AlgorithmError.self) { try EdgeLengths(g) }
    }
  }

  @Test("the verifier rejects a wrong distance")
  func verifierCatchesErrors() throws {
    let g = Self.random(nodes: 500, degree: 6, seed: 9, directed: false) { Double(1 + $0.below(9)) }
    let lengths = try EdgeLengths(g)
    var r = DeltaStepping.distances(lengths, from: 0, delta: 2, threads: 2)
    #expect(KernelVerifier.shortestPaths(lengths, r, source: 0))
    let far = try #require(r.distances.indices.last(where: { r.distances[$0] < .infinity && $0 != 0 }))
    r.distances[far] += 1
    #expect(!KernelVerifier.shortestPaths(lengths, r, source: 0))
  }
}
