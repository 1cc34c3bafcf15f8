import ArgumentParser
import GraphCore

/// How to read an input graph file.
struct GraphInputOptions: ParsableArguments {
  @Argument(help: "Graph file: an edge list (.el, .txt, .edges, .tsv, .csv) or a snapshot (.bin).")
  var input: String

  @Flag(name: .long, help: "Read edges as directed (edge lists only; snapshots record it).")
  var directed = false

  @Option(name: .long, help: "Node labels in edge lists: integer (ids sorted by label) or string (ids by first appearance).")
  var labels: LabelKind = .integer

  @Option(name: .long, help: "Declare nodes 0..N-1 (integer labels), so isolated nodes count; labels ≥ N are errors.")
  var nodes: Int?

  @Flag(name: .long, help: "Keep self-loops (dropped and counted by default).")
  var keepSelfLoops = false

  @Option(name: .long, help: "Threads to use (default: all cores).")
  var threads: Int = Parallel.availableCores

  func validate() throws {
    if let nodes, nodes < 0 { throw ValidationError("--nodes must be non-negative, got \(nodes)") }
    if nodes != nil && labels == .string { throw ValidationError("--nodes applies to integer labels; drop it or use --labels integer") }
    if threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
  }

  /// Loads the graph named by `input`.
  func load() throws -> LoadedGraph {
    let clock = ContinuousClock.now
    guard let kind = GraphFileKind(path: input) else {
      throw InputError(file: input, "unknown file extension: expected one of \(GraphFileKind.supportedDescription)")
    }
    switch kind {
    case .snapshot:
      if directed || nodes != nil || keepSelfLoops || labels != .integer {
        printWarning("\(input): --directed, --labels, --nodes and --keep-self-loops apply to edge lists; a snapshot records its own")
      }
      let graph = try GraphSnapshot.read(path: input, threads: threads)
      return LoadedGraph(graph: graph, readReport: nil, seconds: (ContinuousClock.now - clock).seconds, kind: kind)
    case .edgeList:
      var options = EdgeListReadOptions(
        labels: labels, declaredNodes: nodes, directed: directed, keepSelfLoops: keepSelfLoops, threads: threads)
      options.chunkBytes = 32 << 20
      let (graph, report) = try EdgeListReader.read(path: input, options: options)
      return LoadedGraph(graph: graph, readReport: report, seconds: (ContinuousClock.now - clock).seconds, kind: kind)
    }
  }
}

extension LabelKind: ExpressibleByArgument {}

/// A graph read from a file, with what reading it found.
struct LoadedGraph {
  var graph: LabeledGraph
  var readReport: EdgeListReadReport?
  var seconds: Double
  var kind: GraphFileKind
}
