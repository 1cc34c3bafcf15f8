import AllianceAnalytics
import AllianceModel
import ArgumentParser

struct BacktestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "backtest",
    abstract: "Test the scores on history: coverage against later disputes (coverage, the default), p_form against later pledges (formation), small pacts against multilateral alliances (thesis).",
    subcommands: [CoverageBacktestCommand.self, FormationBacktestCommand.self, ThesisBacktestCommand.self], defaultSubcommand: CoverageBacktestCommand.self)
}

struct CoverageBacktestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "coverage",
    abstract: "Does coverage predict being targeted? Compare uncovered and covered nations with later militarized-dispute onsets.",
    discussion: """
      Population: nation-years with threat pressure Θ > 0. Targeted: the nation is ccode1 of a COW MID dyad-year \
      row with cowmidonset = 1 and sidea1 = 0 in y+1 … y+K. Reports targeting rates of uncovered and covered \
      nations and their ratio (lift), rates by CR quartile, and the ROC AUC of −CR, with 95% intervals from \
      --resamples seeded bootstrap resamples. --fit Y1-Y2 --test Y3-Y4 picks the half distance and defense \
      reliability with the best AUC on the fit span and reports on the later, disjoint test span.
      """)

  @OptionGroup var options: AnalysisOptions
  @Option(name: .long, help: "First year.") var from: Int?
  @Option(name: .long, help: "Last year (the window must end by the data's last dispute year).") var to: Int?
  @Option(name: .long, help: "Years after each year in which a dispute onset counts (K).") var window = 5
  @Option(name: .long, help: "Bootstrap resamples.") var resamples = 1000
  @Option(name: .long, help: "Fit span Y1-Y2 for the parameter search.") var fit: String?
  @Option(name: .long, help: "Test span Y3-Y4, after the fit span.") var test: String?

  func parseSpan(_ text: String, _ option: String) throws -> ClosedRange<Int> {
    let parts = text.split(separator: "-").compactMap { Int($0) }
    guard parts.count == 2, parts[0] <= parts[1] else { throw DataError("\(option) expects Y1-Y2 with Y1 ≤ Y2, got \"\(text)\"") }
    return parts[0]...parts[1]
  }

  func run() throws {
    if resamples < 1 { throw DataError("--resamples must be at least 1") }
    let network = try options.loadNetwork()
    var parameters = options.parameters
    var report = AnalysisReport(dataset: network.metadata.name, year: nil, parameters: parameters)
    let years: ClosedRange<Int>
    if fit != nil || test != nil {
      guard let fit, let test else { throw DataError("--fit and --test go together") }
      let fitSpan = try parseSpan(fit, "--fit"), testSpan = try parseSpan(test, "--test")
      guard fitSpan.upperBound < testSpan.lowerBound else {
        throw DataError("--test \(test) must come after --fit \(fit) without overlap")
      }
      var search = ResultTable(key: "fit", title: "Parameter search on \(fit) (AUC of −CR)", columns: ["half_distance_km", "r_defense", "auc", "lift"])
      var best: (ModelParameters, Double)? = nil
      for half in [1000.0, 2000.0, 3000.0, 5000.0, 8000.0] {
        for r in [0.5, 0.75, 0.9] {
          var p = parameters
          p.halfDistance = half
          p.reliabilityDefense = r
          p.reliabilityOffense = r
          let observations = try wrap { try Backtest.observations(network, years: fitSpan, window: window, parameters: p, threads: options.threads) }
          let result = Backtest.evaluate(observations, years: fitSpan, window: window, parameters: p, resamples: 1)
          search.add([.number(half), .number(r), .number(result.auc.value), .number(result.lift.value)])
          if result.auc.value.isFinite, best == nil || result.auc.value > best!.1 { best = (p, result.auc.value) }
        }
      }
      guard let chosen = best else { throw DataError("the fit span has no nation-year with both outcomes: AUC is undefined") }
      parameters = chosen.0
      report.parameters = parameters
      report.tables.append(search)
      report.notes.append("fitted on \(fit): half distance \(Int(parameters.halfDistance)) km, r_defense \(parameters.reliabilityDefense); results below are on \(test)")
      years = testSpan
    } else {
      guard let from, let to else { throw DataError("give --from and --to (or --fit and --test)") }
      guard from <= to else { throw DataError("--from \(from) is after --to \(to)") }
      years = from...to
    }
    let observations = try wrap { try Backtest.observations(network, years: years, window: window, parameters: parameters, threads: options.threads) }
    let result = Backtest.evaluate(observations, years: years, window: window, parameters: parameters, resamples: resamples)
    var quartiles = ResultTable(key: "cr_quartiles", title: "Targeting rate by CR quartile (lowest coverage first)", columns: ["quartile", "cr_up_to", "nation_years", "targeted_rate"])
    for (q, entry) in result.quartiles.enumerated() {
      quartiles.add([.int(q + 1), .number(entry.upperCR), .int(entry.count), .number(entry.rate)])
    }
    var summary = ResultTable(key: "estimates", title: "Estimates with 95% bootstrap intervals (\(resamples) resamples)", columns: ["measure", "value", "low", "high"])
    for (name, e) in [("uncovered_rate", result.uncoveredRate), ("covered_rate", result.coveredRate), ("lift", result.lift), ("auc", result.auc)] {
      summary.add([.text(name), .number(e.value), .number(e.low), .number(e.high)])
    }
    report.tables.insert(contentsOf: [summary, quartiles], at: 0)
    report.scalars = [
      ("years", .text("\(years.lowerBound)-\(years.upperBound)")), ("window", .int(window)),
      ("nation_years", .int(result.observations)), ("targeted", .int(result.targeted)),
      ("lift", .number(result.lift.value)), ("lift_low", .number(result.lift.low)), ("lift_high", .number(result.lift.high)),
      ("auc", .number(result.auc.value)), ("auc_low", .number(result.auc.low)), ("auc_high", .number(result.auc.high)),
    ]
    emit(report.render(options.output.format))
  }

  func wrap<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let failure as Backtest.Failure { throw DataError(failure.description) }
  }
}
