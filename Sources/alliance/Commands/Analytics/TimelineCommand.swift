import AllianceAnalytics
import AllianceModel
import AllianceRender
import ArgumentParser

struct TimelineCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "timeline",
    abstract: "Analytics per year over a range: system measures, or one nation's (or a group's) FM, CR, gap, … per year.",
    discussion: """
      Without --focus or --group: per year the nations, defense pairs, threatened and uncovered nations, total gap, \
      mean FM, mean similarity S, blocs, modularity and polarization. With --focus or --group: per year and \
      nation the columns of --metric (default e,fm,syn,theta,d,cr,gap,uncovered). --metric picks the system \
      columns too (nations, defense_pairs, threatened, uncovered, total_gap, mean_fm, mean_s, blocs, modularity, \
      polarization); an unknown name is an error. --plot FILE (.svg, .png, .pdf) also draws the table as \
      line charts: the system measures grouped by unit, or one chart per --metric with a line per nation.

      Model parameters (r, m, δ, κ, hops, draws, seed; --params FILE to repeat a run): --help-hidden.

      Examples:
        alliance timeline ../shared/data --metric total_gap,polarization
        alliance timeline ../shared/data --focus Pakistan --metric fm,cr,gap
        alliance timeline ../shared/data --from 1946 --to 2018 --plot timeline.svg
      """)

  @Option(name: .long, help: "First year (default: the data's first).") var from: Int?
  @Option(name: .long, help: "Last year (default: the data's last).") var to: Int?
  @Option(name: .long, help: "One nation (code, abbreviation or name).") var focus: String?
  @Option(name: .long, help: "A group: oic, a region, a dataset group, or a file of codes.") var group: String?
  @Option(name: .long, help: "Columns, comma-separated: per nation e, fm, syn, theta, d, cr, gap, uncovered, partners (default: all but partners); for the system table nations, defense_pairs, threatened, uncovered, total_gap, mean_fm, mean_s, blocs, modularity, polarization (default: all).") var metric: String?
  @OptionGroup var plot: PlotOption
  @OptionGroup var options: AnalysisOptions

  static let metrics = ["e", "fm", "syn", "theta", "d", "cr", "gap", "uncovered", "partners"]
  static let systemMetrics = ["nations", "defense_pairs", "threatened", "uncovered", "total_gap", "mean_fm", "mean_s", "blocs", "modularity", "polarization"]

  /// The `--metric` columns, checked against `allowed`.
  static func columns(_ text: String?, allowed: [String], default fallback: [String]) throws -> [String] {
    guard let text else { return fallback }
    do {
      return try MetricColumns.parse(text, allowed: allowed)
    } catch .unknown(let column) {
      throw ValidationError("--metric: unknown column \"\(column)\": expected some of \(allowed.joined(separator: ", "))")
    } catch {
      throw ValidationError("--metric is empty: expected some of \(allowed.joined(separator: ", "))")
    }
  }

  func validate() throws {
    if focus != nil || group != nil {
      _ = try Self.columns(metric, allowed: Self.metrics, default: [])
    } else {
      _ = try Self.columns(metric, allowed: Self.systemMetrics, default: [])
    }
  }

  func run() throws {
    let network = try options.loadNetwork()
    let first = from ?? network.years.lowerBound, last = to ?? network.years.upperBound
    guard first <= last else { throw DataError("--from \(first) is after --to \(last)") }
    let years = first...last
    let parameters = options.parameters
    var report = AnalysisReport(dataset: network.metadata.name, year: nil, parameters: parameters)
    let progress = ProgressReporter("timeline")
    let plotTitle = "\(network.metadata.title), \(first)–\(last)"
    var charts: [String] = []
    if focus != nil || group != nil {
      let columns = try Self.columns(metric, allowed: Self.metrics, default: Array(Self.metrics.dropLast()))
      let nations: [Int]
      if let focus {
        nations = [try network.resolve(focus)]
      } else {
        let anchor = try options.analysisYear(network, year: last, quiet: true)
        nations = try anchor.groupNodes(group!).map { anchor.snapshot.nations[$0] }
      }
      let rows = try options.timed("timeline (\(years.count) years)") { try Timeline.nations(network, years: years, nations: nations, parameters: parameters, threads: options.threads) }
      var table = ResultTable(key: "years", title: "Per year", columns: ["year", "nation", "name"] + columns)
      for row in rows {
        let a = row.assessment
        let cells: [Cell] = columns.map { column in
          switch column {
          case "e": .number(a.e)
          case "fm": .number(a.fm)
          case "syn": .number(a.syn)
          case "theta": .number(a.theta)
          case "d": .number(a.d)
          case "cr": .number(a.cr)
          case "gap": .number(a.gap)
          case "uncovered": .flag(a.uncovered)
          default: .int(a.partners)
          }
        }
        table.add([.int(row.year), .text(network.nations[row.nation].id), .text(network.nations[row.nation].name)] + cells)
      }
      report.tables.append(table)
      if plot.plot != nil {
        charts = TimelineCharts.nations(rows, names: Dictionary(nations.map { ($0, network.nations[$0].name) }, uniquingKeysWith: { first, _ in first }), metrics: columns)
      }
    } else {
      let rows = try options.timed("timeline (\(years.count) years)") { try Timeline.system(network, years: years, parameters: parameters, threads: options.threads) }
      let columns = try Self.columns(metric, allowed: Self.systemMetrics, default: Self.systemMetrics)
      var table = ResultTable(key: "years", title: "System per year", columns: ["year"] + columns)
      for r in rows {
        let all: [String: Cell] = [
          "nations": .int(r.nations), "defense_pairs": .int(r.defensePairs), "threatened": .int(r.threatened), "uncovered": .int(r.uncovered),
          "total_gap": .number(r.totalGap), "mean_fm": .number(r.meanFM), "mean_s": .number(r.meanSimilarity), "blocs": .int(r.blocs),
          "modularity": .number(r.modularity), "polarization": .number(r.polarization),
        ]
        table.add([.int(r.year)] + columns.map { all[$0]! })
      }
      report.tables.append(table)
      if plot.plot != nil { charts = TimelineCharts.system(rows, metrics: columns) }
    }
    progress.finish()
    if let note = try plot.write(charts, title: plotTitle) { report.notes.append(note) }
    for source in network.coverage where last > source.lastYear {
      report.notes.append("\(source.name) ends in \(source.lastYear); later years use what the data has")
    }
    emit(try report.render(options.output))
  }
}
