import GraphAlgorithms
import GraphCore

/// What one metric produced: a value per node, or one value for the graph.
enum MetricValue {
  case perNode([Double])
  case integerPerNode([Int])
  case scalar(ReportValue)
}

/// The settings metrics read from the command line.
struct MetricSettings {
  var weighted = false
  var threads = Parallel.availableCores
  var alpha = 0.85
  var tolerance = 1e-10
  var maxIterations = 1000
  var katzAlpha = 0.1
  var samples: Int?
  var seed: UInt64 = 1
  var source: UInt32 = 0
  var progress: (@Sendable (Int, Int) -> Bool)?
}

/// Which graphs a metric is defined for; `--metric all` computes those that apply.
enum MetricScope: Sendable {
  case anyGraph
  case directedOnly
  case undirectedOnly
  /// Needs `--source`.
  case fromSource

  func applies(to graph: CSRGraph, sourceGiven: Bool) -> Bool {
    switch self {
    case .anyGraph: return true
    case .directedOnly: return graph.isDirected
    case .undirectedOnly: return !graph.isDirected
    case .fromSource: return sourceGiven
    }
  }
}

/// A metric the `metrics` command can compute.
struct MetricDefinition: Sendable {
  let name: String
  let summary: String
  var scope: MetricScope = .anyGraph
  /// One value for the whole graph rather than a column per node.
  var graphLevel = false
  let compute: @Sendable (CSRGraph, MetricSettings) throws -> [(column: String, value: MetricValue)]
}

/// Every metric, by its networkx-style name.
enum MetricCatalog {
  static let all: [MetricDefinition] = [
    MetricDefinition(name: "degree", summary: "G.degree(): edge ends per node (self-loop 2; in+out if directed)") { g, _ in
      [("degree", .integerPerNode(Degree.degrees(g)))]
    },
    MetricDefinition(name: "in_degree", summary: "in-degree (directed graphs)", scope: .directedOnly) { g, _ in
      [("in_degree", .integerPerNode(Degree.inDegrees(g)))]
    },
    MetricDefinition(name: "out_degree", summary: "out-degree (directed graphs)", scope: .directedOnly) { g, _ in
      [("out_degree", .integerPerNode(Degree.outDegrees(g)))]
    },
    MetricDefinition(name: "strength", summary: "weighted degree, G.degree(weight='weight')") { g, _ in
      [("strength", .perNode(Degree.strengths(g)))]
    },
    MetricDefinition(name: "bfs", summary: "hop distance from --source (-1 unreachable)", scope: .fromSource) { g, s in
      try checkSource(s.source, g)
      return [("bfs", .integerPerNode(BreadthFirstSearch.run(g, from: s.source, threads: s.threads).distances.map(Int.init)))]
    },
    MetricDefinition(name: "dijkstra", summary: "weighted distance from --source (inf unreachable)", scope: .fromSource) { g, s in
      try checkSource(s.source, g)
      return [("dijkstra", .perNode(try Dijkstra.distances(g, from: s.source)))]
    },
    MetricDefinition(name: "betweenness", summary: "normalised Brandes betweenness (--samples K: K seeded sources)") { g, s in
      var options = BetweennessOptions(normalized: true, weighted: s.weighted, sampleSources: s.samples, seed: s.seed)
      options.threads = s.threads
      let total = s.samples ?? g.nodeCount
      if let progress = s.progress { options.progress = { done in progress(done, total) } }
      return [("betweenness", .perNode(try Betweenness.compute(g, options: options)))]
    },
    MetricDefinition(name: "closeness", summary: "closeness, Wasserman–Faust for disconnected graphs (incoming if directed)") { g, s in
      [("closeness", .perNode(try Closeness.closeness(g, weighted: s.weighted, threads: s.threads)))]
    },
    MetricDefinition(name: "harmonic", summary: "harmonic centrality") { g, s in
      [("harmonic", .perNode(try Closeness.harmonic(g, weighted: s.weighted, threads: s.threads)))]
    },
    MetricDefinition(name: "eigenvector", summary: "eigenvector centrality (power iteration on A + I)") { g, s in
      [("eigenvector", .perNode(try SpectralCentrality.eigenvector(g, weighted: s.weighted, tolerance: 1e-6, maxIterations: max(s.maxIterations, 100))))]
    },
    MetricDefinition(name: "katz", summary: "Katz centrality (--katz-alpha, beta 1, normalised)") { g, s in
      [("katz", .perNode(try SpectralCentrality.katz(g, alpha: s.katzAlpha, weighted: s.weighted, maxIterations: s.maxIterations)))]
    },
    MetricDefinition(name: "pagerank", summary: "PageRank (--alpha, --tol, --max-iter; weights with --weighted)") { g, s in
      var options = PageRankOptions(alpha: s.alpha, tolerance: s.tolerance, maxIterations: s.maxIterations, weighted: s.weighted)
      options.threads = s.threads
      return [("pagerank", .perNode(try PageRank.compute(g, options: options).scores))]
    },
    MetricDefinition(name: "component", summary: "weakly connected component, numbered by smallest node") { g, s in
      let c = ConnectedComponents.weak(g, threads: s.threads)
      return [("component", .integerPerNode(c.component.map(Int.init))), ("components", .scalar(.integer(c.count)))]
    },
    MetricDefinition(name: "strong_component", summary: "strongly connected component (directed graphs)", scope: .directedOnly) { g, s in
      let c = ConnectedComponents.strong(g, threads: s.threads)
      return [("strong_component", .integerPerNode(c.component.map(Int.init))), ("strong_components", .scalar(.integer(c.count)))]
    },
    MetricDefinition(name: "core", summary: "core number (k-core)") { g, s in
      [("core", .integerPerNode(try CoreNumber.compute(g, threads: s.threads)))]
    },
    MetricDefinition(name: "triangles", summary: "triangles through each node", scope: .undirectedOnly) { g, s in
      let t = try Triangles.perNode(g, threads: s.threads)
      return [("triangles", .integerPerNode(t)), ("triangles_total", .scalar(.integer(t.reduce(0, +) / 3)))]
    },
    MetricDefinition(name: "clustering", summary: "local clustering coefficient", scope: .undirectedOnly) { g, s in
      [("clustering", .perNode(try Triangles.localClustering(g, threads: s.threads)))]
    },
    MetricDefinition(name: "average_clustering", summary: "mean local clustering", scope: .undirectedOnly, graphLevel: true) { g, s in
      [("average_clustering", .scalar(.number(try Triangles.averageClustering(g, threads: s.threads))))]
    },
    MetricDefinition(name: "transitivity", summary: "3 × triangles / connected triples", scope: .undirectedOnly, graphLevel: true) { g, s in
      [("transitivity", .scalar(.number(try Triangles.transitivity(g, threads: s.threads))))]
    },
    MetricDefinition(name: "articulation", summary: "1 for articulation points, else 0; also the bridge count", scope: .undirectedOnly) { g, _ in
      let result = try CutVertices.compute(g)
      var flags = [Int](repeating: 0, count: g.nodeCount)
      for v in result.articulationPoints { flags[Int(v)] = 1 }
      return [
        ("articulation_point", .integerPerNode(flags)), ("articulation_points", .scalar(.integer(result.articulationPoints.count))),
        ("bridges", .scalar(.integer(result.bridges.count))),
      ]
    },
    MetricDefinition(name: "louvain", summary: "Louvain community (seeded) and its modularity", scope: .undirectedOnly) { g, s in
      let c = try Louvain.communities(g, weighted: s.weighted, seed: s.seed, threads: s.threads)
      return [
        ("community", .integerPerNode(c.community.map(Int.init))), ("communities", .scalar(.integer(c.count))),
        ("modularity", .scalar(.number(c.modularity))),
      ]
    },
    MetricDefinition(name: "density", summary: "edge density", graphLevel: true) { g, _ in
      [("density", .scalar(.number(GraphStatistics.density(g))))]
    },
    MetricDefinition(name: "diameter", summary: "exact diameter (of the largest component if disconnected)", graphLevel: true) { g, s in
      let d = GraphStatistics.diameter(g, threads: s.threads)
      return [("diameter", .scalar(.integer(d.diameter))), ("diameter_component_nodes", .scalar(.integer(d.componentSize)))]
    },
    MetricDefinition(name: "assortativity", summary: "degree assortativity coefficient", graphLevel: true) { g, _ in
      [("degree_assortativity", .scalar(.number(GraphStatistics.degreeAssortativity(g))))]
    },
  ]

  static func named(_ name: String) -> MetricDefinition? { all.first { $0.name == name } }

  static var names: String { all.map(\.name).joined(separator: ", ") }

  static func checkSource(_ source: UInt32, _ graph: CSRGraph) throws {
    guard Int(source) < graph.nodeCount else {
      throw AlgorithmError("source", "node id \(source) is not in the graph (\(graph.nodeCount) nodes)")
    }
  }
}
