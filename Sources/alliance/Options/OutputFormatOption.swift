import ArgumentParser

/// How a command prints its results.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case table, csv, json
}

/// `--format table|csv|json`, shared by every command.
struct OutputFormatOption: ParsableArguments {
  @Option(name: .long, help: "Output format: table (aligned text), csv or json.")
  var format: OutputFormat = .table
}
