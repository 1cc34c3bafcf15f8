import AllianceAnalytics
import AllianceModel
import AllianceRender
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
    abstract: "Does coverage predict being targeted, beyond the threat environment? Out of sample, against later militarized-dispute onsets.",
    discussion: """
      Population: nation-years with threat pressure Θ > 0 (--threats disputes: dispute opponents only, no \
      rivalries). Targeted: the nation is ccode1 of a COW MID dyad-year row with cowmidonset = 1 and sidea1 = 0 in \
      y+1 … y+K. Out of sample: fit on --fit, report on --test, which starts more than K years after the fit span \
      ends (without them: the first and second half of --from … --to with a K-year gap). A baseline logit (log Θ, \
      past dispute years, log capability, Miller's territorial threat) and a full one adding log D/C and \
      uncovered are fitted on the fit span; the test span reports their AUCs and the difference, the lift of \
      uncovered over covered nation-years, the AUC of −CR and rates by CR quartile, with 95% intervals from a \
      bootstrap over nations. --choose-parameters first picks H, H_D, the half distance and the provision \
      multipliers by the full model's AUC on a validation span inside the fit span. --plot FILE (.svg, .png, \
      .pdf) also draws the ROC curves of the three scores, the full model's calibration by decile, the AUCs \
      and the targeting rates with their intervals.

      Model parameters (r, m, δ, κ, hops, draws, seed; --params FILE to repeat a run): --help-hidden.

      Examples:
        alliance backtest ../shared/data --from 1950 --to 2004 --window 10
        alliance backtest coverage ../shared/data --fit 1950-1975 --test 1986-2004
        alliance backtest ../shared/data --from 1950 --to 2004 --plot coverage.png
      """)

  @Option(name: .long, help: "First year.") var from: Int?
  @Option(name: .long, help: "Last year (the window must end by the data's last dispute year).") var to: Int?
  @Option(name: .long, help: "Years after each year in which a dispute onset counts (K).") var window = 5
  @Option(name: .long, help: "Bootstrap resamples (over nations).") var resamples = 1000
  @Option(name: .long, help: "Fit span Y1-Y2.") var fit: String?
  @Option(name: .long, help: "Test span Y3-Y4, starting more than K years after the fit span.") var test: String?
  @Option(name: .long, help: "Threats: all (rivals and dispute opponents) or disputes (dispute opponents only).") var threats: BacktestThreats = .all
  @Flag(name: .long, help: "Choose H, H_D, half distance and provision multipliers on a validation span inside the fit span (36 candidates).") var chooseParameters = false
  @OptionGroup var plot: PlotOption
  @OptionGroup var options: AnalysisOptions

  func parseSpan(_ text: String, _ option: String) throws -> ClosedRange<Int> {
    let parts = text.split(separator: "-").compactMap { Int($0) }
    guard parts.count == 2, parts[0] <= parts[1] else { throw DataError("\(option) expects Y1-Y2 with Y1 ≤ Y2, got \"\(text)\"") }
    return parts[0]...parts[1]
  }

  func run() throws {
    if resamples < 1 { throw DataError("--resamples must be at least 1") }
    let network = try options.loadNetwork()
    var parameters = options.parameters
    let fitSpan: ClosedRange<Int>, testSpan: ClosedRange<Int>
    if fit != nil || test != nil {
      guard let fit, let test else { throw DataError("--fit and --test go together") }
      fitSpan = try parseSpan(fit, "--fit")
      testSpan = try parseSpan(test, "--test")
      try wrap { try Backtest.check(network, years: fitSpan.lowerBound...testSpan.upperBound, window: window) }
      guard fitSpan.upperBound + window < testSpan.lowerBound else {
        throw DataError("--test \(test) must start after \(fitSpan.upperBound + window): the fit span's outcome windows run to \(fitSpan.upperBound) + \(window)")
      }
    } else {
      guard let from, let to else { throw DataError("give --from and --to (or --fit and --test)") }
      guard from <= to else { throw DataError("--from \(from) is after --to \(to)") }
      try wrap { try Backtest.check(network, years: from...to, window: window) }
      guard let spans = CoverageBacktest.defaultSpans(from...to, window: window) else {
        throw DataError("\(from)–\(to) is too short to split into a fit and a test span with a \(window)-year gap")
      }
      (fitSpan, testSpan) = spans
    }
    var report = AnalysisReport(dataset: network.metadata.name, year: nil, parameters: parameters)
    if chooseParameters {
      let (chosen, candidates) = try wrap {
        try options.timed("parameter search") {
          try CoverageBacktest.chooseParameters(network, fitYears: fitSpan, window: window, base: parameters, threats: threats, threads: options.threads)
        }
      }
      parameters = chosen
      var search = ResultTable(
        key: "search", title: "Parameter search: the full model's AUC on the validation span inside \(fitSpan.lowerBound)–\(fitSpan.upperBound)",
        columns: ["hops", "defense_hops", "half_distance_km", "provisions", "validation_auc"])
      for c in candidates { search.add([.int(c.hops), .int(c.defenseHops), .number(c.halfDistance), .flag(c.provisions), .number(c.validationAUC)]) }
      report.tables.append(search)
      report.parameters = parameters
    }
    let fitRows = try wrap { try Backtest.observations(network, years: fitSpan, window: window, parameters: parameters, threats: threats, threads: options.threads) }
    let testRows = try wrap { try Backtest.observations(network, years: testSpan, window: window, parameters: parameters, threats: threats, threads: options.threads) }
    let result = Backtest.evaluate(testRows, years: testSpan, window: window, parameters: parameters, resamples: resamples)
    let comparison: CoverageComparison
    do {
      comparison = try CoverageBacktest.compare(fit: fitRows, test: testRows, fitYears: fitSpan, testYears: testSpan, resamples: resamples, seed: parameters.seed)
    } catch {
      throw DataError("backtest coverage: \(error)")
    }
    var quartiles = ResultTable(key: "by_quartile", title: "Targeting rate by CR quartile on the test span (lowest coverage first)", columns: ["quartile", "cr_up_to", "nation_years", "targeted_rate"])
    for (q, entry) in result.quartiles.enumerated() {
      quartiles.add([.int(q + 1), .number(entry.upperCR), .int(entry.count), .number(entry.rate)])
    }
    var summary = ResultTable(
      key: "estimates", title: "Test span \(testSpan.lowerBound)–\(testSpan.upperBound): 95% intervals, bootstrap over nations (\(resamples) resamples)",
      columns: ["measure", "value", "low", "high"])
    for (name, e) in [
      ("uncovered_rate", result.uncoveredRate), ("covered_rate", result.coveredRate), ("lift", result.lift), ("cr_auc", result.auc),
      ("baseline_auc", comparison.baselineAUC), ("auc", comparison.fullAUC), ("auc_gain", comparison.gain),
    ] {
      summary.add([.text(name), .number(e.value), .number(e.low), .number(e.high)])
    }
    var coefficients = ResultTable(
      key: "coefficients", title: "The full model, fitted on \(fitSpan.lowerBound)–\(fitSpan.upperBound)", columns: ["feature", "coefficient", "standard_error"])
    for c in comparison.coefficients { coefficients.add([.text(c.name), .number(c.value), .number(c.standardError)]) }
    var fitted = ResultTable(key: "fitted_parameters", title: "Parameters of coverage (\(chooseParameters ? "chosen on the validation span" : "as given"))", columns: ["parameter", "value"])
    for (name, value) in [
      ("hops", Double(parameters.hops)), ("defense_hops", Double(parameters.defenseHops)), ("half_distance_km", parameters.halfDistance),
      ("m_conditional", parameters.provisionConditional), ("m_asymmetric", parameters.provisionAsymmetric), ("m_institutionalised", parameters.provisionInstitutionalised),
    ] {
      fitted.add([.text(name), .number(value)])
    }
    report.tables.insert(contentsOf: [summary, quartiles, coefficients, fitted], at: 0)
    let gainCoefficient = comparison.coefficients.first { $0.name == "log_d_over_c" }
    report.scalars = [
      ("fit_years", .text("\(fitSpan.lowerBound)-\(fitSpan.upperBound)")), ("test_years", .text("\(testSpan.lowerBound)-\(testSpan.upperBound)")),
      ("window", .int(window)), ("threats", .text(threats.rawValue)), ("fit_nation_years", .int(fitRows.count)),
      ("nation_years", .int(result.observations)), ("targeted", .int(result.targeted)),
      ("lift", .number(result.lift.value)), ("lift_low", .number(result.lift.low)), ("lift_high", .number(result.lift.high)),
      ("cr_auc", .number(result.auc.value)), ("cr_auc_low", .number(result.auc.low)), ("cr_auc_high", .number(result.auc.high)),
      ("auc", .number(comparison.fullAUC.value)), ("baseline_auc", .number(comparison.baselineAUC.value)),
      ("auc_gain", .number(comparison.gain.value)), ("auc_gain_low", .number(comparison.gain.low)), ("auc_gain_high", .number(comparison.gain.high)),
      ("log_d_over_c", .number(gainCoefficient?.value ?? .nan)), ("log_d_over_c_se", .number(gainCoefficient?.standardError ?? .nan)),
    ]
    let title = "Coverage backtest, \(network.metadata.title): fit \(fitSpan.lowerBound)–\(fitSpan.upperBound), test \(testSpan.lowerBound)–\(testSpan.upperBound)"
    if let note = try plot.write(plot.plot == nil ? [] : BacktestCharts.coverage(result, comparison), title: title) { report.notes.append(note) }
    emit(try report.render(options.output))
  }

  func wrap<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let failure as Backtest.Failure { throw DataError(failure.description) }
  }
}
