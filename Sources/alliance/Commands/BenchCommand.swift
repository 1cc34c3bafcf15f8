import ArgumentParser
import Foundation
import GraphAlgorithms
import GraphCore

struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Benchmark graph kernels on a large graph: load time, per-trial times, throughput, memory, verified results.",
    discussion: """
      Kernels: \(BenchKernel.allCases.map(\.rawValue).joined(separator: ", ")). Each runs --trials times after the \
      graph is loaded; each result is checked by an independent method (as GAPBS does) unless --no-verify. \
      bfs and betweenness use seeded random non-isolated sources (or --source); bfs throughput is \
      in TEPS (edges of the reached part, each undirected edge once, per second). pagerank runs \
      GAPBS's schedule (stop at an L1 change below 1e-4, at most 20 iterations; Gauss–Seidel sweeps \
      unless --pagerank-variant jacobi) and reports time per iteration. sssp is Δ-stepping (GAPBS's \
      sssp) from the bfs sources with edge weights as lengths (1 if unweighted), bins of width --delta, \
      checked against a serial Dijkstra; its throughput is TEPS as for bfs.

      Examples:
        alliance generate kronecker --scale 20 --seed 1 --out k20.bin
        alliance bench k20.bin --kernel bfs,pagerank,cc,tc --trials 5
        alliance bench graph.el --kernel pagerank --format json > bench.json
        alliance bench k20.wel --kernel sssp --delta 2 --trials 5
      """)

  @OptionGroup var input: GraphInputOptions

  @Option(name: .long, help: "Kernels, comma-separated.")
  var kernel: String = "bfs,pagerank,cc,tc,core,betweenness"

  @Option(name: .long, help: "Trials per kernel.")
  var trials = 3

  @Option(name: .long, help: "Source node label for bfs and betweenness, or 'random' (seeded, non-isolated).")
  var source = "random"

  @Option(name: .long, help: "Δ-stepping bin width for sssp, in edge-length units (GAPBS uses 2 on Kronecker graphs with lengths 1…255).")
  var delta: Double = 1

  @Option(name: .long, help: "Sources per betweenness trial.")
  var betweennessSources = 64

  @Option(name: .long, help: "Seed for random sources.")
  var seed: UInt64 = 27491095

  @Option(
    name: .long,
    help: """
      PageRank iteration: gauss-seidel (as GAPBS's pr: new scores visible within a sweep, single-precision \
      contributions, fewest sweeps), jacobi (the networkx-compatible power iteration of `metrics`) or \
      propagation-blocking (Beamer et al. 2017: a Jacobi iteration that bins contributions by destination \
      instead of reading them at random; for graphs whose 4 bytes per node outgrow the cache; 6 bytes per \
      edge extra memory).
      """)
  var pagerankVariant: PageRankVariant = .gaussSeidel

  @Option(name: .long, help: "Jacobi PageRank contributions in double (networkx-exact) or single precision.")
  var pagerankPrecision: PageRankPrecision = .double

  @Flag(name: .long, help: "Skip result verification (faster on huge graphs).")
  var noVerify = false

  @OptionGroup var output: OutputFormatOption

  func validate() throws {
    if trials < 1 { throw ValidationError("--trials must be at least 1") }
    if betweennessSources < 1 { throw ValidationError("--betweenness-sources must be at least 1") }
    if !(delta > 0) || !delta.isFinite { throw ValidationError("--delta must be a positive finite number, got \(delta)") }
    _ = try kernels()
    if output.format == .csv { throw ValidationError("bench prints table or json") }
  }

  func kernels() throws -> [BenchKernel] {
    try kernel.split(separator: ",").map { name in
      guard let k = BenchKernel(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased()) else {
        throw ValidationError("unknown kernel \"\(name)\"; known: \(BenchKernel.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      return k
    }
  }

  func run() throws {
    let loaded = try input.load()
    TrialMemory.keepFreedBlocks()
    let graph = loaded.graph.graph
    var fixedSource: UInt32?
    if source != "random" {
      guard let id = loaded.graph.labels.id(of: source) else {
        throw InputError(file: input.displayName, field: "--source", "no node is labelled \"\(source)\"")
      }
      fixedSource = id
    }
    let runner = BenchRunner(
      graph: graph, threads: input.threads, trials: trials, verify: !noVerify, seed: seed, fixedSource: fixedSource,
      betweennessSources: betweennessSources, singlePrecisionPageRank: pagerankPrecision == .single,
      pagerankVariant: pagerankVariant, delta: delta)
    var results: [KernelResult] = []
    for k in try kernels() {
      results.append(try runner.run(k))
    }
    let report = BenchReport(
      file: input.displayName, kind: loaded.kind == nil ? "dataset" : loaded.kind == .snapshot ? "snapshot" : "edge list", graph: graph,
      loadSeconds: loaded.seconds, threads: input.threads, kernels: results,
      peakResidentBytes: ProcessStatistics.peakResidentBytes)
    emit(output.format == .json ? report.json() : report.table())
  }
}

/// Precision of the PageRank contributions in `bench`.
enum PageRankPrecision: String, ExpressibleByArgument, CaseIterable {
  case double, single
}

/// Which PageRank iteration `bench` times.
enum PageRankVariant: String, ExpressibleByArgument, CaseIterable {
  case gaussSeidel = "gauss-seidel"
  case jacobi
  case propagationBlocking = "propagation-blocking"
}
