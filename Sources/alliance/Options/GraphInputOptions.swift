import AllianceModel
import ArgumentParser
import Foundation
import GraphCore

/// How to read an edge-list graph file.
struct GraphReadFlags: ParsableArguments {
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
    if let nodes, nodes < 0 || nodes > CSRGraph.maximumNodeCount {
      throw ValidationError("--nodes must be in 0...\(CSRGraph.maximumNodeCount), got \(nodes)")
    }
    if nodes != nil && labels == .string { throw ValidationError("--nodes applies to integer labels; drop it or use --labels integer") }
    if threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
  }

  var usesEdgeListFlags: Bool { directed || nodes != nil || keepSelfLoops || labels != .integer }
}

/// The graph or dataset a command reads: a graph file (.el, .bin, …), a dataset folder, or
/// nothing for the built-in curated dataset.
struct GraphInputOptions: ParsableArguments {
  @Argument(
    help: ArgumentHelp(
      "Graph file (.el, .wel, .txt, .edges, .tsv, .csv, .bin), or a dataset: a folder in the project's format, a folder of ATOP/COW files, or omitted for the built-in curated dataset.",
      valueName: "graph-or-dataset"))
  var input: String?

  @OptionGroup var read: GraphReadFlags
  @OptionGroup var dataset: DatasetFlags

  var threads: Int { read.threads }

  /// The name shown in messages.
  var displayName: String { input ?? "built-in curated dataset" }

  /// Whether the input is a dataset rather than a graph file.
  var isDataset: Bool { InputKind.isDataset(input) }

  /// Loads the graph: a file as is, or a dataset's snapshot layer for `--year`.
  func load() throws -> LoadedGraph {
    let clock = ContinuousClock.now
    if isDataset {
      if read.usesEdgeListFlags { printWarning("--directed, --labels, --nodes and --keep-self-loops apply to edge lists, not datasets") }
      let opened = try dataset.open(input)
      let graph = opened.snapshot.layerGraph(dataset.layer)
      return LoadedGraph(
        graph: LabeledGraph(graph: graph, labels: opened.snapshot.labels), readReport: nil,
        seconds: (ContinuousClock.now - clock).seconds, kind: nil, dataset: opened)
    }
    let path = input!
    guard FileManager.default.fileExists(atPath: path) else { throw InputError(file: path, "no such file or directory") }
    guard let kind = GraphFileKind(path: path) else {
      throw InputError(file: path, "unknown file extension: expected one of \(GraphFileKind.supportedDescription), or a dataset folder")
    }
    if dataset.year != nil { printWarning("--year applies to datasets; \(path) is a graph file") }
    switch kind {
    case .snapshot:
      if read.usesEdgeListFlags {
        printWarning("\(path): --directed, --labels, --nodes and --keep-self-loops apply to edge lists; a snapshot records its own")
      }
      let graph = try GraphSnapshot.read(path: path, threads: threads)
      return LoadedGraph(graph: graph, readReport: nil, seconds: (ContinuousClock.now - clock).seconds, kind: kind)
    case .edgeList:
      var options = EdgeListReadOptions(
        labels: read.labels, declaredNodes: read.nodes, directed: read.directed, keepSelfLoops: read.keepSelfLoops, threads: threads)
      options.chunkBytes = 32 << 20
      let (graph, report) = try EdgeListReader.read(path: path, options: options)
      return LoadedGraph(graph: graph, readReport: report, seconds: (ContinuousClock.now - clock).seconds, kind: kind)
    }
  }
}

/// Tells graph files from datasets.
enum InputKind {
  /// `nil`, `curated` and folders are datasets; anything else is a graph file.
  static func isDataset(_ path: String?) -> Bool {
    guard let path else { return true }
    return path == DatasetLoader.builtInName || FileBytes.isDirectory(path)
  }
}

extension LabelKind: ExpressibleByArgument {}

/// A graph read from a file or a dataset, with what reading it found.
struct LoadedGraph {
  var graph: LabeledGraph
  var readReport: EdgeListReadReport?
  var seconds: Double
  /// The file kind, or `nil` for a dataset.
  var kind: GraphFileKind?
  var dataset: OpenedDataset? = nil

  /// Nation names per node when the graph comes from a dataset.
  var names: [String]? {
    dataset.map { opened in opened.snapshot.nations.map { opened.network.nations[$0].name } }
  }
}
