import AllianceAnalytics
import AllianceModel
import ArgumentParser
import Foundation
import GraphCore

struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Export the tool's scores as panels for researchers' tables.",
    subcommands: [StateYearExportCommand.self])
}

struct StateYearExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "state-year",
    abstract: "One row per state and year (peacesciencer's create_stateyears() keys): ccode, stateabb, year, then the scores.",
    discussion: """
      Rows: every nation of each year's snapshot (COW system members and nations with an ATOP tie that year), \
      keyed by COW code (`ccode`, empty for curated nations without one), `stateabb` and `year`. Columns after \
      the keys (--metric picks some): capability, e, fm, syn, theta, d, cr, gap, uncovered (0/1), top_patron \
      (its ccode), betweenness (capability-bearing layer, normalised as networkx), bloc (Louvain on the \
      alliance layer, numbered within the year). NaN is empty, +∞ is `inf`.

      Example (merge with pandas: pd.read_csv("sy.csv").merge(panel, on=["ccode", "year"]); with R:
      dplyr::left_join(create_stateyears(), read.csv("sy.csv"), by = c("ccode", "year"))):
        alliance export state-year ../shared/data --from 1946 --to 2018 --out sy.csv
      """)

  @OptionGroup var options: AnalysisOptions
  @Option(name: .long, help: "First year (default: the data's first).") var from: Int?
  @Option(name: .long, help: "Last year (default: the data's last).") var to: Int?
  @Option(name: .long, help: "Score columns, comma-separated (default: all).") var metric = StateYearExportCommand.metrics.joined(separator: ",")
  @Option(name: .long, help: "Write to this CSV file instead of standard output.") var out: String?

  static let metrics = ["capability", "e", "fm", "syn", "theta", "d", "cr", "gap", "uncovered", "top_patron", "betweenness", "bloc"]

  func run() throws {
    let columns = metric.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces).lowercased() }
    for column in columns where !Self.metrics.contains(column) {
      throw DataError("unknown metric \"\(column)\": expected some of \(Self.metrics.joined(separator: ", "))")
    }
    let network = try options.loadNetwork()
    let first = from ?? network.years.lowerBound, last = to ?? network.years.upperBound
    guard first <= last else { throw DataError("--from \(first) is after --to \(last)") }
    let rows: [StateYear]
    do {
      rows = try options.timed("panel (\(last - first + 1) years)") {
        try StateYearPanel.rows(network, years: first...last, parameters: options.parameters, threads: options.threads)
      }
    } catch let error as SnapshotError {
      throw DataError(error.description)
    }
    func number(_ v: Double) -> String { v.isNaN ? "" : v.isInfinite ? (v > 0 ? "inf" : "-inf") : String(v) }
    func code(_ nation: Int) -> String { network.nations[nation].cow.map(String.init) ?? "" }
    var text = (["ccode", "stateabb", "year"] + columns).joined(separator: ",") + "\n"
    text.reserveCapacity(rows.count * 120)
    for row in rows {
      let a = row.assessment
      var cells = [code(row.nation), network.nations[row.nation].abbreviation, String(row.year)]
      for column in columns {
        switch column {
        case "capability": cells.append(number(a.capability))
        case "e": cells.append(number(a.e))
        case "fm": cells.append(number(a.fm))
        case "syn": cells.append(number(a.syn))
        case "theta": cells.append(number(a.theta))
        case "d": cells.append(number(a.d))
        case "cr": cells.append(number(a.cr))
        case "gap": cells.append(number(a.gap))
        case "uncovered": cells.append(a.uncovered ? "1" : "0")
        case "top_patron": cells.append(row.topPatron.map(code) ?? "")
        case "betweenness": cells.append(number(row.betweenness))
        default: cells.append(String(row.bloc))
        }
      }
      text += cells.joined(separator: ",") + "\n"
    }
    if let out {
      try AtomicFile.write(to: out) { writer in try writer.write(Array(text.utf8)) }
    } else {
      emit(text)
    }
  }
}
