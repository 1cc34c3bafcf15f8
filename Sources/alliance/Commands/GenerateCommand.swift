import Foundation
import ArgumentParser
import GraphCore

struct GenerateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract: "Generate a seeded random graph (the same seed gives the same graph on any thread count).",
    subcommands: [Kronecker.self, Uniform.self, Grid.self, BarabasiAlbert.self, BlockModel.self])
}

/// Options every generator takes.
struct GeneratorOutputOptions: ParsableArguments {
  @Option(name: .long, help: "Random seed.")
  var seed: UInt64 = 1

  @Option(name: .long, help: "Output file: .bin snapshot or an edge list (.el, .txt, .edges, .tsv, .csv).")
  var out: String

  @Option(name: .long, help: "Threads to use (default: all cores); the graph does not depend on it.")
  var threads: Int = Parallel.availableCores

  @OptionGroup var format: OutputFormatOption

  func validate() throws {
    if threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
    if GraphFileKind(path: out) == nil {
      throw ValidationError("--out \(out): unknown output extension; expected one of \(GraphFileKind.supportedDescription)")
    }
  }

  /// Writes the graph and prints a summary.
  func finish(_ graph: CSRGraph, model: String, report build: BuildReport? = nil, started: ContinuousClock.Instant) throws {
    let generated = (ContinuousClock.now - started).seconds
    let clock = ContinuousClock.now
    try GraphWriting.write(LabeledGraph(graph: graph), to: out, threads: threads)
    var report = KeyValueReport()
    report.add("model", model)
    report.add("seed", .unsigned(seed))
    report.add("output", out)
    report.add("nodes", graph.nodeCount)
    report.add("edges", graph.edgeCount)
    if let build {
      report.add("self_loops_removed", build.selfLoopsRemoved)
      report.add("duplicate_edges_removed", build.duplicatesRemoved)
    }
    report.meta.append(("generate_seconds", .number(generated)))
    report.meta.append(("write_seconds", .number((ContinuousClock.now - clock).seconds)))
    emit(report.render(format.format))
    if case .edgeList = GraphFileKind(path: out) {
      printWarning("edge lists do not record isolated nodes; read this file back with --nodes \(graph.nodeCount)")
    }
  }
}

extension GenerateCommand {
  struct Kronecker: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "kronecker",
      abstract: "Graph500 Kronecker graph: 2^scale nodes, edge-factor·2^scale sampled edges, A=0.57 B=0.19 C=0.19.",
      discussion: """
      Examples:
        alliance generate kronecker --scale 20 --edge-factor 16 --seed 1 --out k20.bin
      """)

    @Option(name: .long, help: "log2 of the node count (1...30).")
    var scale: Int

    @Option(name: .long, help: "Sampled edges per node (Graph500 uses 16).")
    var edgeFactor: Int = 16

    @OptionGroup var options: GeneratorOutputOptions

    func validate() throws {
      guard (1...30).contains(scale) else {
        throw ValidationError("--scale must be in 1...30 (graphs have at most 2^31 - 1 nodes), got \(scale)")
      }
      guard edgeFactor >= 1 else { throw ValidationError("--edge-factor must be at least 1, got \(edgeFactor)") }
      let sampled = edgeFactor.multipliedReportingOverflow(by: 1 << scale)
      guard !sampled.overflow && sampled.partialValue < Int(UInt32.max) else {
        throw ValidationError("--edge-factor \(edgeFactor) at --scale \(scale) samples more than 4 billion edges")
      }
      try MemoryBudget.check(
        MemoryBudget.buildBytes(nodes: 1 << scale, edges: Double(sampled.partialValue), threads: options.threads),
        what: "a Kronecker graph at scale \(scale) with edge factor \(edgeFactor)")
    }

    func run() throws {
      let start = ContinuousClock.now
      let (graph, report) = KroneckerGenerator.generate(
        scale: scale, edgeFactor: edgeFactor, seed: options.seed, threads: options.threads)
      try options.finish(graph, model: "kronecker", report: report, started: start)
    }
  }

  struct Uniform: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "uniform", abstract: "Uniform random graph G(n, m): exactly m distinct edges, no self-loops.",
      discussion: """
      Examples:
        alliance generate uniform --nodes 1000 --edges 5000 --seed 2 --out g.el
      """)

    @Option(name: .long, help: "Number of nodes.")
    var nodes: Int

    @Option(name: .long, help: "Number of edges.")
    var edges: Int

    @Flag(name: .long, help: "Generate directed edges.")
    var directed = false

    @OptionGroup var options: GeneratorOutputOptions

    func validate() throws {
      guard nodes >= 1 && nodes <= CSRGraph.maximumNodeCount else {
        throw ValidationError("--nodes must be in 1...\(CSRGraph.maximumNodeCount), got \(nodes)")
      }
      let possible = UniformGenerator.maximumEdges(nodes: nodes, directed: directed)
      guard edges >= 0 && edges <= possible else {
        throw ValidationError("--edges must be in 0...\(possible) for \(nodes) nodes, got \(edges)")
      }
      try MemoryBudget.check(
        MemoryBudget.buildBytes(nodes: nodes, edges: Double(edges), threads: options.threads),
        what: "a graph of \(nodes) nodes and \(edges) edges")
    }

    func run() throws {
      let start = ContinuousClock.now
      let graph = UniformGenerator.generate(
        nodes: nodes, edges: edges, seed: options.seed, directed: directed, threads: options.threads)
      try options.finish(graph, model: "uniform", started: start)
    }
  }

  struct Grid: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "grid",
      abstract: "Two-dimensional grid (rows × columns lattice): the high-diameter shape, like a road network.",
      discussion: """
      Node r·columns + c links to its right and lower neighbours. The grid itself is not random: \
      --seed only drives --shuffle (a random relabelling of the nodes) and --max-length (random \
      integer edge lengths 1…L for sssp; write them to a .wel or .bin file).

      Examples:
        alliance generate grid --rows 1024 --columns 1024 --out g1024.bin
        alliance generate grid --rows 1024 --columns 1024 --shuffle --max-length 255 --seed 3 --out g1024.wel
      """)

    @Option(name: .long, help: "Number of rows.")
    var rows: Int

    @Option(name: .long, help: "Number of columns.")
    var columns: Int

    @Flag(name: .long, help: "Relabel nodes by a seeded random permutation (no row-major locality).")
    var shuffle = false

    @Option(name: .long, help: "Give each edge a seeded random integer length in 1...L.")
    var maxLength: Int?

    @OptionGroup var options: GeneratorOutputOptions

    func validate() throws {
      guard rows >= 1, columns >= 1 else {
        throw ValidationError("--rows and --columns must be at least 1, got \(rows) × \(columns)")
      }
      let (nodes, overflow) = rows.multipliedReportingOverflow(by: columns)
      guard !overflow && nodes <= CSRGraph.maximumNodeCount else {
        throw ValidationError("--rows \(rows) × --columns \(columns) exceeds \(CSRGraph.maximumNodeCount) nodes")
      }
      if let maxLength, maxLength < 1 { throw ValidationError("--max-length must be at least 1, got \(maxLength)") }
      try MemoryBudget.check(
        MemoryBudget.buildBytes(nodes: nodes, edges: Double(2 * nodes), threads: options.threads),
        what: "a \(rows) × \(columns) grid")
    }

    func run() throws {
      let start = ContinuousClock.now
      let graph = GridGenerator.generate(
        rows: rows, columns: columns, seed: options.seed, shuffle: shuffle, maxLength: maxLength, threads: options.threads)
      try options.finish(graph, model: "grid", started: start)
    }
  }

  struct BarabasiAlbert: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "ba", abstract: "Barabási–Albert preferential attachment (as networkx barabasi_albert_graph).",
      discussion: """
      Examples:
        alliance generate ba --nodes 10000 --attachment 3 --out ba.bin
      """)

    @Option(name: .long, help: "Number of nodes.")
    var nodes: Int

    @Option(name: .long, help: "Edges from each new node to existing nodes.")
    var attachment: Int = 3

    @OptionGroup var options: GeneratorOutputOptions

    func validate() throws {
      guard nodes >= 2 && nodes <= CSRGraph.maximumNodeCount else {
        throw ValidationError("--nodes must be in 2...\(CSRGraph.maximumNodeCount), got \(nodes)")
      }
      guard attachment >= 1 && attachment < nodes else {
        throw ValidationError("--attachment must be in 1...\(nodes - 1), got \(attachment)")
      }
      try MemoryBudget.check(
        MemoryBudget.buildBytes(nodes: nodes, edges: Double(nodes) * Double(attachment) * 2, threads: 1),
        what: "a Barabási–Albert graph of \(nodes) nodes")
    }

    func run() throws {
      let start = ContinuousClock.now
      let graph = BarabasiAlbertGenerator.generate(nodes: nodes, attachment: attachment, seed: options.seed)
      try options.finish(graph, model: "ba", started: start)
    }
  }

  struct BlockModel: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "sbm",
      abstract: "Stochastic block model: blocks of given sizes, edge probability by block pair.",
      discussion: """
        Give --p-in and --p-out for the same probability inside every block and between every \
        pair of blocks, or --probabilities with one row per block, rows separated by ';' \
        (e.g. "0.3,0.01;0.01,0.2"), symmetric.

        Examples:
          alliance generate sbm --sizes 100,100,50 --p-in 0.2 --p-out 0.01 --out sbm.el
        """)

    @Option(name: .long, help: "Block sizes, comma-separated (e.g. 100,100,50).")
    var sizes: String

    @Option(name: .long, help: "Edge probability inside a block.")
    var pIn: Double?

    @Option(name: .long, help: "Edge probability between blocks.")
    var pOut: Double?

    @Option(name: .long, help: "Full probability matrix: rows separated by ';', values by ','.")
    var probabilities: String?

    @OptionGroup var options: GeneratorOutputOptions

    func blockSizes() throws -> [Int] {
      let parts = sizes.split(separator: ",", omittingEmptySubsequences: false)
      var values: [Int] = []
      for (k, part) in parts.enumerated() {
        guard let value = Int(part.trimmingCharacters(in: .whitespaces)), value >= 0 else {
          throw ValidationError("--sizes item \(k + 1) \"\(part)\" is not a non-negative integer")
        }
        values.append(value)
      }
      var total = 0
      for value in values {
        let sum = total.addingReportingOverflow(value)
        guard !sum.overflow, sum.partialValue <= CSRGraph.maximumNodeCount else {
          throw ValidationError("--sizes add up to more than \(CSRGraph.maximumNodeCount) nodes")
        }
        total = sum.partialValue
      }
      return values
    }

    func matrix(blocks: Int) throws -> [[Double]] {
      if let probabilities {
        guard pIn == nil && pOut == nil else { throw ValidationError("give either --probabilities or --p-in/--p-out, not both") }
        let rows = probabilities.split(separator: ";", omittingEmptySubsequences: false)
        guard rows.count == blocks else {
          throw ValidationError("--probabilities has \(rows.count) rows, expected \(blocks) (one per block)")
        }
        var result: [[Double]] = []
        for (i, row) in rows.enumerated() {
          let cells = row.split(separator: ",", omittingEmptySubsequences: false)
          guard cells.count == blocks else {
            throw ValidationError("--probabilities row \(i + 1) has \(cells.count) values, expected \(blocks)")
          }
          result.append(try cells.enumerated().map { j, cell in
            guard let p = Double(cell.trimmingCharacters(in: .whitespaces)), (0...1).contains(p) else {
              throw ValidationError("--probabilities row \(i + 1) column \(j + 1): \"\(cell)\" is not a probability in [0, 1]")
            }
            return p
          })
        }
        for i in 0..<blocks { for j in 0..<blocks where result[i][j] != result[j][i] {
          throw ValidationError("--probabilities must be symmetric: row \(i + 1) column \(j + 1) ≠ row \(j + 1) column \(i + 1)")
        } }
        return result
      }
      guard let pIn, let pOut else { throw ValidationError("give --p-in and --p-out, or --probabilities") }
      for (name, p) in [("--p-in", pIn), ("--p-out", pOut)] where !(0...1).contains(p) {
        throw ValidationError("\(name) must be a probability in [0, 1], got \(p)")
      }
      return (0..<blocks).map { i in (0..<blocks).map { j in i == j ? pIn : pOut } }
    }

    func validate() throws {
      let sizes = try blockSizes()
      _ = try matrix(blocks: sizes.count)
    }

    func run() throws {
      let start = ContinuousClock.now
      let sizes = try blockSizes()
      let graph = StochasticBlockModelGenerator.generate(
        sizes: sizes, probabilities: try matrix(blocks: sizes.count), seed: options.seed, threads: options.threads)
      try options.finish(graph, model: "sbm", started: start)
    }
  }
}
