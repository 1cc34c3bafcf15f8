import AllianceAnalytics
import AllianceModel
import ArgumentParser
import Foundation
import GraphCore

struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Export the tool's scores as panels for researchers' tables, or a graph as Parquet for Spark.",
    subcommands: [StateYearExportCommand.self, DyadYearExportCommand.self, EdgesExportCommand.self])
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

      Model parameters (r, m, δ, κ, hops, draws, seed; --params FILE to repeat a run): --help-hidden.

      Example (merge with pandas: pd.read_csv("sy.csv").merge(panel, on=["ccode", "year"]); with R:
      dplyr::left_join(create_stateyears(), read.csv("sy.csv"), by = c("ccode", "year"))):
        alliance export state-year ../shared/data --from 1946 --to 2018 --out sy.csv
      """)

  @OptionGroup var panel: PanelOptions
  @Option(name: .long, help: "Score columns, comma-separated (default: all).") var metric = StateYearExportCommand.metrics.joined(separator: ",")
  @OptionGroup var options: AnalysisOptions

  static let metrics = ["capability", "e", "fm", "syn", "theta", "d", "cr", "gap", "uncovered", "top_patron", "betweenness", "bloc"]

  func run() throws {
    let columns = try PanelCSV.columns(metric, allowed: Self.metrics)
    let network = try options.loadNetwork()
    let years = try panel.years(of: network)
    let rows: [StateYear]
    do {
      rows = try options.timed("panel (\(years.count) years)") {
        try StateYearPanel.rows(network, years: years, parameters: options.parameters, threads: options.threads)
      }
    } catch let error as SnapshotError {
      throw DataError(error.description)
    }
    let number = PanelCSV.number
    func code(_ nation: Int) -> String { PanelCSV.code(network, nation) }
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
    try PanelCSV.write([text], to: panel.out)
  }
}

/// The cell conventions and output of the panel exports.
enum PanelCSV {
  /// A number as every CSV writes it (``Cell/csv``): NaN empty, ±∞ `inf`/`-inf`, else the
  /// shortest round-tripping decimal.
  static func number(_ v: Double) -> String { Cell.number(v).csv }

  /// The nation's COW code, empty without one.
  static func code(_ network: AllianceNetwork, _ nation: Int) -> String { network.nations[nation].cow.map(String.init) ?? "" }

  /// The parsed, validated `--metric` list.
  static func columns(_ list: String, allowed: [String]) throws -> [String] {
    do {
      return try MetricColumns.parse(list, allowed: allowed)
    } catch .unknown(let column) {
      throw DataError("unknown metric \"\(column)\": expected some of \(allowed.joined(separator: ", "))")
    } catch {
      throw DataError("--metric is empty: expected some of \(allowed.joined(separator: ", "))")
    }
  }

  /// Writes the chunks to `out` atomically (nothing under the name until all is written) or
  /// to standard output.
  static func write(_ chunks: [String], to out: String?) throws {
    if let out {
      try AtomicFile.write(to: out) { writer in for chunk in chunks { try writer.write(Array(chunk.utf8)) } }
    } else {
      for chunk in chunks { emit(chunk) }
    }
  }
}

struct DyadYearExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dyad-year",
    abstract: "One row per undirected pair and year (peacesciencer's create_dyadyears(directed = FALSE) keys): ccode1 < ccode2, year, then the scores.",
    discussion: """
      Rows: every pair of nations of each year's snapshot, once, keyed by COW codes with `ccode1 < ccode2` \
      (nations without a code, in curated data, come after those with one; their cells are empty) and `year`. \
      Columns after the keys (--metric picks some):
        s       Signorino–Ritter S of the alliance portfolios (ATOP ordinal coding 3/2/1/0, self 3), in [−1, 1]
        pi      Häge's (2011) chance-corrected Scott's π (absolute distance, pooled code distribution)
        kappa   Häge's (2011) chance-corrected Cohen's κ (each member's own code distribution)
        a12     reach a(ccode1 → ccode2): the most reliable path of at most H hops on the \
      capability-bearing ties avoiding ccode1's threats (0: none)
        a21     reach a(ccode2 → ccode1)
        p_form  probability that the pair forms a defense pledge within 10 years (DESIGN §6), from a model \
      fitted only on pair-years whose outcome windows end by the row's year; empty where the pair already \
      holds a pledge or no model exists (ATOP years before 1826, or a dataset without history or model)
      NaN is empty.

      Model parameters (r, m, δ, κ, hops, draws, seed; --params FILE to repeat a run): --help-hidden.

      Example (pandas: pd.read_csv("dy.csv").merge(dyads, on=["ccode1", "ccode2", "year"]); R: \
      dplyr::left_join(create_dyadyears(directed = FALSE), read.csv("dy.csv"), by = c("ccode1", "ccode2", "year"))):
        alliance export dyad-year ../shared/data --from 1946 --to 2018 --out dy.csv
      """)

  @OptionGroup var panel: PanelOptions
  @Option(name: .long, help: "Score columns, comma-separated (default: all).") var metric = DyadYearExportCommand.metrics.joined(separator: ",")
  @OptionGroup var options: AnalysisOptions

  static let metrics = ["s", "pi", "kappa", "a12", "a21", "p_form"]

  func run() throws {
    let columns = try PanelCSV.columns(metric, allowed: Self.metrics)
    let network = try options.loadNetwork()
    let years = try panel.years(of: network)
    var models: [Int: FormationModel] = [:]
    var fallback: FormationModel?
    if columns.contains("p_form") {
      do {
        if let table = network.dyadYears, table.count > 0 {
          models = try options.timed("formation models") {
            try FormationFitter.models(for: years, network: network, disputeWindow: options.disputeWindow, threads: options.threads)
          }
        } else {
          fallback = try FormationModelStore.model(for: years.upperBound, network: network, disputeWindow: options.disputeWindow)?.model
        }
      } catch {
        throw DataError("formation model: \(error)")
      }
    }
    let rows: [DyadYear]
    do {
      rows = try options.timed("panel (\(years.count) years)") {
        try DyadYearPanel.rows(network, years: years, parameters: options.parameters, models: models, fallback: fallback, threads: options.threads)
      }
    } catch let error as SnapshotError {
      throw DataError(error.description)
    }
    let number = PanelCSV.number
    var codes = [String](repeating: "", count: network.nations.count)
    for nation in network.nations.indices { codes[nation] = PanelCSV.code(network, nation) }
    var chunks = [(["ccode1", "ccode2", "year"] + columns).joined(separator: ",") + "\n"]
    var text = ""
    text.reserveCapacity(1 << 20)
    for row in rows {
      text += codes[row.first]
      text += ","
      text += codes[row.second]
      text += ","
      text += String(row.year)
      for column in columns {
        text += ","
        switch column {
        case "s": text += number(row.s)
        case "pi": text += number(row.pi)
        case "kappa": text += number(row.kappa)
        case "a12": text += number(row.reachForward)
        case "a21": text += number(row.reachBackward)
        default: text += row.pForm.map(number) ?? ""
        }
      }
      text += "\n"
      if text.utf8.count >= 1 << 20 {
        chunks.append(text)
        text = ""
        text.reserveCapacity(1 << 20)
      }
    }
    chunks.append(text)
    try PanelCSV.write(chunks, to: panel.out)
  }
}
