import AllianceAnalytics
import AllianceModel
import ArgumentParser
import GraphCore

struct ConvertCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "convert",
    abstract: "Convert a graph between edge-list text and binary snapshot, or export a dataset to GraphML, GEXF or JSON.",
    discussion: """
      alliance convert GRAPH OUT            graph file to .bin, .el/.txt/.edges, .tsv or .csv
      alliance convert [DATASET] OUT        dataset to .graphml (one year), .gexf (years as spells) or .json (one year)

      DATASET is a folder in the project's format, a folder of ATOP/COW files, or omitted for the built-in \
      curated dataset. A dataset can also be written as an edge list or snapshot of one --layer. The output \
      is written to a temporary file and renamed, so a failure never leaves a partial file.

      Examples:
        alliance convert graph.el graph.bin
        alliance convert out.graphml --analytics
        alliance convert ../shared/data timeline.gexf
      """)

  @Argument(help: ArgumentHelp("[input] output: the input (graph file or dataset; default the built-in dataset) and the output file.", valueName: "paths"))
  var paths: [String]

  @OptionGroup var read: GraphReadFlags
  @OptionGroup var dataset: DatasetFlags

  @Option(name: .long, help: "Years of a GEXF export, e.g. 1946-2018 (default: every year of the dataset).")
  var years: String?

  @Flag(name: .long, help: "Add analytics results to GraphML/GEXF/JSON exports as node attributes: e, fm, syn, theta, d, cr, gap, uncovered, bloc, degree, betweenness, eigenvector (of --year, default parameters).")
  var analytics = false

  @OptionGroup var format: OutputFormatOption

  var input: String? { paths.count == 2 ? paths[0] : nil }
  var output: String { paths.last ?? "" }

  func validate() throws {
    guard (1...2).contains(paths.count) else {
      throw ValidationError("expected an output file, optionally preceded by an input; got \(paths.count) paths")
    }
    if DatasetExportFormat(path: output) == nil && GraphFileKind(path: output) == nil {
      throw ValidationError(
        "\(output): unknown output extension; expected .graphml, .gexf, .json or one of \(GraphFileKind.supportedDescription)")
    }
    if paths.count == 1 && FileBytes.isFile(output) {
      throw ValidationError(
        "\(output) exists: to convert it, name an output too (alliance convert \(output) OUT); to export the built-in dataset over it, write `alliance convert curated \(output)`")
    }
    if !InputKind.isDataset(input) && DatasetExportFormat(path: output) != nil {
      throw ValidationError("\(output): GraphML, GEXF and JSON exports need a dataset as input, not a graph file")
    }
  }

  func run() throws {
    var options = GraphInputOptions()
    options.input = input
    options.read = read
    options.dataset = dataset
    if let exportFormat = DatasetExportFormat(path: output) {
      try exportDataset(exportFormat)
      return
    }
    let loaded = try options.load()
    let clock = ContinuousClock.now
    try GraphWriting.write(loaded.graph, to: output, threads: read.threads)
    var report = KeyValueReport()
    report.add("input", options.displayName)
    report.add("output", output)
    report.add("nodes", loaded.graph.graph.nodeCount)
    report.add("edges", loaded.graph.graph.edgeCount)
    report.add("self_loops_removed", loaded.readReport?.selfLoopsRemoved ?? 0)
    report.add("duplicate_edges_removed", loaded.readReport?.duplicatesRemoved ?? 0)
    report.meta.append(("read_seconds", .number(loaded.seconds)))
    report.meta.append(("write_seconds", .number((ContinuousClock.now - clock).seconds)))
    if let peak = ProcessStatistics.peakResidentBytes { report.add("peak_rss_bytes", peak) }
    emit(report.render(format.format))
  }

  func exportDataset(_ exportFormat: DatasetExportFormat) throws {
    let clock = ContinuousClock.now
    let opened = try dataset.open(input)
    var parameters = ModelParameters()
    parameters.disputeWindow = dataset.disputeWindow
    let extra = analytics ? AnalyticsAttributes.compute(opened, parameters: parameters, threads: read.threads) : NodeAttributes()
    let text: String
    var report = KeyValueReport()
    report.add("input", input ?? "built-in curated dataset")
    report.add("output", output)
    switch exportFormat {
    case .graphml:
      text = GraphMLWriter.document(opened.snapshot, network: opened.network, extra: extra)
      report.add("year", opened.snapshot.year)
    case .json:
      text = SnapshotJSON.document(opened.snapshot, network: opened.network, extra: extra).rendered() + "\n"
      report.add("year", opened.snapshot.year)
    case .gexf:
      let range = try yearRange(opened.network)
      text = try GEXFWriter.document(
        opened.network, years: range, options: SnapshotOptions(disputeWindow: dataset.disputeWindow), extra: extra,
        extraNations: opened.snapshot.nations)
      report.add("years", "\(range.lowerBound)-\(range.upperBound)")
    }
    try AtomicFile.write(to: output) { writer in try writer.write(Array(text.utf8)) }
    report.add("nations", opened.snapshot.nodeCount)
    report.add("ties", opened.snapshot.union.edgeCount)
    report.add("bytes", text.utf8.count)
    report.add("seconds", (ContinuousClock.now - clock).seconds)
    emit(report.render(format.format))
  }

  func yearRange(_ network: AllianceNetwork) throws -> ClosedRange<Int> {
    guard let years else { return network.years }
    let parts = years.split(separator: "-").map { Int($0.trimmingCharacters(in: .whitespaces)) }
    guard parts.count == 2, let from = parts[0], let to = parts[1], from <= to else {
      throw ValidationError("--years expects FROM-TO with FROM ≤ TO, e.g. 1946-2018; got \"\(years)\"")
    }
    guard network.years.contains(from) && network.years.contains(to) else {
      throw ValidationError("--years \(years) lies outside the data (\(network.years.lowerBound)–\(network.years.upperBound))")
    }
    return from...to
  }
}

/// Dataset export formats, chosen by extension.
enum DatasetExportFormat {
  case graphml, gexf, json

  init?(path: String) {
    let lower = path.lowercased()
    if lower.hasSuffix(".graphml") { self = .graphml } else if lower.hasSuffix(".gexf") { self = .gexf } else if lower.hasSuffix(".json") { self = .json } else { return nil }
  }
}
