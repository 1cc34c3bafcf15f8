import AllianceModel
import Foundation
import GraphAlgorithms
import GraphCore

/// The kernels `alliance bench` times.
enum BenchKernel: String, CaseIterable {
  case bfs, pagerank, cc, tc, core, betweenness, sssp
}

/// One kernel's timings and check.
struct KernelResult {
  var kernel: BenchKernel
  var trialSeconds: [Double]
  /// Work per trial for throughput: edges traversed (bfs), edges × iterations (pagerank), …
  var throughputUnit: String
  var workPerTrial: [Double]
  var iterations: [Int] = []
  var verified: Bool?
  var verification: String
  var summary: String

  var sorted: [Double] { trialSeconds.sorted() }
  var median: Double {
    let s = sorted
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
  }
  var throughput: Double {
    let work = workPerTrial.reduce(0, +)
    let time = trialSeconds.reduce(0, +)
    return time > 0 ? work / time : 0
  }
}

/// Runs kernels and their verifiers.
struct BenchRunner {
  let graph: CSRGraph
  let threads: Int
  let trials: Int
  let verify: Bool
  let seed: UInt64
  let fixedSource: UInt32?
  let betweennessSources: Int
  let singlePrecisionPageRank: Bool
  /// The PageRank iteration timed.
  var pagerankVariant: PageRankVariant = .gaussSeidel
  /// The Δ-stepping bin width of sssp.
  var delta: Double = 1

  /// Seeded random non-isolated nodes, as GAPBS picks sources.
  func sources(_ count: Int, stream: UInt64) throws -> [UInt32] {
    if let fixedSource { return [UInt32](repeating: fixedSource, count: count) }
    guard graph.entryCount > 0 else { throw AlgorithmError("bench", "the graph has no edges to pick sources from") }
    var random = RandomStream(seed: seed, stream: stream)
    var picked: [UInt32] = []
    while picked.count < count {
      let v = UInt32(random.below(UInt64(graph.nodeCount)))
      if graph.degree(of: v) > 0 { picked.append(v) }
    }
    return picked
  }

  /// Edges of the reached part, each undirected edge once (Graph500/GAPBS TEPS work).
  func reachedEdges(_ reached: [Bool]) -> Int {
    var edges = 0
    for v in 0..<graph.nodeCount where reached[v] { edges += graph.degree(of: UInt32(v)) }
    return graph.isDirected ? edges : edges / 2
  }

  func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let clock = ContinuousClock.now
    let value = try body()
    return (value, (ContinuousClock.now - clock).seconds)
  }

  func run(_ kernel: BenchKernel) throws -> KernelResult {
    var result = KernelResult(
      kernel: kernel, trialSeconds: [], throughputUnit: "", workPerTrial: [], verified: nil, verification: "", summary: "")
    var checks: [Bool] = []
    switch kernel {
    case .bfs:
      let transpose = graph.isDirected ? graph.transposed() : graph
      // Graph500/GAPBS-style TEPS: the edges of the reached part (each undirected edge once)
      // per second.
      result.throughputUnit = "TEPS"
      for (trial, s) in try sources(trials, stream: 1).enumerated() {
        // The timed kernel produces the depths (one array, as GAPBS's one parent array); the
        // tree the verifier checks is derived from them afterwards, outside the timer.
        let (found, seconds) = time { BreadthFirstSearch.depths(graph, from: s, transpose: transpose, threads: threads) }
        result.trialSeconds.append(seconds)
        result.workPerTrial.append(Double(reachedEdges(found.distances.map { $0 >= 0 })))
        if verify {
          let tree = BreadthFirstSearch.parents(
            graph, depths: found.distances, source: s, transpose: transpose, threads: threads)
          let bfs = BFSResult(distances: found.distances, parents: tree, reached: found.reached)
          checks.append(KernelVerifier.bfsTree(graph, bfs, source: s))
        }
        if trial == 0 { result.summary = "source \(s) reached \(found.reached) nodes" }
      }
      result.verification = "depths consistent along every edge; the tree derived from them valid"
    case .sssp:
      let lengths = try EdgeLengths(graph)
      result.throughputUnit = "TEPS"
      for (trial, s) in try sources(trials, stream: 1).enumerated() {
        let (found, seconds) = time { DeltaStepping.distances(lengths, from: s, delta: delta, threads: threads) }
        result.trialSeconds.append(seconds)
        result.iterations.append(found.steps)
        result.workPerTrial.append(Double(reachedEdges(found.distances.map { $0 < .infinity })))
        if verify { checks.append(KernelVerifier.shortestPaths(lengths, found, source: s)) }
        if trial == 0 {
          let farthest = found.distances.lazy.filter { $0 < .infinity }.max() ?? 0
          result.summary = "source \(s) reached \(found.reached) nodes, farthest \(String(format: "%g", farthest)), \(found.steps) steps (delta \(String(format: "%g", delta)))"
        }
      }
      result.verification = "every distance equal to a serial binary-heap Dijkstra's"
    case .pagerank:
      var options = PageRankOptions(alpha: 0.85, tolerance: 1e-4 / Double(max(graph.nodeCount, 1)), maxIterations: 20)
      options.threads = threads
      options.requireConvergence = false
      options.singlePrecisionContributions = singlePrecisionPageRank
      result.throughputUnit = "edges/s per iteration"
      for _ in 0..<trials {
        let (pr, seconds) = try time {
          switch pagerankVariant {
          case .gaussSeidel: PageRank.gaussSeidel(graph, alpha: 0.85, tolerance: 1e-4, maxIterations: 20, threads: threads)
          case .jacobi: try PageRank.compute(graph, options: options)
          case .propagationBlocking: PageRank.propagationBlocking(graph, alpha: 0.85, tolerance: 1e-4, maxIterations: 20, threads: threads)
          }
        }
        result.trialSeconds.append(seconds)
        result.iterations.append(pr.iterations)
        result.workPerTrial.append(Double(graph.entryCount * pr.iterations))
        if verify {
          switch pagerankVariant {
          case .gaussSeidel, .propagationBlocking:
            checks.append(KernelVerifier.pagerankResidual(graph, pr.scores, alpha: 0.85) < 1e-4 / (1 - 0.85))
          case .jacobi: checks.append(KernelVerifier.pagerank(graph, pr, options: options) ?? true)
          }
        }
        result.summary = "\(pagerankVariant.rawValue): \(pr.iterations) iterations, \(String(format: "%.3g", seconds / Double(pr.iterations))) s per iteration"
      }
      result.verification = pagerankVariant != .jacobi
        ? "L1 residual of one serial power step below 1e-4 / (1 - alpha)"
        : "equal (L1 ≤ \(singlePrecisionPageRank ? "1e-5" : "1e-9")) to a serial power iteration of the same length"
    case .cc:
      result.throughputUnit = "edges/s"
      for _ in 0..<trials {
        let (components, seconds) = time { ConnectedComponents.weak(graph, threads: threads) }
        result.trialSeconds.append(seconds)
        result.workPerTrial.append(Double(graph.edgeCount))
        if verify { checks.append(KernelVerifier.components(graph, components)) }
        result.summary = "\(components.count) components"
      }
      result.verification = "same partition as a breadth-first labelling"
    case .tc:
      result.throughputUnit = "edges/s"
      for _ in 0..<trials {
        let (total, seconds) = try time { try Triangles.total(graph, threads: threads) }
        result.trialSeconds.append(seconds)
        result.workPerTrial.append(Double(graph.edgeCount))
        if verify, let check = KernelVerifier.triangles(graph, total) { checks.append(check) }
        result.summary = "\(total) triangles (\(Triangles.worthOrienting(graph) ? "degree-oriented" : "id order, degrees not skewed"))"
      }
      result.verification = graph.entryCount <= 1 << 24 ? "equal to a marker-array count" : "skipped (graph too large for the second method)"
    case .core:
      result.throughputUnit = "edges/s"
      for _ in 0..<trials {
        let (cores, seconds) = try time { try CoreNumber.compute(graph, threads: threads) }
        result.trialSeconds.append(seconds)
        result.workPerTrial.append(Double(graph.edgeCount))
        if verify, let check = KernelVerifier.cores(graph, cores) { checks.append(check) }
        result.summary = "max core \(cores.max() ?? 0)"
      }
      result.verification = graph.isDirected ? "skipped (directed graph)" : "equal to the h-index iteration (Lü et al. 2016)"
    case .betweenness:
      result.throughputUnit = "edges/s"
      for trial in 0..<trials {
        let chosen = try sources(betweennessSources, stream: 100 + UInt64(trial))
        let (scores, seconds) = try time { try Betweenness.dependencies(graph, from: chosen, threads: threads) }
        result.trialSeconds.append(seconds)
        result.workPerTrial.append(Double(graph.edgeCount * chosen.count))
        if verify { checks.append(KernelVerifier.betweenness(graph, scores, sources: chosen)) }
        result.summary = "\(chosen.count) sources"
      }
      result.verification = "every score equal (1e-9 relative) to a serial Brandes from the same sources"
    }
    if verify && !checks.isEmpty { result.verified = checks.allSatisfy { $0 } }
    if !verify { result.verification = "not checked (--no-verify)" }
    return result
  }
}

/// The text and JSON of a bench run.
struct BenchReport {
  let file: String
  let kind: String
  let graph: CSRGraph
  let loadSeconds: Double
  let threads: Int
  let kernels: [KernelResult]
  let peakResidentBytes: Int?

  func table() -> String {
    var text = "graph \(file) (\(kind)): \(graph.nodeCount) nodes, \(graph.edgeCount) edges, \(graph.isDirected ? "directed" : "undirected")\n"
    text += "load \(String(format: "%.4f", loadSeconds)) s, \(threads) thread(s), peak RSS \(peakResidentBytes.map { String($0 / (1 << 20)) + " MiB" } ?? "unknown")\n\n"
    let rows = kernels.map { k -> [String] in
      [
        k.kernel.rawValue, String(format: "%.6f", k.sorted.first ?? 0), String(format: "%.6f", k.median),
        String(format: "%.6f", k.sorted.last ?? 0), String(format: "%.3g", k.throughput), k.throughputUnit,
        k.verified.map { $0 ? "ok" : "FAILED" } ?? "-", k.summary,
      ]
    }
    text += alignedTable(header: ["kernel", "min s", "median s", "max s", "throughput", "unit", "verified", "result"], rows: rows)
    return text
  }

  /// The run as JSON (one serializer: ``JSONValue``); its timings are the data here.
  func json() -> String {
    let kernelValues = kernels.map { k -> JSONValue in
      .object([
        ("kernel", .string(k.kernel.rawValue)), ("trials", .array(k.trialSeconds.map { .number($0) })),
        ("min", .number(k.sorted.first ?? 0)), ("median", .number(k.median)), ("max", .number(k.sorted.last ?? 0)),
        ("throughput", .number(k.throughput)), ("throughput_unit", .string(k.throughputUnit)),
        ("iterations", .array(k.iterations.map { .int($0) })), ("verified", k.verified.map { .bool($0) } ?? .null),
        ("verification", .string(k.verification)), ("result", .string(k.summary)),
      ])
    }
    let document: JSONValue = .object([
      (
        "graph",
        .object([
          ("file", .string(file)), ("kind", .string(kind)), ("nodes", .int(graph.nodeCount)), ("edges", .int(graph.edgeCount)),
          ("directed", .bool(graph.isDirected)),
        ])
      ),
      ("load_seconds", .number(loadSeconds)), ("threads", .int(threads)), ("peak_rss_bytes", peakResidentBytes.map { .int($0) } ?? .null),
      ("kernels", .array(kernelValues)), ("meta", Meta.object(parameters: nil)),
    ])
    return document.rendered() + "\n"
  }
}
