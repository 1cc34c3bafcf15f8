import ArgumentParser
import GraphCore
import AllianceModel

struct InfoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "info",
    abstract: "Describe a dataset year (nations, ties by type, alliances, capability coverage) or a graph file (size, degrees, memory).",
    discussion: """
      With no argument, describes the built-in curated dataset in its as-of year. A folder is read as a \
      dataset (dataset.json, or ATOP/COW files); a file as a graph.

      Examples:
        alliance info
        alliance info ../shared/data --year 2012 --format json
        alliance info graph.el --nodes 1048576
      """)

  @OptionGroup var input: GraphInputOptions
  @OptionGroup var output: OutputFormatOption

  @Flag(name: .long, help: "For a dataset: one row per year with the size of every snapshot (nations, ties by type, alliances, threats).")
  var allYears = false

  func run() throws {
    if allYears {
      guard input.isDataset else { throw ValidationError("--all-years applies to datasets, not graph files") }
      let clock = ContinuousClock.now
      let network = try DatasetLoader.load(input.input, capability: input.dataset.capability)
      let loaded = ContinuousClock.now
      let (header, rows) = try YearCounts.table(network, years: network.years, options: SnapshotOptions(disputeWindow: input.dataset.disputeWindow))
      let done = ContinuousClock.now
      switch output.format {
      case .table: emit(alignedTable(header: header, rows: rows))
      case .csv: emit(([header] + rows).map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\n") + "\n")
      case .json:
        let objects = rows.map { row in "    {" + zip(header, row).map { "\(jsonString($0)): \($1)" }.joined(separator: ", ") + "}" }
        emit("{\n  \"years\": [\n" + objects.joined(separator: ",\n") + "\n  ]\n}\n")
      }
      printTiming("import", (loaded - clock).seconds)
      printTiming("snapshots (\(rows.count) years)", (done - loaded).seconds)
      return
    }
    if input.isDataset {
      let clock = ContinuousClock.now
      let opened = try input.dataset.open(input.input)
      emit(DatasetInfo.render(DatasetInfo.document(opened, seconds: (ContinuousClock.now - clock).seconds), output.format))
      return
    }
    let loaded = try input.load()
    emit(GraphSummary.report(of: loaded, path: input.displayName).render(output.format))
  }
}
