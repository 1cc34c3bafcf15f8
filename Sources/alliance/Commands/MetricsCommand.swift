import ArgumentParser
import Foundation
import GraphAlgorithms
import GraphCore

struct MetricsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "metrics",
    abstract: "Compute network metrics (validated against networkx) for every node and for the graph.",
    discussion: """
      Metrics: \(MetricCatalog.all.map { "\n  \($0.name.padding(toLength: 18, withPad: " ", startingAt: 0)) \($0.summary)" }.joined())

      --metric all computes every metric defined for the graph (directed-only metrics on \
      directed graphs, triangle-based ones on undirected graphs, bfs and dijkstra with \
      --source); a metric that cannot be computed there (Katz or eigenvector not converging, \
      k-core with self-loops) is reported as null (empty in CSV) with a warning instead of \
      stopping the run.

      CSV output has the header node,<metric>… and one row per node; graph-level values go to \
      standard error (or, when only graph-level metrics are asked for, to a metric,value table).

      Examples:
        alliance metrics graph.el --metric pagerank,betweenness,core --top 10
        alliance metrics ../shared/data --year 2012 --metric betweenness --top 10
      """)

  @OptionGroup var input: GraphInputOptions

  @Option(name: .long, help: "Metrics to compute, comma-separated (see the list below), or all.")
  var metric: String

  @Option(name: .long, help: "Print only the K nodes with the highest value of the first per-node metric.")
  var top: Int?

  @Flag(name: .long, help: "Use edge weights (lengths for paths, strengths for PageRank, Katz, eigenvector, Louvain).")
  var weighted = false

  @Option(name: .long, help: "PageRank damping factor.")
  var alpha = 0.85

  @Option(name: .long, help: "PageRank tolerance: stop when the L1 change is below n × tol.")
  var tol = 1e-10

  @Option(name: .long, help: "Iteration limit for PageRank and Katz.")
  var maxIter = 1000

  @Option(name: .long, help: "Katz attenuation factor (must be below 1/λmax).")
  var katzAlpha = 0.1

  @Option(name: .long, help: "Approximate betweenness from this many seeded random sources.")
  var samples: Int?

  @Option(name: .long, help: "Seed for sampled betweenness and Louvain.")
  var seed: UInt64 = 1

  @Option(name: .long, help: "Source node label for bfs and dijkstra.")
  var source: String?

  @Flag(name: .long, help: "Print load and per-metric wall times to standard error.")
  var timings = false

  @OptionGroup var output: OutputFormatOption

  func validate() throws {
    _ = try definitions()
    if let top, top < 1 { throw ValidationError("--top must be at least 1") }
    if let samples, samples < 1 { throw ValidationError("--samples must be at least 1") }
    if !(0...1).contains(alpha) { throw ValidationError("--alpha must be in [0, 1]") }
    if tol <= 0 { throw ValidationError("--tol must be positive") }
    if maxIter < 1 { throw ValidationError("--max-iter must be at least 1") }
  }

  /// Whether `--metric all` was asked for.
  var computesAll: Bool { metric.trimmingCharacters(in: .whitespaces).lowercased() == "all" }

  /// The metrics asked for; with `--metric all`, every metric whose scope covers `graph`
  /// (every metric while the graph is not loaded yet).
  func definitions(for graph: CSRGraph? = nil) throws -> [MetricDefinition] {
    if computesAll {
      guard let graph else { return MetricCatalog.all }
      return MetricCatalog.all.filter { $0.scope.applies(to: graph, sourceGiven: source != nil) }
    }
    let names = metric.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    guard !names.isEmpty else { throw ValidationError("--metric needs at least one name: \(MetricCatalog.names)") }
    if names.contains("all") { throw ValidationError("--metric all stands alone; it cannot be combined with other names") }
    return try names.map { name in
      guard let definition = MetricCatalog.named(name == "core_number" ? "core" : name) else {
        throw ValidationError("unknown metric \"\(name)\"; known metrics: \(MetricCatalog.names)")
      }
      return definition
    }
  }

  func run() throws {
    let loaded = try input.load()
    if timings { printTiming("load", loaded.seconds) }
    let graph = loaded.graph.graph
    var settings = MetricSettings(
      weighted: weighted, threads: input.threads, alpha: alpha, tolerance: tol, maxIterations: maxIter,
      katzAlpha: katzAlpha, samples: samples, seed: seed)
    if let source {
      if let opened = loaded.dataset {
        let nation = try opened.network.resolve(source)
        guard let node = opened.snapshot.node(ofNation: nation) else {
          throw InputError(file: input.displayName, field: "--source", "\(source) is not in the \(opened.snapshot.year) snapshot")
        }
        settings.source = node
      } else if let id = loaded.graph.labels.id(of: source) {
        settings.source = id
      } else {
        throw InputError(file: input.displayName, field: "--source", "no node is labelled \"\(source)\"")
      }
    }
    if weighted && !graph.isWeighted { printWarning("--weighted: the graph has no weights; every edge counts 1") }
    var table = MetricTable(labels: loaded.graph.labels)
    table.names = loaded.names
    for definition in try definitions(for: graph) {
      let progress = ProgressReporter(definition.name)
      settings.progress = { done, total in progress.update(done, of: total) }
      let clock = ContinuousClock.now
      let results: [(column: String, value: MetricValue)]
      do {
        results = try definition.compute(graph, settings)
      } catch let error as AlgorithmError where computesAll && !progress.interrupted {
        // One metric undefined here (no convergence, self-loops) must not cost the others.
        progress.finish()
        printWarning("\(error); \(definition.name) is reported as null")
        table.add(definition.name, definition.graphLevel ? .scalar(.number(.nan)) : .perNode(Array(repeating: .nan, count: graph.nodeCount)))
        continue
      } catch {
        progress.finish()
        if progress.interrupted { throw InterruptedError(what: definition.name) }
        throw error
      }
      progress.finish()
      if timings { printTiming(definition.name, (ContinuousClock.now - clock).seconds) }
      for result in results { table.add(result.column, result.value) }
    }
    emit(table.render(output.format, top: top))
  }

}

/// The user pressed Ctrl-C during a computation.
struct InterruptedError: Error, CustomStringConvertible {
  let what: String
  var description: String { "\(what): interrupted; nothing was written" }
}
