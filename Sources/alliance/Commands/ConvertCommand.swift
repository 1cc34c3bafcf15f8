import ArgumentParser
import GraphCore

struct ConvertCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "convert",
    abstract: "Convert a graph between edge-list text and binary snapshot (formats chosen by extension).",
    discussion: "The output is written to a temporary file and renamed, so a failure never leaves a partial file.")

  @OptionGroup var input: GraphInputOptions

  @Argument(help: "Output file: .bin (snapshot), .el/.txt/.edges (space), .tsv (tab) or .csv (comma).")
  var output: String

  @OptionGroup var format: OutputFormatOption

  func validate() throws {
    if GraphFileKind(path: output) == nil {
      throw ValidationError("\(output): unknown output extension; expected one of \(GraphFileKind.supportedDescription)")
    }
  }

  func run() throws {
    let loaded = try input.load()
    let clock = ContinuousClock.now
    try GraphWriting.write(loaded.graph, to: output, threads: input.threads)
    var report = KeyValueReport()
    report.add("input", input.input)
    report.add("output", output)
    report.add("nodes", loaded.graph.graph.nodeCount)
    report.add("edges", loaded.graph.graph.edgeCount)
    report.add("self_loops_removed", loaded.readReport?.selfLoopsRemoved ?? 0)
    report.add("duplicate_edges_removed", loaded.readReport?.duplicatesRemoved ?? 0)
    report.add("read_seconds", loaded.seconds)
    report.add("write_seconds", (ContinuousClock.now - clock).seconds)
    if let peak = ProcessStatistics.peakResidentBytes { report.add("peak_rss_bytes", peak) }
    emit(report.render(format.format))
  }
}
