import AllianceAnalytics
import AllianceModel
import ArgumentParser

struct TimelineCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "timeline",
    abstract: "Analytics per year over a range: system measures, or one nation's (or a group's) FM, CR, gap, … per year.",
    discussion: """
      Without --focus or --group: per year the nations, defense pairs, threatened and uncovered nations, total gap, \
      mean FM, mean similarity S, blocs, modularity and polarization. With --focus or --group: per year and \
      nation the columns of --metric (default e,fm,syn,theta,d,cr,gap,uncovered).
      """)

  @OptionGroup var options: AnalysisOptions
  @Option(name: .long, help: "First year (default: the data's first).") var from: Int?
  @Option(name: .long, help: "Last year (default: the data's last).") var to: Int?
  @Option(name: .long, help: "One nation (code, abbreviation or name).") var focus: String?
  @Option(name: .long, help: "A group: oic, a region, a dataset group, or a file of codes.") var group: String?
  @Option(name: .long, help: "Per-nation columns: e, fm, syn, theta, d, cr, gap, uncovered, partners.") var metric = "e,fm,syn,theta,d,cr,gap,uncovered"

  static let metrics = ["e", "fm", "syn", "theta", "d", "cr", "gap", "uncovered", "partners"]

  func run() throws {
    let network = try options.loadNetwork()
    let first = from ?? network.years.lowerBound, last = to ?? network.years.upperBound
    guard first <= last else { throw DataError("--from \(first) is after --to \(last)") }
    let years = first...last
    let parameters = options.parameters
    var report = AnalysisReport(dataset: network.metadata.name, year: nil, parameters: parameters)
    let progress = ProgressReporter("timeline")
    if focus != nil || group != nil {
      let columns = metric.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces).lowercased() }
      for column in columns where !Self.metrics.contains(column) {
        throw DataError("unknown metric \"\(column)\": expected some of \(Self.metrics.joined(separator: ", "))")
      }
      let nations: [Int]
      if let focus {
        nations = [try network.resolve(focus)]
      } else {
        let anchor = try options.analysisYear(network, year: last, quiet: true)
        nations = try anchor.group(group!).map { anchor.snapshot.nations[$0] }
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
    } else {
      let rows = try options.timed("timeline (\(years.count) years)") { try Timeline.system(network, years: years, parameters: parameters, threads: options.threads) }
      var table = ResultTable(key: "years", title: "System per year", columns: ["year", "nations", "defense_pairs", "threatened", "uncovered", "total_gap", "mean_fm", "mean_s", "blocs", "modularity", "polarization"])
      for r in rows {
        table.add([.int(r.year), .int(r.nations), .int(r.defensePairs), .int(r.threatened), .int(r.uncovered), .number(r.totalGap), .number(r.meanFM), .number(r.meanSimilarity), .int(r.blocs), .number(r.modularity), .number(r.polarization)])
      }
      report.tables.append(table)
    }
    progress.finish()
    for source in network.coverage where last > source.lastYear {
      report.notes.append("\(source.name) ends in \(source.lastYear); later years use what the data has")
    }
    emit(try report.render(options.output))
  }
}
