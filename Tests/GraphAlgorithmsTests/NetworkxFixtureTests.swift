import Foundation
@testable import GraphAlgorithms
import GraphCore
import Testing

/// A fixture written by scripts/fixtures/generate_metric_fixtures.py: a graph and the
/// values networkx computes on it.
struct MetricFixture {
  let name: String
  let graph: CSRGraph
  let json: [String: Any]

  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/metrics")

  static let names = [
    "karate", "lesmis", "florentine", "directed_dangling", "disconnected_loops", "weighted_ties",
    "grid_weighted_ties",
  ]

  init(_ name: String) throws {
    self.name = name
    let data = try Data(contentsOf: MetricFixture.directory.appendingPathComponent("\(name).json"))
    json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let nodes = try #require(json["nodes"] as? Int)
    let options = EdgeListReadOptions(
      declaredNodes: nodes, directed: json["directed"] as? Bool ?? false,
      keepSelfLoops: (json["self_loops"] as? Int ?? 0) > 0)
    graph = try EdgeListReader.read(
      path: MetricFixture.directory.appendingPathComponent("\(name).el").path, options: options
    ).graph.graph
    #expect(graph.edgeCount == json["edges"] as? Int)
  }

  var metrics: [String: [Any]] { json["metrics"] as? [String: [Any]] ?? [:] }
  var scalars: [String: Any] { json["scalars"] as? [String: Any] ?? [:] }
  var sets: [String: Any] { json["sets"] as? [String: Any] ?? [:] }
  var params: [String: Any] { json["params"] as? [String: Any] ?? [:] }

  /// Per-node expected values, `nil` where networkx gives null.
  func values(_ key: String) -> [Double?]? {
    metrics[key].map { $0.map { ($0 as? NSNumber)?.doubleValue } }
  }
}

/// Checks `actual` against networkx within `relative` (plus a tiny absolute floor).
func expectClose(
  _ actual: [Double], _ expected: [Double?], relative: Double, _ what: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(actual.count == expected.count, "\(what): \(actual.count) values, expected \(expected.count)", sourceLocation: sourceLocation)
  var worst = 0.0
  var worstNode = -1
  for (v, want) in expected.enumerated() where v < actual.count {
    guard let want else {
      #expect(!actual[v].isFinite || actual[v] < 0, "\(what)[\(v)]: expected undefined, got \(actual[v])", sourceLocation: sourceLocation)
      continue
    }
    let error = abs(actual[v] - want) / max(abs(want), 1e-300)
    if abs(actual[v] - want) > 1e-14 && error > worst {
      worst = error
      worstNode = v
    }
  }
  #expect(
    worst <= relative,
    "\(what): node \(worstNode) off by \(worst) relative (got \(worstNode >= 0 ? actual[worstNode] : 0), want \(worstNode >= 0 ? expected[worstNode] ?? .nan : 0))",
    sourceLocation: sourceLocation)
}

/// Deterministic metrics must match to 1e-9 relative; iterative ones to 1e-6.
let deterministic = 1e-9
let iterative = 1e-6

@Suite("metrics match networkx on fixtures")
struct NetworkxFixtureTests {
  @Test(arguments: MetricFixture.names)
  func degrees(_ name: String) throws {
    let f = try MetricFixture(name)
    if let want = f.values("degree") { expectClose(Degree.degrees(f.graph).map(Double.init), want, relative: 0, "degree") }
    if let want = f.values("in_degree") { expectClose(Degree.inDegrees(f.graph).map(Double.init), want, relative: 0, "in_degree") }
    if let want = f.values("out_degree") { expectClose(Degree.outDegrees(f.graph).map(Double.init), want, relative: 0, "out_degree") }
    if let want = f.values("strength") { expectClose(Degree.strengths(f.graph), want, relative: deterministic, "strength") }
  }

  @Test(arguments: MetricFixture.names)
  func shortestPaths(_ name: String) throws {
    let f = try MetricFixture(name)
    if let want = f.values("bfs_hops_from_0") {
      let bfs = BreadthFirstSearch.run(f.graph, from: 0)
      expectClose(bfs.distances.map { $0 < 0 ? -1 : Double($0) }, want, relative: 0, "bfs_hops_from_0")
      #expect(bfs.reached == want.compactMap { $0 }.count)
    }
    if let want = f.values("dijkstra_from_0") {
      expectClose(try Dijkstra.distances(f.graph, from: 0), want, relative: deterministic, "dijkstra_from_0")
    }
  }

  @Test(arguments: MetricFixture.names)
  func betweenness(_ name: String) throws {
    let f = try MetricFixture(name)
    let cases: [(String, Bool, Bool)] = [
      ("betweenness", true, false), ("betweenness_raw", false, false),
      ("betweenness_weighted", true, true), ("betweenness_weighted_raw", false, true),
    ]
    for (key, normalized, weighted) in cases {
      guard let want = f.values(key) else { continue }
      var options = BetweennessOptions(normalized: normalized, weighted: weighted)
      options.threads = 1
      let single = try Betweenness.compute(f.graph, options: options)
      expectClose(single, want, relative: deterministic, key)
      // Fixtures are below the parallel threshold: force the split so 4 workers really run.
      options.threads = 4
      let four = try Parallel.$splitsSmallWork.withValue(true) { try Betweenness.compute(f.graph, options: options) }
      expectClose(four, single.map { $0 }, relative: 1e-12, "\(key) 4 threads")
    }
  }

  /// Every multi-threaded kernel with its work split below the thresholds (the fixtures are
  /// small), on 2 and 4 threads, against networkx: the parallel code paths, not only the
  /// sequential ones, give the reference values.
  @Test(arguments: MetricFixture.names)
  func splitKernelsMatchNetworkx(_ name: String) throws {
    let f = try MetricFixture(name)
    try Parallel.$splitsSmallWork.withValue(true) {
      for threads in [2, 4] {
        if let want = f.values("bfs_hops_from_0") {
          let bfs = BreadthFirstSearch.run(f.graph, from: 0, threads: threads)
          expectClose(bfs.distances.map { $0 < 0 ? -1 : Double($0) }, want, relative: 0, "bfs \(threads) threads")
        }
        for (key, weighted) in [("betweenness", false), ("betweenness_weighted", true)] {
          guard let want = f.values(key) else { continue }
          var options = BetweennessOptions(normalized: true, weighted: weighted)
          options.threads = threads
          expectClose(try Betweenness.compute(f.graph, options: options), want, relative: deterministic, "\(key) \(threads) threads")
        }
        for weighted in [false, true] {
          let suffix = weighted ? "_weighted" : ""
          if let want = f.values("closeness" + suffix) {
            expectClose(try Closeness.closeness(f.graph, weighted: weighted, threads: threads), want, relative: deterministic, "closeness\(suffix) \(threads) threads")
          }
          if let want = f.values("harmonic" + suffix) {
            expectClose(try Closeness.harmonic(f.graph, weighted: weighted, threads: threads), want, relative: deterministic, "harmonic\(suffix) \(threads) threads")
          }
        }
        let weak = ConnectedComponents.weak(f.graph, threads: threads)
        if let want = f.values("component") { expectClose(weak.component.map(Double.init), want, relative: 0, "component \(threads) threads") }
        if let want = f.values("core"), f.graph.selfLoopCount == 0 {
          expectClose(try CoreNumber.compute(f.graph, threads: threads).map(Double.init), want, relative: 0, "core \(threads) threads")
        }
        if !f.graph.isDirected {
          if let want = f.values("triangles") {
            expectClose(try Triangles.perNode(f.graph, threads: threads).map(Double.init), want, relative: 0, "triangles \(threads) threads")
          }
          if let total = f.scalars["triangles_total"] as? Int { #expect(try Triangles.total(f.graph, threads: threads) == total) }
        }
        if let want = f.scalars["diameter"] as? Int {
          #expect(GraphStatistics.diameter(f.graph, threads: threads).diameter == want, "diameter \(threads) threads")
        }
      }
    }
  }

  @Test(arguments: MetricFixture.names)
  func closenessAndHarmonic(_ name: String) throws {
    let f = try MetricFixture(name)
    for weighted in [false, true] {
      let suffix = weighted ? "_weighted" : ""
      if let want = f.values("closeness" + suffix) {
        expectClose(try Closeness.closeness(f.graph, weighted: weighted), want, relative: deterministic, "closeness" + suffix)
      }
      if let want = f.values("harmonic" + suffix) {
        expectClose(try Closeness.harmonic(f.graph, weighted: weighted), want, relative: deterministic, "harmonic" + suffix)
      }
    }
  }

  @Test(arguments: MetricFixture.names)
  func spectral(_ name: String) throws {
    let f = try MetricFixture(name)
    for (key, weighted) in [("eigenvector", false), ("eigenvector_iterative", false), ("eigenvector_weighted", true)] {
      guard let want = f.values(key) else { continue }
      let got = try SpectralCentrality.eigenvector(f.graph, weighted: weighted, tolerance: 1e-13, maxIterations: 100_000)
      expectClose(got, want, relative: iterative, key)
    }
    for (key, weighted) in [("katz", false), ("katz_weighted", true)] {
      guard let want = f.values(key) else { continue }
      let alpha = try #require(f.params[weighted ? "katz_weighted_alpha" : "katz_alpha"] as? Double)
      let got = try SpectralCentrality.katz(f.graph, alpha: alpha, weighted: weighted, tolerance: 1e-13, maxIterations: 100_000)
      expectClose(got, want, relative: iterative, key)
    }
  }

  @Test(arguments: MetricFixture.names)
  func pagerank(_ name: String) throws {
    let f = try MetricFixture(name)
    var options = PageRankOptions(tolerance: 1e-12, maxIterations: 10_000)
    if let want = f.values("pagerank") {
      options.threads = 1
      let single = try PageRank.compute(f.graph, options: options).scores
      expectClose(single, want, relative: iterative, "pagerank")
      // The split path (64 fixed parts, forced below the threshold): equal for every thread count.
      let split = try Parallel.$splitsSmallWork.withValue(true) { () throws -> [[Double]] in
        try [1, 4].map { threads in
          options.threads = threads
          return try PageRank.compute(f.graph, options: options).scores
        }
      }
      expectClose(split[0], want, relative: iterative, "pagerank split")
      #expect(split[1] == split[0])
      options.threads = 1
    }
    if let want = f.values("pagerank_weighted") {
      options.weighted = true
      expectClose(try PageRank.compute(f.graph, options: options).scores, want, relative: iterative, "pagerank_weighted")
      options.weighted = false
    }
    if let want = f.values("pagerank_personalized") {
      var p = [Double](repeating: 0, count: f.graph.nodeCount)
      p[0] = 1
      p[1] = 2
      p[2] = 3
      options.personalization = p
      expectClose(try PageRank.compute(f.graph, options: options).scores, want, relative: iterative, "pagerank_personalized")
    }
  }

  @Test(arguments: MetricFixture.names)
  func componentsAndCores(_ name: String) throws {
    let f = try MetricFixture(name)
    let weak = ConnectedComponents.weak(f.graph)
    if let want = f.values("component") { expectClose(weak.component.map(Double.init), want, relative: 0, "component") }
    if let count = f.scalars["components"] as? Int { #expect(weak.count == count) }
    let strong = ConnectedComponents.strong(f.graph)
    if let want = f.values("strong_component") { expectClose(strong.component.map(Double.init), want, relative: 0, "strong_component") }
    if let count = f.scalars["strong_components"] as? Int { #expect(strong.count == count) }
    if let want = f.values("core") {
      var graph = f.graph
      if graph.selfLoopCount > 0 {
        #expect(throws: AlgorithmError.self) { try CoreNumber.compute(graph) }
        var list = EdgeList(nodeCount: graph.nodeCount)
        for u in 0..<UInt32(graph.nodeCount) { for v in graph.neighbors(of: u) where v > u { list.append(u, v) } }
        graph = CSRGraph(edges: list)
      }
      expectClose(try CoreNumber.compute(graph).map(Double.init), want, relative: 0, "core")
    }
  }

  @Test(arguments: MetricFixture.names)
  func trianglesAndClustering(_ name: String) throws {
    let f = try MetricFixture(name)
    guard !f.graph.isDirected else {
      #expect(throws: AlgorithmError.self) { try Triangles.perNode(f.graph) }
      return
    }
    if let want = f.values("triangles") { expectClose(try Triangles.perNode(f.graph).map(Double.init), want, relative: 0, "triangles") }
    if let want = f.values("clustering") { expectClose(try Triangles.localClustering(f.graph), want, relative: deterministic, "clustering") }
    if let total = f.scalars["triangles_total"] as? Int { #expect(try Triangles.total(f.graph) == total) }
    if let want = f.scalars["average_clustering"] as? Double {
      expectClose([try Triangles.averageClustering(f.graph)], [want], relative: deterministic, "average_clustering")
    }
    if let want = f.scalars["transitivity"] as? Double {
      expectClose([try Triangles.transitivity(f.graph)], [want], relative: deterministic, "transitivity")
    }
  }

  @Test(arguments: MetricFixture.names)
  func wholeGraphMeasures(_ name: String) throws {
    let f = try MetricFixture(name)
    if let want = f.scalars["density"] as? Double {
      expectClose([GraphStatistics.density(f.graph)], [want], relative: deterministic, "density")
    }
    if let want = f.scalars["diameter"] as? Int {
      let result = GraphStatistics.diameter(f.graph)
      #expect(result.diameter == want)
      #expect(result.componentSize == f.scalars["diameter_component_size"] as? Int)
    }
    if let want = f.scalars["degree_assortativity"] as? Double {
      expectClose([GraphStatistics.degreeAssortativity(f.graph)], [want], relative: deterministic, "degree_assortativity")
    }
  }

  @Test(arguments: MetricFixture.names)
  func cutVertices(_ name: String) throws {
    let f = try MetricFixture(name)
    guard let points = f.sets["articulation_points"] as? [Int] else { return }
    let result = try CutVertices.compute(f.graph)
    #expect(result.articulationPoints.map(Int.init) == points)
    let bridges = try #require(f.sets["bridges"] as? [[Int]])
    #expect(result.bridges.map { [Int($0.0), Int($0.1)] } == bridges)
  }

  @Test(arguments: MetricFixture.names)
  func louvain(_ name: String) throws {
    let f = try MetricFixture(name)
    guard !f.graph.isDirected, let want = f.scalars["louvain_modularity"] as? Double else { return }
    let weighted = f.json["weighted"] as? Bool ?? false
    // Our modularity of networkx's partition equals networkx's value.
    if let groups = f.sets["louvain_communities"] as? [[Int]] {
      var partition = [UInt32](repeating: 0, count: f.graph.nodeCount)
      for (c, members) in groups.enumerated() { for v in members { partition[v] = UInt32(c) } }
      let graph = weighted ? f.graph : Louvain.weightedCopy(f.graph, weighted: false)
      expectClose([Louvain.modularity(graph, partition: partition)], [want], relative: deterministic, "modularity")
    }
    let found = try Louvain.communities(f.graph, weighted: weighted, seed: 1)
    #expect(found.modularity >= want - 0.01, "louvain modularity \(found.modularity) < networkx \(want) - 0.01")
  }
}
