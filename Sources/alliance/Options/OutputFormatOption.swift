import ArgumentParser

/// How a command prints its results.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case table, csv, json
}

/// `--format table|csv|json`, `--table NAME` and `--quiet`, shared by every command.
struct OutputFormatOption: ParsableArguments {
  @Option(name: .long, help: "Output format: table (aligned text), csv (one table: pandas reads it as is) or json.")
  var format: OutputFormat = .table

  @Option(name: .long, help: ArgumentHelp("CSV: which of the command's tables to print (default: the first; `summary`: the scalar results as one row).", valueName: "name"))
  var table: String?

  @Flag(name: .long, help: "Print nothing on standard error but errors (no warnings, notes, timings or progress).")
  var quiet = false

  mutating func validate() throws {
    Diagnostics.quiet = quiet
  }
}
