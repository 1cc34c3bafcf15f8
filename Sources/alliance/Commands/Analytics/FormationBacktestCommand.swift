import AllianceAnalytics
import AllianceModel
import AllianceRender
import ArgumentParser

struct FormationBacktestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "formation",
    abstract: "Does p_form predict who allies? Rank each nation's candidates by p_form and count the pledges that formed within K years.",
    discussion: """
      For each test year Y the formation model is fitted for Y with no look-ahead (pair-years y ≤ Y − 10). Foci: \
      nations with capability and capital; candidates: those of recommend (not a threat, no defense/offense pledge \
      with the focus, compatible with its camp). A hit is a defense/offense pledge with the focus in some year \
      Y+1 … Y+10 (ATOP v5). Reports precision@5 and @10 (mean over foci with enough candidates) and the AUC of \
      p_form beside baselines on the same cases — a distance-and-contiguity logit fitted on the same sample, the \
      nearest capitals, a random order — with 95% intervals from a bootstrap over focal nations, the Brier score, \
      a calibration table by decile, per-year values and (--recommender) the precision@5 of recommend's own picks. \
      --plot FILE (.svg, .png, .pdf) also draws the rules' ROC curves, p_form's calibration, precision@5 and AUC.

      Model parameters (r, m, δ, κ, hops, draws, seed; --params FILE to repeat a run): --help-hidden.

      Examples:
        alliance backtest formation ../shared/data --years 1960,1970,1980,1990
        alliance backtest formation ../shared/data --years 1970-1990 --recommender
        alliance backtest formation ../shared/data --plot formation.svg
      """)

  @Option(name: .long, help: "Test years: Y1-Y2 (every --every years) or a list Y,Y,…; each window must end by the data's last year.") var years = "1950-2005"
  @Option(name: .long, help: "Step between test years of a Y1-Y2 span.") var every = 5
  @Option(name: .long, help: "Years after each test year in which a new pledge counts (K).") var window = 10
  @Flag(name: .long, help: "Skip p_join's AUC on ATOP accessions (an accession model per test year).") var noAccession = false
  @Option(name: .long, help: "First year of each fit's sample (default 1816).") var firstYear: Int?
  @Option(name: .long, help: "Bootstrap resamples (over nations).") var resamples = 1000
  @Flag(name: .long, help: "Also score recommend's own top 5 (slower: a partner search per focus and year).") var recommender = false
  @OptionGroup var plot: PlotOption
  @OptionGroup var options: AnalysisOptions

  func run() throws {
    guard every >= 1, resamples >= 1, window >= 1 else { throw DataError("--every, --resamples and --window must be at least 1") }
    let testYears: [Int]
    if years.contains(",") || Int(years) != nil {
      let list = years.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
      guard !list.isEmpty, list.allSatisfy({ $0 != nil }) else { throw DataError("--years expects Y1-Y2 or a list Y,Y,…, got \"\(years)\"") }
      testYears = list.map { $0! }.sorted()
    } else {
      let parts = years.split(separator: "-").compactMap { Int($0) }
      guard parts.count == 2, parts[0] <= parts[1] else { throw DataError("--years expects Y1-Y2 with Y1 ≤ Y2 or a list Y,Y,…, got \"\(years)\"") }
      testYears = Array(stride(from: parts[0], through: parts[1], by: every))
    }
    let network = try options.loadNetwork()
    var formation = FormationOptions()
    formation.horizon = window
    if let firstYear { formation.firstYear = firstYear }
    let parameters = options.parameters
    let found: (cases: [FormationCase], recommender: [(year: Int, focus: Int, hits: Int)])
    do {
      found = try options.timed("cases") {
        try FormationBacktest.cases(
          network, years: testYears, options: formation, parameters: parameters, recommenderPicks: recommender ? 5 : 0, threads: options.threads)
      }
    } catch let error as LogisticFitError {
      throw DataError("backtest formation: \(error)")
    }
    var result = FormationBacktest.evaluate(
      found.cases, recommender: found.recommender, years: testYears, horizon: formation.horizon, resamples: resamples, seed: parameters.seed)
    if !noAccession {
      do {
        let accessions = try options.timed("accessions") {
          try FormationBacktest.accessionCases(network, years: testYears, options: formation, disputeWindow: options.disputeWindow)
        }
        result.accessionAUC = FormationBacktest.rankAUC(accessions.map(\.score), accessions.map(\.hit))
        result.accessionCases = accessions.count
      } catch {
        throw DataError("backtest formation: accession model: \(error)")
      }
    }
    var report = AnalysisReport(dataset: network.metadata.name, year: nil, parameters: parameters)
    var summary = ResultTable(
      key: "rules", title: "Ranking rules on the same cases (95% intervals, bootstrap over \(result.foci) nations)",
      columns: ["rule", "precision_at_5", "p5_low", "p5_high", "precision_at_10", "p10_low", "p10_high", "auc", "auc_low", "auc_high"])
    for s in result.scores {
      summary.add([
        .text(s.rule), .number(s.precisionAt5.value), .number(s.precisionAt5.low), .number(s.precisionAt5.high), .number(s.precisionAt10.value),
        .number(s.precisionAt10.low), .number(s.precisionAt10.high), .number(s.auc.value), .number(s.auc.low), .number(s.auc.high),
      ])
    }
    var calibration = ResultTable(key: "calibration", title: "Calibration of p_form by decile", columns: ["decile", "mean_p_form", "hit_rate", "cases"])
    for (d, c) in result.calibration.enumerated() { calibration.add([.int(d + 1), .number(c.meanP), .number(c.rate), .int(c.count)]) }
    var byYear = ResultTable(key: "by_year", title: "By test year (p_form)", columns: ["year", "cases", "hits", "auc", "precision_at_5"])
    for y in result.byYear { byYear.add([.int(y.year), .int(y.cases), .int(y.hits), .number(y.auc), .number(y.precisionAt5)]) }
    report.tables = [summary, calibration, byYear]
    report.scalars = [
      ("test_years", .list(testYears.map(String.init))), ("horizon", .int(result.horizon)), ("cases", .int(result.cases)),
      ("hits", .int(result.hits)), ("hit_rate", .number(result.cases > 0 ? Double(result.hits) / Double(result.cases) : .nan)),
      ("foci", .int(result.foci)), ("brier", .number(result.brier)),
    ]
    // The pooled values the issue names, top level.
    func score(_ rule: String) -> RankingScore? { result.scores.first { $0.rule == rule } }
    report.scalars += [
      ("precision_at_5", .number(score("p_form")?.precisionAt5.value ?? .nan)), ("precision_at_10", .number(score("p_form")?.precisionAt10.value ?? .nan)),
      ("auc", .number(score("p_form")?.auc.value ?? .nan)), ("pr_auc", .number(result.prAUC)),
      ("baseline_nearest_precision_at_5", .number(score("nearest_capitals")?.precisionAt5.value ?? .nan)),
      ("baseline_random_precision_at_5", .number(score("random")?.precisionAt5.value ?? .nan)),
      ("baseline_distance_auc", .number(score("distance_contiguity_logit")?.auc.value ?? .nan)),
      ("accession_auc", .number(result.accessionAUC ?? .nan)), ("accession_cases", .int(result.accessionCases)),
    ]
    if let r = result.recommenderPrecisionAt5 {
      report.scalars += [("recommender_precision_at_5", .number(r.value)), ("recommender_p5_low", .number(r.low)), ("recommender_p5_high", .number(r.high))]
    }
    let title = "Formation backtest, \(network.metadata.title): test years \(testYears.map(String.init).joined(separator: ", "))"
    if let note = try plot.write(plot.plot == nil ? [] : BacktestCharts.formation(result), title: title) { report.notes.append(note) }
    emit(try report.render(options.output))
  }
}
