import AllianceAnalytics
import AllianceModel
import AllianceRender
import ArgumentParser
import Foundation
import GraphCore

extension BacktestThreats: ExpressibleByArgument {}

struct ThesisBacktestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "thesis",
    abstract: "The seed's claim on history: were threatened nations relying on 2–3-member pacts targeted as often as members of multilateral alliances?",
    discussion: """
      Threatened nation-years (rivals and dispute opponents of the previous 10 years; --threats disputes: \
      dispute opponents only) are classed by their defense/offense pledges in force (ATOP v4 member level, phases \
      merged): none, only pacts of 2–3 members, at least one pact of 4 or more (and the split of small pacts with \
      and without a major power). Outcomes within K years (--window): targeted by a new militarized dispute \
      (side B; primary), by a fatal one (COW fatality > 0; −9 is missing, not zero), by a war (hostility 5). \
      Reports rates per class and within strata of the threat environment, the odds ratio of small pacts against \
      multilateral ones from a logit with controls (log threats, past dispute years, log capability, major power, \
      nuclear, Miller's territorial threat) with a 90% interval from a bootstrap over nations, a Mantel–Haenszel \
      odds ratio over coarsened-exact-matching strata, and the conclusion with margin E (--equivalence-margin): \
      as_effective if 1/E ≤ L and U ≤ E; less_effective if L > 1; more_effective if U < 1; else inconclusive. \
      OR > 1: small pacts are targeted more. Also by era and for today's OIC members. --plot FILE (.svg, \
      .png, .pdf) also draws the targeting rates by class and the odds ratios with their intervals.

      Model parameters (r, m, δ, κ, hops, draws, seed; --params FILE to repeat a run): --help-hidden.

      Examples:
        alliance backtest thesis ../shared/data --from 1946 --to 2004 --window 10
        alliance backtest thesis ../shared/data --plot thesis.pdf
      """)

  @Option(name: .long, help: "First year.") var from = 1946
  @Option(name: .long, help: "Last year (the window must end by the data's last dispute year).") var to = 2004
  @Option(name: .long, help: "Years after each year in which an outcome counts (K).") var window = 10
  @Option(name: .long, help: "Equivalence margin E of the conclusion.") var equivalenceMargin = 1.25
  @Option(name: .long, help: "Threats: all (rivals and dispute opponents) or disputes (dispute opponents only).") var threats: BacktestThreats = .all
  @Option(name: .long, help: "Bootstrap resamples (over nations).") var resamples = 500
  @Option(name: .long, help: "Also write the nation-years (class, controls, outcomes) to this CSV file.") var designOut: String?
  @OptionGroup var plot: PlotOption
  @OptionGroup var options: AnalysisOptions

  func validate() throws {
    if from > to { throw ValidationError("--from \(from) is after --to \(to)") }
    if !(equivalenceMargin > 1) { throw ValidationError("--equivalence-margin must be above 1, got \(equivalenceMargin)") }
    if resamples < 10 { throw ValidationError("--resamples must be at least 10, got \(resamples)") }
  }

  func run() throws {
    let network = try options.loadNetwork()
    let parameters = options.parameters
    let observations: [ThesisObservation]
    do {
      observations = try options.timed("nation-years") {
        try ThesisBacktest.observations(network, years: from...to, window: window, threats: threats, disputeWindow: options.disputeWindow, threads: options.threads)
      }
    } catch let failure as Backtest.Failure {
      throw DataError(failure.description)
    }
    if let designOut {
      let text = ThesisBacktest.designCSV(observations, network: network)
      try AtomicFile.write(to: designOut) { writer in try writer.write(Array(text.utf8)) }
    }
    let result = options.timed("estimates") {
      ThesisBacktest.evaluate(
        observations, network: network, years: from...to, window: window, threats: threats, margin: equivalenceMargin, resamples: resamples,
        seed: parameters.seed, threads: options.threads)
    }
    var report = ThesisBacktestFormat.report(result, dataset: network.metadata.name, parameters: parameters)
    let title = "Thesis backtest, \(network.metadata.title): \(from)–\(to), \(window)-year window"
    if let note = try plot.write(plot.plot == nil ? [] : BacktestCharts.thesis(result), title: title) { report.notes.append(note) }
    emit(try report.render(options.output))
  }
}

/// How the thesis backtest prints.
enum ThesisBacktestFormat {
  static func report(_ r: ThesisBacktestResult, dataset: String, parameters: ModelParameters) -> AnalysisReport {
    var report = AnalysisReport(dataset: dataset, year: nil, parameters: parameters)
    let p = r.primary
    report.scalars = [
      ("years", .text("\(r.years.lowerBound)–\(r.years.upperBound)")), ("window", .int(r.window)), ("threats", .text(r.threats.rawValue)),
      ("observations", .int(r.observations)), ("odds_ratio", .number(p.value)), ("odds_ratio_low", .number(p.low)),
      ("odds_ratio_high", .number(p.high)), ("matched_odds_ratio", .number(p.matched)), ("conclusion", .text(p.conclusion.rawValue)),
      ("equivalence_margin", .number(r.margin)), ("resamples", .int(r.resamples)),
    ]
    var rates = ResultTable(
      key: "rates", title: "Rates by class of threatened nation-years (within \(r.window) years)",
      columns: ["class", "observations", "targeted_rate", "fatal_rate", "fatal_known", "war_rate"])
    for c in r.rates {
      rates.add([.text(c.label), .int(c.observations), .number(c.targetedRate), .number(c.fatalRate), .int(c.fatalKnown), .number(c.warRate)])
    }
    func row(_ label: String, _ e: PactOddsRatio) -> [Cell] {
      [
        .text(label), .int(e.observations), .int(e.positives), .number(e.value), .number(e.low), .number(e.high), .number(e.matched),
        .text(e.conclusion.rawValue),
      ]
    }
    let columns = ["outcome", "observations", "positives", "odds_ratio", "odds_ratio_low", "odds_ratio_high", "matched_odds_ratio", "conclusion"]
    var outcomes = ResultTable(key: "outcomes", title: "Small pacts against multilateral ones, by outcome (90% nation-cluster intervals)", columns: columns)
    for e in r.outcomes { outcomes.add(row(e.outcome, e)) }
    var eras = ResultTable(key: "by_era", title: "By era (targeted by a new dispute)", columns: ["era"] + columns.dropFirst())
    for (era, e) in r.byEra { eras.add([.text(era)] + row(e.outcome, e).dropFirst()) }
    var strata = ResultTable(
      key: "strata", title: "Targeting rates within strata of the threat environment",
      columns: ["stratum", "small", "small_rate", "multilateral", "multilateral_rate"])
    for s in r.strata { strata.add([.text(s.label), .int(s.small), .number(s.smallRate), .int(s.multilateral), .number(s.multilateralRate)]) }
    var coefficients = ResultTable(key: "coefficients", title: "The primary logit (targeted by a new dispute)", columns: ["feature", "coefficient", "odds_ratio"])
    for (name, value) in r.coefficients { coefficients.add([.text(name), .number(value), .number(exp(value))]) }
    report.tables = [rates, outcomes, eras, strata, coefficients]
    if let oic = r.oic {
      var table = ResultTable(key: "oic", title: "Today's OIC members, in the years they exist", columns: columns)
      table.add(row(oic.outcome, oic))
      report.tables.append(table)
    } else {
      report.notes.append("no OIC group in the data: the OIC estimate is left out")
    }
    report.notes.append("OR > 1: nation-years relying only on 2–3-member pacts were targeted more often than members of a pact of 4 or more, with the controls held fixed")
    return report
  }
}
