import AllianceAnalytics
import AllianceModel
import AllianceRender
import ArgumentParser
import GraphCore

struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Write the self-contained HTML report: summary, focus strategy, diagrams, tables, group section, timelines, parameters, sources.",
    discussion: """
      The default focus is Pakistan, a member of the Organisation of Islamic Cooperation (OIC); --focus changes \
      it. The group section (default --group oic) lists every member's force multiplier, coverage and the \
      bilateral/trilateral vs multilateral verdict, with a diagram of the group's defense ties and cooperation \
      channels. The file has no external references: styles, scripts and diagrams are inline.

      Model parameters (r, m, δ, κ, hops, draws, seed; --params FILE to repeat a run): --help-hidden.

      Examples:
        alliance report --focus Indonesia --out indonesia.html
        alliance report --history ../shared/data --out report.html
      """)

  @Option(name: .long, help: "Output HTML file.") var out: String
  @Option(name: .long, help: "The focal nation (code, abbreviation or name).") var focus = "Pakistan"
  @Option(name: .long, help: "The group with its own section.") var group = "oic"
  @Option(name: .long, help: "ATOP/COW/MID data (a folder like ../shared/data) for the section \"What history says\".") var history: String?
  @Option(name: .long, help: "Years of the timeline charts, e.g. 1946-2025 (default: the last 80 years of the data).") var timeline: String?
  @OptionGroup var options: AnalysisOptions

  func validate() throws {
    guard out.lowercased().hasSuffix(".html") || out.lowercased().hasSuffix(".htm") else {
      throw ValidationError("--out \(out): expected an .html file")
    }
  }

  func run() throws {
    let clock = ContinuousClock.now
    let network = try options.loadNetwork()
    let year = try options.analysisYear(network)
    let focusNode = try year.node(focus, option: "--focus", needsData: true)
    var reportOptions = ReportOptions(year: year.snapshot.year, focus: year.snapshot.nations[focusNode])
    // An unknown group is an error here, not a missing section.
    _ = try year.groupNodes(group)
    reportOptions.group = group
    reportOptions.parameters = options.parameters
    reportOptions.threads = options.threads
    reportOptions.thesisRule.draws = options.model.draws ?? 2000
    if let history { reportOptions.history = try options.timed("history") { try DatasetLoader.load(history) } }
    if let timeline {
      let parts = timeline.split(separator: "-").compactMap { Int($0) }
      guard parts.count == 2, parts[0] <= parts[1], network.years.contains(parts[0]), network.years.contains(parts[1]) else {
        throw DataError("--timeline \(timeline): expected FROM-TO within \(network.years.lowerBound)–\(network.years.upperBound)")
      }
      reportOptions.timelineYears = parts[0]...parts[1]
    }
    let html = try options.timed("report") { try HTMLReport.build(network, options: reportOptions) }
    try AtomicFile.write(to: out) { writer in try writer.write(Array(html.utf8)) }
    var report = KeyValueReport()
    report.add("output", out)
    report.add("focus", "\(year.names[focusNode]) (\(year.ids[focusNode]))")
    report.add("year", year.snapshot.year)
    report.add("bytes", html.utf8.count)
    report.add("seconds", (ContinuousClock.now - clock).seconds)
    emit(report.render(options.output.format))
  }
}
